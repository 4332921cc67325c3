// interval(): ticks at start + k·period with no drift; one timer-wheel entry, reused by
// every tick.
import { type Context, FutureBase, type Pending, PENDING, polledAfterCompletion, DONE_OK, type Waker } from '../future/future.js';
import type { Runtime } from '../scheduler/runtime.js';
import { bindDriver } from './bind.js';
import type { TimerDriver } from './driver.js';
import type { TimerEntry } from './wheel.js';

/**
 * What to do when ticks were missed (the task was busy, or the host slept):
 * - `burst` (default, as Tokio): deliver every missed tick at once, then continue on the
 *   original schedule start + k·period;
 * - `skip`: deliver one tick now, then continue at the next start + k·period in the future;
 * - `delay`: deliver one tick now, then tick every period from now (the schedule shifts).
 */
export type MissedTickBehavior = 'burst' | 'skip' | 'delay';

export interface IntervalOptions {
  missedTickBehavior?: MissedTickBehavior;
  /** Delay before the first tick (default 0: the first tick completes at once, as Tokio). */
  delay?: number;
  runtime?: Runtime;
}

export class Interval implements TimerEntry {
  $when = 0;
  $prev: TimerEntry | null = null;
  $next: TimerEntry | null = null;
  $level = -1;
  $slot = 0;
  readonly missedTickBehavior: MissedTickBehavior;
  private readonly firstDelay: number;
  private readonly runtime: Runtime | undefined;
  private driver: TimerDriver | null = null;
  private waker: Waker | null = null;
  /** Clock time of the next tick; fixed by the first poll of the first tick. */
  private nextAt = NaN;

  constructor(
    readonly period: number,
    options: IntervalOptions = {},
  ) {
    if (!(period > 0)) throw new RangeError('interval period must be positive');
    this.missedTickBehavior = options.missedTickBehavior ?? 'burst';
    this.firstDelay = options.delay ?? 0;
    this.runtime = options.runtime;
  }

  /** The next tick: completes with its scheduled time (start + k·period for burst/skip). */
  tick(): Tick {
    return new Tick(this);
  }

  /** Poll for the next tick (the body of `Tick.poll`). */
  pollTick(cx: Context): number | Pending {
    let d = this.driver;
    if (d === null) {
      d = this.driver = bindDriver(this.runtime, cx);
      this.nextAt = d.now() + this.firstDelay;
    }
    const at = this.nextAt;
    const now = d.now();
    if (at <= now) {
      if (this.$level >= 0) d.remove(this);
      this.waker = null;
      this.schedule(at, now);
      return at;
    }
    if (this.$level < 0) {
      this.$when = d.tickOf(at);
      if (!d.insert(this)) {
        this.schedule(at, now);
        return at;
      }
    }
    this.waker = cx.waker;
    return PENDING;
  }

  private schedule(at: number, now: number): void {
    const p = this.period;
    switch (this.missedTickBehavior) {
      case 'burst':
        this.nextAt = at + p;
        break;
      case 'delay':
        this.nextAt = now + p;
        break;
      case 'skip':
        this.nextAt = now < at + p ? at + p : at + p * (Math.floor((now - at) / p) + 1);
        break;
    }
  }

  $fire(): void {
    const w = this.waker;
    this.waker = null;
    if (w !== null) w.wake();
  }

  /** A pending tick was cancelled: drop the registration, so an idle interval holds no timer. */
  cancelTick(): void {
    this.waker = null;
    if (this.driver !== null) this.driver.remove(this);
  }
}

/** One tick of an interval. Await one tick at a time. */
export class Tick extends FutureBase<number> {
  constructor(private readonly interval: Interval) {
    super();
  }

  poll(cx: Context): number | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const r = this.interval.pollTick(cx);
    return r === PENDING ? r : this.$ready(r);
  }

  protected override $onCancel(): void {
    this.interval.cancelTick();
  }
}

/** Ticks at start + k·period, where start is the first poll of the first tick. */
export function interval(period: number, options?: IntervalOptions): Interval {
  return new Interval(period, options);
}
