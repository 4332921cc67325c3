// Calls not awaited where they are made: `Promise.all(xs.map(f))`, 100 calls per batch. Each
// call looks its item up in a cache; one item in 16 misses and waits for setImmediate (a real
// host turn), so every batch has calls that finish at once and calls that suspend.
interface Env {
  io: { immediate(): PromiseLike<void> };
}

let env: Env;
const cache = new Map<number, number>();

async function lookup(x: number): Promise<number> {
  const hit = cache.get(x);
  if (hit !== undefined) return hit;
  await env.io.immediate();
  const v = (x * 7) & 255;
  if ((x & 15) !== 0) cache.set(x, v); // every 16th item always misses
  return v;
}

async function item(x: number): Promise<number> {
  const v = await lookup(x);
  return v + 1;
}

export async function main(e: Env, n: number): Promise<number> {
  env = e;
  const xs = Array.from({ length: 100 }, (_, i) => i);
  let s = 0;
  for (let b = 0; b < n / 100; b++) {
    const ys = await Promise.all(xs.map(item));
    s = (s + ys[b % 100]!) | 0;
  }
  return s;
}
