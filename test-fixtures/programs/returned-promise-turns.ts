// An async function that returns a promise (or another thenable) settles its own promise as
// native code does: the result calls `then` in a job of its own, and its reaction settles the
// call, so an awaiting caller goes on one microtask after the returned promise settles (two if
// it had settled already). Found by p-queue's tests: add() returns `new Promise(...)` that a job
// resolves, and the job's `finally` queues a microtask that updates `queue.pending`, which the
// test reads right after `await queue.add(...)`.
let tick = 0;
function countTurns(): void {
  tick = 0;
  let p = Promise.resolve();
  for (let i = 1; i <= 20; i++) p = p.then(() => void tick++);
}
const gap = (): Promise<void> => new Promise((r) => setTimeout(r, 2));

class Queue {
  pending = 0;
  async add(job: () => string): Promise<string> {
    return new Promise<string>((resolve) => {
      this.pending++;
      setTimeout(() => {
        try {
          resolve(job());
        } finally {
          queueMicrotask(() => this.pending--);
        }
      }, 1);
    });
  }
}

async function settled(): Promise<number> {
  return Promise.resolve(1);
}
async function foreign(): Promise<number> {
  return { then: (r: (v: number) => void) => r(2) } as unknown as Promise<number>;
}
async function later(): Promise<number> {
  return new Promise((r) =>
    setTimeout(() => {
      r(4);
      countTurns();
    }, 1),
  );
}
async function failing(): Promise<number> {
  return Promise.reject(new Error('no'));
}

// A thenable that calls back from a timer: the awaiting code goes on in a microtask, never inside
// the callback's caller; a call that returned the thenable settles its promise right there.
function thenable(): { resolve: (v: number) => void; then(r: (v: number) => void): void } {
  const t = { resolve: (_: number) => {}, then: (r: (v: number) => void) => void (t.resolve = r) };
  return t;
}
async function callbacks(): Promise<string> {
  const log: string[] = [];
  const t = thenable();
  const u = thenable();
  const awaited = (async () => log.push(`awaited ${await (t as unknown as Promise<number>)}`))();
  const returned = (async () => u as unknown as Promise<number>)().then((v) => log.push(`returned ${v}`));
  await new Promise<void>((r) =>
    setTimeout(() => {
      t.resolve(1);
      log.push('after t');
      u.resolve(2);
      log.push('after u');
      queueMicrotask(() => log.push('microtask'));
      r();
    }, 1),
  );
  await Promise.all([awaited, returned]);
  return log.join(' ');
}

// The same, resolved by another async function's code: the returned call settles inside the
// resolver's call, so its awaiters go on before the resolver's next await does.
async function resolvedByTask(): Promise<string> {
  const log: string[] = [];
  const u = thenable();
  const returned = (async () => u as unknown as Promise<number>)();
  const viaThen = returned.then((v) => log.push(`then ${v}`));
  const awaiting = (async () => log.push(`awaited ${await returned}`))();
  await (async () => {
    await Promise.resolve();
    u.resolve(3);
    log.push('resolved');
    await Promise.resolve();
    log.push('resolver goes on');
  })();
  await Promise.all([viaThen, awaiting]);
  return log.join(' ');
}

async function main(): Promise<void> {
  const out: string[] = [];
  out.push(await callbacks());
  out.push(await resolvedByTask());
  const q = new Queue();
  const got = await q.add(() => 'job');
  out.push(`${got}: pending ${q.pending}`);
  await gap(); countTurns(); await settled(); out.push(`settled ${tick}`);
  await gap(); countTurns(); await foreign(); out.push(`foreign ${tick}`);
  await gap(); await later(); out.push(`later ${tick}`);
  await gap(); countTurns(); await failing().catch(() => {}); out.push(`failing ${tick}`);
  await gap(); countTurns(); const p = settled(); await p; out.push(`unawaited ${tick}`);
  await gap(); countTurns(); await Promise.all([settled(), foreign()]); out.push(`all ${tick}`);
  await gap(); countTurns();
  try {
    await failing();
  } catch {
    out.push(`caught ${tick}`);
  }
  console.log(out.join(', '));
}

main();
