// What an async function returns: nothing, a value, a promise or thenable (adopted), and
// awaiting the same future twice.
import { failLater, later, thenable } from './_support';

async function nothing(): Promise<void> {
  await later(0);
}

async function returnsPromise() {
  await later(0);
  return later('adopted');
}

async function returnsRejection() {
  return failLater(new Error('adopted rejection'));
}

async function returnsThenable(log: string[]) {
  return thenable('thenable result', log);
}

async function once(log: string[]) {
  log.push('once body runs');
  await later(0);
  return 'once';
}

export async function main(log: string[]) {
  log.push(`nothing ${await nothing()}`);
  log.push(`promise ${await returnsPromise()}`);
  try {
    await returnsRejection();
  } catch (e) {
    log.push(`rejection ${(e as Error).message}`);
  }
  log.push(`thenable ${await returnsThenable(log)}`);
  const f = once(log);
  log.push(`twice ${await f} ${await f}`);
  const arrowReturn = await (async () => ({ object: 'literal' }))();
  log.push(JSON.stringify(arrowReturn));
  return undefined;
}
