// The time driver of one runtime: its clock (real, or virtual while paused), its timing
// wheel, and the single host timer armed for the wheel's next deadline. The host timer is
// cleared whenever no timer is registered, so a process with nothing left to do exits.
import type { TimeDriver } from '../scheduler/runtime.js';
import { queueMacrotask } from '../scheduler/host.js';
import { type TimerEntry, TimingWheel } from './wheel.js';

/** What the driver needs from its runtime. */
export interface DriverHost {
  /** No task is queued or being polled. */
  readonly isIdle: boolean;
}

export interface PauseOptions {
  /** Jump the clock to the next timer whenever the runtime is idle (default true, as Tokio). */
  autoAdvance?: boolean;
}

type HostTimer = unknown;
// Browsers cap setTimeout at 2^31-1 ms; longer delays fire at once, so re-arm in steps.
const MAX_HOST_DELAY = 0x7fffffff;

export class TimerDriver implements TimeDriver {
  readonly wheel = new TimingWheel();
  /** Clock value of tick 0. */
  private readonly origin: number;
  /** Added to performance.now() while running: keeps the clock monotonic across pauses. */
  private offset = 0;
  private pausedAt = -1;
  private autoAdvance = true;
  /** An `advance()` is stepping the clock: auto-advance stands aside. */
  private stepping = false;
  private idleCheckQueued = false;
  private hostTimer: HostTimer = null;
  /** Tick the host timer is armed for; -1 when none is armed. */
  private armedTick = -1;

  constructor(private readonly host: DriverHost) {
    this.origin = Math.floor(performance.now()); // integral, so tick arithmetic stays exact
  }

  get isPaused(): boolean {
    return this.pausedAt >= 0;
  }

  now(): number {
    const p = this.pausedAt;
    return p >= 0 ? p : performance.now() + this.offset;
  }

  /** Ticks elapsed on the clock (a timer due at tick t fires once this reaches t). */
  private nowTick(): number {
    return Math.floor(this.now() - this.origin);
  }

  /** The tick of a clock time, rounded up so that no timer fires early. */
  tickOf(time: number): number {
    return Math.ceil(time - this.origin);
  }

  /** The clock time of a tick. */
  timeOf(tick: number): number {
    return this.origin + tick;
  }

  /** Register `e` (its `$when` set). Returns false if that tick has already passed. */
  insert(e: TimerEntry): boolean {
    const w = this.wheel;
    if (e.$when <= w.elapsed) return false;
    if (e.$when <= this.nowTick()) {
      // Due, but the wheel has not been advanced to it yet: keep the deadline order by
      // firing everything earlier first.
      this.fireExpired();
      if (e.$when <= w.elapsed) return false;
    }
    w.insert(e);
    if (this.pausedAt < 0 && (this.armedTick < 0 || e.$when < this.armedTick)) this.arm(e.$when);
    else if (this.pausedAt >= 0) this.queueIdleCheck();
    return true;
  }

  remove(e: TimerEntry): void {
    if (e.$level < 0) return;
    this.wheel.remove(e);
    if (this.wheel.size === 0) this.disarm();
  }

  /** Fire every timer whose deadline has passed, then re-arm the host timer. */
  fireExpired(): void {
    this.wheel.advanceTo(this.nowTick());
    this.rearm();
  }

  onIdle(): void {
    if (this.pausedAt >= 0) this.queueIdleCheck();
  }

  // --- virtual time -------------------------------------------------------------------------

  pause(options?: PauseOptions): void {
    this.autoAdvance = options?.autoAdvance ?? true;
    if (this.pausedAt >= 0) return;
    // Start the virtual clock on a tick boundary, so whole-ms sleeps end exactly on time.
    this.pausedAt = this.timeOf(Math.max(this.tickOf(this.now()), this.wheel.elapsed));
    this.disarm();
    this.queueIdleCheck();
  }

  resume(): void {
    if (this.pausedAt < 0) return;
    this.offset = this.pausedAt - performance.now();
    this.pausedAt = -1;
    this.fireExpired();
  }

  /**
   * Move the paused clock forward by `ms`, stopping at each timer deadline on the way to
   * fire it and let the woken tasks run (for a bounded number of host turns), so a task
   * woken at t that sleeps again for d is woken at t + d, as in real time.
   * Tasks already queued run first: a sleep's deadline is fixed at its first poll, so a task
   * spawned from inside a poll (queued, not yet polled) must start its sleeps at the time
   * `advance` was called, not after the clock moved past them.
   */
  async advance(ms: number): Promise<void> {
    if (this.pausedAt < 0) throw new Error('advance() needs a paused clock (runtime.pauseTime())');
    if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative duration');
    const target = this.pausedAt + ms;
    this.stepping = true;
    try {
      await this.settle();
      for (;;) {
        const next = this.wheel.nextExpiration();
        const at = next >= 0 ? Math.max(this.timeOf(next), this.pausedAt) : Infinity;
        const last = at > target;
        this.pausedAt = last ? target : at;
        this.wheel.advanceTo(last ? this.nowTick() : Math.max(next, this.nowTick()));
        await this.settle();
        if (last) break;
      }
    } finally {
      this.stepping = false;
    }
    this.queueIdleCheck();
  }

  /** Let the runtime run what the clock just woke: host turns until idle, bounded. */
  private async settle(): Promise<void> {
    for (let i = 0; i < 64; i++) {
      await new Promise<void>((r) => queueMacrotask(r));
      if (this.host.isIdle) return;
    }
  }

  private queueIdleCheck(): void {
    if (this.idleCheckQueued || !this.autoAdvance || this.wheel.size === 0) return;
    this.idleCheckQueued = true;
    // One host turn first: callbacks already due (I/O, promise settlements) run before the
    // clock jumps, so they are not overtaken by a timer far in the future.
    queueMacrotask(this.idleCheck);
  }

  private readonly idleCheck = (): void => {
    this.idleCheckQueued = false;
    if (this.pausedAt < 0 || !this.autoAdvance || this.stepping) return;
    if (!this.host.isIdle) return; // the runtime's drain ends with onIdle(), which re-queues
    const next = this.wheel.nextExpiration();
    if (next < 0) return;
    const at = this.timeOf(next);
    if (at > this.pausedAt) this.pausedAt = at;
    this.wheel.advanceTo(Math.max(next, this.nowTick())); // no float rounding can stall it
    // Nothing woke (a cascade step, or wakers outside this runtime): look again next turn.
    if (this.host.isIdle) this.queueIdleCheck();
  };

  // --- the host timer -----------------------------------------------------------------------

  private rearm(): void {
    if (this.pausedAt >= 0) return;
    const next = this.wheel.nextExpiration();
    if (next < 0) this.disarm();
    else if (this.armedTick < 0 || next < this.armedTick) this.arm(next);
  }

  private arm(tick: number): void {
    if (this.hostTimer !== null) clearTimeout(this.hostTimer as ReturnType<typeof setTimeout>);
    this.armedTick = tick;
    const delay = Math.min(MAX_HOST_DELAY, Math.max(0, Math.ceil(this.timeOf(tick) - this.now())));
    this.hostTimer = setTimeout(this.onHostTimer, delay);
  }

  private disarm(): void {
    if (this.hostTimer !== null) clearTimeout(this.hostTimer as ReturnType<typeof setTimeout>);
    this.hostTimer = null;
    this.armedTick = -1;
  }

  private readonly onHostTimer = (): void => {
    this.hostTimer = null;
    this.armedTick = -1;
    this.fireExpired();
  };

  /** Whether a host timer is armed (for tests of the no-leak guarantee). */
  get hostTimerArmed(): boolean {
    return this.hostTimer !== null;
  }
}
