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
  /** The runtime's `join`: every child in this task, re-polled only when it is woken. */
  all<T>(ps: PromiseLike<T>[]): PromiseLike<T[]> {
    return rt.join(ps) as unknown as PromiseLike<T[]>;
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
