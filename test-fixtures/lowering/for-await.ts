// for await...of over async iterables and over sync iterables of promises; leaving the loop
// early (break, return, throw) calls the iterator's return().
import { asyncRange, failLater, later } from './_support';

async function firstOver(log: string[], limit: number) {
  for await (const v of asyncRange(10, log)) {
    if (v > limit) return v;
  }
  return -1;
}

export async function main(log: string[]) {
  for await (const v of asyncRange(3, log, 1)) log.push(`value ${v}`);
  for await (const v of [later('a'), 'b', Promise.resolve('c')]) log.push(`sync source ${v}`);
  for await (const v of asyncRange(5, log)) {
    if (v === 1) continue;
    if (v === 3) break;
    log.push(`body ${v}`);
    await later(0);
  }
  log.push(`returned ${await firstOver(log, 1)}`);
  try {
    for await (const v of asyncRange(5, log)) {
      if (v === 2) throw new Error(`stop at ${v}`);
    }
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  let sum = 0;
  for await (const { value } of [{ value: 1 }, { value: 2 }].map((x) => later(x))) sum += value;
  log.push(`destructured sum ${sum}`);
  try {
    for await (const v of [later(1), failLater(new Error('rejected element'), 5)]) log.push(`got ${v}`);
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  return sum;
}
