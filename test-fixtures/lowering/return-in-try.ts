// `return promise` inside try does not catch its rejection natively (the promise is adopted
// after the try is left); `return await promise` does. Also return values crossing finally.
import { failLater, later } from './_support';

async function returnWithoutAwait(log: string[]) {
  try {
    return failLater(new Error('not caught here'));
  } catch {
    log.push('caught inside (wrong)');
    return 'recovered';
  } finally {
    log.push('finally ran');
  }
}

async function returnWithAwait(log: string[]) {
  try {
    return await failLater(new Error('caught here'));
  } catch (e) {
    log.push(`caught inside ${(e as Error).message}`);
    return 'recovered';
  }
}

async function returnValueIsComputedBeforeFinally(log: string[]) {
  let x = 'before';
  try {
    return x;
  } finally {
    x = 'after';
    await later(0);
    log.push(`finally changed x to ${x}`);
  }
}

export async function main(log: string[]) {
  try {
    log.push(`without await: ${await returnWithoutAwait(log)}`);
  } catch (e) {
    log.push(`rejected outside: ${(e as Error).message}`);
  }
  log.push(`with await: ${await returnWithAwait(log)}`);
  log.push(`value: ${await returnValueIsComputedBeforeFinally(log)}`);
  return 'ok';
}
