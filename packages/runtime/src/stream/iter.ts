// Streams from JavaScript iterables: any AsyncIterable (async generators, Node streams,
// web ReadableStreams) and plain Iterables.
import { type Context, END, type End, type Pending, PENDING, type Waker } from '../future/future.js';
import { reportError } from '../future/hooks.js';
import { isStream, Stream } from './stream.js';

const IDLE = 0; // no next() in flight
const WAITING = 1; // next() in flight
const READY = 2; // an item arrived and waits to be polled
const FAILED = 3; // next() rejected; the error waits to be polled
const ENDED = 4; // done, errored, or cancelled

class AsyncIterStream<T> extends Stream<T> {
  private it: AsyncIterator<T> | null = null;
  private state = IDLE;
  private out: unknown = undefined;
  private waker: Waker | null = null;
  // Made once per stream, so each item costs one `then` and no new closures.
  private readonly onResult = (r: IteratorResult<T>): void => {
    if (this.state !== WAITING) return; // cancelled meanwhile
    if (r.done) this.state = ENDED;
    else {
      this.state = READY;
      this.out = r.value;
    }
    this.wakeUp();
  };
  private readonly onError = (e: unknown): void => {
    if (this.state !== WAITING) return;
    this.state = FAILED;
    this.out = e;
    this.wakeUp();
  };

  constructor(private readonly source: AsyncIterable<T>) {
    super();
  }

  pollNext(cx: Context): T | Pending | End {
    switch (this.state) {
      case READY: {
        const v = this.out as T;
        this.out = undefined;
        this.state = IDLE;
        return v;
      }
      case WAITING:
        this.waker = cx.waker;
        return PENDING;
      case FAILED: {
        const e = this.out;
        this.out = undefined;
        this.state = ENDED; // a rejected next() finishes a native iterator
        throw e;
      }
      case ENDED:
        return END;
    }
    let p: Promise<IteratorResult<T>>;
    try {
      const it = (this.it ??= this.source[Symbol.asyncIterator]());
      p = it.next();
    } catch (e) {
      this.state = ENDED;
      throw e;
    }
    this.state = WAITING;
    this.waker = cx.waker;
    Promise.resolve(p).then(this.onResult, this.onError);
    return PENDING;
  }

  /** Stops the iterator with `return()` (so an async generator runs its `finally` blocks). */
  override cancel(): void {
    const st = this.state;
    this.state = ENDED;
    this.out = undefined;
    this.waker = null;
    const it = this.it;
    if (st === ENDED || st === FAILED || it === null || typeof it.return !== 'function') return;
    try {
      Promise.resolve(it.return()).then(undefined, reportError);
    } catch (e) {
      reportError(e);
    }
  }

  private wakeUp(): void {
    const w = this.waker;
    this.waker = null;
    if (w !== null) w.wake();
  }
}

class IterStream<T> extends Stream<T> {
  private it: Iterator<T> | null = null;
  private done = false;
  constructor(private readonly source: Iterable<T>) {
    super();
  }
  pollNext(_cx: Context): T | End {
    if (this.done) return END;
    let r: IteratorResult<T>;
    try {
      r = (this.it ??= this.source[Symbol.iterator]()).next();
    } catch (e) {
      this.done = true;
      throw e;
    }
    if (r.done) {
      this.done = true;
      return END;
    }
    return r.value;
  }
  override cancel(): void {
    if (this.done) return;
    this.done = true;
    const it = this.it;
    if (it !== null && typeof it.return === 'function') it.return();
  }
}

/**
 * Any AsyncIterable (or Iterable) as a Stream; a Stream is returned as it is. The iterator
 * is created on the first poll; `cancel()` calls its `return()`. One `next()` is in flight
 * at a time, so the iterator is pulled only as fast as the stream is polled (backpressure).
 */
export function fromAsyncIterable<T>(source: AsyncIterable<T> | Iterable<T>): Stream<T> {
  if (isStream(source)) return source as Stream<T>;
  if (typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    return new AsyncIterStream(source as AsyncIterable<T>);
  }
  if (typeof (source as Iterable<T>)[Symbol.iterator] === 'function') return new IterStream(source as Iterable<T>);
  throw new TypeError('fromAsyncIterable: not an async iterable or iterable');
}

/** A synchronous Iterable (an array, a generator) as a Stream: every poll is ready. */
export function fromIterable<T>(source: Iterable<T>): Stream<T> {
  return new IterStream(source);
}
