// Many calls awaiting one shared call that is still pending (a memoised `init()`, a connection
// being opened): each registers on it, and all go on when it settles.
interface Env {
  io: { immediate(): PromiseLike<void> };
}

async function init(env: Env): Promise<number> {
  await env.io.immediate();
  return 1;
}

async function user(ready: Promise<number>, i: number): Promise<number> {
  return (await ready) + (i & 7);
}

export async function main(env: Env, n: number): Promise<number> {
  const ready = init(env);
  const ps: Promise<number>[] = new Array(n);
  for (let i = 0; i < n; i++) ps[i] = user(ready, i);
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + (await ps[i]!)) | 0;
  return s;
}
