// Source-map fixture: the error is thrown on a known line after several awaits, from a
// statement the lowering moves into a later state of the poll function.
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export async function main(): Promise<string> {
  let total = 0;
  for (let i = 0; i < 3; i++) {
    await tick();
    total += i;
  }
  if (total === 3) {
    throw new Error(`thrown at line 12 (total ${total})`);
  }
  return 'unreachable';
}
