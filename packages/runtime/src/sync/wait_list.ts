// An intrusive doubly linked list of waiters. The waiter object (usually the future that
// waits) is the node, so enqueueing allocates nothing and a cancelled waiter unlinks itself
// in O(1) without leaving a stale entry behind.
import { closeWakes, openWakes } from '../scheduler/wakes.js';
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';

export interface WaitNode {
  /** The waker to call; refreshed on every poll (the latest poller wins). */
  waker: Waker | null;
  wprev: WaitNode | null;
  wnext: WaitNode | null;
  /** The list the node is in, or null. */
  wlist: WaitList<WaitNode> | null;
}

export class WaitList<N extends WaitNode> {
  head: N | null = null;
  tail: N | null = null;
  length = 0;

  push(n: N): void {
    n.wlist = this as unknown as WaitList<WaitNode>;
    n.wnext = null;
    n.wprev = this.tail;
    if (this.tail !== null) this.tail.wnext = n;
    else this.head = n;
    this.tail = n;
    this.length++;
  }

  /** Unlink `n` if it is in this list; returns whether it was. */
  remove(n: N): boolean {
    if (n.wlist !== (this as unknown as WaitList<WaitNode>)) return false;
    const p = n.wprev as N | null;
    const x = n.wnext as N | null;
    if (p !== null) p.wnext = x;
    else this.head = x;
    if (x !== null) x.wprev = p;
    else this.tail = p;
    n.wprev = n.wnext = null;
    n.wlist = null;
    this.length--;
    return true;
  }

  shift(): N | null {
    const n = this.head;
    if (n !== null) this.remove(n);
    return n;
  }

  pop(): N | null {
    const n = this.tail;
    if (n !== null) this.remove(n);
    return n;
  }

  /** Unlink every waiter, then wake each one (FIFO). Every node is unlinked before the
   * first wake, so a waker that cancels or re-registers a waiter sees a consistent list. */
  wakeAll(): void {
    const first = this.head;
    this.head = this.tail = null;
    this.length = 0;
    for (let n: WaitNode | null = first; n !== null; n = n.wnext) n.wlist = null;
    let n: WaitNode | null = first;
    openWakes();
    try {
      while (n !== null) {
        const next = n.wnext;
        n.wprev = n.wnext = null;
        const w = n.waker;
        if (w !== null) {
          // A task's wake only queues it; any other waker may run code that queues microtasks
          // (and wakes tasks before it does): it runs outside the batch.
          if ((w as { $rt?: unknown }).$rt !== undefined) w.wake();
          else {
            closeWakes();
            try {
              w.wake();
            } finally {
              openWakes();
            }
          }
        }
        n = next;
      }
    } finally {
      closeWakes();
    }
  }
}

/** Register `n` in `list` (if it is not there already) with the current waker. */
export function park<N extends WaitNode>(list: WaitList<N>, n: N, waker: Waker): void {
  n.waker = waker;
  if (n.wlist === null) list.push(n);
}

/**
 * A future that completes once `ready()` holds, re-checked whenever `list` is woken
 * (e.g. a sender's `closed()`). Cancelling it unlinks it.
 */
export class WaitUntil extends FutureBase<void> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  constructor(
    private readonly list: WaitList<WaitNode>,
    private readonly ready: () => boolean,
  ) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    if (this.ready()) {
      this.list.remove(this);
      return this.$ready(undefined);
    }
    park(this.list, this as WaitNode, cx.waker);
    return PENDING;
  }
  protected override $onCancel(): void {
    this.waker = null;
    this.list.remove(this);
  }
}
