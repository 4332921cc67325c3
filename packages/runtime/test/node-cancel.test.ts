// Cancel-safety of the Node I/O futures: a cancelled read, readExact, readToEnd or accept
// loses nothing, and withdraws its interest so the socket stops holding the process.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Cancelled, PENDING, spawn } from '../src/index.js';
import { read, readExact, readToEnd, TcpListener, TcpStream, writeAll } from '../src/node/index.js';
import { countingCx, pair, pattern, until } from './node-helpers.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
async function tracked() {
  const r = await pair();
  open.push(r.listener, r.client, r.server);
  return r;
}

/** Whether the socket's handle keeps the event loop alive (Node internals, read-only). */
function holdsProcess(s: Socket): boolean {
  return (s as unknown as { _handle: { hasRef(): boolean } })._handle.hasRef();
}

describe('cancelling Node I/O futures', () => {
  it('a cancelled pending read loses no bytes and releases the socket', async () => {
    const { client, server } = await tracked();
    expect(holdsProcess(server.socket)).toBe(false);
    const h = spawn(read(server));
    expect(h.isFinished).toBe(false);
    expect(holdsProcess(server.socket)).toBe(true);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(holdsProcess(server.socket)).toBe(false);
    await writeAll(client, Buffer.from('not lost'));
    expect((await read(server))?.toString()).toBe('not lost');
  });

  it('a cancelled readExact puts back the bytes it had collected', async () => {
    const { client, server } = await tracked();
    await writeAll(client, Buffer.from('abc'));
    await until(() => server.socket.readableLength === 3, 'the first bytes');
    const h = spawn(readExact(server, 10)); // takes "abc" in its first poll, then parks
    expect(h.isFinished).toBe(false);
    expect(server.socket.readableLength).toBe(0);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    await writeAll(client, Buffer.from('defghij'));
    expect((await readExact(server, 10)).toString()).toBe('abcdefghij');
  });

  it('a cancelled readToEnd puts back what it had read', async () => {
    const { client, server } = await tracked();
    await writeAll(client, Buffer.from('partial'));
    await until(() => server.socket.readableLength === 7, 'the bytes');
    const h = spawn(readToEnd(server));
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    await writeAll(client, Buffer.from(' and the rest'));
    client.close();
    expect((await readToEnd(server)).toString()).toBe('partial and the rest');
  });

  it('a read cancelled before its first poll does nothing', async () => {
    const { client, server } = await tracked();
    await writeAll(client, Buffer.from('kept'));
    await until(() => server.socket.readableLength === 4, 'the bytes');
    const f = read(server);
    f.cancel();
    await expect(f).rejects.toBeInstanceOf(Cancelled);
    expect((await read(server))?.toString()).toBe('kept');
  });

  it('a cancelled accept loses no connection and releases the listener', async () => {
    const listener = await TcpListener.bind(0);
    open.push(listener);
    const server = listener.$io.server as unknown as { _handle: { hasRef(): boolean } };
    const h = spawn(listener.accept());
    expect(server._handle.hasRef()).toBe(true);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(server._handle.hasRef()).toBe(false);
    const c = await TcpStream.connect(listener.localAddr.port);
    open.push(c);
    await until(() => listener.$io.queue.length === 1, 'the connection to be queued');
    const s = await listener.accept();
    open.push(s);
    await writeAll(c, Buffer.from('hi'));
    expect((await readExact(s, 2)).toString()).toBe('hi');
  });

  it('a cancelled connect destroys its socket', async () => {
    const listener = await TcpListener.bind(0);
    open.push(listener);
    const f = TcpStream.connect(listener.localAddr.port);
    const h = spawn(f);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    // If the connection got through before the destroy, its server side sees it end.
    if (listener.$io.queue.length > 0) {
      const s = await listener.accept();
      open.push(s);
      await expect(readToEnd(s).then((b) => b.length, (e: { code: string }) => e.code)).resolves.toSatisfy(
        (r: unknown) => r === 0 || r === 'ECONNRESET',
      );
    }
  });

  it('cancelling a read leaves a write parked by the same task in place (select)', async () => {
    const { client, server } = await tracked();
    const cx = countingCx(); // one task waiting on both directions, as select(read, write) does
    const chunk = pattern(256 * 1024);
    let accepted = 0;
    for (let i = 0; i < 1000 && client.pollWrite(cx, chunk) !== PENDING; i++) accepted += chunk.length;
    const r = read(client);
    expect(r.poll(cx)).toBe(PENDING);
    r.cancel(); // the read lost the select
    await expect(r).rejects.toBeInstanceOf(Cancelled);
    expect(holdsProcess(client.socket)).toBe(true); // the write still waits
    expect((await readExact(server, accepted)).length).toBe(accepted);
    await until(() => cx.wakes > 0, 'drain to wake the parked write');
    expect(holdsProcess(client.socket)).toBe(false);
  });
});
