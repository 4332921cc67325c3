// Spawning N tasks that finish at once, then joining them all.
interface Env {
  spawn<T>(f: PromiseLike<T>): PromiseLike<T>;
  measure: { now(): number };
}

async function task(i: number): Promise<number> {
  return i & 3;
}

export async function main(env: Env, n: number) {
  const hs: PromiseLike<number>[] = new Array(n);
  for (let i = 0; i < n; i++) hs[i] = env.spawn(task(i));
  let s = 0;
  for (let i = 0; i < n; i++) s += await hs[i];
  return s;
}
