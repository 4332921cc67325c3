// With no handler, an unobserved failure ends the process with code 1, as natively.
async function boom(): Promise<void> {
  await null;
  throw new Error('nobody awaits this');
}
boom();
console.log('called');
