// Sync generators and iterators driven across awaits: the iterator is kept between states
// and closed (its finally runs) when the loop is left by break, return or throw.
import { later } from './_support';

function* numbers(log: string[]) {
  try {
    for (let i = 0; ; i++) yield i;
  } finally {
    log.push('generator closed');
  }
}

async function firstAbove(log: string[], limit: number) {
  for (const n of numbers(log)) {
    if ((await later(n)) > limit) return n;
  }
  return -1;
}

export async function main(log: string[]) {
  let sum = 0;
  for (const n of numbers(log)) {
    sum += await later(n);
    if (n === 3) break;
  }
  log.push(`sum ${sum}`);
  log.push(`first above ${await firstAbove(log, 2)}`);
  try {
    for (const n of numbers(log)) {
      await later(0);
      if (n === 1) throw new Error('thrown in loop');
    }
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  const it = numbers(log);
  log.push(`manual ${it.next().value} ${await later(it.next().value)} ${it.next().value}`);
  it.return(undefined);
  const [a, b, ...rest] = await later(new Set([1, 2, 3, 4]));
  log.push(`spread set ${a} ${b} ${rest.join(',')}`);
  const map = new Map([['k', await later('v')]]);
  for (const [k, v] of map) log.push(`map ${k}=${v} ${await later('!')}`);
  return sum;
}
