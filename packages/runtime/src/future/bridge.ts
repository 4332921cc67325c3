// The promise bridge (ABI.md, step 5 of awaitStep): one `then` registration per await of a
// foreign thenable, waking whichever task polled the bridge last.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, type Waker } from './future.js';

const WAITING = 0;
const FULFILLED = 1;
const REJECTED = 2;

export class PromiseBridge<T> extends FutureBase<T> {
  declare private waker: Waker | null;
  declare private outcome: number;
  declare private result: unknown;

  /** `then` is read once by the caller, as native `await` reads it once. */
  constructor(thenable: PromiseLike<T>, then: PromiseLike<T>['then']) {
    super();
    this.$st = 1; // POLLING from birth: it exists only inside the await that made it
    this.waker = null;
    this.outcome = WAITING;
    this.result = undefined;
    const settle = (outcome: number, result: unknown) => {
      if (this.outcome !== WAITING) return; // a thenable may call both callbacks
      this.outcome = outcome;
      this.result = result;
      const w = this.waker;
      this.waker = null;
      if (w !== null) w.wake();
    };
    try {
      then.call(
        thenable,
        (v: T) => settle(FULFILLED, v),
        (e: unknown) => settle(REJECTED, e),
      );
    } catch (e) {
      settle(REJECTED, e); // as native await: a throwing `then` rejects
    }
  }

  poll(cx: Context): T | Pending {
    switch (this.outcome) {
      case FULFILLED:
        return this.$ready(this.result as T);
      case REJECTED:
        throw this.$fail(this.result);
      default:
        if (this.$st >= DONE_OK) return this.$settled(); // cancelled
        this.waker = cx.waker; // the latest waker wins
        return PENDING;
    }
  }

  protected override $onCancel(): void {
    this.waker = null; // the promise cannot be stopped; its result is dropped
  }
}

/** A future for any promise or thenable: the bridge, for use with combinators. */
export function fromPromise<T>(p: PromiseLike<T>): FutureBase<T> {
  return new PromiseBridge(p, p.then);
}
