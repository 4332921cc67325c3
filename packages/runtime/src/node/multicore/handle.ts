// The future side of work that runs on another thread: the blocking pool's and the
// multi-thread runtime's join handles. Settled from a message callback, awaited in place.
import { type Context, FutureBase, type Pending, PENDING, POLLING, type Waker } from '../../future/future.js';

export abstract class RemoteHandle<T> extends FutureBase<T> {
  private waiters: Waker[] | null = null;

  constructor() {
    super();
    this.$st = POLLING; // polled in place by whoever awaits it ($shared), never spawned
  }

  poll(cx: Context): T | Pending {
    if (this.isFinished) return this.$settled();
    const ws = this.waiters;
    const w = cx.waker;
    if (ws === null) this.waiters = [w];
    else if (!ws.includes(w)) ws.push(w);
    return PENDING;
  }

  /** Dropping a handle detaches the work (an awaiting machine that is cancelled drops it). */
  override cancel(): void {}
  override $drop(): void {}

  /** Record the outcome and wake the awaiters. Later calls are ignored (e.g. after abort). */
  $settle(ok: boolean, out: unknown): void {
    if (this.isFinished) return;
    if (ok) this.$ready(out as T);
    else this.$fail(out);
    const ws = this.waiters;
    this.waiters = null;
    if (ws !== null) for (const w of ws) w.wake();
  }
}
Object.defineProperty(RemoteHandle.prototype, '$shared', { value: true });
