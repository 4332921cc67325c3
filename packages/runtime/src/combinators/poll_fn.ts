import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion } from '../future/future.js';

/** Completes on its second poll, waking itself on the first: lets other tasks run. */
export class YieldNow extends FutureBase<void> {
  private yielded = false;
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    if (this.yielded) return this.$ready(undefined);
    this.yielded = true;
    cx.waker.wake(); // the task goes to the back of the run queue
    return PENDING;
  }
}

/** Yield to the other tasks of the runtime once (tokio::task::yield_now). */
export function yieldNow(): YieldNow {
  return new YieldNow();
}

export class PollFn<T> extends FutureBase<T> {
  constructor(private readonly fn: (cx: Context) => T | Pending) {
    super();
  }
  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: T | Pending;
    try {
      r = this.fn(cx);
    } catch (e) {
      throw this.$fail(e);
    }
    return r === PENDING ? r : this.$ready(r);
  }
}

/** A future whose poll is `fn` (futures::future::poll_fn). */
export function pollFn<R>(fn: (cx: Context) => R): PollFn<Exclude<R, Pending>> {
  return new PollFn(fn as (cx: Context) => Exclude<R, Pending> | Pending);
}
