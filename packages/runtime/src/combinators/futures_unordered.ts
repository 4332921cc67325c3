// FuturesUnordered (futures-rs): a growable set of children, yielding results in completion
// order. Each child is its own Context and Waker, so a wake re-queues only that child, and a
// poll of the set polls only the children that were woken.
import { own } from '../task/task.js';
import {
  type Context,
  DONE_OK,
  END,
  type End,
  FutureBase,
  type Pending,
  PENDING,
  polledAfterCompletion,
  type Waker,
} from '../future/future.js';
import { pollSlot } from '../future/machine.js';
import type { Awaitable } from '../scheduler/runtime.js';
import { dropChild } from './child.js';

class Child implements Context, Waker {
  readonly waker: Waker = this;
  budget = 0;
  /** The `pollSlot` slot. */
  $aw: unknown;
  /** In the set's ready queue. */
  queued = false;
  nextReady: Child | null = null;
  /** Position in the set's live array; -1 once removed. */
  index = -1;
  constructor(
    private readonly set: FuturesUnordered<unknown>,
    aw: unknown,
  ) {
    this.$aw = own(aw); // the promise of a lowered call is owned: a dropped child stops
  }

  wake(): void {
    if (this.queued || this.index < 0) return;
    this.set.enqueue(this);
  }
}

export class FuturesUnordered<T> {
  private readonly live: Child[] = [];
  private readyHead: Child | null = null;
  private readyTail: Child | null = null;
  /** The waker of whoever polled the set last. */
  private parent: Waker | null = null;

  constructor(futures?: Iterable<Awaitable<T>>) {
    if (futures !== undefined) for (const f of futures) this.push(f);
  }

  /** Children not yet finished. */
  get size(): number {
    return this.live.length;
  }

  get isEmpty(): boolean {
    return this.live.length === 0;
  }

  /** Add a child; it is polled on the set's next poll. */
  push(future: Awaitable<T>): void {
    const c = new Child(this as FuturesUnordered<unknown>, future);
    c.index = this.live.length;
    this.live.push(c);
    this.enqueue(c);
  }

  /** @internal a child was woken (or added). */
  enqueue(c: Child): void {
    c.queued = true;
    const tail = this.readyTail;
    if (tail === null) this.readyHead = c;
    else tail.nextReady = c;
    this.readyTail = c;
    const p = this.parent;
    if (p !== null) p.wake();
  }

  private dequeue(): Child | null {
    const c = this.readyHead;
    if (c === null) return null;
    this.readyHead = c.nextReady;
    if (this.readyHead === null) this.readyTail = null;
    c.nextReady = null;
    c.queued = false;
    return c;
  }

  private remove(c: Child): void {
    const live = this.live;
    const i = c.index;
    const last = live.pop()!;
    if (last !== c) {
      live[i] = last;
      last.index = i;
    }
    c.index = -1;
    c.$aw = undefined;
  }

  /**
   * The next result in completion order: the value, `PENDING`, or `END` when the set is
   * empty. A child's error is thrown here (that child is removed; the set stays usable).
   */
  pollNext(cx: Context): T | Pending | End {
    this.parent = cx.waker;
    // At most one pass over the children per poll, so a child that keeps waking itself
    // cannot hold the task (futures-rs does the same).
    let quota = this.live.length;
    for (let c = this.dequeue(); c !== null; c = this.dequeue()) {
      if (c.index < 0) continue; // finished or removed after it was queued
      c.budget = cx.budget;
      let r: unknown;
      try {
        r = pollSlot(c, c);
      } catch (e) {
        cx.budget = c.budget;
        this.remove(c);
        throw e;
      }
      cx.budget = c.budget;
      if (r !== PENDING) {
        this.remove(c);
        return r as T;
      }
      if (--quota <= 0 || cx.budget <= 0) {
        if (this.readyHead !== null) cx.waker.wake();
        return PENDING;
      }
    }
    return this.live.length === 0 ? END : PENDING;
  }

  /** A future of the next result: `{ done: false, value }`, or `{ done: true }` when empty. */
  next(): FutureBase<IteratorResult<T, undefined>> {
    return new Next(this as FuturesUnordered<unknown>) as FutureBase<IteratorResult<T, undefined>>;
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return { next: () => this.next() as unknown as Promise<IteratorResult<T, undefined>> };
  }

  /** Cancel every child (their finally blocks run) and empty the set. */
  cancel(): void {
    const live = this.live.splice(0);
    this.readyHead = this.readyTail = null;
    for (const c of live) {
      c.index = -1;
      const aw = c.$aw;
      c.$aw = undefined;
      dropChild(aw);
    }
  }

  [Symbol.dispose](): void {
    this.cancel();
  }
}

class Next<T> extends FutureBase<IteratorResult<T, undefined>> {
  constructor(private readonly set: FuturesUnordered<T>) {
    super();
  }
  poll(cx: Context): IteratorResult<T, undefined> | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: T | Pending | End;
    try {
      r = this.set.pollNext(cx);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) return PENDING;
    return this.$ready(r === END ? { done: true, value: undefined } : { done: false, value: r as T });
  }
}
