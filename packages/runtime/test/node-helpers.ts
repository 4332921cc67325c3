// Shared by the node-*.test.ts files: loopback pairs and bounded waiting.
import { type Context } from '../src/index.js';
import { TcpListener, TcpStream } from '../src/node/index.js';

/** Wait until `cond()` holds, checking on host timers; fails after `tries` checks. */
export async function until(cond: () => boolean, what: string, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for: ${what}`);
}

/** A connected loopback pair: [client, server side]. */
export async function pair(): Promise<{ listener: TcpListener; client: TcpStream; server: TcpStream }> {
  const listener = await TcpListener.bind(0);
  const [client, server] = await Promise.all([TcpStream.connect(listener.localAddr.port), listener.accept()]);
  return { listener, client, server };
}

/** A context outside any task, counting wakes. */
export function countingCx(): Context & { wakes: number } {
  const cx = { wakes: 0, budget: 128, waker: { wake: () => void cx.wakes++ } };
  return cx;
}

export function pattern(n: number, seed = 7): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >>> 16;
  }
  return b;
}
