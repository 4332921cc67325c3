// timeout(future, ms): the inner future, or TimeoutError once the deadline passes, in which
// case the inner future is cancelled (its finally blocks run).
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { pollSlot } from '../future/machine.js';
import { dropChild } from '../combinators/child.js';
import { abortScope, enterScope, leaveScope } from '../task/signal.js';
import type { Awaitable, Runtime } from '../scheduler/runtime.js';
import { bindDriver } from './bind.js';
import { own } from '../task/task.js';
import type { TimerDriver } from './driver.js';
import type { TimerEntry } from './wheel.js';

export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

export class Timeout<T> extends FutureBase<T> implements TimerEntry {
  $when = 0;
  $prev: TimerEntry | null = null;
  $next: TimerEntry | null = null;
  $level = -1;
  $slot = 0;
  /** The inner future (a pollSlot slot). */
  $aw: unknown;
  private driver: TimerDriver | null = null;
  private waker: Waker | null = null;
  private expired = false;

  constructor(
    inner: Awaitable<T>,
    private readonly ms: number,
    private readonly runtime: Runtime | undefined,
  ) {
    super();
    this.$aw = own(inner); // the promise of a lowered call is owned: it stops when the time is up
  }

  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    if (this.driver === null) {
      const d = (this.driver = bindDriver(this.runtime, cx));
      const now = d.now();
      const deadline = now + this.ms;
      if (deadline <= now) this.expired = true;
      else {
        this.$when = d.tickOf(deadline);
        if (!d.insert(this)) this.expired = true;
      }
    }
    let r: unknown;
    const outer = enterScope(this); // currentSignal() in the inner future is this timeout's
    try {
      r = pollSlot(this, cx); // the inner future first, as Tokio: a ready result beats the timer
    } catch (e) {
      this.release();
      throw this.$fail(e);
    } finally {
      leaveScope(outer);
    }
    if (r !== PENDING) {
      this.release();
      return this.$ready(r as T);
    }
    if (this.expired) {
      const inner = this.$aw;
      this.$aw = undefined;
      const error = new TimeoutError(this.ms);
      abortScope(this, error); // the host operations first, then the inner future's finally blocks
      dropChild(inner);
      throw this.$fail(error);
    }
    this.waker = cx.waker;
    return PENDING;
  }

  $fire(): void {
    this.expired = true;
    const w = this.waker;
    this.waker = null;
    if (w !== null) w.wake();
  }

  private release(): void {
    this.waker = null;
    if (this.driver !== null) this.driver.remove(this);
  }

  protected override $onCancel(): void {
    this.release();
    const inner = this.$aw;
    this.$aw = undefined;
    abortScope(this);
    dropChild(inner); // NEW: never polled, still ours to drop
  }
}

/**
 * Run `future` with a deadline `ms` after the first poll. On expiry the inner future is
 * cancelled (its finally blocks run) and the timeout fails with `TimeoutError`.
 */
export function timeout<T>(future: Awaitable<T>, ms: number, runtime?: Runtime): Timeout<T> {
  return new Timeout(future, ms, runtime);
}
