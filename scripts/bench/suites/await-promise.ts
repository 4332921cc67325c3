// await of a native promise that is already resolved (one reaction job each), n times: the
// cost of one await of a native promise (scripts/bench/alloc.mjs await-promise 200000).
export async function main(_env: unknown, n: number): Promise<number> {
  let s = 0;
  const p = Promise.resolve(1);
  for (let i = 0; i < n; i++) s += await p;
  return s;
}
