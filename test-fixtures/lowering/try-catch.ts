// try/catch across awaits, await inside catch, rethrow, nested handlers.
import { failLater, later } from './_support';

export async function main(log: string[]) {
  try {
    log.push('try');
    await failLater(new Error('boom'));
    log.push('unreachable');
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
    const v = await later('in catch');
    log.push(v);
  }
  try {
    try {
      await later(1);
      throw new TypeError('inner');
    } catch (e) {
      log.push(`inner caught ${(e as Error).name}`);
      await later(2);
      throw new RangeError('rethrown');
    }
  } catch (e) {
    log.push(`outer caught ${(e as Error).name}: ${(e as Error).message}`);
  }
  try {
    await later(0);
  } catch {
    log.push('not reached: nothing thrown');
  }
  let count = 0;
  for (let i = 0; i < 3; i++) {
    try {
      if ((await later(i)) % 2 === 0) throw i;
      count += 10;
    } catch (n) {
      count += n as number;
      log.push(`caught ${n}`);
      continue;
    }
    log.push(`no throw ${i}`);
  }
  try {
    await Promise.reject('not an error');
  } catch (e) {
    log.push(`non-error ${typeof e} ${e}`);
  }
  return count;
}
