// The blocking pool (src/node/blocking.ts): results, errors, thread crashes, abort before
// start, awaiting from a machine, and that idle threads do not keep the process alive.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { Cancelled, spawn } from '../src/index.js';
import { configureBlockingPool, shutdownBlockingPool, spawnBlocking } from '../src/node/blocking.js';
import { gen } from './support/machines.js';

const tasks = new URL('./fixtures/blocking-tasks.mjs', import.meta.url);

// async function awaitIt(x) { return await x; }, as a hand-lowered machine
const awaitIt = (x: unknown) => gen(function* () {
  return yield x;
});

async function started(gate: Int32Array): Promise<void> {
  const r = Atomics.waitAsync(gate, 1, 0);
  if (r.async) await r.value;
}

afterAll(() => shutdownBlockingPool());

describe('spawnBlocking', () => {
  it('runs the named export on another thread and returns its result', async () => {
    const r = await spawnBlocking<{ sum: number; threadId: number }>(tasks, 'add', 2, 3);
    expect(r.sum).toBe(5);
    expect(r.threadId).not.toBe(threadId);
    expect(await spawnBlocking(tasks.href, 'later', 'x')).toBe('x');
  });

  it('is awaitable from a machine (the poll path) by several awaiters', async () => {
    const h = spawnBlocking<{ sum: number }>(tasks, 'add', 1, 1);
    const a = spawn(awaitIt(h));
    const b = spawn(awaitIt(h));
    expect(((await a) as { sum: number }).sum).toBe(2);
    expect(((await b) as { sum: number }).sum).toBe(2);
  });

  it('surfaces a thrown error as the handle error', async () => {
    await expect(spawnBlocking(tasks, 'fails', 'bad input')).rejects.toThrow('bad input');
    await expect(spawnBlocking(tasks, 'noSuchExport')).rejects.toThrow(/noSuchExport/);
  });

  it('surfaces process.exit in the thread as the handle error, and keeps working', async () => {
    await expect(spawnBlocking(tasks, 'exits', 3)).rejects.toThrow(/exited with code: 3/);
    expect(((await spawnBlocking(tasks, 'add', 1, 2)) as { sum: number }).sum).toBe(3);
  });

  it('surfaces an uncaught exception in the thread as the handle error', async () => {
    await expect(spawnBlocking(tasks, 'throwsUncaught', 'boom from a timer')).rejects.toThrow('boom from a timer');
  });

  it('abort() before start cancels (the work never runs); after start it cannot stop it', async () => {
    await shutdownBlockingPool();
    configureBlockingPool({ maxThreads: 1 });
    try {
      const gate = new Int32Array(new SharedArrayBuffer(8));
      const log = new Int32Array(new SharedArrayBuffer(16));
      const blocker = spawnBlocking(tasks, 'blockUntil', gate);
      await started(gate);
      expect(blocker.started).toBe(true);
      const queued = spawnBlocking(tasks, 'record', log, 0);
      expect(queued.started).toBe(false);
      expect(queued.abort()).toBe(true);
      await expect(queued).rejects.toBeInstanceOf(Cancelled);
      expect(blocker.abort()).toBe(false); // running: cannot be stopped
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      expect(await blocker).toBe('released');
      // One thread, FIFO: once this one ran, the aborted task's turn has passed.
      expect(await spawnBlocking(tasks, 'record', log, 1)).toBe(1);
      expect(Array.from(log)).toEqual([1, 0, 1, 0]);
    } finally {
      await shutdownBlockingPool();
      configureBlockingPool({});
    }
  });

  it('idle threads do not keep the process alive', async () => {
    // Bundle the module for a plain `node` child (which cannot load TypeScript) inside the
    // package, so that `piscina` resolves; a keep-alive of 60 s would hold the process for
    // a minute if idle threads were ref'd.
    const dir = fileURLToPath(new URL('../node_modules/.cache/tspoll-blocking-exit/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [fileURLToPath(new URL('../src/node/blocking.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      external: ['piscina'],
      outfile: `${dir}blocking.mjs`,
      logLevel: 'silent',
    });
    copyFileSync(fileURLToPath(new URL('../src/node/blocking-worker.mjs', import.meta.url)), `${dir}blocking-worker.mjs`);
    writeFileSync(
      `${dir}main.mjs`,
      `import { configureBlockingPool, spawnBlocking } from './blocking.mjs';
configureBlockingPool({ keepAliveMs: 60000 });
const r = await spawnBlocking(${JSON.stringify(tasks.href)}, 'add', 20, 22);
console.log('sum', r.sum);
`,
    );
    const out = await new Promise<{ code: number | null; stdout: string; signal: string | null }>((resolve) => {
      const child = execFile(process.execPath, [`${dir}main.mjs`], { timeout: 30_000 }, (err, stdout) =>
        resolve({ code: child.exitCode, stdout, signal: child.signalCode ?? (err as { signal?: string } | null)?.signal ?? null }),
      );
    });
    expect(out.stdout.trim()).toBe('sum 42');
    expect(out.signal).toBe(null); // not killed by the 30 s guard
    expect(out.code).toBe(0);
  });
});
