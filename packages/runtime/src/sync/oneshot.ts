// A oneshot channel (Tokio's): one value, once. The receiver is a future.
// Dropping (closing) the sender without sending makes the receiver fail with RecvError;
// dropping (cancelling) the receiver makes `send` fail with SendError.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { RecvError, SendError, TryRecvError } from './errors.js';
import { type WaitNode, WaitList, WaitUntil } from './wait_list.js';

class Shared<T> {
  value: T | undefined = undefined;
  hasValue = false;
  /** The sender sent or was dropped. */
  txDone = false;
  rxClosed = false;
  rxWaker: Waker | null = null;
  readonly closedWaiters = new WaitList<WaitNode>();

  wakeRx(): void {
    const w = this.rxWaker;
    this.rxWaker = null;
    if (w !== null) w.wake();
  }
}

export function oneshot<T>(): [OneshotSender<T>, OneshotReceiver<T>] {
  const s = new Shared<T>();
  return [new OneshotSender(s), new OneshotReceiver(s)];
}

export class OneshotSender<T> {
  constructor(private readonly s: Shared<T>) {}

  /** Send the value. Throws SendError (with the value) if the receiver is gone. */
  send(value: T): void {
    const s = this.s;
    if (s.txDone) throw new Error('oneshot sender already used');
    if (s.rxClosed) throw new SendError(value);
    s.txDone = true;
    s.value = value;
    s.hasValue = true;
    s.wakeRx();
  }

  /** The receiver was closed or dropped. */
  get isClosed(): boolean {
    return this.s.rxClosed;
  }

  /** Completes when the receiver is closed or dropped. */
  closed(): FutureBase<void> {
    const s = this.s;
    return new WaitUntil(s.closedWaiters, () => s.rxClosed);
  }

  /** Drop the sender without sending: the receiver fails with RecvError. */
  close(): void {
    const s = this.s;
    if (s.txDone) return;
    s.txDone = true;
    s.wakeRx();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

export class OneshotReceiver<T> extends FutureBase<T> {
  constructor(private readonly s: Shared<T>) {
    super();
  }

  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const s = this.s;
    if (s.hasValue) return this.$ready(this.take());
    if (s.txDone || s.rxClosed) throw this.$fail(new RecvError());
    s.rxWaker = cx.waker;
    return PENDING;
  }

  /** The value now; throws TryRecvError ('empty' or 'closed'). */
  tryRecv(): T {
    const s = this.s;
    if (s.hasValue) return this.take();
    throw new TryRecvError(s.txDone || s.rxClosed ? 'closed' : 'empty');
  }

  /** Refuse the value from now on; one sent already can still be received. */
  close(): void {
    const s = this.s;
    if (s.rxClosed) return;
    s.rxClosed = true;
    s.closedWaiters.wakeAll();
  }

  protected override $onCancel(): void {
    this.s.rxWaker = null;
    this.s.value = undefined;
    this.s.hasValue = false;
    this.close();
  }

  private take(): T {
    const s = this.s;
    const v = s.value as T;
    s.value = undefined;
    s.hasValue = false;
    s.txDone = true;
    return v;
  }
}
