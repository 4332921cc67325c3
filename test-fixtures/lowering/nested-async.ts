// Async functions calling, nesting and recursing into async functions.
import { later } from './_support';

async function fib(n: number): Promise<number> {
  if (n < 2) return n;
  return (await fib(n - 1)) + (await fib(n - 2));
}

async function outer(log: string[]) {
  async function inner(x: number) {
    await later(0);
    log.push(`inner ${x}`);
    return x * 2;
  }
  const arrow = async (y: number) => (await inner(y)) + 1;
  const expr = async function named(z: number): Promise<number> {
    return z <= 0 ? 0 : 1 + (await named(z - 1));
  };
  return (await inner(1)) + (await arrow(2)) + (await expr(3));
}

export async function main(log: string[]) {
  log.push(`fib ${await fib(15)}`);
  log.push(`outer ${await outer(log)}`);
  const results = await Promise.all([1, 2, 3].map(async (n) => (await later(n)) * 10));
  log.push(`all ${results.join(',')}`);
  const concise = async () => later('concise');
  log.push(`concise ${await concise()}`);
  const iife = await (async () => {
    await later(0);
    return 'iife';
  })();
  log.push(iife);
  return fib.name;
}
