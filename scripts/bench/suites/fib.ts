// Async recursion where every await meets a value that is already there.
export async function fib(n: number): Promise<number> {
  if (n < 2) return n;
  return (await fib(n - 1)) + (await fib(n - 2));
}

export async function main(_env: unknown, n: number): Promise<number> {
  return await fib(n);
}
