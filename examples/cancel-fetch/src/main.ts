// Cancelling reaches the host: `timeout` cancels a lowered function that awaits `fetch`.
// Cancelling drops the fetch's promise, but the request itself is the host's: without a
// signal its connection stays open. With `currentSignal()` (aborted when the timeout cancels
// the function) the fetch is aborted and the connection closes at once. A local HTTP server
// that never answers shows which: it reports when each request's connection closes.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentSignal, sleep, timeout, TimeoutError } from '@tspoll/runtime';

const closedAt = new Map<string, number>();
const server = createServer((req: IncomingMessage) => {
  // Never answer: the request waits until the client gives up.
  req.socket.on('close', () => closedAt.set(req.url!, performance.now()));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function fetchStatus(url: string, signal?: AbortSignal): Promise<number> {
  const res = await fetch(url, { signal });
  return res.status;
}

async function withoutSignal(): Promise<number> {
  return await fetchStatus(`${base}/without-signal`);
}

async function withSignal(): Promise<number> {
  return await fetchStatus(`${base}/with-signal`, currentSignal());
}

async function attempt(label: string, path: string, run: () => Promise<number>): Promise<void> {
  console.log(label);
  try {
    await timeout(run(), 200);
    console.log('  unexpected: the server answered');
  } catch (e) {
    console.log(`  -> ${e instanceof TimeoutError ? 'TimeoutError' : 'other error'}: ${(e as Error).message}`);
  }
  const timedOut = performance.now();
  await sleep(300);
  const closed = closedAt.get(path);
  console.log(closed === undefined ? '  server: the connection is still open 300 ms later' : `  server: the connection closed ${Math.round(closed - timedOut)} ms after the timeout`);
}

await attempt('1. timeout(fetchStatus(url), 200): the function is cancelled, the request goes on', '/without-signal', withoutSignal);
await attempt('2. timeout(fetchStatus(url, currentSignal()), 200): the request is aborted too', '/with-signal', withSignal);

server.closeAllConnections();
server.close();
