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
    // Native `await` calls a foreign thenable's `then` in a job (NewPromiseResolveThenableJob);
    // for a native promise the registration is unobservable, so it is made at once.
    if (thenable instanceof Promise) this.adopt(thenable, then);
    else queueMicrotask(() => this.adopt(thenable, then));
  }

  /** Subscribe to a thenable with a fresh pair of resolving functions (ECMA-262 27.2.1.3). */
  private adopt(thenable: PromiseLike<unknown>, then: PromiseLike<unknown>['then']): void {
    let called = false; // a thenable may call its callbacks more than once, or both
    try {
      then.call(
        thenable,
        (v: unknown) => {
          if (called) return;
          called = true;
          this.resolveWith(v);
        },
        (e: unknown) => {
          if (called) return;
          called = true;
          this.settle(REJECTED, e);
        },
      );
    } catch (e) {
      if (!called) {
        called = true;
        this.settle(REJECTED, e); // as native await: a throwing `then` rejects
      }
    }
  }

  /** A thenable resolved with another thenable adopts that one's state, as promises do. */
  private resolveWith(v: unknown): void {
    if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
      let then: unknown;
      try {
        then = (v as PromiseLike<unknown>).then;
      } catch (e) {
        return this.settle(REJECTED, e);
      }
      if (typeof then === 'function') {
        queueMicrotask(() => this.adopt(v as PromiseLike<unknown>, then as PromiseLike<unknown>['then']));
        return;
      }
    }
    this.settle(FULFILLED, v);
  }

  private settle(outcome: number, result: unknown): void {
    if (this.outcome !== WAITING || this.$st >= DONE_OK) return;
    this.outcome = outcome;
    this.result = result;
    const w = this.waker as (Waker & { $resume?(): void }) | null;
    this.waker = null;
    // A promise reaction runs with nothing else on the stack: the task may resume right here,
    // as a native await resumes in the reaction job (TaskBase.$resume), with no second hop.
    if (w !== null) {
      if (w.$resume !== undefined) w.$resume();
      else w.wake();
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
