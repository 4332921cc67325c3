// Errors and rejections: thrown before the first await (still a rejection), after an await,
// from a nested lowered call, as non-Error values; an uncaught one ends main.
import { failLater, later } from './_support';

async function throwsEarly(): Promise<never> {
  throw new Error('early');
}

async function throwsLate(): Promise<never> {
  await later(0);
  throw new TypeError('late');
}

async function nested(depth: number): Promise<number> {
  if (depth === 0) throw new RangeError('bottom');
  await later(0);
  return nested(depth - 1);
}

export async function main(log: string[]) {
  const p = throwsEarly();
  log.push('no synchronous throw');
  try {
    await p;
  } catch (e) {
    log.push(`early ${(e as Error).message}`);
  }
  try {
    await throwsLate();
  } catch (e) {
    log.push(`late ${(e as Error).name}`);
  }
  try {
    await nested(3);
  } catch (e) {
    log.push(`nested ${(e as Error).name} ${(e as Error).message}`);
  }
  for (const value of [42, 'str', null, undefined, { custom: true }]) {
    try {
      await failLater(value);
    } catch (e) {
      log.push(`rejected with ${JSON.stringify(e) ?? 'undefined'}`);
    }
  }
  const same = new Error('same object');
  try {
    await (async () => {
      await later(0);
      throw same;
    })();
  } catch (e) {
    log.push(`identity kept ${e === same}`);
  }
  const settled = await Promise.allSettled([throwsLate(), later('fine')]);
  log.push(settled.map((s) => s.status).join(','));
  await later(0);
  throw new SyntaxError('uncaught at the end');
}
