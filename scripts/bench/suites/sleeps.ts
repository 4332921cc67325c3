// N concurrent sleeps: memory per sleeping task, the time to start them all (setupMs), and
// how long after the last one's deadline the whole set has been joined (lateMs: firing the
// timers, waking and finishing the tasks, joining them).
interface Env {
  spawn<T>(f: PromiseLike<T>): PromiseLike<T>;
  sleep(ms: number): PromiseLike<void>;
  io: { immediate(): PromiseLike<void> };
  measure: { now(): number; gc(): void; heapUsed(): number };
}
async function sleeper(env: Env, ms: number, i: number): Promise<number> {
  await env.sleep(ms);
  return i & 1;
}

export async function main(env: Env, n: number) {
  // Long enough that every task is asleep before the first wakes (memory is read then).
  const SLEEP_MS = Math.max(1000, n / 100);
  const handles: PromiseLike<number>[] = new Array(n);
  env.measure.gc();
  const before = env.measure.heapUsed();
  const t0 = env.measure.now();
  for (let i = 0; i < n; i++) handles[i] = env.spawn(sleeper(env, SLEEP_MS, i));
  await env.io.immediate(); // every task has polled its sleep once
  const setupMs = env.measure.now() - t0;
  env.measure.gc();
  const parked = env.measure.heapUsed();
  const measuredAt = env.measure.now() - t0;
  if (measuredAt > SLEEP_MS) throw new Error(`memory read after ${measuredAt} ms, past the ${SLEEP_MS} ms sleep`);
  let s = 0;
  for (let i = 0; i < n; i++) s += await handles[i];
  const totalMs = env.measure.now() - t0;
  return { checksum: s, metrics: { bytesPerTask: (parked - before) / n, setupMs, lateMs: totalMs - setupMs - SLEEP_MS, totalMs } };
}
