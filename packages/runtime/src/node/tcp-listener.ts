// TcpListener: a listening socket whose incoming connections are accepted by polling.
// Node accepts connections itself and emits 'connection'; the listener queues them (each
// already wrapped, so errors on a queued socket are caught) until `accept()` takes one.
import net, { type Server, type Socket } from 'node:net';
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import { hostError, IoError } from './errors.js';
import { type SocketAddr, TcpStream } from './tcp-stream.js';

class ListenerRegistration {
  readonly queue: TcpStream[] = [];
  private waker: Waker | null = null;
  private refd = true;
  error: unknown = null;
  closed = false;

  constructor(readonly server: Server) {
    server.on('connection', this.onConnection);
    server.on('error', this.onError);
    this.refresh();
  }

  private readonly onConnection = (socket: Socket): void => {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.queue.push(TcpStream.$accepted(socket));
    this.wake();
  };
  private readonly onError = (e: unknown): void => {
    if (this.error === null) this.error = e;
    this.wake();
  };

  private wake(): void {
    const w = this.waker;
    if (w !== null) {
      this.waker = null;
      this.refresh();
      w.wake();
    }
  }

  private refresh(): void {
    const want = this.waker !== null;
    if (want === this.refd || this.closed) return;
    this.refd = want;
    if (want) this.server.ref();
    else this.server.unref();
  }

  pollAccept(waker: Waker): TcpStream | Pending {
    if (this.closed) throw new IoError('TcpListener: accept on a closed listener', 'ERR_LISTENER_CLOSED');
    const s = this.queue.shift();
    if (s !== undefined) return s;
    if (this.error !== null) throw hostError('TcpListener', 'accepting', this.error);
    if (this.waker !== waker) {
      this.waker = waker;
      this.refresh();
    }
    return PENDING;
  }

  forget(waker: Waker): void {
    if (this.waker === waker) {
      this.waker = null;
      this.refresh();
    }
  }

  close(): void {
    if (this.closed) return;
    this.server.close();
    this.server.unref();
    this.closed = true;
    for (const s of this.queue) s.close();
    this.queue.length = 0;
    const w = this.waker;
    this.waker = null;
    if (w !== null) w.wake();
  }
}

const dropped = new FinalizationRegistry<ListenerRegistration>((reg) => reg.close());

/** A listening TCP socket (Rust's tokio::net::TcpListener). */
export class TcpListener {
  /** @internal */
  readonly $io: ListenerRegistration;

  private constructor(server: Server) {
    this.$io = new ListenerRegistration(server);
    dropped.register(this, this.$io, this.$io);
  }

  /**
   * Listen on `host:port` (default host `127.0.0.1`; port 0 picks a free port, see
   * `localAddr`). Lazy: the socket is bound when the future is first polled.
   */
  static bind(port: number, host = '127.0.0.1'): FutureBase<TcpListener> {
    return new BindFuture(port, host);
  }

  /** @internal */
  static $bound(server: Server): TcpListener {
    return new TcpListener(server);
  }

  /** The next incoming connection. Cancel-safe: a cancelled accept loses no connection. */
  accept(): FutureBase<TcpStream> {
    return new AcceptFuture(this);
  }

  pollAccept(cx: Context): TcpStream | Pending {
    return this.$io.pollAccept(cx.waker);
  }

  get localAddr(): SocketAddr {
    const a = this.$io.server.address();
    if (a === null || typeof a !== 'object') throw new IoError('TcpListener: not listening', 'ERR_LISTENER_CLOSED');
    return { address: a.address, port: a.port, family: a.family };
  }

  /** Stop listening and close connections not yet accepted; a pending accept fails. Accepted
   * streams stay open. Idempotent. */
  close(): void {
    dropped.unregister(this.$io);
    this.$io.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

class AcceptFuture extends FutureBase<TcpStream> {
  private waker: Waker | null = null;

  constructor(private readonly listener: TcpListener) {
    super();
  }

  poll(cx: Context): TcpStream | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let r: TcpStream | Pending;
    try {
      r = this.listener.$io.pollAccept(cx.waker);
    } catch (e) {
      throw this.$fail(e);
    }
    if (r === PENDING) {
      this.waker = cx.waker;
      return PENDING;
    }
    return this.$ready(r);
  }

  protected override $onCancel(): void {
    if (this.waker !== null) this.listener.$io.forget(this.waker);
    this.waker = null;
  }
}

class BindFuture extends FutureBase<TcpListener> {
  private server: Server | null = null;
  private waker: Waker | null = null;
  private listening = false;
  private error: unknown = null;

  constructor(
    private readonly port: number,
    private readonly host: string,
  ) {
    super();
  }

  poll(cx: Context): TcpListener | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    let server = this.server;
    if (server === null) {
      server = this.server = net.createServer({ allowHalfOpen: true });
      const wake = () => {
        const w = this.waker;
        this.waker = null;
        if (w !== null) w.wake();
      };
      server.once('listening', () => {
        this.listening = true;
        wake();
      });
      server.once('error', (e) => {
        this.error = e;
        wake();
      });
      server.listen(this.port, this.host);
    }
    if (this.error !== null) {
      this.server = null;
      server.close();
      throw this.$fail(hostError('TcpListener', `binding ${this.host}:${this.port}` as 'binding', this.error));
    }
    if (this.listening) {
      this.server = null;
      server.removeAllListeners('error');
      return this.$ready(TcpListener.$bound(server));
    }
    this.waker = cx.waker;
    return PENDING;
  }

  protected override $onCancel(): void {
    this.waker = null;
    const s = this.server;
    this.server = null;
    if (s !== null) s.close();
  }
}
