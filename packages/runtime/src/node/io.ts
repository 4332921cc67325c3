// AsyncRead / AsyncWrite (Rust's tokio::io traits, poll-based) and the helper futures that
// drive them. Each helper is a small lazy leaf future: it does nothing until polled, and it
// releases its waker registration when cancelled so the stream stops holding the process.
//
// Cancel-safety: the helpers never lose bytes they took off a stream. `read` takes bytes only
// in the poll that returns them. `readExact` and `readToEnd` collect chunks over several polls;
// when cancelled, or when `readExact` meets end of stream early, they put what they collected
// back in front of the stream (`unread`), so the next read returns those bytes first.
// Writes cannot be taken back: a cancelled `writeAll` may have written a prefix, whose length
// it reports in `written`.
import { consumeBudget } from '../future/machine.js';
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { IoError } from './errors.js';
import { END, type End } from '../future/future.js';
import { Stream } from '../stream/stream.js';

export interface AsyncRead {
  /** A non-empty Buffer of at most `max` bytes, `null` at end of stream, or PENDING after
   * arranging for `cx.waker` to be woken when reading can make progress. */
  pollRead(cx: Context, max?: number): Buffer | null | Pending;
  /** Put bytes back in front of the stream. */
  unread(chunk: Uint8Array): void;
  /** Withdraw the read interest registered with `waker` (a cancelled future calls this). */
  forget?(waker: Waker, interest: 'read'): void;
}

export interface AsyncWrite {
  /** Accept some bytes (at least one, when `data` is not empty) and return how many. */
  pollWrite(cx: Context, data: Uint8Array): number | Pending;
  /** Ready when all accepted bytes have been handed to the operating system. */
  pollFlush(cx: Context): void | Pending;
  /** Flush, then close the write side (FIN). */
  pollShutdown(cx: Context): void | Pending;
  /** Withdraw the interest registered with `waker` (a cancelled future calls this). */
  forget?(waker: Waker, interest: 'write' | 'flush' | 'shutdown'): void;
}

/** Base of the helpers: remembers the waker it parked so cancellation can withdraw it. */
type Interest = 'read' | 'write' | 'flush' | 'shutdown';

abstract class IoFuture<T, S extends AsyncRead | AsyncWrite> extends FutureBase<T> {
  protected parked: Waker | null = null;
  protected abstract readonly interest: Interest;

  constructor(protected readonly stream: S) {
    super();
  }

  protected park(cx: Context): Pending {
    this.parked = cx.waker;
    return PENDING;
  }

  protected override $onCancel(): void {
    const w = this.parked;
    this.parked = null;
    const s = this.stream as { forget?(waker: Waker, interest: Interest): void };
    if (w !== null && s.forget !== undefined) s.forget(w, this.interest);
  }
}

class ReadFuture extends IoFuture<Buffer | null, AsyncRead> {
  protected readonly interest = 'read';
  constructor(
    stream: AsyncRead,
    private readonly max: number,
  ) {
    super(stream);
  }

  poll(cx: Context): Buffer | null | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: Buffer | null | Pending;
    try {
      r = this.stream.pollRead(cx, this.max);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) return this.park(cx);
    return this.$ready(r);
  }
}

/** Collects chunks across polls; gives them back to the stream unless it finishes. */
abstract class CollectFuture<T> extends IoFuture<T, AsyncRead> {
  protected readonly interest = 'read';
  protected chunks: Buffer[] = [];
  protected got = 0;

  protected giveBack(): void {
    const chunks = this.chunks;
    this.chunks = [];
    this.got = 0;
    if (chunks.length > 0) this.stream.unread(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  }

  protected take(): Buffer {
    const chunks = this.chunks;
    this.chunks = [];
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.got);
  }

  protected override $onCancel(): void {
    super.$onCancel();
    this.giveBack();
  }
}

class ReadExactFuture extends CollectFuture<Buffer> {
  constructor(
    stream: AsyncRead,
    private readonly n: number,
  ) {
    super(stream);
  }

  poll(cx: Context): Buffer | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const n = this.n;
    let first = true;
    try {
      while (this.got < n) {
        if (!first && !consumeBudget(cx)) return this.park(cx);
        first = false;
        const r = this.stream.pollRead(cx, n - this.got);
        if (r === PENDING) return this.park(cx);
        if (r === null) {
          const got = this.got;
          this.giveBack();
          throw new IoError(`readExact: unexpected end of stream after ${got} of ${n} bytes`, 'ERR_UNEXPECTED_EOF');
        }
        this.chunks.push(r);
        this.got += r.length;
      }
    } catch (e) {
      this.giveBack();
      throw this.$fail(e);
    }
    return this.$ready(n === 0 ? Buffer.alloc(0) : this.take());
  }
}

class ReadToEndFuture extends CollectFuture<Buffer> {
  poll(cx: Context): Buffer | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let first = true;
    try {
      for (;;) {
        if (!first && !consumeBudget(cx)) return this.park(cx);
        first = false;
        const r = this.stream.pollRead(cx);
        if (r === PENDING) return this.park(cx);
        if (r === null) break;
        this.chunks.push(r);
        this.got += r.length;
      }
    } catch (e) {
      this.giveBack();
      throw this.$fail(e);
    }
    return this.$ready(this.got === 0 ? Buffer.alloc(0) : this.take());
  }
}

class WriteFuture extends IoFuture<number, AsyncWrite> {
  protected readonly interest = 'write';
  constructor(
    stream: AsyncWrite,
    private readonly data: Uint8Array,
  ) {
    super(stream);
  }

  poll(cx: Context): number | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: number | Pending;
    try {
      r = this.stream.pollWrite(cx, this.data);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) return this.park(cx);
    return this.$ready(r);
  }
}

export class WriteAllFuture extends IoFuture<void, AsyncWrite> {
  protected readonly interest = 'write';
  /** Bytes accepted by the stream so far (what a cancelled writeAll did write). */
  written = 0;

  constructor(
    stream: AsyncWrite,
    private readonly data: Uint8Array,
  ) {
    super(stream);
  }

  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const data = this.data;
    let first = true;
    try {
      while (this.written < data.length) {
        if (!first && !consumeBudget(cx)) return this.park(cx);
        first = false;
        const r = this.stream.pollWrite(cx, this.written === 0 ? data : data.subarray(this.written));
        if (r === PENDING) return this.park(cx);
        if (r === 0) throw new IoError('writeAll: the stream accepted no bytes', 'ERR_WRITE_ZERO');
        this.written += r;
      }
    } catch (e) {
      throw this.$fail(e);
    }
    return this.$ready(undefined);
  }
}

class FlushFuture extends IoFuture<void, AsyncWrite> {
  protected readonly interest = 'flush';
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: void | Pending;
    try {
      r = this.stream.pollFlush(cx);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) return this.park(cx);
    return this.$ready(undefined);
  }
}

class ShutdownFuture extends IoFuture<void, AsyncWrite> {
  protected readonly interest = 'shutdown';
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: void | Pending;
    try {
      r = this.stream.pollShutdown(cx);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) return this.park(cx);
    return this.$ready(undefined);
  }
}

/** Read what is available, at most `max` bytes: a non-empty Buffer, or `null` at end of stream. */
export function read(stream: AsyncRead, max = Infinity): FutureBase<Buffer | null> {
  if (!(max >= 1)) throw new RangeError(`read: max must be at least 1, got ${max}`);
  return new ReadFuture(stream, max);
}

/** Read exactly `n` bytes. Fails with `ERR_UNEXPECTED_EOF` if the stream ends first (the
 * bytes read so far are put back). */
export function readExact(stream: AsyncRead, n: number): FutureBase<Buffer> {
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`readExact: n must be a non-negative integer, got ${n}`);
  return new ReadExactFuture(stream, n);
}

/** Read until end of stream. */
export function readToEnd(stream: AsyncRead): FutureBase<Buffer> {
  return new ReadToEndFuture(stream);
}

/** One write: resolves with how many bytes the stream accepted (up to 256 KiB for TcpStream). */
export function write(stream: AsyncWrite, data: Uint8Array): FutureBase<number> {
  return new WriteFuture(stream, data);
}

/** Write all of `data`, waiting for the stream to drain as needed. */
export function writeAll(stream: AsyncWrite, data: Uint8Array): WriteAllFuture {
  return new WriteAllFuture(stream, data);
}

/** Wait until written bytes are handed to the operating system. */
export function flush(stream: AsyncWrite): FutureBase<void> {
  return new FlushFuture(stream);
}

/** Close the write side (FIN) after buffered data; reading stays possible. */
export function shutdown(stream: AsyncWrite): FutureBase<void> {
  return new ShutdownFuture(stream);
}

/** The bytes of a stream as a tspoll Stream of chunks (each a non-empty Buffer of at most
 * `max` bytes), ending at end of stream: `for await (const chunk of chunks(s))` works natively
 * and from lowered code. Cancel-safe like `read`; cancelling it does not close `stream`. */
export function chunks(stream: AsyncRead, max = Infinity): Stream<Buffer> {
  if (!(max >= 1)) throw new RangeError(`chunks: max must be at least 1, got ${max}`);
  return new ChunkStream(stream, max);
}

class ChunkStream extends Stream<Buffer> {
  private parked: Waker | null = null;
  private done = false;

  constructor(
    private readonly stream: AsyncRead,
    private readonly max: number,
  ) {
    super();
  }

  pollNext(cx: Context): Buffer | Pending | End {
    if (this.done) return END;
    const r = this.stream.pollRead(cx, this.max);
    if (r === PENDING) {
      this.parked = cx.waker;
      return PENDING;
    }
    this.parked = null;
    if (r === null) {
      this.done = true;
      return END;
    }
    return r;
  }

  override cancel(): void {
    this.done = true;
    const w = this.parked;
    this.parked = null;
    if (w !== null && this.stream.forget !== undefined) this.stream.forget(w, 'read');
  }
}
