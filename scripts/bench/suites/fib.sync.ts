export function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

export function main(_env: unknown, n: number): number {
  return fib(n);
}
