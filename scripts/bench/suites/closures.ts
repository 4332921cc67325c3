// Making async closures: each round creates a fresh async arrow (capturing the round) and
// awaits one call of it. For the lowered build this is the per-closure cost of its function
// object (the native prototype, its entry) on top of the call.
export async function main(_env: unknown, n: number): Promise<number> {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const add = async (x: number): Promise<number> => x + (i & 7);
    s = (s + (await add(1))) | 0;
  }
  return s;
}
