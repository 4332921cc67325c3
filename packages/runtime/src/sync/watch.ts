// A watch channel (Tokio's): one value, many readers; receivers see the latest value and
// learn when it changes (intermediate values may be skipped). Versions count the sends.
import { type Context, DONE_OK, END, type End, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { Stream } from '../stream/stream.js';
import { RecvError, SendError } from './errors.js';
import { park, type WaitNode, WaitList, WaitUntil } from './wait_list.js';

class Shared<T> {
  version = 0;
  txCount = 1;
  rxCount = 1;
  readonly waiters = new WaitList<WaitNode>();
  readonly closedWaiters = new WaitList<WaitNode>();
  constructor(public value: T) {}

  set(v: T): void {
    this.value = v;
    this.version++;
    this.waiters.wakeAll();
  }
}

export function watch<T>(initial: T): [WatchSender<T>, WatchReceiver<T>] {
  const s = new Shared(initial);
  return [new WatchSender(s), new WatchReceiver(s, 0)];
}

export class WatchSender<T> {
  private dropped = false;
  constructor(private readonly s: Shared<T>) {}

  /** Store a new value and notify receivers. Throws SendError (value not stored) if none is left. */
  send(value: T): void {
    this.check();
    if (this.s.rxCount === 0) throw new SendError(value);
    this.s.set(value);
  }

  /** Store a new value even with no receivers; returns the old one. */
  sendReplace(value: T): T {
    this.check();
    const old = this.s.value;
    this.s.set(value);
    return old;
  }

  /** Replace the value with `f(value)` and notify, even with no receivers. */
  sendModify(f: (value: T) => T): void {
    this.check();
    this.s.set(f(this.s.value));
  }

  /** Let `f` modify the value in place; receivers are notified only if it returns true. */
  sendIfModified(f: (value: T) => boolean): boolean {
    this.check();
    const s = this.s;
    if (!f(s.value)) return false;
    s.set(s.value);
    return true;
  }

  borrow(): T {
    return this.s.value;
  }

  /** A new receiver; the current value counts as seen. */
  subscribe(): WatchReceiver<T> {
    this.s.rxCount++;
    return new WatchReceiver(this.s, this.s.version);
  }

  get receiverCount(): number {
    return this.s.rxCount;
  }

  /** Every receiver was dropped. */
  get isClosed(): boolean {
    return this.s.rxCount === 0;
  }

  /** Completes when every receiver is dropped. */
  closed(): FutureBase<void> {
    const s = this.s;
    return new WaitUntil(s.closedWaiters, () => s.rxCount === 0);
  }

  clone(): WatchSender<T> {
    this.check();
    this.s.txCount++;
    return new WatchSender(this.s);
  }

  /** Drop this handle; when the last is dropped, receivers see the channel closed. */
  close(): void {
    if (this.dropped) return;
    this.dropped = true;
    if (--this.s.txCount === 0) this.s.waiters.wakeAll();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  private check(): void {
    if (this.dropped) throw new Error('send on a sender that was closed');
  }
}

/**
 * A receiver. As a Stream it yields the current value on its first poll and then the
 * latest value after each change, ending when the senders are gone.
 */
export class WatchReceiver<T> extends Stream<T> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  /** @internal The version this receiver has seen. */
  seen: number;
  private started = false;
  private dropped = false;

  constructor(
    private readonly s: Shared<T>,
    seen: number,
  ) {
    super();
    this.seen = seen;
  }

  /** The latest value (does not mark it seen). */
  borrow(): T {
    return this.s.value;
  }

  /** The latest value, marked seen. */
  borrowAndUpdate(): T {
    this.seen = this.s.version;
    return this.s.value;
  }

  /** Whether a value not yet seen is there. Throws RecvError once the senders are gone. */
  hasChanged(): boolean {
    if (this.s.txCount === 0) throw new RecvError();
    return this.s.version !== this.seen;
  }

  markChanged(): void {
    this.seen = -1;
  }

  markUnchanged(): void {
    this.seen = this.s.version;
  }

  /** Completes (marking it seen) when there is a value not yet seen; fails with RecvError
   * if the senders are gone and nothing new is left. */
  changed(): FutureBase<void> {
    return new Changed(this);
  }

  /** Completes with the first value (the current one included) for which `pred` holds,
   * marking it seen; fails with RecvError if the senders are gone first. */
  waitFor(pred: (value: T) => boolean): FutureBase<T> {
    return new WaitFor(this, pred);
  }

  /** @internal One step of waiting for a change: true when there is one (now seen). */
  pollChanged(node: WaitNode, waker: Waker): boolean | End {
    const s = this.s;
    if (s.version !== this.seen) {
      this.seen = s.version;
      return true;
    }
    if (s.txCount === 0 || this.dropped) return END;
    park(s.waiters, node, waker);
    return false;
  }

  pollNext(cx: Context): T | Pending | End {
    if (!this.started) {
      this.started = true;
      this.seen = this.s.version;
      return this.s.value;
    }
    const r = this.pollChanged(this, cx.waker);
    if (r === END) return END;
    return r ? this.s.value : PENDING;
  }

  clone(): WatchReceiver<T> {
    this.s.rxCount++;
    return new WatchReceiver(this.s, this.seen);
  }

  /** Drop the receiver. */
  override cancel(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.waker = null;
    this.s.waiters.remove(this);
    if (--this.s.rxCount === 0) this.s.closedWaiters.wakeAll();
  }

  close(): void {
    this.cancel();
  }

  [Symbol.dispose](): void {
    this.cancel();
  }
}

class Changed<T> extends FutureBase<void> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  constructor(private readonly rx: WatchReceiver<T>) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const r = this.rx.pollChanged(this, cx.waker);
    if (r === END) throw this.$fail(new RecvError());
    return r ? this.$ready(undefined) : PENDING;
  }
  protected override $onCancel(): void {
    this.waker = null;
    this.wlist?.remove(this);
  }
}

class WaitFor<T> extends FutureBase<T> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  private checkedCurrent = false;
  constructor(
    private readonly rx: WatchReceiver<T>,
    private readonly pred: (value: T) => boolean,
  ) {
    super();
  }
  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const rx = this.rx;
    try {
      if (!this.checkedCurrent) {
        this.checkedCurrent = true;
        const v = rx.borrowAndUpdate();
        if (this.pred(v)) return this.$ready(v);
      }
      for (;;) {
        const r = rx.pollChanged(this, cx.waker);
        if (r === END) throw new RecvError();
        if (!r) return PENDING;
        const v = rx.borrow();
        if (this.pred(v)) return this.$ready(v);
      }
    } catch (e) {
      this.wlist?.remove(this);
      throw this.$fail(e);
    }
  }
  protected override $onCancel(): void {
    this.waker = null;
    this.wlist?.remove(this);
  }
}
