// No leaked handles: a Node process that used listeners and connections exits by itself,
// with close() and without it (sockets nobody waits on do not hold the process), while a
// parked accept does keep it alive until its connection comes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildRun, runNode } from './support/child.js';

const src = resolve(__dirname, '../src');
const dir = mkdtempSync(join(tmpdir(), 'tspoll-node-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRELUDE = `
import { spawn } from ${JSON.stringify(`${src}/index.ts`)};
import { TcpListener, TcpStream, read, readExact, readToEnd, shutdown, writeAll } from ${JSON.stringify(`${src}/node/index.ts`)};
`;

/** Bundle `body` against the runtime sources and run it; resolves with its exit code and
 * output, or with code null if it had to be killed after `boundMs`. */
async function runChild(
  name: string,
  body: string,
  onLine?: (line: string) => void,
  nodeArgs: string[] = [],
  boundMs = 15_000,
): Promise<ChildRun> {
  const entry = join(dir, `${name}.ts`);
  const outfile = join(dir, `${name}.mjs`);
  writeFileSync(entry, PRELUDE + body);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
  return runNode(outfile, { nodeArgs, boundMs, onLine });
}

describe('no leaked handles', () => {
  it('a process that opens a listener and a connection, closes them, exits by itself', async () => {
    const r = await runChild(
      'closes',
      `
      const listener = await TcpListener.bind(0);
      const server = spawn((async () => {
        const s = await listener.accept();
        const msg = await readToEnd(s);
        await writeAll(s, Buffer.concat([Buffer.from('echo:'), msg]));
        await shutdown(s);
        s.close();
      })());
      const c = await TcpStream.connect(listener.localAddr.port);
      await writeAll(c, Buffer.from('ping'));
      await shutdown(c);
      const reply = await readToEnd(c);
      await server;
      c.close();
      listener.close();
      console.log(reply.toString());
      `,
    );
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('echo:ping');
    expect(r.code).toBe(0);
  });

  it('without close(): streams and a listener nobody waits on do not hold the process', async () => {
    const r = await runChild(
      'drops',
      `
      const listener = await TcpListener.bind(0);
      const accepted = listener.accept();
      const c = await TcpStream.connect(listener.localAddr.port);
      const s = await accepted;
      await writeAll(c, Buffer.from('hello'));
      console.log((await readExact(s, 5)).toString());
      // Everything stays open: listener, both streams, and unread bytes on the way.
      await writeAll(s, Buffer.from('unread'));
      `,
    );
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('hello');
    expect(r.code).toBe(0);
  });

  it('a cancelled read releases the process', async () => {
    const r = await runChild(
      'cancelled',
      `
      const listener = await TcpListener.bind(0);
      const accepted = listener.accept();
      const c = await TcpStream.connect(listener.localAddr.port);
      await accepted;
      const h = spawn(read(c)); // parks: the peer never writes
      h.abort();
      console.log('aborted');
      `,
    );
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('aborted');
    expect(r.code).toBe(0);
  });

  it('a parked accept keeps the process alive until its connection comes', async () => {
    let port = 0;
    const lines: string[] = [];
    const child = runChild(
      'waits',
      `
      const listener = await TcpListener.bind(0);
      console.log('port ' + listener.localAddr.port);
      const s = await listener.accept(); // nothing else holds the process
      const line = await readToEnd(s);
      await writeAll(s, Buffer.from('got ' + line.toString()));
      await shutdown(s);
      listener.close();
      `,
      (l) => {
        lines.push(l);
        const m = /^port (\d+)$/.exec(l);
        if (m) port = Number(m[1]);
      },
    );
    // The child only ever gets a connection if it is still alive to accept it.
    for (let i = 0; i < 1000 && port === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(port).not.toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    const reply = await new Promise<string>((res, rej) => {
      const sock = createConnection({ port, host: '127.0.0.1' }, () => sock.end('hi'));
      let data = '';
      sock.setEncoding('utf8').on('data', (d: string) => (data += d));
      sock.on('end', () => res(data));
      sock.on('error', rej);
    });
    expect(reply).toBe('got hi');
    const r = await child;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(lines[0]).toBe(`port ${port}`);
  });

  it('a stream that becomes garbage is closed, as a dropped TcpStream is', async () => {
    const r = await runChild(
      'gc-drop',
      `
      const listener = await TcpListener.bind(0);
      const accepted = listener.accept();
      let c = await TcpStream.connect(listener.localAddr.port);
      const s = await accepted;
      c = null;
      const eof = spawn(readToEnd(s)); // ends only if the dropped client gets closed
      for (let i = 0; i < 200 && !eof.isFinished; i++) {
        globalThis.gc();
        await new Promise((r) => setTimeout(r, 10));
      }
      console.log(eof.isFinished ? 'peer saw end of stream: ' + (await eof).length : 'not collected');
      listener.close();
      s.close();
      `,
      undefined,
      ['--expose-gc'],
    );
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('peer saw end of stream: 0');
    expect(r.code).toBe(0);
  });
});
