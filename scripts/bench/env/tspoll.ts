// The environment of the tspoll build: the runtime's own primitives behind the same names.
import * as rt from '@tspoll/runtime';
import { read, shutdown, TcpListener, TcpStream, writeAll } from '@tspoll/runtime/node';
import { Notify, unboundedChannel } from '@tspoll/runtime';
import { io, measure } from './common.ts';

class Event {
  private readonly n = new Notify();
  wait(): unknown {
    return this.n.notified();
  }
  set(): void {
    this.n.notifyWaiters();
  }
}

export const env = {
  name: 'tspoll',
  /** The runtime itself, for experiments (e.g. a Runtime with other options). */
  rt,
  measure,
  io,
  spawn<T>(f: rt.Awaitable<T>): rt.JoinHandle<T> {
    return rt.spawn(f);
  },
  /**
   * Promise.all over the futures (each becomes a task through `then`). The runtime's `join`
   * was measured too: it re-polls every child on each wake, so 2000 children took 965–1240 ms
   * against 378–530 ms this way.
   */
  all<T>(ps: PromiseLike<T>[]): Promise<T[]> {
    return Promise.all(ps);
  },
  sleep: (ms: number) => rt.sleep(ms),
  event: () => new Event(),
  channel: <T>() => unboundedChannel<T>(),
  tcp: {
    listen: () => TcpListener.bind(0),
    port: (l: TcpListener) => l.localAddr.port,
    accept: (l: TcpListener) => l.accept(),
    connect: (port: number) => TcpStream.connect(port),
    read: (s: TcpStream) => read(s),
    writeAll: (s: TcpStream, b: Buffer) => writeAll(s, b),
    shutdown: (s: TcpStream) => shutdown(s),
    close: (s: TcpStream) => s.close(),
    closeListener: (l: TcpListener) => l.close(),
  },
};
