// The same program over loopback TCP, run natively and lowered by @tspoll/compiler, each in
// a child process: the seed's read_and_write, an echo with backpressure, a reset peer. Both
// runs must print the expected lines, so lowered code drives the Node I/O futures through
// awaitStep exactly as native await drives them through `then`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../../compiler/src/index.js';
import { runNode } from './support/child.js';

const src = resolve(__dirname, '../src');
const dir = mkdtempSync(join(tmpdir(), 'tspoll-node-lowered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROGRAM = `
import { spawn } from '@tspoll/runtime';
import { IoError, read, readToEnd, shutdown, TcpListener, TcpStream, writeAll } from '@tspoll/runtime/node';

async function read_and_write(s: TcpStream): Promise<void> {
  const buffer = await read(s);
  if (buffer === null) throw new Error('connection closed before any data');
  await writeAll(s, Buffer.concat([buffer, Buffer.from('Hello,world')]));
  await shutdown(s);
}

async function echo(s: TcpStream): Promise<number> {
  let n = 0;
  for (;;) {
    const b = await read(s, 4096);
    if (b === null) break;
    n += b.length;
    await writeAll(s, b);
  }
  await shutdown(s);
  return n;
}

async function count(s: TcpStream): Promise<[number, number]> {
  let n = 0;
  let sum = 0;
  for (;;) {
    const b = await read(s);
    if (b === null) return [n, sum];
    for (let i = 0; i < b.length; i++) sum = (sum + b[i]! * (((n + i) % 1009) + 1)) % 1000003;
    n += b.length;
  }
}

async function main(): Promise<void> {
  const listener = await TcpListener.bind(0);
  const port = listener.localAddr.port;

  const seed = spawn((async () => read_and_write(await listener.accept()))());
  const c1 = await TcpStream.connect(port);
  await writeAll(c1, Buffer.from('ping '));
  console.log('seed: ' + (await readToEnd(c1)).toString());
  await seed;
  c1.close();

  const served = spawn((async () => echo(await listener.accept()))());
  const c2 = await TcpStream.connect(port);
  const counted = spawn(count(c2));
  const chunk = Buffer.alloc(65536);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 255;
  for (let k = 0; k < 64; k++) {
    await writeAll(c2, chunk);
  }
  await shutdown(c2);
  const [n, sum] = await counted;
  console.log('echo: ' + n + ' bytes back, server saw ' + (await served));
  console.log('checksum: ' + sum);
  c2.close();

  const reader = spawn((async () => {
    const s = await listener.accept();
    try {
      await read(s);
      return 'no error';
    } catch (e) {
      return (e as IoError).code + ' ' + (e as Error).message;
    } finally {
      s.close();
    }
  })());
  const c3 = await TcpStream.connect(port);
  await new Promise((r) => setTimeout(r, 20));
  c3.socket.resetAndDestroy();
  console.log('reset: ' + (await reader));

  listener.close();
  console.log('done');
}

await main();
`;

function runtimeResolver(): Plugin {
  const map: Record<string, string> = {
    '@tspoll/runtime': `${src}/index.ts`,
    '@tspoll/runtime/abi': `${src}/abi.ts`,
    '@tspoll/runtime/node': `${src}/node/index.ts`,
  };
  return {
    name: 'runtime-source',
    setup(b) {
      b.onResolve({ filter: /^@tspoll\/runtime(\/abi|\/node)?$/ }, (args) => ({ path: map[args.path]! }));
    },
  };
}

function lowering(): Plugin {
  return {
    name: 'lower-entry',
    setup(b) {
      b.onLoad({ filter: /\.lowered\.ts$/ }, (args) => {
        const out = transformSource(readFileSync(args.path, 'utf8'), args.path, { sourceMap: false });
        if (!out.changed) throw new Error('the compiler left the program unchanged');
        return { contents: out.code, loader: 'ts' };
      });
    },
  };
}

async function run(lowered: boolean, program = PROGRAM, base = 'program'): Promise<{ code: number | null; out: string; err: string }> {
  const name = lowered ? `${base}.lowered` : `${base}.native`;
  writeFileSync(join(dir, `${name}.ts`), program);
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [join(dir, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    plugins: lowered ? [runtimeResolver(), lowering()] : [runtimeResolver()],
  });
  return runNode(outfile);
}

/** What count() must compute for the 64 chunks the program sends. */
function expectedChecksum(): number {
  const chunk = Buffer.alloc(65536);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 255;
  let sum = 0;
  for (let n = 0; n < 64 * chunk.length; n++) sum = (sum + chunk[n % chunk.length]! * ((n % 1009) + 1)) % 1000003;
  return sum;
}

describe('Node I/O from lowered code', () => {
  it('native and lowered runs of the same TCP program agree', async () => {
    const native = await run(false);
    const lowered = await run(true);
    for (const r of [native, lowered]) {
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines[0]).toBe('seed: ping Hello,world');
      expect(lines[1]).toBe(`echo: ${64 * 65536} bytes back, server saw ${64 * 65536}`);
      expect(lines[2]).toBe(`checksum: ${expectedChecksum()}`);
      expect(lines[3]).toBe('reset: ECONNRESET TcpStream: connection reset by peer while reading (ECONNRESET)');
      expect(lines[4]).toBe('done');
    }
    expect(lowered.out).toBe(native.out);
  });

  it('aborting a lowered task parked on a read: Cancelled, the socket released, the process exits', async () => {
    const r = await run(
      true,
      `
      import { spawn } from '@tspoll/runtime';
      import { read, readToEnd, TcpListener, TcpStream, writeAll } from '@tspoll/runtime/node';

      async function firstChunk(s: TcpStream, log: string[]): Promise<string> {
        log.push('started');
        const b = await read(s);
        log.push('read returned');
        return b === null ? 'eof' : b.toString();
      }

      const listener = await TcpListener.bind(0);
      const c = await TcpStream.connect(listener.localAddr.port);
      const s = await listener.accept();
      const log: string[] = [];
      const h = spawn(firstChunk(s, log));
      await new Promise((r) => setTimeout(r, 20));
      h.abort();
      try {
        console.log('resolved: ' + String(await h));
      } catch (e) {
        console.log((e as Error).name);
      }
      console.log(log.join(','));
      // The cancelled read took nothing: the bytes sent now are all there for the next read.
      await writeAll(c, Buffer.from('after the abort'));
      console.log('next read: ' + (await firstChunk(s, [])));
      // c, s and the listener stay open: nothing waits on them, so the process exits.
      `,
      'cancel',
    );
    expect(r.err).toBe('');
    expect(r.out.trim().split('\n')).toEqual(['Cancelled', 'started', 'next read: after the abort']);
    expect(r.code).toBe(0);
  });
});
