// Multi-producer, single-consumer channels (Tokio's mpsc), bounded and unbounded.
//
// Bounded capacity is a fair semaphore: a sender takes a permit before it pushes, and the
// receiver gives it back when it takes the message out. So a full channel parks senders in
// FIFO order, and a cancelled send passes its permit on. Messages stay in the queue until a
// receive takes them, so cancelling a receive never loses one.
//
// Closing: when every sender is closed (dropped) the receiver drains what is left and ends.
// When the receiver is closed, sends fail with SendError (the value comes back with it);
// `close()` still lets it drain, `cancel()` (dropping it) discards what was queued.
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
import { RingQueue } from '../scheduler/queue.js';
import { Sink } from '../stream/sink.js';
import { Stream } from '../stream/stream.js';
import { AcquireError, SendError, TryRecvError, TrySendError } from './errors.js';
import { AcquireFuture, Semaphore, type SemWaiter } from './semaphore.js';
import { park, type WaitNode, WaitList, WaitUntil } from './wait_list.js';

/** @internal The state one channel's senders and receiver share. */
export class Chan<T> {
  readonly queue = new RingQueue<T>();
  /** Capacity permits; null for an unbounded channel. */
  readonly sem: Semaphore | null;
  txCount = 1;
  rxClosed = false;
  rxDropped = false;
  readonly rxWaiters = new WaitList<WaitNode>();
  readonly closedWaiters = new WaitList<WaitNode>();

  constructor(readonly capacity: number) {
    this.sem = Number.isFinite(capacity) ? new Semaphore(capacity) : null;
  }

  push(v: T): void {
    if (this.rxDropped) return; // nobody can ever read it
    this.queue.push(v);
    this.rxWaiters.wakeAll();
  }

  pollRecv(node: WaitNode, waker: Waker): T | Pending | End {
    if (this.queue.length > 0) {
      const v = this.queue.shift() as T;
      if (this.sem !== null) this.sem.release(1);
      return v;
    }
    if (this.txCount === 0 || this.rxClosed) return END;
    park(this.rxWaiters, node, waker);
    return PENDING;
  }

  tryRecv(): T {
    if (this.queue.length > 0) {
      const v = this.queue.shift() as T;
      if (this.sem !== null) this.sem.release(1);
      return v;
    }
    throw new TryRecvError(this.txCount === 0 || this.rxClosed ? 'closed' : 'empty');
  }

  closeRx(drop: boolean): void {
    if (drop && !this.rxDropped) {
      this.rxDropped = true;
      while (this.queue.length > 0) this.queue.shift();
    }
    if (this.rxClosed) return;
    this.rxClosed = true;
    if (this.sem !== null) this.sem.close();
    this.closedWaiters.wakeAll();
    this.rxWaiters.wakeAll(); // pending receives see the end once the queue is drained
  }

  addTx(): void {
    this.txCount++;
  }

  dropTx(): void {
    if (--this.txCount === 0) this.rxWaiters.wakeAll();
  }
}

/** A bounded channel with room for `capacity` messages: `send` waits while it is full. */
export function channel<T>(capacity: number): [Sender<T>, Receiver<T>] {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`invalid channel capacity: ${capacity}`);
  const chan = new Chan<T>(capacity);
  return [new Sender(chan), new Receiver(chan)];
}

/** An unbounded channel: `send` never waits. */
export function unboundedChannel<T>(): [UnboundedSender<T>, Receiver<T>] {
  const chan = new Chan<T>(Infinity);
  return [new UnboundedSender(chan), new Receiver(chan)];
}

/** Common sender handle behaviour: cloning, dropping, watching for the receiver's end. */
abstract class SenderBase<T> extends Sink<T> {
  protected dropped = false;
  constructor(/** @internal */ readonly chan: Chan<T>) {
    super();
  }

  /** The receiver was closed or dropped: every send fails from now on. */
  get isClosed(): boolean {
    return this.chan.rxClosed;
  }

  /** Completes when the receiver is closed or dropped. */
  closed(): FutureBase<void> {
    const chan = this.chan;
    return new WaitUntil(chan.closedWaiters, () => chan.rxClosed);
  }

  /** Whether two handles send into the same channel. */
  sameChannel(other: SenderBase<T>): boolean {
    return this.chan === other.chan;
  }

  /** Drop this handle. When the last one is dropped the receiver ends after draining. */
  close(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.onDrop();
    this.chan.dropTx();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  pollFlush(_cx: Context): undefined {
    return undefined;
  }

  /** As a Sink, closing drops this handle. */
  pollClose(_cx: Context): undefined {
    this.close();
    return undefined;
  }

  protected onDrop(): void {}

  protected checkOpen(value: unknown): void {
    if (this.dropped) throw new Error('send on a sender that was closed');
    if (this.chan.rxClosed) throw new SendError(value);
  }
}

export class Sender<T> extends SenderBase<T> implements SemWaiter {
  // This handle is a semaphore waiter for its Sink side (pollReady reserves a permit).
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  readonly needed = 1;
  assigned = 0;

  /** A future that waits for room, then sends. Fails with SendError if the receiver is gone. */
  send(value: T): FutureBase<void> {
    return new SendFuture(this.chan, value);
  }

  /** Send now, or throw TrySendError ('full' or 'closed'). */
  trySend(value: T): void {
    const chan = this.chan;
    if (this.dropped || chan.rxClosed) throw new TrySendError('closed', value);
    if (!chan.sem!.tryTake(1)) throw new TrySendError('full', value);
    chan.push(value);
  }

  /** A future for room for one message; `permit.send(v)` then cannot wait or fail. */
  reserve(): FutureBase<Permit<T>> {
    return new Reserve(this.chan);
  }

  /** Room for one message now, or null; throws SendError if the receiver is gone. */
  tryReserve(): Permit<T> | null {
    this.checkOpen(undefined);
    return this.chan.sem!.tryTake(1) ? new Permit(this.chan) : null;
  }

  /** Free slots right now. */
  get capacity(): number {
    return this.chan.sem!.availablePermits;
  }

  get maxCapacity(): number {
    return this.chan.capacity;
  }

  clone(): Sender<T> {
    if (this.dropped) throw new Error('clone of a sender that was closed');
    this.chan.addTx();
    return new Sender(this.chan);
  }

  pollReady(cx: Context): undefined | Pending {
    this.checkOpen(undefined);
    let ok: boolean;
    try {
      ok = this.chan.sem!.pollAcquire(this, cx.waker);
    } catch (e) {
      if (e instanceof AcquireError) throw new SendError(undefined);
      throw e;
    }
    return ok ? undefined : PENDING;
  }

  startSend(item: T): void {
    if (this.assigned !== 1 || this.wlist !== null) throw new Error('startSend without a successful pollReady');
    this.assigned = 0; // the permit travels with the message
    if (this.chan.rxClosed) {
      this.chan.sem!.release(1);
      throw new SendError(item);
    }
    this.chan.push(item);
  }

  protected override onDrop(): void {
    this.waker = null;
    this.chan.sem!.cancelWaiter(this); // a reserved or half-assigned permit goes on
  }
}

export class UnboundedSender<T> extends SenderBase<T> {
  /** Send now; throws SendError if the receiver is gone. */
  send(value: T): void {
    this.checkOpen(value);
    this.chan.push(value);
  }

  clone(): UnboundedSender<T> {
    if (this.dropped) throw new Error('clone of a sender that was closed');
    this.chan.addTx();
    return new UnboundedSender(this.chan);
  }

  pollReady(_cx: Context): undefined {
    this.checkOpen(undefined);
    return undefined;
  }

  startSend(item: T): void {
    this.send(item);
  }
}

class SendFuture<T> extends AcquireFuture<void> {
  private value: T | undefined;
  constructor(
    private readonly chan: Chan<T>,
    value: T,
  ) {
    super(chan.sem!, 1);
    this.value = value;
  }
  override poll(cx: Context): void | Pending {
    if (this.$st < DONE_OK && this.chan.rxClosed) {
      this.sem.cancelWaiter(this);
      throw this.$fail(new SendError(this.value));
    }
    return super.poll(cx);
  }
  protected acquired(): void {
    const v = this.value as T;
    this.value = undefined;
    this.chan.push(v);
  }
  protected override closedError(): unknown {
    return new SendError(this.value);
  }
}

class Reserve<T> extends AcquireFuture<Permit<T>> {
  constructor(private readonly chan: Chan<T>) {
    super(chan.sem!, 1);
  }
  override poll(cx: Context): Permit<T> | Pending {
    if (this.$st < DONE_OK && this.chan.rxClosed) {
      this.sem.cancelWaiter(this);
      throw this.$fail(new SendError(undefined));
    }
    return super.poll(cx);
  }
  protected acquired(): Permit<T> {
    return new Permit(this.chan);
  }
  protected override closedError(): unknown {
    return new SendError(undefined);
  }
}

/** Room for one message, reserved. `send` uses it; `release()` (or `using`) gives it back. */
export class Permit<T> {
  private chan: Chan<T> | null;
  constructor(chan: Chan<T>) {
    this.chan = chan;
  }
  send(value: T): void {
    const c = this.chan;
    if (c === null) throw new Error('permit already used');
    this.chan = null;
    c.push(value); // the permit now belongs to the message
  }
  release(): void {
    const c = this.chan;
    if (c === null) return;
    this.chan = null;
    c.sem!.release(1);
  }
  [Symbol.dispose](): void {
    this.release();
  }
}

/** The receiving half: a Stream of the messages; it ends when every sender is dropped. */
export class Receiver<T> extends Stream<T> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;

  constructor(private readonly chan: Chan<T>) {
    super();
  }

  pollNext(cx: Context): T | Pending | End {
    return this.chan.pollRecv(this, cx.waker);
  }

  /** A future for the next message, or `undefined` once the channel is closed and drained. */
  recv(): FutureBase<T | undefined> {
    return new Recv(this.chan);
  }

  /** The next message now; throws TryRecvError ('empty' or 'closed'). */
  tryRecv(): T {
    return this.chan.tryRecv();
  }

  /** Stop accepting messages; those already queued can still be received. */
  close(): void {
    this.chan.closeRx(false);
  }

  /** Drop the receiver: close and discard queued messages. */
  override cancel(): void {
    this.waker = null;
    this.chan.rxWaiters.remove(this);
    this.chan.closeRx(true);
  }

  [Symbol.dispose](): void {
    this.cancel();
  }

  /** Messages queued. */
  get length(): number {
    return this.chan.queue.length;
  }

  get isEmpty(): boolean {
    return this.chan.queue.length === 0;
  }

  /** No message can arrive any more (the queue may still hold some). */
  get isClosed(): boolean {
    return this.chan.rxClosed || this.chan.txCount === 0;
  }
}

class Recv<T> extends FutureBase<T | undefined> implements WaitNode {
  waker: Waker | null = null;
  wprev: WaitNode | null = null;
  wnext: WaitNode | null = null;
  wlist: WaitList<WaitNode> | null = null;
  constructor(private readonly chan: Chan<T>) {
    super();
  }
  poll(cx: Context): T | undefined | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const r = this.chan.pollRecv(this, cx.waker);
    if (r === PENDING) return PENDING;
    return this.$ready(r === END ? undefined : (r as T));
  }
  protected override $onCancel(): void {
    this.waker = null;
    this.chan.rxWaiters.remove(this);
  }
}
