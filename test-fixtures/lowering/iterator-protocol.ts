// The iterator protocol as yield* and for await drive it, step by step: which of
// Symbol.asyncIterator / Symbol.iterator is read, read once and called on the operand, `next`
// read once and called each step, `done` read before `value`. Every get and call is logged.
import { later } from './_support';

/** An iterable whose protocol steps all log: sync (Symbol.iterator) or async. */
function traced(log: string[], kind: 'sync' | 'async', values: unknown[]) {
  const step = (r: { done: boolean; value?: unknown }) => {
    const result = {
      get done() {
        log.push(`get done ${r.done}`);
        return r.done;
      },
      get value() {
        log.push(`get value ${String(r.value)}`);
        return r.value;
      },
    };
    return kind === 'async' ? Promise.resolve(result) : result;
  };
  const iterator = () => {
    let i = 0;
    return {
      get next() {
        log.push('get next');
        return (arg?: unknown) => {
          log.push(`call next ${String(arg)}`);
          return i < values.length ? step({ done: false, value: values[i++] }) : step({ done: true, value: 'end' });
        };
      },
      get return() {
        log.push('get return');
        return undefined;
      },
    };
  };
  const obj = {
    get [Symbol.asyncIterator]() {
      log.push('get [Symbol.asyncIterator]');
      if (kind !== 'async') return undefined;
      return function (this: unknown) {
        log.push(`call [Symbol.asyncIterator] on obj ${this === obj}`);
        return iterator();
      };
    },
    get [Symbol.iterator]() {
      log.push('get [Symbol.iterator]');
      return function (this: unknown) {
        log.push(`call [Symbol.iterator] on obj ${this === obj}`);
        return iterator();
      };
    },
  };
  return obj;
}

async function* delegate(log: string[], kind: 'sync' | 'async') {
  log.push('before yield*');
  const v: unknown = yield* traced(log, kind, ['a', 'b']);
  log.push(`after yield* ${String(v)}`);
  return 'r';
}

async function drive(log: string[], kind: 'sync' | 'async') {
  const it = delegate(log, kind);
  for (let i = 0; i < 4; i++) {
    const r = await it.next(`arg${i}`);
    log.push(`result ${String(r.value)} ${r.done}`);
  }
}

async function loop(log: string[], kind: 'sync' | 'async') {
  for await (const v of traced(log, kind, ['x', 'y'])) {
    log.push(`body ${String(v)}`);
    await later(0);
  }
}

async function loopBreak(log: string[]) {
  for await (const v of traced(log, 'async', ['p', 'q'])) {
    log.push(`body ${String(v)}`);
    break;
  }
}

export async function main(log: string[]) {
  await drive(log, 'sync');
  await drive(log, 'async');
  await loop(log, 'sync');
  await loop(log, 'async');
  await loopBreak(log);
  await destructure(log);
  await closeOnThrow(log);
  return log.length;
}

/** Array destructuring whose defaults await: `next` read once, called per element. */
export async function destructure(log: string[]) {
  const [a = await later('A'), b = 'B', c = await later('C')] = traced(log, 'sync', [undefined, 'b']) as unknown as string[];
  log.push(`destructured ${a} ${b} ${c}`);
}

/** Leaving a loop by a throw: an error getting (or calling) `return` is dropped, the body's wins. */
export async function closeOnThrow(log: string[]) {
  const iterable = (kind: 'sync' | 'async', failure: 'get' | 'call') => {
    const iterator = {
      next: () => (kind === 'async' ? Promise.resolve({ done: false, value: 1 }) : { done: false, value: 1 }),
      get return() {
        log.push(`get return ${kind} ${failure}`);
        if (failure === 'get') throw new Error('from the return getter');
        return () => {
          throw new Error('from return()');
        };
      },
    };
    return kind === 'async' ? { [Symbol.asyncIterator]: () => iterator } : { [Symbol.iterator]: () => iterator };
  };
  for (const kind of ['sync', 'async'] as const) {
    for (const failure of ['get', 'call'] as const) {
      try {
        for await (const v of iterable(kind, failure) as AsyncIterable<number>) {
          await later(0);
          throw new Error(`from the body ${v}`);
        }
      } catch (e) {
        log.push(`for await ${(e as Error).message}`);
      }
      if (kind === 'async') continue;
      try {
        for (const v of iterable(kind, failure) as Iterable<number>) {
          await later(0);
          throw new Error(`from the body ${v}`);
        }
      } catch (e) {
        log.push(`for of ${(e as Error).message}`);
      }
    }
  }
}
