// The first await of a call its caller does not await yields, even on a ready value, so the
// caller's code after the call runs before the code after the await, as natively. Found by
// running p-map's tests with its source lowered: pMapIterable pushes the promise of an async
// IIFE after the call, and the IIFE, after `await iterator.next()` of a sync iterator, looks it up.
// (Later ready awaits go on at once: each case here has one call running after its first await.)

const log: string[] = [];
const say = (s: string): void => {
  log.push(s);
};

async function init(): Promise<void> {
  say('init');
}

// A lowered callee that finishes at the call, awaited by a call made from outside.
async function main(): Promise<void> {
  await init();
  say('main: after await init()');
}

// Its promise, looked up after the first await (p-map's pMapIterable).
const promises: Promise<number>[] = [];
function spawnOne(i: number): void {
  const promise = (async () => {
    const { value } = await [i][Symbol.iterator]().next();
    say(`iife ${i}: finds itself at ${promises.indexOf(promise)}`);
    return value;
  })();
  promises.push(promise);
}

// A loop: the synchronous part before the first await runs at the call; the loop head does not
// yield.
async function loop(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    say(`loop ${i}`);
    await null;
  }
}

// A chain of awaited calls, each finishing at once: the innermost await is the first one.
async function leaf(): Promise<number> {
  say('leaf');
  return 1;
}
async function middle(): Promise<number> {
  return (await leaf()) + 1;
}
async function top(): Promise<number> {
  const v = await middle();
  say(`top: ${v}`);
  return v;
}

// The first await's operand is a call of a method (no sync-first copy): the call still runs its
// body up to its own first await before the caller's await yields (p-queue: `add()` starts a job
// at once, and the test reads `queue.pending` right after the call that awaits it).
class Counter {
  started = 0;
  async add(tag: string): Promise<string> {
    return new Promise<string>((resolve) => {
      this.started++;
      say(`add ${tag}: started (${this.started})`);
      setTimeout(() => resolve(tag), 0);
    });
  }
}

async function run(): Promise<void> {
  const counter = new Counter();
  const first = (async () => say(`awaited ${await counter.add('a')}`))();
  say(`after the IIFE: ${counter.started} started`);
  const second = counter.add('b');
  say(`after add('b'): ${counter.started} started`);
  await Promise.all([first, second]);

  main();
  say('after main()');
  await new Promise((r) => setTimeout(r, 0));

  spawnOne(0);
  spawnOne(1);
  say('after spawnOne');
  await Promise.all(promises);

  loop();
  say('after loop()');
  await new Promise((r) => setTimeout(r, 0));

  // From a lowered caller that already yielded once: the callee's first await still yields to it.
  const p = top();
  say('after top()');
  await p;

  // Arguments of Promise.all: each call runs up to its first await before the next starts.
  const both = Promise.all([top(), leaf()]);
  say('after Promise.all([top(), leaf()])');
  await both;
}

run().then(() => console.log(log.join('\n')));
