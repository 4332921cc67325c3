// A fair (FIFO) counting semaphore, after Tokio's batch semaphore. It is the core of Mutex,
// RwLock and the bounded mpsc channel.
//
// Permits are handed to waiters by `release`, head first: the head waiter takes what it still
// needs (partially, if there are not enough), and only permits nobody waits for return to the
// pool. So `permits > 0` implies an empty queue, and a new acquire never overtakes a waiter.
// A waiter that is cancelled gives back whatever it was assigned, which goes to the next one.
import {
  type Context,
  DONE_OK,
  FutureBase,
  type Pending,
  PENDING,
  polledAfterCompletion,
  type Waker,
} from '../future/future.js';
import { AcquireError } from './errors.js';
import { type WaitNode, WaitList } from './wait_list.js';

/** What the semaphore needs of a waiter: the waiter object itself is the queue node. */
export interface SemWaiter extends WaitNode {
  /** Permits wanted. */
  readonly needed: number;
  /** Permits handed over so far. */
  assigned: number;
}

export class Semaphore {
  /** The largest number of permits a semaphore may hold (Tokio: `usize::MAX >> 3`). */
  static readonly MAX_PERMITS = 2 ** 48;
  private permits: number;
  private closedFlag = false;
  /** Queued waiters, FIFO. */
  readonly waiters = new WaitList<SemWaiter>();

  constructor(permits: number) {
    checkCount(permits, 0);
    this.permits = permits;
  }

  /** Permits free right now (0 while anyone waits). */
  get availablePermits(): number {
    return this.permits;
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  /** A future for `n` permits; throws `AcquireError` once the semaphore is closed. */
  acquire(n = 1): Acquire {
    checkCount(n, 0);
    return new Acquire(this, n);
  }

  /** `n` permits now, or `null` if that would have to wait. Throws if closed. */
  tryAcquire(n = 1): SemaphorePermit | null {
    checkCount(n, 0);
    if (this.closedFlag) throw new AcquireError();
    if (!this.tryTake(n)) return null;
    return new SemaphorePermit(this, n);
  }

  /** Add permits (waiters are served first). */
  addPermits(n: number): void {
    checkCount(n, 0);
    this.release(n);
  }

  /** Remove up to `n` free permits for good; returns how many were removed. */
  forgetPermits(n: number): number {
    const k = Math.min(n, this.permits);
    this.permits -= k;
    return k;
  }

  /** Close: every waiter, present and future, fails with `AcquireError`. Held permits stay valid. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (let n = this.waiters.head; n !== null; n = n.wnext as SemWaiter | null) {
      this.permits += n.assigned;
      n.assigned = 0;
    }
    this.waiters.wakeAll();
  }

  /** Take `n` permits if they are free (never overtakes a waiter, see above). */
  tryTake(n: number): boolean {
    if (this.permits < n) return false;
    this.permits -= n;
    return true;
  }

  /**
   * One poll of a waiter: true once it holds all it needs, false after queueing it (or
   * refreshing its waker). Throws `AcquireError` when the semaphore is closed.
   */
  pollAcquire(w: SemWaiter, waker: Waker): boolean {
    if (w.wlist !== null) {
      w.waker = waker;
      return false;
    }
    if (w.assigned >= w.needed) return true; // served by release() (or nothing needed)
    if (this.closedFlag) throw new AcquireError();
    if (this.waiters.head === null) {
      const take = Math.min(this.permits, w.needed - w.assigned);
      this.permits -= take;
      w.assigned += take;
      if (w.assigned === w.needed) return true;
    }
    w.waker = waker;
    this.waiters.push(w);
    return false;
  }

  /** A waiter gives up: unlink it and pass on whatever it had been assigned. */
  cancelWaiter(w: SemWaiter): void {
    this.waiters.remove(w);
    const a = w.assigned;
    w.assigned = 0;
    if (a > 0) this.release(a);
  }

  /** Return `n` permits: to the waiters first, in order, then to the pool. */
  release(n: number): void {
    const q = this.waiters;
    let h = q.head;
    while (n > 0 && h !== null) {
      const give = Math.min(n, h.needed - h.assigned);
      h.assigned += give;
      n -= give;
      if (h.assigned < h.needed) break;
      q.remove(h);
      const w = h.waker;
      h.waker = null;
      if (w !== null) w.wake();
      h = q.head;
    }
    this.permits += n;
  }
}

function checkCount(n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > Semaphore.MAX_PERMITS) {
    throw new RangeError(`invalid number of permits: ${n}`);
  }
}

/**
 * Base of every future that waits on a semaphore (acquire, lock, read, write, send,
 * reserve). The future is its own queue node; `$onCancel` hands back assigned permits.
 */
export abstract class AcquireFuture<T> extends FutureBase<T> implements SemWaiter {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  assigned = 0;

  constructor(
    readonly sem: Semaphore,
    readonly needed: number,
  ) {
    super();
  }

  /** Build the result once the permits are held. */
  protected abstract acquired(): T;

  /** The error to settle with when the semaphore is closed. */
  protected closedError(e: unknown): unknown {
    return e;
  }

  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let ok: boolean;
    try {
      ok = this.sem.pollAcquire(this, cx.waker);
    } catch (e) {
      throw this.$fail(this.closedError(e));
    }
    if (!ok) return PENDING;
    this.waker = null;
    return this.$ready(this.acquired());
  }

  protected override $onCancel(): void {
    this.waker = null;
    this.sem.cancelWaiter(this);
  }
}

export class Acquire extends AcquireFuture<SemaphorePermit> {
  protected acquired(): SemaphorePermit {
    return new SemaphorePermit(this.sem, this.needed);
  }
}

/** Held permits. `release()` (or `using`) gives them back; `forget()` drops them for good. */
export class SemaphorePermit {
  private held: number;
  constructor(
    private readonly sem: Semaphore,
    n: number,
  ) {
    this.held = n;
  }

  /** Permits still held by this object. */
  get permits(): number {
    return this.held;
  }

  release(): void {
    const n = this.held;
    if (n === 0) return;
    this.held = 0;
    this.sem.release(n);
  }

  forget(): void {
    this.held = 0;
  }

  [Symbol.dispose](): void {
    this.release();
  }
}
