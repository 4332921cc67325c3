// The environment of the native (and TypeScript ES5) builds: Promise-based primitives, as an
// application without tspoll would write them.
import * as net from 'node:net';
import { io, measure } from './common.ts';

class Event {
  private resolve!: () => void;
  private readonly p = new Promise<void>((r) => (this.resolve = r));
  wait(): Promise<void> {
    return this.p;
  }
  set(): void {
    this.resolve();
  }
}

/** An unbounded Promise-based channel. */
class Chan<T> {
  private queue: T[] = [];
  private head = 0;
  private waiter: ((v: T) => void) | null = null;
  send(v: T): void {
    const w = this.waiter;
    if (w !== null) {
      this.waiter = null;
      w(v);
    } else this.queue.push(v);
  }
  recv(): Promise<T> {
    if (this.head < this.queue.length) {
      const v = this.queue[this.head++];
      if (this.head === this.queue.length) {
        this.queue.length = 0;
        this.head = 0;
      }
      return Promise.resolve(v);
    }
    return new Promise<T>((r) => (this.waiter = r));
  }
}

/** Sockets with async/await: a pull reader over 'data' with pause/resume, write with drain. */
class Conn {
  private chunks: Buffer[] = [];
  private ended = false;
  private waiter: ((b: Buffer | null) => void) | null = null;
  constructor(readonly sock: net.Socket) {
    sock.on('data', (b: Buffer) => {
      const w = this.waiter;
      if (w !== null) {
        this.waiter = null;
        w(b);
      } else {
        this.chunks.push(b);
        sock.pause();
      }
    });
    sock.on('end', () => {
      this.ended = true;
      const w = this.waiter;
      if (w !== null) {
        this.waiter = null;
        w(null);
      }
    });
    sock.on('error', () => {});
  }
  read(): Promise<Buffer | null> {
    if (this.chunks.length) {
      const b = this.chunks.shift()!;
      if (!this.chunks.length) this.sock.resume();
      return Promise.resolve(b);
    }
    if (this.ended) return Promise.resolve(null);
    return new Promise((r) => (this.waiter = r));
  }
  write(b: Buffer): Promise<void> | void {
    if (this.sock.write(b)) return;
    return new Promise((r) => this.sock.once('drain', r));
  }
  shutdown(): void {
    this.sock.end();
  }
  close(): void {
    this.sock.destroy();
  }
}

class Listener {
  private conns: Conn[] = [];
  private waiter: ((c: Conn) => void) | null = null;
  constructor(readonly server: net.Server) {
    server.on('connection', (s) => {
      const c = new Conn(s);
      const w = this.waiter;
      if (w) {
        this.waiter = null;
        w(c);
      } else this.conns.push(c);
    });
  }
  accept(): Promise<Conn> {
    if (this.conns.length) return Promise.resolve(this.conns.shift()!);
    return new Promise((r) => (this.waiter = r));
  }
  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }
  close(): void {
    this.server.close();
  }
}

export const env = {
  name: 'native',
  measure,
  io,
  /** Native calls start eagerly: the promise is the task. */
  spawn<T>(p: Promise<T>): Promise<T> {
    return p;
  },
  all<T>(ps: Promise<T>[]): Promise<T[]> {
    return Promise.all(ps);
  },
  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  },
  event: () => new Event(),
  channel<T>(): [Chan<T>, Chan<T>] {
    const c = new Chan<T>();
    return [c, c];
  },
  tcp: {
    listen(): Promise<Listener> {
      const server = net.createServer();
      return new Promise((r) => server.listen(0, '127.0.0.1', () => r(new Listener(server))));
    },
    port: (l: Listener) => l.port,
    accept: (l: Listener) => l.accept(),
    connect(port: number): Promise<Conn> {
      return new Promise((r) => {
        const s = net.connect(port, '127.0.0.1', () => r(new Conn(s)));
      });
    },
    read: (c: Conn) => c.read(),
    writeAll: (c: Conn, b: Buffer) => c.write(b),
    shutdown: (c: Conn) => c.shutdown(),
    close: (c: Conn) => c.close(),
    closeListener: (l: Listener) => l.close(),
  },
};
