// Awaiting odd thenables: resolving synchronously, settling twice, throwing from then
// before or after settling, a `then` getter (read exactly once per await), and a Promise subclass.
import { later } from './_support';

export async function main(log: string[]) {
  const syncThenable = { then: (resolve: (v: string) => void) => resolve('sync') };
  log.push(`sync ${await syncThenable}`);
  const twice = {
    then(resolve: (v: string) => void, reject: (e: unknown) => void) {
      resolve('first');
      resolve('second');
      reject(new Error('ignored'));
    },
  };
  log.push(`twice ${await twice}`);
  const throwsAfter = {
    then(resolve: (v: string) => void) {
      resolve('settled before throw');
      throw new Error('ignored after settling');
    },
  };
  log.push(`throws after ${await throwsAfter}`);
  const throwsBefore = {
    then() {
      throw new Error('then threw');
    },
  };
  try {
    await throwsBefore;
  } catch (e) {
    log.push(`throws before: ${(e as Error).message}`);
  }
  let reads = 0;
  const getter = {
    get then() {
      reads++;
      return (resolve: (v: number) => void) => setTimeout(() => resolve(reads), 1);
    },
  };
  log.push(`getter value ${await getter} reads ${reads}`);
  class MyPromise<T> extends Promise<T> {}
  const sub = new MyPromise<string>((resolve) => setTimeout(() => resolve('subclass'), 1));
  log.push(`${await sub} ${sub instanceof MyPromise}`);
  const nestedThenable = { then: (resolve: (v: unknown) => void) => resolve({ then: (r: (v: string) => void) => r('nested') }) };
  log.push(`nested ${await nestedThenable}`);
  log.push(`rejected thenable ${await { then: (_: unknown, reject: (e: unknown) => void) => reject('no') }.then ? 'has then' : ''}`);
  try {
    await { then: (_: unknown, reject: (e: unknown) => void) => later(0).then(() => reject(new Error('async reject'))) };
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  return reads;
}
