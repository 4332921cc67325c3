// Sinks (the futures crate's Sink): something that accepts items with backpressure.
//   pollReady(cx)  - ready to take one item? (PENDING after arranging a wake-up)
//   startSend(x)   - hand over one item; only after pollReady said ready
//   pollFlush(cx)  - everything handed over has been delivered
//   pollClose(cx)  - flush, then close; no item may follow
// Every method returns `undefined` when done, or PENDING; errors are thrown.
import { type Context, DONE_OK, END, FutureBase, type Pending, PENDING, polledAfterCompletion } from '../future/future.js';
import { consumeBudget } from '../future/machine.js';
import type { Stream } from './stream.js';

/** Brand of every tspoll sink. */
export const SINK: unique symbol = Symbol.for('tspoll.sink@1') as never;

export abstract class Sink<T> {
  abstract pollReady(cx: Context): undefined | Pending;
  abstract startSend(item: T): void;
  abstract pollFlush(cx: Context): undefined | Pending;
  abstract pollClose(cx: Context): undefined | Pending;

  get [SINK](): true {
    return true;
  }
}

class Send<T> extends FutureBase<void> {
  private sent = false;
  constructor(
    private readonly sink: Sink<T>,
    private item: T | undefined,
  ) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    try {
      if (!this.sent) {
        if (this.sink.pollReady(cx) === PENDING) return PENDING;
        const item = this.item as T;
        this.item = undefined;
        this.sent = true;
        this.sink.startSend(item);
      }
      if (this.sink.pollFlush(cx) === PENDING) return PENDING;
    } catch (e) {
      throw this.$fail(e);
    }
    return this.$ready(undefined);
  }
}

/** A future that sends one item into `sink` and flushes it. */
export function send<T>(sink: Sink<T>, item: T): FutureBase<void> {
  return new Send(sink, item);
}

class SendAll<T> extends FutureBase<void> {
  private item: T | undefined = undefined;
  private hasItem = false;
  private srcDone = false;
  constructor(
    private readonly sink: Sink<T>,
    private readonly src: Stream<T>,
  ) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const sink = this.sink;
    try {
      for (;;) {
        if (this.hasItem) {
          // Backpressure: the next item is pulled only once the sink took this one.
          if (sink.pollReady(cx) === PENDING) return PENDING;
          const item = this.item as T;
          this.item = undefined;
          this.hasItem = false;
          sink.startSend(item);
        }
        if (this.srcDone) break;
        const r = this.src.pollNext(cx);
        if (r === PENDING) {
          sink.pollFlush(cx); // deliver what we have while the source is idle
          return PENDING;
        }
        if (r === END) {
          this.srcDone = true;
          break;
        }
        this.item = r as T;
        this.hasItem = true;
        if (!consumeBudget(cx)) return PENDING;
      }
      if (sink.pollFlush(cx) === PENDING) return PENDING;
    } catch (e) {
      this.dropSource();
      throw this.$fail(e);
    }
    return this.$ready(undefined);
  }
  protected override $onCancel(): void {
    this.dropSource();
  }
  private dropSource(): void {
    this.item = undefined;
    this.hasItem = false;
    if (!this.srcDone) {
      this.srcDone = true;
      this.src.cancel();
    }
  }
}

/**
 * A future that sends every item of `stream` into `sink` and flushes it (the sink is not
 * closed). A sink that is not ready stops the pulling from the stream. Cancelling the
 * future cancels the stream.
 */
export function sendAll<T>(sink: Sink<T>, stream: Stream<T>): FutureBase<void> {
  return new SendAll(sink, stream);
}

class Fanout<T> extends Sink<T> {
  constructor(
    private readonly a: Sink<T>,
    private readonly b: Sink<T>,
  ) {
    super();
  }
  pollReady(cx: Context): undefined | Pending {
    const ra = this.a.pollReady(cx);
    const rb = this.b.pollReady(cx);
    return ra === PENDING || rb === PENDING ? PENDING : undefined;
  }
  startSend(item: T): void {
    this.a.startSend(item);
    this.b.startSend(item);
  }
  pollFlush(cx: Context): undefined | Pending {
    const ra = this.a.pollFlush(cx);
    const rb = this.b.pollFlush(cx);
    return ra === PENDING || rb === PENDING ? PENDING : undefined;
  }
  pollClose(cx: Context): undefined | Pending {
    const ra = this.a.pollClose(cx);
    const rb = this.b.pollClose(cx);
    return ra === PENDING || rb === PENDING ? PENDING : undefined;
  }
}

/** A sink that sends each item to both `a` and `b`; ready when both are. */
export function fanout<T>(a: Sink<T>, b: Sink<T>): Sink<T> {
  return new Fanout(a, b);
}

class Close<T> extends FutureBase<void> {
  constructor(private readonly sink: Sink<T>) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: undefined | Pending;
    try {
      r = this.sink.pollClose(cx);
    } catch (e) {
      throw this.$fail(e);
    }
    return r === PENDING ? PENDING : this.$ready(undefined);
  }
}

/** A future that flushes and closes `sink`. */
export function closeSink<T>(sink: Sink<T>): FutureBase<void> {
  return new Close(sink);
}
