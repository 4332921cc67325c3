// Shared by the lowering fixtures. Nothing here is async, so it is the same code in the
// native and the lowered build; only the fixtures' own async functions differ.

/** A promise that resolves after a real timer. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `value`, after a timer. */
export function later<T>(value: T, ms = 1): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** A rejection after a timer. */
export function failLater(error: unknown, ms = 1): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

/** Logs `label` when evaluated and returns `value`: makes evaluation order visible. */
export function tracer(log: string[]) {
  return <T>(label: string, value: T): T => {
    log.push(label);
    return value;
  };
}

/** A thenable that is not a Promise, settling on a timer. */
export function thenable<T>(value: T, log: string[]): PromiseLike<T> {
  return {
    then(onFulfilled, onRejected) {
      log.push('then called');
      return later(value).then(onFulfilled, onRejected);
    },
  };
}

/** An async iterable written by hand (no async generator), logging next/return calls. */
export function asyncRange(n: number, log: string[], delayMs = 0): AsyncIterable<number> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next() {
          log.push(`next ${i}`);
          const r = i < n ? { value: i++, done: false } : { value: undefined, done: true as const };
          return delayMs > 0 ? later(r as IteratorResult<number>, delayMs) : Promise.resolve(r as IteratorResult<number>);
        },
        return() {
          log.push('return called');
          return Promise.resolve({ value: undefined, done: true as const });
        },
      };
    },
  };
}
