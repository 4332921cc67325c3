// A barrier (Tokio's): `n` tasks wait until all `n` have arrived; exactly one of each
// generation is told it is the leader. A waiter cancelled before the generation completes
// is un-counted, so it does not make the others leave early.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { park, type WaitNode, WaitList } from './wait_list.js';

export interface BarrierWaitResult {
  readonly isLeader: boolean;
}
const LEADER: BarrierWaitResult = Object.freeze({ isLeader: true });
const FOLLOWER: BarrierWaitResult = Object.freeze({ isLeader: false });

const INIT = 0;
const WAITING = 1;
const RELEASED = 2;

export class Barrier {
  readonly n: number;
  /** @internal */ arrived = 0;
  /** @internal */ readonly waiters = new WaitList<BarrierWait>();

  /** `n` of 0 behaves as 1, as in Tokio. */
  constructor(n: number) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid barrier size: ${n}`);
    this.n = Math.max(n, 1);
  }

  wait(): BarrierWait {
    return new BarrierWait(this);
  }
}

export class BarrierWait extends FutureBase<BarrierWaitResult> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  /** @internal */ state = INIT;

  constructor(private readonly barrier: Barrier) {
    super();
  }

  poll(cx: Context): BarrierWaitResult | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const b = this.barrier;
    switch (this.state) {
      case INIT:
        if (++b.arrived < b.n) {
          this.state = WAITING;
          park(b.waiters, this, cx.waker);
          return PENDING;
        }
        b.arrived = 0;
        for (let w = b.waiters.head; w !== null; w = w.wnext as BarrierWait | null) w.state = RELEASED;
        b.waiters.wakeAll();
        return this.$ready(LEADER);
      case WAITING:
        this.waker = cx.waker;
        return PENDING;
      default:
        return this.$ready(FOLLOWER);
    }
  }

  protected override $onCancel(): void {
    this.waker = null;
    if (this.state === WAITING) {
      this.barrier.waiters.remove(this);
      this.barrier.arrived--;
    }
  }
}
