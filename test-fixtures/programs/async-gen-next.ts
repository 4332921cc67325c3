// `next()` of an async generator runs its body at once, on the caller's stack, up to the first
// await or yield, as natively: code after the call sees what the body did. A `throw()` on a
// generator suspended at a yield runs its finally blocks inside the call; a `return()` awaits
// its value first.

const log: string[] = [];
const say = (s: string): void => {
  log.push(s);
};

async function* counter(n: number): AsyncGenerator<number> {
  say('counter: start');
  try {
    for (let i = 0; i < n; i++) {
      say(`counter: yield ${i}`);
      yield i;
      say(`counter: resumed after ${i}`);
    }
  } finally {
    say('counter: finally');
  }
}

async function* waits(): AsyncGenerator<string> {
  say('waits: before await');
  await null;
  say('waits: after await');
  yield 'w';
}

// A generator that calls its own next() while running: the call is queued, natively too.
let self: AsyncGenerator<number> | undefined;
async function* reentrant(): AsyncGenerator<number> {
  say('reentrant: start');
  const p = self!.next();
  say('reentrant: own next() queued');
  yield 1;
  yield 2;
  void p;
}

async function run(): Promise<void> {
  const it = counter(3);
  say('created');
  const first = it.next();
  say('after next()');
  say(`first: ${JSON.stringify(await first)}`);
  const second = it.next();
  say('after second next()');
  await second;
  const ret = it.return(99);
  say('after return()');
  say(`return: ${JSON.stringify(await ret)}`);

  const w = waits();
  const wp = w.next();
  say('after waits.next()');
  say(`waits: ${JSON.stringify(await wp)}`);

  // Two next() calls in a row: the second waits for the first.
  const c = counter(2);
  const a = c.next();
  const b = c.next();
  say('after two next() calls');
  say(`two: ${JSON.stringify(await a)} ${JSON.stringify(await b)}`);

  // throw() into a generator suspended at a yield: its finally runs within the call.
  const t = counter(5);
  await t.next();
  const tp = t.throw(new Error('stop'));
  say('after throw()');
  await tp.catch((e: Error) => say(`throw: ${e.message}`));

  self = reentrant();
  const r1 = self.next();
  say('after reentrant next()');
  say(`reentrant: ${JSON.stringify(await r1)}`);
  say(`reentrant 2: ${JSON.stringify(await self.next())}`);

  // return() awaits its value at the yield first; a rejected one is thrown there.
  const rj = counter(5);
  await rj.next();
  const rjp = rj.return(Promise.reject(new Error('rejected return')) as never);
  say('after return(rejected)');
  await rjp.catch((e: Error) => say(`return(rejected): ${e.message}`));
  const rp = counter(5);
  await rp.next();
  const rpr = rp.return(new Promise((r) => setTimeout(() => r(7), 1)) as never);
  const after = rp.next(); // queued while the return value is awaited: it waits for the return
  say(`return(promise): ${JSON.stringify(await rpr)} then ${JSON.stringify(await after)}`);

  // Native code consuming it with for await.
  for await (const x of counter(2)) say(`for await: ${x}`);
}

run().then(() => console.log(log.join('\n')));
