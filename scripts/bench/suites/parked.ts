// N tasks parked on one event: memory per pending task, then the time to drain them all.
interface Env {
  spawn<T>(f: PromiseLike<T>): PromiseLike<T>;
  event(): { wait(): PromiseLike<void>; set(): void };
  io: { immediate(): PromiseLike<void> };
  measure: { now(): number; gc(): void; heapUsed(): number };
}

async function waiter(ev: { wait(): PromiseLike<void> }, i: number): Promise<number> {
  await ev.wait();
  return i & 1;
}

export async function main(env: Env, n: number) {
  const ev = env.event();
  const handles: PromiseLike<number>[] = new Array(n);
  env.measure.gc();
  const before = env.measure.heapUsed();
  for (let i = 0; i < n; i++) handles[i] = env.spawn(waiter(ev, i));
  await env.io.immediate(); // every task has run to its await and parked
  await env.io.immediate();
  env.measure.gc();
  const parked = env.measure.heapUsed();
  const t0 = env.measure.now();
  ev.set();
  let s = 0;
  for (let i = 0; i < n; i++) s += await handles[i];
  const drainMs = env.measure.now() - t0;
  return { checksum: s, metrics: { bytesPerTask: (parked - before) / n, drainMs } };
}
