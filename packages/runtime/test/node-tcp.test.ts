// TcpListener / TcpStream over loopback: echo round trips driven by native async functions
// and by a hand-written machine in the generated shape, backpressure, errors, closing.
import { type AddressInfo, connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { awaitStep, type Context, defineMachine, FutureError, Machine, PENDING, spawn } from '../src/index.js';
import { chunks, flush, IoError, read, readExact, readToEnd, shutdown, TcpListener, TcpStream, write, writeAll } from '../src/node/index.js';
import { countingCx, pair, pattern, until } from './node-helpers.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
async function track<T extends { listener: TcpListener; client: TcpStream; server: TcpStream }>(p: Promise<T>): Promise<T> {
  const r = await p;
  open.push(r.listener, r.client, r.server);
  return r;
}

async function echoNative(s: TcpStream): Promise<number> {
  let n = 0;
  for (;;) {
    const buf = await read(s, 64 * 1024);
    if (buf === null) break;
    n += buf.length;
    await writeAll(s, buf);
  }
  await shutdown(s);
  return n;
}

// async function echo(s) {
//   let n = 0;
//   for (;;) { const buf = await read(s, 65536); if (buf === null) break; n += buf.length; await writeAll(s, buf); }
//   await shutdown(s);
//   return n;
// }
type EchoFrame = Machine<number> & { s: TcpStream; n: number; buf: Buffer | null };
function echoMachine(s: TcpStream): EchoFrame {
  const f = new Machine<number>(echo$poll, undefined) as EchoFrame;
  f.s = s;
  f.n = 0;
  f.buf = null;
  return f;
}
function echo$poll(this: EchoFrame, cx: Context): number | typeof PENDING {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.n = 0;
        // falls through
        case 1: // loop head
          this.$aw = read(this.s, 65536);
          this.$s = 2;
        // falls through
        case 2:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          this.buf = r as Buffer | null;
          if (this.buf === null) {
            this.$aw = shutdown(this.s);
            this.$s = 4;
            continue;
          }
          this.n += this.buf.length;
          this.$aw = writeAll(this.s, this.buf);
          this.$s = 3;
        // falls through
        case 3:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          this.$s = 1;
          continue;
        case 4:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          return this.$return(this.n);
        case -2:
          return this.$unwound();
        default:
          throw new FutureError('polled after completion');
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(echo$poll, { name: 'echo', states: ['Start', 'LoopHead', 'WaitingForRead', 'WaitingForWriteAll', 'WaitingForShutdown'] });

/** Client side: write `data` in `chunk`-sized writes while a second task reads it back. */
async function roundTrip(client: TcpStream, data: Buffer, chunk: number): Promise<Buffer> {
  const reader = spawn(readToEnd(client));
  for (let off = 0; off < data.length; off += chunk) await writeAll(client, data.subarray(off, off + chunk));
  await shutdown(client);
  return await reader;
}

describe('TcpListener / TcpStream', () => {
  it('echo round trip, native async functions awaiting the futures', async () => {
    const { client, server } = await track(pair());
    const data = pattern(1024 * 1024);
    const served = spawn(echoNative(server));
    const back = await roundTrip(client, data, 100_000);
    expect(back.length).toBe(data.length);
    expect(back.equals(data)).toBe(true);
    expect(await served).toBe(data.length);
  });

  it('echo round trip, the server a hand-written machine in the generated shape', async () => {
    const { client, server } = await track(pair());
    const data = pattern(512 * 1024, 3);
    const served = spawn(echoMachine(server));
    const back = await roundTrip(client, data, 8192);
    expect(back.equals(data)).toBe(true);
    expect(await served).toBe(data.length);
  });

  it('serves several connections from one accept loop', async () => {
    const listener = await TcpListener.bind(0);
    open.push(listener);
    const port = listener.localAddr.port;
    expect(listener.localAddr.address).toBe('127.0.0.1');
    const acceptLoop = spawn(
      (async () => {
        for (let i = 0; i < 3; i++) spawn(echoNative(await listener.accept()));
      })(),
    );
    const results = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const c = await TcpStream.connect(port);
        open.push(c);
        expect(c.peerAddr?.port).toBe(port);
        return (await roundTrip(c, pattern(10_000 * i, i), 4096)).equals(pattern(10_000 * i, i));
      }),
    );
    await acceptLoop;
    expect(results).toEqual([true, true, true]);
  });

  it('pollRead fills a caller buffer and keeps the rest for the next read', async () => {
    const { client, server } = await track(pair());
    await writeAll(client, Buffer.from('hello world'));
    const buf = new Uint8Array(5);
    const cx = countingCx();
    await until(() => server.socket.readableLength > 0, 'bytes to arrive');
    expect(server.pollRead(cx, buf)).toBe(5);
    expect(Buffer.from(buf).toString()).toBe('hello');
    expect((await readExact(server, 6)).toString()).toBe(' world');
    expect(server.pollRead(cx, new Uint8Array(0))).toBe(0);
    expect(() => read(server, 0)).toThrow(RangeError);
    expect(() => readExact(server, -1)).toThrow(RangeError);
    expect(() => server.pollRead(cx, 0)).toThrow(RangeError);
    expect((await readExact(server, 0)).length).toBe(0);
  });

  it('parks one listener per event; the latest waker wins', async () => {
    const { client, server } = await track(pair());
    const a = countingCx();
    const b = countingCx();
    const before = server.socket.listenerCount('readable');
    for (let i = 0; i < 50; i++) expect(server.pollRead(a)).toBe(PENDING);
    expect(server.pollRead(b)).toBe(PENDING);
    expect(server.socket.listenerCount('readable')).toBe(before);
    expect(server.socket.listenerCount('error')).toBe(1);
    await writeAll(client, Buffer.from('x'));
    await until(() => b.wakes > 0, 'the latest waker to be woken');
    expect(a.wakes).toBe(0);
    expect(server.pollRead(b)?.toString()).toBe('x');
  });

  it('large writes meet backpressure and finish once the peer reads', async () => {
    const { client, server } = await track(pair());
    const data = pattern(32 * 1024 * 1024, 11);
    const w = writeAll(client, data);
    const writer = spawn(w);
    // Nobody reads on the server side: the kernel buffers fill and the write parks on 'drain'.
    await until(() => client.socket.writableNeedDrain, 'backpressure');
    expect(writer.isFinished).toBe(false);
    expect(w.written).toBeLessThan(data.length);
    const back = spawn(readExact(server, data.length));
    await writer;
    expect(w.written).toBe(data.length);
    expect((await back).equals(data)).toBe(true);
  });

  it('pollWrite parks on backpressure; drain wakes the latest waker only', async () => {
    const { client, server } = await track(pair());
    const a = countingCx();
    const b = countingCx();
    const chunk = pattern(256 * 1024);
    let accepted = 0;
    for (let i = 0; i < 1000 && client.pollWrite(a, chunk) !== PENDING; i++) accepted += chunk.length;
    expect(client.pollWrite(a, chunk)).toBe(PENDING);
    expect(client.pollWrite(b, chunk)).toBe(PENDING);
    expect(client.socket.listenerCount('drain')).toBe(1);
    expect((await readExact(server, accepted)).equals(Buffer.concat(Array(accepted / chunk.length).fill(chunk)))).toBe(true);
    await until(() => b.wakes > 0, 'drain to wake the parked writer');
    expect(a.wakes).toBe(0);
    expect(client.pollWrite(b, chunk)).toBe(chunk.length);
  });

  it('a single write accepts at most MAX_WRITE bytes and reports the count', async () => {
    const { client } = await track(pair());
    expect(await write(client, pattern(1024 * 1024))).toBe(256 * 1024);
    expect(await write(client, Buffer.alloc(0))).toBe(0);
  });

  it('a peer that resets mid-write: the parked writer wakes with a clear error', async () => {
    const { client, server } = await track(pair());
    const chunk = pattern(1024 * 1024);
    const writer = spawn(
      (async () => {
        for (let i = 0; i < 10_000; i++) await writeAll(server, chunk);
        return 'wrote everything';
      })(),
    );
    await until(() => server.socket.writableNeedDrain, 'the writer to park on backpressure');
    client.socket.resetAndDestroy();
    const err = (await writer.then(
      () => null,
      (e: unknown) => e,
    )) as IoError;
    expect(err).toBeInstanceOf(IoError);
    expect(['ECONNRESET', 'EPIPE']).toContain(err.code);
    expect(err.message).toMatch(/^TcpStream: (connection reset by peer|broken pipe \(the peer closed the connection\)) while writing \((ECONNRESET|EPIPE)\)$/);
    // Every later poll reports the same error instead of hanging.
    await expect(read(server)).rejects.toThrow(/while reading/);
  });

  it('a peer that closes while we keep writing: an error, not a hang', async () => {
    const { client, server } = await track(pair());
    const chunk = pattern(64 * 1024);
    client.close();
    const err = (await spawn(
      (async () => {
        for (let i = 0; i < 100_000; i++) {
          await writeAll(server, chunk);
          if (i % 16 === 0) await new Promise((r) => setTimeout(r, 1));
        }
      })(),
    ).then(
      () => null,
      (e: unknown) => e,
    )) as IoError;
    expect(err).toBeInstanceOf(IoError);
    expect(['ECONNRESET', 'EPIPE']).toContain(err.code);
    expect(err.message).toMatch(/ while writing /);
  });

  it('a parked reader wakes with ECONNRESET when the peer resets', async () => {
    const { client, server } = await track(pair());
    const reader = spawn(read(server));
    expect(reader.isFinished).toBe(false);
    client.socket.resetAndDestroy();
    await expect(reader).rejects.toMatchObject({
      code: 'ECONNRESET',
      message: 'TcpStream: connection reset by peer while reading (ECONNRESET)',
    });
  });

  it('reading after the peer closed: end of stream, every time', async () => {
    const { client, server } = await track(pair());
    await writeAll(client, Buffer.from('last words'));
    client.close();
    expect((await readToEnd(server)).toString()).toBe('last words');
    expect(await read(server)).toBe(null);
    expect(await read(server)).toBe(null);
    expect(server.pollRead(countingCx(), new Uint8Array(4))).toBe(0);
  });

  it('readExact at an early end of stream fails and keeps the bytes', async () => {
    const { client, server } = await track(pair());
    await writeAll(client, Buffer.from('abc'));
    await shutdown(client);
    await expect(readExact(server, 10)).rejects.toMatchObject({ code: 'ERR_UNEXPECTED_EOF' });
    expect((await readToEnd(server)).toString()).toBe('abc');
  });

  it('half close: after shutdown the peer reads to end and can still answer', async () => {
    const { client, server } = await track(pair());
    await writeAll(client, Buffer.from('question'));
    await shutdown(client);
    await expect(write(client, Buffer.from('x'))).rejects.toMatchObject({ code: 'ERR_WRITE_AFTER_SHUTDOWN' });
    expect((await readToEnd(server)).toString()).toBe('question');
    await writeAll(server, Buffer.from('answer'));
    await shutdown(server);
    expect((await readToEnd(client)).toString()).toBe('answer');
  });

  it('reading from a socket we closed throws; a parked reader is woken', async () => {
    const { server } = await track(pair());
    const reader = spawn(read(server));
    server.close();
    await expect(reader).rejects.toMatchObject({ code: 'ERR_SOCKET_CLOSED' });
    await expect(read(server)).rejects.toThrow('TcpStream: socket is closed (close() was called) while reading');
    await expect(writeAll(server, Buffer.from('x'))).rejects.toMatchObject({ code: 'ERR_SOCKET_CLOSED' });
    expect(server.isClosed).toBe(true);
  });

  it('connect to a port nobody listens on: ECONNREFUSED', async () => {
    const listener = await TcpListener.bind(0);
    const port = listener.localAddr.port;
    listener.close();
    await expect(TcpStream.connect(port)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      message: `TcpStream: connection refused while connecting to 127.0.0.1:${port} (ECONNREFUSED)`,
    });
  });

  it('bind to a port in use: EADDRINUSE', async () => {
    const listener = await TcpListener.bind(0);
    open.push(listener);
    const port = listener.localAddr.port;
    await expect(TcpListener.bind(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('closing a listener wakes a parked accept with an error', async () => {
    const listener = await TcpListener.bind(0);
    const acc = spawn(listener.accept());
    listener.close();
    await expect(acc).rejects.toMatchObject({ code: 'ERR_LISTENER_CLOSED' });
  });

  it('connect, bind and accept are lazy', async () => {
    const listener = await TcpListener.bind(0);
    open.push(listener);
    let connections = 0;
    listener.$io.server.on('connection', () => connections++);
    const c = TcpStream.connect(listener.localAddr.port);
    TcpListener.bind(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(connections).toBe(0);
    const s = await c;
    open.push(s);
    await until(() => connections === 1, 'the connection');
  });

  it('flush waits until buffered bytes reach the OS; ready at once when nothing is buffered', async () => {
    const { client, server } = await track(pair());
    const idle = spawn(flush(client));
    expect(idle.isFinished).toBe(true);
    const cx = countingCx();
    const chunk = pattern(256 * 1024);
    let accepted = 0;
    for (let i = 0; i < 1000 && client.pollWrite(cx, chunk) !== PENDING; i++) accepted += chunk.length;
    expect(client.socket.writableLength).toBeGreaterThan(0);
    const f = spawn(flush(client));
    expect(f.isFinished).toBe(false);
    const back = spawn(readExact(server, accepted));
    await f;
    expect(client.socket.writableLength).toBe(0);
    expect((await back).length).toBe(accepted);
  });

  it('TcpStream.from wraps a socket that is still connecting', async () => {
    const server = createServer({ allowHalfOpen: true }, (sock) => {
      sock.on('data', (d) => sock.write(d));
      sock.on('end', () => sock.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const s = TcpStream.from(connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen: true }));
      open.push(s);
      await writeAll(s, Buffer.from('wrapped'));
      await shutdown(s);
      expect((await readToEnd(s)).toString()).toBe('wrapped');
      expect(() => TcpStream.from(connect({ port: 1 }).on('error', () => {}).on('data', () => {}))).toThrow(/flowing mode/);
      const dead = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1' });
      dead.destroy(Object.assign(new Error('gone'), { code: 'ECONNRESET' }));
      dead.on('error', () => {});
      await expect(read(TcpStream.from(dead))).rejects.toMatchObject({ code: 'ECONNRESET' });
    } finally {
      server.close();
    }
  });

  it('an error while nobody polls surfaces on the next poll', async () => {
    const { client, server } = await track(pair());
    const reader = spawn(read(client)); // keeps the client alive while we wait
    server.socket.resetAndDestroy();
    await expect(reader).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(flush(client)).rejects.toThrow('TcpStream: connection reset by peer while flushing (ECONNRESET)');
    await expect(shutdown(client)).rejects.toThrow(/while shutting down/);
    await expect(writeAll(client, Buffer.from('x'))).rejects.toThrow(/while writing/);
  });

  it('using: disposing a stream and a listener closes them', async () => {
    let port = 0;
    let peer: TcpStream;
    {
      using listener = await TcpListener.bind(0);
      port = listener.localAddr.port;
      const c = spawn(TcpStream.connect(port)); // connect is lazy: start it before accepting
      peer = await listener.accept();
      open.push(peer);
      using stream = await c;
      expect(stream.isClosed).toBe(false);
    }
    expect(await readToEnd(peer).then((b) => b.length, (e: IoError) => e.code)).toSatisfy((r: unknown) => r === 0 || r === 'ECONNRESET');
    await expect(TcpStream.connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('chunks(): native for await over a stream of the bytes; breaking out keeps the socket', async () => {
    const { client, server } = await track(pair());
    const data = pattern(300_000, 5);
    const writer = spawn(
      (async () => {
        await writeAll(client, data);
        await shutdown(client);
      })(),
    );
    const got: Buffer[] = [];
    for await (const c of chunks(server, 10_000)) {
      expect(c.length).toBeGreaterThan(0);
      expect(c.length).toBeLessThanOrEqual(10_000);
      got.push(c);
      if (got.length === 3) break;
    }
    // Breaking out cancelled the stream, not the socket: the rest is still there, in order.
    got.push(await readToEnd(server));
    await writer;
    expect(Buffer.concat(got).equals(data)).toBe(true);
  });
});
