import { type Context, FutureBase, type Pending, PENDING } from './future.js';

/** A future that is ready with `value` on its first poll. */
export class Ready<T> extends FutureBase<T> {
  constructor(private readonly value: T) {
    super();
  }
  poll(_cx: Context): T {
    return this.$ready(this.value);
  }
}

/** A future that never finishes (until cancelled). */
export class Never extends FutureBase<never> {
  poll(_cx: Context): Pending {
    return PENDING;
  }
}

export function ready<T>(value: T): FutureBase<T> {
  return new Ready(value);
}

export function pending(): FutureBase<never> {
  return new Never();
}
