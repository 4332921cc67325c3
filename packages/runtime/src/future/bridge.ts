// The promise bridge (ABI.md, step 5 of awaitStep): one `then` registration per await of a
// foreign thenable, waking whichever task polled the bridge last.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, type Waker } from './future.js';
import { queueJob } from '../scheduler/host.js';

const WAITING = 0;
const FULFILLED = 1;
const REJECTED = 2;

const promiseThen = Promise.prototype.then;

/**
 * A reaction pair for native promises, reused by await after await: a native `then` calls
 * exactly one of its callbacks exactly once, so the pair needs no guard, and once it has run it
 * can serve the next await. It serves one registration at a time: `bridge` is set from the
 * `then` until the reaction runs (even if that bridge was cancelled meanwhile), then the pair
 * goes back to the spares.
 */
class Reactions {
  bridge: PromiseBridge<unknown> | null = null;
  readonly ful = (v: unknown): void => this.fire(FULFILLED, v);
  readonly rej = (e: unknown): void => this.fire(REJECTED, e);
  private fire(outcome: number, result: unknown): void {
    const b = this.bridge!;
    this.bridge = null;
    // Free before the task resumes: it may await another promise at once.
    if (spares.length < MAX_SPARES) spares.push(this);
    b.$settle(outcome, result, true);
  }
}
/** Pairs whose reaction ran; as many as were pending at once, up to MAX_SPARES. */
const spares: Reactions[] = [];
const MAX_SPARES = 1024;

export class PromiseBridge<T> extends FutureBase<T> {
  declare private waker: Waker | null;
  declare private outcome: number;
  declare private result: unknown;

  /**
   * `then` is read once by the caller, as native `await` reads it once. `inJob`: call it in a
   * microtask even for a native promise (AdoptionBridge).
   */
  constructor(thenable: PromiseLike<T>, then: PromiseLike<T>['then'], inJob = false) {
    super();
    this.$st = 1; // POLLING from birth: it exists only inside the await that made it
    this.waker = null;
    this.outcome = WAITING;
    this.result = undefined;
    // Native `await` calls a foreign thenable's `then` in a job (NewPromiseResolveThenableJob);
    // for a native promise the registration is unobservable, so it is made at once.
    if (inJob || !(thenable instanceof Promise)) queueJob(() => this.adopt(thenable, then));
    else if (then !== promiseThen) this.adopt(thenable, then);
    else {
      const r = spares.pop() ?? new Reactions();
      r.bridge = this as PromiseBridge<unknown>;
      try {
        // The value comes as native `await` takes it from a promise: as it is, never re-adopted.
        promiseThen.call(thenable, r.ful, r.rej);
      } catch (e) {
        r.bridge = null; // not a real promise (made with Object.create): `then` rejects the await
        this.$settle(REJECTED, e);
      }
    }
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
          this.$settle(REJECTED, e);
        },
      );
    } catch (e) {
      if (!called) {
        called = true;
        this.$settle(REJECTED, e); // as native await: a throwing `then` rejects
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
        return this.$settle(REJECTED, e);
      }
      if (typeof then === 'function') {
        queueJob(() => this.adopt(v as PromiseLike<unknown>, then as PromiseLike<unknown>['then']));
        return;
      }
    }
    this.$settle(FULFILLED, v);
  }

  /**
   * @internal The thenable settled: in a native promise's reaction (`inReaction`), or in a
   * callback a thenable called, which may run anywhere, even inside the code that resolved it.
   */
  $settle(outcome: number, result: unknown, inReaction = false): void {
    if (this.outcome !== WAITING || this.$st >= DONE_OK) return;
    this.outcome = outcome;
    this.result = result;
    const w = this.waker as (Waker & { $resume?(): void }) | null;
    this.waker = null;
    if (w !== null) this.$wakeWaiter(w, inReaction);
  }

  /**
   * A promise reaction runs with nothing else on the stack: the task may resume right here,
   * as a native await resumes in the reaction job (TaskBase.$resume), with no second hop. A
   * thenable's callback only wakes it, as a resolving function only queues the reaction:
   * resuming there would run the awaiting code inside the caller of that callback.
   */
  protected $wakeWaiter(w: Waker & { $resume?(): void }, inReaction: boolean): void {
    if (inReaction && w.$resume !== undefined) w.$resume();
    else w.wake();
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

/**
 * The thenable an async function returned (`return p`), which its result adopts. Natively the
 * result's promise calls `p.then` in a job of its own (NewPromiseResolveThenableJob), and the
 * reaction resolves that promise, whose own reaction resumes the awaiting caller: so the caller
 * goes on a microtask after `p` settles, and two after it if `p` had settled already. This
 * bridge takes the same turns: `then` in a microtask; when the thenable settles, the call's own
 * task settles the call's promise at once, wherever that is (TaskBase.$resumeAnywhere), but a
 * caller that polls the call as its own await is only woken (it goes on in a microtask).
 */
export class AdoptionBridge<T> extends PromiseBridge<T> {
  constructor(
    thenable: PromiseLike<T>,
    then: PromiseLike<T>['then'],
    private readonly call: unknown,
  ) {
    super(thenable, then, true);
  }
  protected override $wakeWaiter(w: Waker & { $resumeAnywhere?(): void }): void {
    if (w === this.call && w.$resumeAnywhere !== undefined) w.$resumeAnywhere();
    else w.wake();
  }
}

/** A future for any promise or thenable: the bridge, for use with combinators. */
export function fromPromise<T>(p: PromiseLike<T>): FutureBase<T> {
  return new PromiseBridge(p, p.then);
}
