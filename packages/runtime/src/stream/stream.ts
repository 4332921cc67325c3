// The Stream type (ABI.md, section 6) and its combinators. They live in one module because
// every combinator is a Stream and every Stream has the combinator methods; splitting them
// would make an import cycle between a base class and its subclasses.
//
// Ownership follows Rust: a combinator owns its source, so `cancel()` on the outermost stream
// or on a consuming future (`forEach`, `collect`) cancels the whole chain down to the source.
import {
  type Context,
  DONE_OK,
  END,
  type End,
  FutureBase,
  isFuture,
  NEW,
  type Pending,
  PENDING,
  POLLING,
  polledAfterCompletion,
  type Waker,
} from '../future/future.js';
import { consumeBudget, pollSlot } from '../future/machine.js';
import { currentRuntime } from '../scheduler/runtime.js';

/** Brand of every tspoll stream (`Symbol.for`, so runtime copies interoperate). */
export const STREAM: unique symbol = Symbol.for('tspoll.stream@1') as never;

export function isStream(v: unknown): v is Stream<unknown> {
  return typeof v === 'object' && v !== null && (v as { [STREAM]?: unknown })[STREAM] === true;
}

/**
 * A stream: `pollNext(cx)` returns the next item, `PENDING` (after arranging a wake-up), or
 * `END`. Errors are thrown; whether the stream goes on after an error is up to the stream
 * (a broadcast receiver does, after `Lagged`). `cancel()` stops it and releases what it holds.
 */
export abstract class Stream<T> implements AsyncIterable<T> {
  abstract pollNext(cx: Context): T | Pending | End;

  /** Stop the stream and release its resources (and its source's). Idempotent. */
  cancel(): void {}

  get [STREAM](): true {
    return true;
  }

  /** Native `for await`: each `next()` is served by one task per iterator (see StreamIterator). */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return new StreamIterator(this);
  }

  map<U>(f: (item: T) => U): Stream<U> {
    return new MapStream(this, f);
  }

  filter<S extends T>(pred: (item: T) => item is S): Stream<S>;
  filter(pred: (item: T) => boolean): Stream<T>;
  filter(pred: (item: T) => boolean): Stream<T> {
    return new FilterStream(this, pred);
  }

  /** The first `n` items; the source is cancelled once they are out. */
  take(n: number): Stream<T> {
    return new TakeStream(this, n);
  }

  /** Items until `stop` settles (with a value or an error); then the source is cancelled.
   * `stop` (a future or a promise) is polled before the source, as in Rust. */
  takeUntil(stop: PromiseLike<unknown>): Stream<T> {
    return new TakeUntilStream(this, stop);
  }

  /** Arrays of `n` items; the last one may be shorter. */
  chunks(n: number): Stream<T[]> {
    return new ChunksStream(this, n);
  }

  /** A stream of futures (or promises) run up to `n` at a time, results in source order. */
  buffered<U>(this: Stream<PromiseLike<U>>, n: number): Stream<U> {
    return new BufferedStream<U>(this, n, true);
  }

  /** As `buffered`, but results come out as they finish. */
  bufferUnordered<U>(this: Stream<PromiseLike<U>>, n: number): Stream<U> {
    return new BufferedStream<U>(this, n, false);
  }

  /** Items of this and the other streams as they come, taking turns fairly; ends when all end. */
  merge(...others: Stream<T>[]): Stream<T> {
    return new MergeStream([this, ...others]);
  }

  /** A future that calls `f` on every item. If `f` returns a future or promise, it is awaited
   * before the next item is pulled (backpressure). Cancelling it cancels the stream. */
  forEach(f: (item: T) => unknown): FutureBase<void> {
    return new ForEach(this, f);
  }

  /** A future for all the items. Cancelling it cancels the stream. */
  collect(): FutureBase<T[]> {
    return new Collect(this);
  }

  /** A future for the next item, or `END`. Cancelling it does not cancel the stream. */
  next(): FutureBase<T | End> {
    return new Next(this);
  }
}

/** Cancel a future (or stream) that a combinator owns and has not finished. */
export function dropOwned(v: unknown): void {
  if (isFuture(v)) {
    const st = (v as FutureBase<unknown>).$st;
    if (st === NEW || st === POLLING) v.cancel();
  }
}

class MapStream<T, U> extends Stream<U> {
  constructor(
    private readonly src: Stream<T>,
    private readonly f: (item: T) => U,
  ) {
    super();
  }
  pollNext(cx: Context): U | Pending | End {
    const r = this.src.pollNext(cx);
    if (r === PENDING || r === END) return r as Pending | End;
    return this.f(r as T);
  }
  override cancel(): void {
    this.src.cancel();
  }
}

class FilterStream<T> extends Stream<T> {
  constructor(
    private readonly src: Stream<T>,
    private readonly pred: (item: T) => boolean,
  ) {
    super();
  }
  pollNext(cx: Context): T | Pending | End {
    for (;;) {
      const r = this.src.pollNext(cx);
      if (r === PENDING || r === END) return r;
      if (this.pred(r as T)) return r;
      if (!consumeBudget(cx)) return PENDING;
    }
  }
  override cancel(): void {
    this.src.cancel();
  }
}

class TakeStream<T> extends Stream<T> {
  constructor(
    private readonly src: Stream<T>,
    private left: number,
  ) {
    super();
  }
  pollNext(cx: Context): T | Pending | End {
    if (this.left <= 0) {
      this.cancel();
      return END;
    }
    const r = this.src.pollNext(cx);
    if (r === END) this.left = -1; // ended by itself: nothing to cancel
    else if (r !== PENDING && --this.left === 0) this.cancel(); // stop the source now
    return r;
  }
  override cancel(): void {
    if (this.left === -1) return;
    this.left = -1;
    this.src.cancel();
  }
}

class TakeUntilStream<T> extends Stream<T> {
  $aw: unknown;
  private done = false;
  constructor(
    private readonly src: Stream<T>,
    stop: PromiseLike<unknown>,
  ) {
    super();
    this.$aw = stop;
  }
  pollNext(cx: Context): T | Pending | End {
    if (this.done) return END;
    let stopped: boolean;
    try {
      stopped = pollSlot(this, cx) !== PENDING;
    } catch {
      stopped = true; // an error settles the stop future too
    }
    if (stopped) {
      this.$aw = undefined;
      this.cancel();
      return END;
    }
    const r = this.src.pollNext(cx);
    if (r === END) {
      this.done = true;
      dropOwned(this.$aw);
      this.$aw = undefined;
    }
    return r;
  }
  override cancel(): void {
    if (this.done) return;
    this.done = true;
    dropOwned(this.$aw);
    this.$aw = undefined;
    this.src.cancel();
  }
}

class ChunksStream<T> extends Stream<T[]> {
  private buf: T[] = [];
  private ended = false;
  constructor(
    private readonly src: Stream<T>,
    private readonly n: number,
  ) {
    super();
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid chunk size: ${n}`);
  }
  pollNext(cx: Context): T[] | Pending | End {
    if (this.ended) return END;
    for (;;) {
      const r = this.src.pollNext(cx);
      if (r === PENDING) return PENDING;
      if (r === END) {
        this.ended = true;
        return this.buf.length > 0 ? this.flush() : END;
      }
      this.buf.push(r as T);
      if (this.buf.length >= this.n) return this.flush();
      if (!consumeBudget(cx)) return PENDING;
    }
  }
  private flush(): T[] {
    const b = this.buf;
    this.buf = [];
    return b;
  }
  override cancel(): void {
    this.ended = true;
    this.buf = [];
    this.src.cancel();
  }
}

// Slot states of BufferedStream.
const FREE = 0;
const RUNNING = 1;
const OK = 2;
const ERR = 3;

/** One in-flight future; slots are allocated once per BufferedStream and reused. */
interface Slot {
  $aw: unknown;
  state: number;
  out: unknown;
}

class BufferedStream<T> extends Stream<T> {
  private readonly slots: Slot[];
  /** Ordered mode: index of the oldest slot; the in-flight ones follow it, as a ring. */
  private head = 0;
  private count = 0;
  private srcDone = false;
  constructor(
    private readonly src: Stream<PromiseLike<T>>,
    private readonly n: number,
    private readonly ordered: boolean,
  ) {
    super();
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid buffer size: ${n}`);
    this.slots = [];
    for (let i = 0; i < n; i++) this.slots.push({ $aw: undefined, state: FREE, out: undefined });
  }

  pollNext(cx: Context): T | Pending | End {
    const slots = this.slots;
    const n = this.n;
    // Pull new futures while there is room (ordered: at the ring's tail; else any free slot).
    let free = 0;
    while (!this.srcDone && this.count < n) {
      const r = this.src.pollNext(cx);
      if (r === PENDING) break;
      if (r === END) {
        this.srcDone = true;
        break;
      }
      let s: Slot;
      if (this.ordered) s = slots[(this.head + this.count) % n]!;
      else {
        while (slots[free]!.state !== FREE) free++;
        s = slots[free]!;
      }
      s.$aw = r;
      s.state = RUNNING;
      this.count++;
    }
    if (this.count === 0) return this.srcDone ? END : PENDING;
    // Poll every running future (each registers this task's waker if it is not done).
    for (let i = 0; i < n; i++) {
      const s = slots[i]!;
      if (s.state !== RUNNING) continue;
      try {
        const r = pollSlot(s, cx);
        if (r === PENDING) continue;
        s.state = OK;
        s.out = r;
      } catch (e) {
        s.$aw = undefined;
        s.state = ERR;
        s.out = e;
      }
    }
    if (this.ordered) return this.yieldSlot(slots[this.head]!, true);
    for (let i = 0; i < n; i++) {
      const st = slots[i]!.state;
      if (st === OK || st === ERR) return this.yieldSlot(slots[i]!, false);
    }
    return PENDING;
  }

  private yieldSlot(s: Slot, ordered: boolean): T | Pending {
    const st = s.state;
    if (st !== OK && st !== ERR) return PENDING;
    const out = s.out;
    s.out = undefined;
    s.state = FREE;
    this.count--;
    if (ordered) this.head = (this.head + 1) % this.n;
    if (st === ERR) throw out;
    return out as T;
  }

  override cancel(): void {
    for (const s of this.slots) {
      if (s.state === RUNNING) dropOwned(s.$aw);
      s.$aw = s.out = undefined;
      s.state = FREE;
    }
    this.count = 0;
    this.srcDone = true;
    this.src.cancel();
  }
}

class MergeStream<T> extends Stream<T> {
  private live: number;
  /** Where the next poll starts, so no stream can starve the others. */
  private start = 0;
  constructor(private readonly streams: (Stream<T> | null)[]) {
    super();
    this.live = streams.length;
  }
  pollNext(cx: Context): T | Pending | End {
    const ss = this.streams;
    const k = ss.length;
    for (let i = 0; i < k; i++) {
      const idx = (this.start + i) % k;
      const s = ss[idx];
      if (s === null || s === undefined) continue;
      const r = s.pollNext(cx);
      if (r === PENDING) continue;
      if (r === END) {
        ss[idx] = null;
        this.live--;
        continue;
      }
      this.start = (idx + 1) % k;
      return r;
    }
    return this.live === 0 ? END : PENDING;
  }
  override cancel(): void {
    const ss = this.streams;
    for (let i = 0; i < ss.length; i++) {
      const s = ss[i];
      ss[i] = null;
      if (s) s.cancel();
    }
    this.live = 0;
  }
}

/** Merge any number of streams (see `Stream.merge`). */
export function merge<T>(...streams: Stream<T>[]): Stream<T> {
  return new MergeStream(streams.slice());
}

class ForEach<T> extends FutureBase<void> {
  /** The future or promise `f` returned, awaited before the next item. */
  $aw: unknown = undefined;
  private waiting = false;
  constructor(
    private readonly src: Stream<T>,
    private readonly f: (item: T) => unknown,
  ) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    try {
      for (;;) {
        if (this.waiting) {
          if (pollSlot(this, cx) === PENDING) return PENDING;
          this.waiting = false;
        }
        const r = this.src.pollNext(cx);
        if (r === PENDING) return PENDING;
        if (r === END) return this.$ready(undefined);
        const out = this.f(r as T);
        if ((typeof out === 'object' && out !== null) || typeof out === 'function') {
          this.$aw = out;
          this.waiting = true;
        }
        if (!consumeBudget(cx)) return PENDING;
      }
    } catch (e) {
      this.$aw = undefined;
      this.waiting = false;
      this.src.cancel();
      throw this.$fail(e);
    }
  }
  protected override $onCancel(): void {
    if (this.waiting) dropOwned(this.$aw);
    this.$aw = undefined;
    this.src.cancel();
  }
}

class Collect<T> extends FutureBase<T[]> {
  private items: T[] = [];
  constructor(private readonly src: Stream<T>) {
    super();
  }
  poll(cx: Context): T[] | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    try {
      for (;;) {
        const r = this.src.pollNext(cx);
        if (r === PENDING) return PENDING;
        if (r === END) return this.$ready(this.items);
        this.items.push(r as T);
        if (!consumeBudget(cx)) return PENDING;
      }
    } catch (e) {
      this.src.cancel();
      throw this.$fail(e);
    }
  }
  protected override $onCancel(): void {
    this.items = [];
    this.src.cancel();
  }
}

class Next<T> extends FutureBase<T | End> {
  constructor(private readonly src: Stream<T>) {
    super();
  }
  poll(cx: Context): T | End | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: T | End | Pending;
    try {
      r = this.src.pollNext(cx);
    } catch (e) {
      throw this.$fail(e);
    }
    return r === PENDING ? PENDING : this.$ready(r);
  }
}

interface Request<T> {
  resolve(r: IteratorResult<T, undefined>): void;
  reject(e: unknown): void;
}

const DONE_RESULT: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A Stream as a native AsyncIterator. One task per iterator (the pump) polls the stream, so
 * the stream and any futures it owns keep one owner and one waker for their whole life;
 * `next()` queues a request and wakes the pump. Calls to `next()` without awaiting are
 * served in order. `return()` (a `break` out of `for await`) cancels the stream; so does an
 * error, after which the iterator is done, as a native async iterator is.
 */
class StreamIterator<T> implements AsyncIterator<T, undefined> {
  private pump: Pump<T> | null = null;
  /** @internal */ finished = false;
  /** @internal */ readonly requests: Request<T>[] = [];
  constructor(/** @internal */ readonly stream: Stream<T>) {}

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.finished) return Promise.resolve(DONE_RESULT);
    return new Promise((resolve, reject) => {
      this.requests.push({ resolve, reject });
      const p = this.pump;
      if (p === null) currentRuntime().spawn((this.pump = new Pump(this)), { name: 'stream-iterator' });
      else if (p.waker !== null) p.waker.wake();
    });
  }

  return(value?: unknown): Promise<IteratorResult<T, undefined>> {
    this.finish();
    return Promise.resolve({ done: true, value: value as undefined });
  }

  /** @internal Done: cancel the stream, answer waiting requests, stop the pump. */
  finish(error?: { e: unknown }, fromPump = false): void {
    if (this.finished) return;
    this.finished = true;
    this.stream.cancel();
    const rs = this.requests.splice(0);
    for (let i = 0; i < rs.length; i++) {
      if (i === 0 && error !== undefined) rs[i]!.reject(error.e);
      else rs[i]!.resolve(DONE_RESULT);
    }
    const p = this.pump;
    if (!fromPump && p !== null && p.$st < DONE_OK) p.cancel();
  }
}

class Pump<T> extends FutureBase<void> {
  /** Its task's waker: `next()` wakes it when a request comes in while it idles. */
  waker: Waker | null = null;
  constructor(private readonly it: StreamIterator<T>) {
    super();
  }
  poll(cx: Context): void | Pending {
    this.waker = cx.waker;
    const it = this.it;
    const q = it.requests;
    while (q.length > 0 && !it.finished) {
      let r: T | Pending | End;
      try {
        r = it.stream.pollNext(cx);
      } catch (e) {
        it.finish({ e }, true);
        break;
      }
      if (r === PENDING) return PENDING;
      if (r === END) {
        it.finish(undefined, true);
        break;
      }
      q.shift()!.resolve({ done: false, value: r as T });
      if (q.length > 0 && !consumeBudget(cx)) return PENDING;
    }
    return it.finished ? this.$ready(undefined) : PENDING;
  }
}
