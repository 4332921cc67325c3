// `stored`, with calls that all finish at the call: what a call not awaited where it is made
// costs by itself (a native promise, and for tspoll the frame that ran it).
interface Env {
  io: { immediate(): PromiseLike<void> };
}

let env: Env;

async function f(i: number): Promise<number> {
  if (i < 0) await env.io.immediate();
  return i & 7;
}

async function g(i: number): Promise<number> {
  return (i * 3) & 7;
}

export async function main(e: Env, n: number): Promise<number> {
  env = e;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = f(i);
    const q = g(i);
    s += (await p) + (await q);
  }
  return s;
}
