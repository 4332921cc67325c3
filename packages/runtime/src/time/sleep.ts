// sleep / sleepUntil: a leaf future that is its own timer-wheel entry (no allocation beyond
// the future). The deadline is fixed at the first poll: see docs/time.md.
import { type Context, DONE_OK, FutureBase, FutureError, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import type { Runtime } from '../scheduler/runtime.js';
import { bindDriver } from './bind.js';
import type { TimerDriver } from './driver.js';
import type { TimerEntry } from './wheel.js';

export class Sleep extends FutureBase<void> implements TimerEntry {
  $when = 0;
  $prev: TimerEntry | null = null;
  $next: TimerEntry | null = null;
  $level = -1;
  $slot = 0;
  private waker: Waker | null = null;
  private driver: TimerDriver | null = null;
  private fired = false;
  /** Clock time at which it completes; NaN until the first poll fixes it (sleep). */
  deadline: number;

  /** `ms` relative to the first poll, or an absolute `deadline` on the runtime's clock. */
  constructor(
    private ms: number,
    absolute: number,
    private readonly runtime: Runtime | undefined,
  ) {
    super();
    this.deadline = absolute;
  }

  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    if (this.fired) return this.$ready(undefined);
    let d = this.driver;
    if (d === null) {
      d = this.driver = bindDriver(this.runtime, cx);
      const now = d.now();
      const deadline = this.deadline !== this.deadline ? now + this.ms : this.deadline;
      this.deadline = deadline;
      if (deadline <= now) return this.$ready(undefined);
      this.$when = d.tickOf(deadline);
      if (!d.insert(this)) return this.$ready(undefined);
    }
    this.waker = cx.waker; // the latest waker wins
    return PENDING;
  }

  /**
   * Move the deadline to `ms` from now (tokio's `Sleep::reset`), e.g. an idle timeout pushed
   * back on every message. Before the first poll it replaces the duration. The task waiting
   * on the sleep keeps waiting, for the new deadline. A finished sleep cannot be reset.
   */
  reset(ms: number): void {
    this.resetTo(NaN, ms);
  }

  /** As `reset`, to an absolute time on the runtime's clock. */
  resetAt(deadline: number): void {
    this.resetTo(deadline, 0);
  }

  private resetTo(absolute: number, ms: number): void {
    if (this.$st >= DONE_OK) throw new FutureError('reset() of a finished sleep');
    const d = this.driver;
    if (d === null) {
      this.ms = ms;
      this.deadline = absolute;
      return;
    }
    d.remove(this);
    this.fired = false;
    const now = d.now();
    const deadline = absolute !== absolute ? now + ms : absolute;
    this.deadline = deadline;
    this.$when = d.tickOf(deadline);
    if (deadline <= now || !d.insert(this)) this.$fire(); // due already: done at the next poll
  }

  $fire(): void {
    this.fired = true;
    const w = this.waker;
    this.waker = null;
    if (w !== null) w.wake();
  }

  protected override $onCancel(): void {
    this.waker = null;
    if (this.driver !== null) this.driver.remove(this);
  }
}

/**
 * A future that completes `ms` milliseconds after its first poll, on the clock of the
 * runtime that polls it (or `runtime`). `ms <= 0` completes on the first poll.
 */
export function sleep(ms: number, runtime?: Runtime): Sleep {
  return new Sleep(ms, NaN, runtime);
}

/** A future that completes when the runtime's clock (`runtime.now()`) reaches `deadline`. */
export function sleepUntil(deadline: number, runtime?: Runtime): Sleep {
  return new Sleep(0, deadline, runtime);
}
