// TcpStream: a connected socket polled for readiness (Rust's tokio::net::TcpStream).
import net, { type AddressInfo, type Socket } from 'node:net';
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import type { AsyncRead, AsyncWrite } from './io.js';
import { type Interest, SocketRegistration } from './registration.js';

/** A stream nobody references any more is closed, as dropping one closes it in Rust. */
const dropped = new FinalizationRegistry<SocketRegistration>((reg) => reg.close());

export interface SocketAddr {
  address: string;
  port: number;
  family: string;
}

function addr(a: AddressInfo | string | null | object): SocketAddr | null {
  if (a === null || typeof a !== 'object' || !('port' in a)) return null;
  const { address, port, family } = a as AddressInfo;
  return { address, port, family };
}

/**
 * A TCP connection. Obtain one from `TcpStream.connect(port, host)` or `listener.accept()`,
 * or wrap a connected `net.Socket` with `TcpStream.from` (it must not be in flowing mode).
 *
 * Polling rules (as Rust's AsyncRead/AsyncWrite): one pending read and one pending write at
 * a time; each direction wakes only the waker of its most recent poll.
 */
export class TcpStream implements AsyncRead, AsyncWrite {
  /** @internal */
  readonly $io: SocketRegistration;

  private constructor(socket: Socket, connected: boolean) {
    this.$io = new SocketRegistration(socket, connected);
    dropped.register(this, this.$io, this.$io);
  }

  /** Connect to `host:port` (default host `127.0.0.1`). Lazy: nothing happens until polled. */
  static connect(port: number, host = '127.0.0.1'): FutureBase<TcpStream> {
    return new ConnectFuture(port, host);
  }

  /** Wrap a socket. The socket must be in paused mode (no 'data' listener, never resumed). */
  static from(socket: Socket): TcpStream {
    if (socket.readableFlowing === true) throw new TypeError('TcpStream.from: the socket is in flowing mode');
    return new TcpStream(socket, !socket.connecting);
  }

  /** The underlying socket, for options (`setNoDelay`, `setKeepAlive`). Do not read from it. */
  get socket(): Socket {
    return this.$io.socket;
  }

  get localAddr(): SocketAddr | null {
    return addr(this.$io.socket.address());
  }

  get peerAddr(): SocketAddr | null {
    const s = this.$io.socket;
    return s.remotePort === undefined ? null : { address: s.remoteAddress!, port: s.remotePort, family: s.remoteFamily! };
  }

  /** True after `close()` or once the socket is fully closed. */
  get isClosed(): boolean {
    return this.$io.isClosed;
  }

  /**
   * Read what is available: with no argument, everything buffered; with a number, at most
   * that many bytes (a non-empty Buffer, or `null` at end of stream); with a Uint8Array, copy
   * into it and return the count (0 at end of stream, Rust's convention).
   */
  pollRead(cx: Context, max?: number): Buffer | null | Pending;
  pollRead(cx: Context, buf: Uint8Array): number | Pending;
  pollRead(cx: Context, arg?: number | Uint8Array): Buffer | null | number | Pending {
    if (typeof arg === 'object') {
      if (arg.length === 0) return 0;
      const r = this.$io.pollRead(cx.waker, arg.length);
      if (r === PENDING) return PENDING;
      if (r === null) return 0;
      arg.set(r);
      return r.length;
    }
    if (arg === undefined) return this.$io.pollRead(cx.waker, Infinity);
    if (!(arg >= 1)) throw new RangeError(`TcpStream.pollRead: max must be at least 1, got ${arg}`);
    return this.$io.pollRead(cx.waker, arg);
  }

  /** Hand bytes (at most 256 KiB per call) to the socket; returns how many. The caller must
   * not modify them afterwards: Node writes them later without copying. */
  pollWrite(cx: Context, data: Uint8Array): number | Pending {
    return this.$io.pollWrite(cx.waker, data);
  }

  pollFlush(cx: Context): void | Pending {
    return this.$io.pollFlush(cx.waker);
  }

  /** Finish writing (FIN). The read side stays open. */
  pollShutdown(cx: Context): void | Pending {
    return this.$io.pollShutdown(cx.waker);
  }

  unread(chunk: Uint8Array): void {
    this.$io.unread(chunk);
  }

  forget(waker: Waker, interest: Interest): void {
    this.$io.forget(waker, interest);
  }

  /** Destroy the connection at once (no FIN handshake wait). Idempotent. */
  close(): void {
    dropped.unregister(this.$io);
    this.$io.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** @internal Wrap a freshly accepted socket. */
  static $accepted(socket: Socket): TcpStream {
    return new TcpStream(socket, true);
  }

  /** @internal Wrap a socket that is connecting. */
  static $connecting(socket: Socket): TcpStream {
    return new TcpStream(socket, false);
  }
}

/** The future of `TcpStream.connect`. Cancelling it destroys the half-made connection. */
class ConnectFuture extends FutureBase<TcpStream> {
  private stream: TcpStream | null = null;
  private parked: Waker | null = null;

  constructor(
    private readonly port: number,
    private readonly host: string,
  ) {
    super();
  }

  poll(cx: Context): TcpStream | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let s = this.stream;
    if (s === null) {
      s = this.stream = TcpStream.$connecting(net.connect({ port: this.port, host: this.host, allowHalfOpen: true }));
    }
    try {
      if (s.$io.pollConnect(cx.waker, `${this.host}:${this.port}`) === PENDING) {
        this.parked = cx.waker;
        return PENDING;
      }
    } catch (e) {
      this.stream = null;
      s.close();
      throw this.$fail(e);
    }
    this.stream = null;
    return this.$ready(s);
  }

  protected override $onCancel(): void {
    const s = this.stream;
    this.stream = null;
    const w = this.parked;
    this.parked = null;
    if (s === null) return;
    // Withdraw our own waker first: closing wakes every waiter, and the canceller is done.
    if (w !== null) s.$io.forget(w, 'connect');
    s.close();
  }
}
