// A call stored and awaited later: `const p = f(i); const q = g(i); … await p; await q`. Both
// start at the call; one request in 16 waits for setImmediate in f (none in stored-ready.ts).
interface Env {
  io: { immediate(): PromiseLike<void> };
}

let env: Env;
let waits = true;

async function f(i: number): Promise<number> {
  if (waits && (i & 15) === 0) await env.io.immediate();
  return i & 7;
}

async function g(i: number): Promise<number> {
  return (i * 3) & 7;
}

export async function run(e: Env, n: number, wait: boolean): Promise<number> {
  env = e;
  waits = wait;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = f(i);
    const q = g(i);
    s += (await p) + (await q);
  }
  return s;
}

export function main(e: Env, n: number): Promise<number> {
  return run(e, n, true);
}
