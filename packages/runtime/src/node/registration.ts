// Readiness for one net.Socket: the bridge between Node's event loop (our reactor) and the
// wakers of the tasks polling the socket. The socket stays in paused mode; `poll*` calls take
// bytes with `socket.read()` and, when nothing is there, park the caller's waker in the slot
// of the event that means "try again". Each socket event has exactly one listener, installed
// here once, so polling never adds listeners; a slot holds one waker and the latest one wins
// (Rust's poll_read contract: only the most recent context is woken).
import type { Socket } from 'node:net';
import { type Pending, PENDING, type Waker } from '../future/future.js';
import { hostError, IoError } from './errors.js';
// Awaiting a future natively spawns it on the default runtime; importing only this
// subpath must be enough for that, so load the scheduler (it installs the hooks).
import '../scheduler/runtime.js';

const EMPTY = Buffer.alloc(0);
/** Largest chunk one `pollWrite` hands to the socket, so large writes meet backpressure in
 * steps instead of queueing everything in Node's buffer at once. */
export const MAX_WRITE = 256 * 1024;

/** The kinds of readiness a socket tracks, one waker each. */
export type Interest = 'read' | 'write' | 'flush' | 'shutdown' | 'connect';

export class SocketRegistration {
  readonly socket: Socket;
  // One waker per kind of readiness.
  private readWaker: Waker | null = null;
  private writeWaker: Waker | null = null;
  private flushWaker: Waker | null = null;
  private shutdownWaker: Waker | null = null;
  private connectWaker: Waker | null = null;
  /** The socket handle is ref'd: true exactly while some waker waits on it. */
  private refd = true;
  /** Bytes taken off the socket but not handed out: the tail of a chunk larger than the
   * caller asked for, or bytes a cancelled helper put back (`unread`). */
  private leftover: Buffer | null = null;
  error: unknown = null;
  connected: boolean;
  private eof = false;
  private finished = false;
  private ended = false;
  private closed = false;
  /** `close()` was called: our side destroyed the socket. */
  private closedLocally = false;
  private flushing = false;

  constructor(socket: Socket, connected: boolean) {
    this.socket = socket;
    this.connected = connected;
    socket.on('readable', this.onReadable);
    socket.on('end', this.onEnd);
    socket.on('drain', this.onDrain);
    socket.on('finish', this.onFinish);
    socket.on('connect', this.onConnect);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    if (socket.destroyed) {
      // Wrapped after the fact (TcpStream.from): no event will come to tell us.
      this.closed = true;
      this.eof = socket.readableEnded;
      this.error = socket.errored ?? null;
    }
    this.refresh(); // nobody waits yet: the socket must not keep the process alive
  }

  // Listeners: arrow fields, created once per socket.
  private readonly onReadable = (): void => {
    const w = this.readWaker;
    if (w !== null) {
      this.readWaker = null;
      this.refresh();
      w.wake();
    }
  };
  private readonly onEnd = (): void => {
    this.eof = true;
    this.onReadable();
  };
  private readonly onDrain = (): void => {
    const w = this.writeWaker;
    if (w !== null) {
      this.writeWaker = null;
      this.refresh();
      w.wake();
    }
  };
  private readonly onFlushed = (): void => {
    this.flushing = false;
    const w = this.flushWaker;
    if (w !== null) {
      this.flushWaker = null;
      this.refresh();
      w.wake();
    }
  };
  private readonly onFinish = (): void => {
    this.finished = true;
    const w = this.shutdownWaker;
    if (w !== null) {
      this.shutdownWaker = null;
      this.refresh();
      w.wake();
    }
    this.onFlushed();
  };
  private readonly onConnect = (): void => {
    this.connected = true;
    const w = this.connectWaker;
    if (w !== null) {
      this.connectWaker = null;
      this.refresh();
      w.wake();
    }
  };
  private readonly onError = (e: unknown): void => {
    if (this.error === null) this.error = e;
    this.wakeAll();
  };
  private readonly onClose = (): void => {
    this.closed = true;
    this.flushing = false;
    this.wakeAll();
  };

  /** Errors and closing end every wait: each waiter re-polls and sees the outcome. */
  private wakeAll(): void {
    const ws = [this.readWaker, this.writeWaker, this.flushWaker, this.shutdownWaker, this.connectWaker];
    this.readWaker = this.writeWaker = this.flushWaker = this.shutdownWaker = this.connectWaker = null;
    this.refresh();
    for (const w of ws) if (w !== null) w.wake();
  }

  /** Keep the process alive only while a task waits on this socket. */
  private refresh(): void {
    const want =
      this.readWaker !== null ||
      this.writeWaker !== null ||
      this.flushWaker !== null ||
      this.shutdownWaker !== null ||
      this.connectWaker !== null;
    if (want === this.refd) return;
    this.refd = want;
    // A destroyed socket has no handle; ref()/unref() would queue a 'connect' listener.
    if (this.closed || this.socket.destroyed) return;
    if (want) this.socket.ref();
    else this.socket.unref();
  }

  /** The error to throw from a poll doing `op`, or null when the socket is usable. */
  private failure(op: string): IoError | null {
    if (this.error !== null) return hostError('TcpStream', op as 'reading', this.error);
    if (this.closedLocally) return new IoError(`TcpStream: socket is closed (close() was called) while ${op}`, 'ERR_SOCKET_CLOSED');
    return null;
  }

  /**
   * Ready with a non-empty Buffer of at most `max` bytes, or `null` at end of stream (again
   * on every later call); PENDING after parking `waker` for 'readable'/'end'.
   */
  pollRead(waker: Waker, max: number): Buffer | null | Pending {
    let chunk = this.leftover;
    if (chunk !== null) {
      this.leftover = null;
    } else {
      const err = this.failure('reading');
      if (err !== null) throw err;
      chunk = this.socket.read() as Buffer | null;
      if (chunk === null) {
        if (this.eof || this.closed) return null;
        if (this.readWaker !== waker) {
          this.readWaker = waker;
          this.refresh();
        }
        return PENDING;
      }
    }
    if (chunk.length > max) {
      this.leftover = chunk.subarray(max);
      chunk = chunk.subarray(0, max);
    }
    return chunk;
  }

  /** Put bytes back in front of the stream; the next read returns them first. */
  unread(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.leftover = this.leftover === null ? b : Buffer.concat([b, this.leftover]);
  }

  /** Hands up to MAX_WRITE bytes to the socket and returns the count; PENDING while the
   * socket's buffer is over its high-water mark (woken by 'drain'). */
  pollWrite(waker: Waker, data: Uint8Array): number | Pending {
    const err = this.failure('writing');
    if (err !== null) throw err;
    if (this.ended) throw new IoError('TcpStream: write after shutdown', 'ERR_WRITE_AFTER_SHUTDOWN');
    if (this.closed || this.socket.destroyed) throw new IoError('TcpStream: socket is closed while writing', 'ERR_SOCKET_CLOSED');
    if (data.length === 0) return 0;
    if (this.socket.writableNeedDrain) {
      if (this.writeWaker !== waker) {
        this.writeWaker = waker;
        this.refresh();
      }
      return PENDING;
    }
    const n = data.length <= MAX_WRITE ? data.length : MAX_WRITE;
    this.socket.write(n === data.length ? data : data.subarray(0, n));
    return n;
  }

  /** Ready once everything written so far has been handed to the operating system. */
  pollFlush(waker: Waker): void | Pending {
    const err = this.failure('flushing');
    if (err !== null) throw err;
    const s = this.socket;
    if (this.ended) {
      if (this.finished || s.writableLength === 0) return;
    } else {
      if (s.writableLength === 0 && !this.flushing) return;
      if (this.closed || s.destroyed) throw new IoError('TcpStream: socket is closed while flushing', 'ERR_SOCKET_CLOSED');
      if (!this.flushing) {
        // An empty write completes after every write queued before it.
        this.flushing = true;
        s.write(EMPTY, this.onFlushed);
      }
    }
    if (this.flushWaker !== waker) {
      this.flushWaker = waker;
      this.refresh();
    }
    return PENDING;
  }

  /** Sends FIN after the buffered data (`socket.end()`); ready on 'finish'. Reading stays open. */
  pollShutdown(waker: Waker): void | Pending {
    if (this.finished) return;
    const err = this.failure('shutting down');
    if (err !== null) throw err;
    if (this.closed || this.socket.destroyed) throw new IoError('TcpStream: socket is closed while shutting down', 'ERR_SOCKET_CLOSED');
    if (!this.ended) {
      this.ended = true;
      this.socket.end();
      if (this.finished) return;
    }
    if (this.shutdownWaker !== waker) {
      this.shutdownWaker = waker;
      this.refresh();
    }
    return PENDING;
  }

  /** Ready once connected; throws the connect error. */
  pollConnect(waker: Waker, where: string): void | Pending {
    if (this.error !== null) throw hostError('TcpStream', `connecting to ${where}` as 'connecting', this.error);
    if (this.connected) return;
    if (this.closed) throw new IoError(`TcpStream: socket closed while connecting to ${where}`, 'ERR_SOCKET_CLOSED');
    if (this.connectWaker !== waker) {
      this.connectWaker = waker;
      this.refresh();
    }
    return PENDING;
  }

  /**
   * A cancelled future withdraws its interest in one kind of readiness, so the socket stops
   * holding the process. Only that slot, and only if it still holds `waker`: a task may wait
   * on a read and a write of one socket at once (a select) and lose only one of them.
   */
  forget(waker: Waker, interest: Interest): void {
    switch (interest) {
      case 'read':
        if (this.readWaker === waker) this.readWaker = null;
        break;
      case 'write':
        if (this.writeWaker === waker) this.writeWaker = null;
        break;
      case 'flush':
        if (this.flushWaker === waker) this.flushWaker = null;
        break;
      case 'shutdown':
        if (this.shutdownWaker === waker) this.shutdownWaker = null;
        break;
      case 'connect':
        if (this.connectWaker === waker) this.connectWaker = null;
        break;
    }
    this.refresh();
  }

  /** Destroy the socket; pending and later polls fail with ERR_SOCKET_CLOSED. */
  close(): void {
    if (this.closedLocally) return;
    this.closedLocally = true;
    this.leftover = null;
    this.socket.destroy();
    this.wakeAll();
  }

  get isClosed(): boolean {
    return this.closed || this.closedLocally;
  }
}
