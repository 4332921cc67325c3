// A broadcast channel (Tokio's): every receiver sees every message sent after it subscribed.
// The channel holds the last `capacity` messages; a receiver that falls further behind gets
// a Lagged error telling how many it missed, then continues with the oldest one still held.
// Sending never waits. The channel closes when every sender is dropped; receivers drain and end.
import { type Context, DONE_OK, END, type End, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { Stream } from '../stream/stream.js';
import { Lagged, RecvError, SendError, TryRecvError } from './errors.js';
import { park, type WaitNode, WaitList } from './wait_list.js';

interface Slot<T> {
  /** Receivers that have not read it yet; at 0 the value is let go. */
  rem: number;
  val: T | undefined;
}

class Shared<T> {
  readonly slots: Slot<T>[] = [];
  /** Position of the next message to be sent (messages are numbered from 0). */
  tail = 0;
  txCount = 1;
  rxCount = 1;
  readonly waiters = new WaitList<WaitNode>();
  constructor(readonly capacity: number) {
    for (let i = 0; i < capacity; i++) this.slots.push({ rem: 0, val: undefined });
  }

  /** The next message for a receiver at `pos` (advancing it), PENDING if none yet, or END. */
  read(rx: { pos: number }): T | Pending | End {
    const pos = rx.pos;
    if (pos === this.tail) return this.txCount === 0 ? END : PENDING;
    const oldest = this.tail - this.capacity;
    if (pos < oldest) {
      rx.pos = oldest;
      throw new Lagged(oldest - pos);
    }
    const slot = this.slots[pos % this.capacity]!;
    const v = slot.val as T;
    if (--slot.rem === 0) slot.val = undefined;
    rx.pos = pos + 1;
    return v;
  }
}

export function broadcast<T>(capacity: number): [BroadcastSender<T>, BroadcastReceiver<T>] {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`invalid broadcast capacity: ${capacity}`);
  const s = new Shared<T>(capacity);
  return [new BroadcastSender(s), new BroadcastReceiver(s, 0)];
}

export class BroadcastSender<T> {
  private dropped = false;
  constructor(private readonly s: Shared<T>) {}

  /** Send to every current receiver; returns how many. Throws SendError if there are none. */
  send(value: T): number {
    const s = this.s;
    if (this.dropped) throw new Error('send on a sender that was closed');
    if (s.rxCount === 0) throw new SendError(value);
    const slot = s.slots[s.tail % s.capacity]!;
    slot.rem = s.rxCount;
    slot.val = value;
    s.tail++;
    s.waiters.wakeAll();
    return s.rxCount;
  }

  /** A new receiver that sees messages sent from now on. */
  subscribe(): BroadcastReceiver<T> {
    this.s.rxCount++;
    return new BroadcastReceiver(this.s, this.s.tail);
  }

  get receiverCount(): number {
    return this.s.rxCount;
  }

  clone(): BroadcastSender<T> {
    if (this.dropped) throw new Error('clone of a sender that was closed');
    this.s.txCount++;
    return new BroadcastSender(this.s);
  }

  /** Drop this handle; when the last is dropped, receivers drain and end. */
  close(): void {
    if (this.dropped) return;
    this.dropped = true;
    if (--this.s.txCount === 0) this.s.waiters.wakeAll();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** A receiver: a Stream of messages (`pollNext` throws Lagged and stays usable). */
export class BroadcastReceiver<T> extends Stream<T> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  /** @internal Position of the next message to read. */
  pos: number;
  private dropped = false;

  constructor(
    private readonly s: Shared<T>,
    pos: number,
  ) {
    super();
    this.pos = pos;
  }

  pollNext(cx: Context): T | Pending | End {
    return this.pollNextAs(this, cx.waker);
  }

  /** @internal A poll that parks `node` (this receiver, or a `recv()` future) if nothing is there. */
  pollNextAs(node: WaitNode, waker: Waker): T | Pending | End {
    if (this.dropped) return END;
    const r = this.s.read(this);
    if (r === PENDING) park(this.s.waiters, node, waker);
    return r;
  }

  /** A future for the next message; fails with Lagged, or RecvError once closed and drained. */
  recv(): FutureBase<T> {
    return new BroadcastRecv(this);
  }

  /** The next message now; throws TryRecvError ('empty' or 'closed') or Lagged. */
  tryRecv(): T {
    if (this.dropped) throw new TryRecvError('closed');
    const r = this.s.read(this);
    if (r === PENDING) throw new TryRecvError('empty');
    if (r === END) throw new TryRecvError('closed');
    return r;
  }

  /** A new receiver of the same channel, starting at the newest message. */
  resubscribe(): BroadcastReceiver<T> {
    this.s.rxCount++;
    return new BroadcastReceiver(this.s, this.s.tail);
  }

  /** Messages sent that this receiver has not read (may exceed capacity when lagging). */
  get length(): number {
    return this.s.tail - this.pos;
  }

  /** Drop the receiver: senders stop counting it and the messages it held are let go. */
  override cancel(): void {
    if (this.dropped) return;
    this.dropped = true;
    const s = this.s;
    this.waker = null;
    s.waiters.remove(this);
    s.rxCount--;
    for (let p = Math.max(this.pos, s.tail - s.capacity); p < s.tail; p++) {
      const slot = s.slots[p % s.capacity]!;
      if (--slot.rem === 0) slot.val = undefined;
    }
  }

  close(): void {
    this.cancel();
  }

  [Symbol.dispose](): void {
    this.cancel();
  }
}

class BroadcastRecv<T> extends FutureBase<T> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  constructor(private readonly rx: BroadcastReceiver<T>) {
    super();
  }
  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: T | Pending | End;
    try {
      r = this.rx.pollNextAs(this, cx.waker);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) return PENDING;
    if (r === END) throw this.$fail(new RecvError());
    return this.$ready(r);
  }
  protected override $onCancel(): void {
    this.waker = null;
    this.wlist?.remove(this);
  }
}
