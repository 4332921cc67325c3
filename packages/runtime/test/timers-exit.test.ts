// In a child Node process: timers, timeouts, selects, join sets and sockets, then nothing
// left: the process exits by itself (the single host timer is cleared when no timer is
// registered). A detached task's error reaches the host as an unhandled rejection.
// The bound passed to runChild only detects a hang; it is not a speed assertion.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from './support/child.js';

const src = resolve(__dirname, '../src');
const dir = mkdtempSync(join(tmpdir(), 'tspoll-timers-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRELUDE = `
import * as rt from ${JSON.stringify(`${src}/index.ts`)};
import { TcpListener, TcpStream, readExact, writeAll } from ${JSON.stringify(`${src}/node/index.ts`)};
import { gen } from ${JSON.stringify(resolve(__dirname, 'support/machines.ts'))};
const { sleep, interval, timeout, select, JoinSet, CancellationToken, spawn, defaultRuntime } = rt;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
`;

async function runChild(name: string, body: string, boundMs = 20_000) {
  const entry = join(dir, `${name}.ts`);
  const outfile = join(dir, `${name}.mjs`);
  writeFileSync(entry, PRELUDE + body);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
  return runNode(outfile, { boundMs });
}

describe('a Node process using timers exits by itself', () => {
  it('after sleeps, intervals, expired timeouts, cancelled select losers and a closed JoinSet', async () => {
    const r = await runChild(
      'timers',
      `
      const log = [];
      await sleep(20);
      const iv = interval(5);
      for (let i = 0; i < 4; i++) await iv.tick();
      log.push('interval');
      await timeout(sleep(60_000), 10).catch((e) => log.push(e.name));
      const won = await select(sleep(3_600_000), sleep(5));
      log.push('select ' + won.index);
      const set = new JoinSet();
      for (let i = 0; i < 3; i++) set.spawn(sleep(600_000));
      set.spawn(sleep(1));
      await set.joinNext();
      set.close();
      const token = new CancellationToken();
      setTimeout(() => token.cancel(), 5); // a foreign host timer wakes a task
      await token.cancelled();
      log.push('token');
      const drv = defaultRuntime().timers();
      console.log(JSON.stringify({ log, wheel: drv.wheel.size, armed: drv.hostTimerArmed, tasks: defaultRuntime().taskCount }));
      setImmediate(() => console.log('host timers ' + timers()));
      `,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ log: ['interval', 'TimeoutError', 'select 1', 'token'], wheel: 0, armed: false, tasks: 0 });
    expect(lines[1]).toBe('host timers 0');
  });

  it('a pending sleep keeps the process alive until it fires', async () => {
    const r = await runChild('alive', `spawn(gen(function* () { yield sleep(200); console.log('woke'); }));`);
    expect(r.code).toBe(0);
    expect(r.out).toBe('woke\n');
  });

  it('with sockets and timers together (echo with a timeout), then closed', async () => {
    const r = await runChild(
      'tcp',
      `
      const listener = await TcpListener.bind(0);
      const server = spawn(gen(function* () {
        const conn = yield timeout(listener.accept(), 5000);
        const buf = yield readExact(conn, 5);
        yield sleep(10);
        yield writeAll(conn, buf);
        return conn;
      }));
      const client = await TcpStream.connect(listener.localAddr.port);
      await writeAll(client, Buffer.from('hello'));
      const echo = await timeout(readExact(client, 5), 5000);
      const conn = await server;
      console.log(echo.toString());
      // A second accept that times out: its registration is dropped.
      await timeout(listener.accept(), 20).catch((e) => console.log(e.name));
      client.socket.destroy();
      conn.socket.destroy();
      listener.close();
      `,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('hello\nTimeoutError\n');
  });
});

describe('errors of detached tasks reach the host', () => {
  it('without onTaskError: an unhandled rejection (exit code 1, the message on stderr)', async () => {
    const r = await runChild(
      'unhandled',
      `spawn(gen(function* () { yield sleep(5); throw new Error('detached boom'); }));`,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('detached boom');
  });

  it('with onTaskError: the handler gets it and the process exits normally', async () => {
    const r = await runChild(
      'handled',
      `
      const r2 = new rt.Runtime({ onTaskError: (e, t) => console.log('reported ' + e.message + ' from ' + t.name) });
      r2.spawn(gen(function* () { yield sleep(5); throw new Error('boom'); }), { name: 'worker' });
      `,
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('reported boom from worker\n');
  });
});
