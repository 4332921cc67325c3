// Iterator closing across awaits: an error from the loop body wins over one from return();
// an error from return() surfaces on break; exhausted iterators are not closed.
import { later } from './_support';

function iterable(log: string[], name: string, failOnReturn: boolean): Iterable<number> {
  return {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next: () => ({ value: i++, done: i > 3 }),
        return: () => {
          log.push(`${name} return()`);
          if (failOnReturn) throw new Error(`${name} return failed`);
          return { value: undefined, done: true };
        },
      };
    },
  };
}

function asyncIterable(log: string[], name: string): AsyncIterable<number> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: () => later({ value: i++, done: i > 3 }),
        return: async () => {
          log.push(`${name} async return()`);
          throw new Error(`${name} async return failed`);
        },
      };
    },
  };
}

export async function main(log: string[]) {
  try {
    for (const v of iterable(log, 'a', true)) {
      await later(v);
      throw new Error('body error');
    }
  } catch (e) {
    log.push(`a: ${(e as Error).message}`);
  }
  try {
    for (const v of iterable(log, 'b', true)) {
      await later(v);
      break;
    }
  } catch (e) {
    log.push(`b: ${(e as Error).message}`);
  }
  for (const v of iterable(log, 'c', true)) await later(v);
  log.push('c: exhausted without return()');
  try {
    for await (const v of asyncIterable(log, 'd')) {
      if (v === 1) break;
    }
  } catch (e) {
    log.push(`d: ${(e as Error).message}`);
  }
  try {
    for await (const v of asyncIterable(log, 'e')) {
      if (v === 1) throw new Error('body wins');
    }
  } catch (e) {
    log.push(`e: ${(e as Error).message}`);
  }
  return 'ok';
}
