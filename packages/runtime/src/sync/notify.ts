// Notify (Tokio's): wake one waiting task (storing a single permit if nobody waits) or all
// of them. A `Notified` future that was handed a `notifyOne` notification and is cancelled
// before it completed passes the notification on, so none is lost.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { park, type WaitNode, WaitList } from './wait_list.js';

const INIT = 0;
const WAITING = 1;
const NOTIFIED_ONE = 2;
const NOTIFIED_ALL = 3;

export class Notify {
  /** A `notifyOne` that found nobody waiting; the next waiter consumes it. */
  private permit = false;
  /** @internal */ readonly waiters = new WaitList<Notified>();
  /** @internal Counts `notifyWaiters` calls, so futures created before one complete. */
  calls = 0;

  /**
   * A future that completes on the next notification. It counts as waiting for
   * `notifyWaiters` from the moment it is created, and for `notifyOne` from its first poll.
   */
  notified(): Notified {
    return new Notified(this);
  }

  /** Wake the longest-waiting task, or store one permit if none waits. */
  notifyOne(): void {
    this.deliver(this.waiters.shift());
  }

  /** Wake the most recent waiter, or store one permit if none waits. */
  notifyLast(): void {
    this.deliver(this.waiters.pop());
  }

  /** Wake every waiting task, including futures created and not yet polled. Stores no permit. */
  notifyWaiters(): void {
    this.calls++;
    for (let n = this.waiters.head; n !== null; n = n.wnext as Notified | null) n.state = NOTIFIED_ALL;
    this.waiters.wakeAll();
  }

  /** @internal */
  takePermit(): boolean {
    if (!this.permit) return false;
    this.permit = false;
    return true;
  }

  private deliver(w: Notified | null): void {
    if (w === null) {
      this.permit = true;
      return;
    }
    w.state = NOTIFIED_ONE;
    const k = w.waker;
    w.waker = null;
    if (k !== null) k.wake();
  }
}

export class Notified extends FutureBase<void> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  /** @internal */ state = INIT;
  private readonly calls: number;

  constructor(private readonly notify: Notify) {
    super();
    this.calls = notify.calls;
  }

  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const n = this.notify;
    switch (this.state) {
      case INIT:
        if (n.calls !== this.calls || n.takePermit()) break;
        this.state = WAITING;
        park(n.waiters, this, cx.waker);
        return PENDING;
      case WAITING:
        this.waker = cx.waker;
        return PENDING;
    }
    return this.$ready(undefined);
  }

  protected override $onCancel(): void {
    this.waker = null;
    if (this.state === WAITING) this.notify.waiters.remove(this);
    else if (this.state === NOTIFIED_ONE) this.notify.notifyOne(); // pass it on
    this.state = INIT;
  }
}
