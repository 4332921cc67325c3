// The multi-thread runtime (src/node/multicore): several threads, work stealing from a
// blocked worker, results and errors, crashes, abort before and after start.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { Cancelled, spawn } from '../src/index.js';
import { MultiThreadRuntime } from '../src/node/multicore/runtime.js';

const tasks = new URL('./fixtures/multicore-tasks.mjs', import.meta.url);
type Who = { tag: unknown; threadId: number };

const rt = new MultiThreadRuntime({ workers: 2 });
afterAll(() => rt.shutdown());

const gate = () => new Int32Array(new SharedArrayBuffer(8));
async function startedOn(g: Int32Array): Promise<number> {
  const r = Atomics.waitAsync(g, 1, 0);
  if (r.async) await r.value;
  return Atomics.load(g, 1);
}
function release(g: Int32Array): void {
  Atomics.store(g, 0, 1);
  Atomics.notify(g, 0);
}
async function settled(): Promise<void> {
  while (rt.stats().inFlight > 0) await new Promise((r) => setTimeout(r, 2));
}

describe('MultiThreadRuntime', () => {
  it('returns results, from sync and async exports, through await and spawn', async () => {
    const r = await rt.spawn<Who>(tasks, 'whoami', 'a');
    expect(r.tag).toBe('a');
    expect(r.threadId).not.toBe(threadId);
    expect((await rt.spawn<{ v: number }>(tasks.href, 'later', 7, 1)).v).toBe(7);
    const viaTask = await spawn(rt.spawn<Who>(tasks, 'whoami', 'b'));
    expect(viaTask.tag).toBe('b');
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => rt.spawn<Who>(tasks, 'whoami', i)));
    expect(many.map((w) => w.tag)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('passes arguments exactly, on the fast path and through structured clone', async () => {
    const long = 'x\u{1F600}é'.repeat(5000);
    const fast = ['', 'héllo \u{1F600}', long, 0, -0, 1.5, NaN, -Infinity, true, false, null, undefined];
    const back = await rt.spawn<unknown[]>(tasks, 'echo', ...fast);
    expect(back).toHaveLength(fast.length);
    back.forEach((v, i) => expect(Object.is(v, fast[i])).toBe(true));
    const rich = [{ a: [1, { b: 'c' }] }, new Map([[1, new Date(5)]]), 10n, new Uint8Array([1, 2]), 'mixed', 3];
    expect(await rt.spawn(tasks, 'echo', ...rich)).toEqual(rich);
  });

  it('with little shared memory, extra tasks wait on the main thread; each runs exactly once', async () => {
    const small = new MultiThreadRuntime({ workers: 2, queueCapacity: 8, maxInFlight: 16, arenaBytes: 2048 });
    try {
      const n = 3000;
      const log = new Int32Array(new SharedArrayBuffer(4 * n));
      const hs = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? small.spawnOn(i % 2, tasks, 'count', log, i) : small.spawn(tasks, 'count', log, i)));
      expect(small.stats().overflow).toBeGreaterThan(0);
      const got = await Promise.all(hs);
      expect(got).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(Array.from(log).every((c) => c === 1)).toBe(true);
      const st = small.stats();
      expect(st.inFlight).toBe(0);
      expect(st.overflow).toBe(0);
      expect(st.workers.reduce((a, w) => a + w.tasksRun, 0)).toBe(n);
    } finally {
      await small.shutdown();
    }
  });

  it('runs tasks on two threads at once', async () => {
    const a = gate();
    const b = gate();
    const ha = rt.spawnOn<number>(0, tasks, 'blockUntil', a);
    const hb = rt.spawnOn<number>(1, tasks, 'blockUntil', b);
    // Both are blocked at the same time, so they hold two different threads.
    const [ta, tb] = await Promise.all([startedOn(a), startedOn(b)]);
    expect(ta).not.toBe(tb);
    expect(new Set(rt.stats().workers.map((w) => w.threadId))).toEqual(new Set([ta, tb]));
    release(a);
    release(b);
    expect([await ha, await hb]).toEqual([ta, tb]);
  });

  it('an idle worker steals the queued tasks of a blocked one', async () => {
    const g = gate();
    const blocker = rt.spawnOn<number>(0, tasks, 'blockUntil', g);
    const blockedThread = await startedOn(g);
    const before = rt.stats().workers;
    const b = before.findIndex((w) => w.threadId === blockedThread);
    const other = 1 - b;
    // Queue work on the blocked worker: only the other one can run it, by stealing.
    const hs = Array.from({ length: 6 }, (_, i) => rt.spawnOn<Who>(b, tasks, 'whoami', i));
    const done = await Promise.all(hs);
    for (const w of done) expect(w.threadId).toBe(before[other]!.threadId);
    const after = rt.stats().workers;
    expect(after[other]!.stolen - before[other]!.stolen).toBe(6);
    expect(after[other]!.steals).toBeGreaterThan(before[other]!.steals);
    release(g);
    expect(await blocker).toBe(blockedThread);
  });

  it('reports errors and rejections as the handle error', async () => {
    const e = await rt.spawn(tasks, 'fails', 'bad').then(
      () => null,
      (x: Error & { code?: string }) => x,
    );
    expect(e).toBeInstanceOf(Error);
    expect(e!.message).toBe('bad');
    expect(e!.name).toBe('RangeError');
    await expect(rt.spawn(tasks, 'rejects', 'async bad')).rejects.toThrow('async bad');
    await expect(rt.spawn(tasks, 'missing')).rejects.toThrow(/no exported function "missing"/);
    await expect(rt.spawn(tasks, 'unclonable')).rejects.toThrow(/cannot be cloned/);
    await expect(rt.spawn(tasks, 'whoami', () => 1)).rejects.toThrow(/could not be cloned/);
  });

  it('a worker that exits fails its task and is replaced', async () => {
    const threadsBefore = rt.stats().workers.map((w) => w.threadId);
    await expect(rt.spawnOn(0, tasks, 'exits', 3)).rejects.toThrow(/exited with code 3/);
    const again = await Promise.all([rt.spawnOn<Who>(0, tasks, 'spin', 20, 'x'), rt.spawnOn<Who>(1, tasks, 'spin', 20, 'y')]);
    expect(again.map((w) => w.tag)).toEqual(['x', 'y']);
    const threadsAfter = rt.stats().workers.map((w) => w.threadId);
    expect(threadsAfter.filter((t) => !threadsBefore.includes(t))).toHaveLength(1); // one new thread
  });

  it('an uncaught exception in a worker fails the tasks it was running', async () => {
    await expect(rt.spawn(tasks, 'throwsUncaught', 'boom from a timer')).rejects.toThrow('boom from a timer');
    expect((await rt.spawn<Who>(tasks, 'whoami', 'still works')).tag).toBe('still works');
  });

  it('idle workers do not keep the process alive', async () => {
    // Bundled for a plain `node` child (which cannot load TypeScript), inside the package.
    const dir = fileURLToPath(new URL('../node_modules/.cache/tspoll-multicore-exit/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [fileURLToPath(new URL('../src/node/multicore/runtime.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: `${dir}multicore.mjs`,
      logLevel: 'silent',
    });
    copyFileSync(fileURLToPath(new URL('../src/node/multicore/worker.mjs', import.meta.url)), `${dir}worker.mjs`);
    writeFileSync(
      `${dir}main.mjs`,
      `import { MultiThreadRuntime } from './multicore.mjs';
const rt = new MultiThreadRuntime({ workers: 2 });
const r = await Promise.all([rt.spawn(${JSON.stringify(tasks.href)}, 'whoami', 1), rt.spawn(${JSON.stringify(tasks.href)}, 'later', 2, 5)]);
console.log('done', r[0].tag, r[1].v);
`,
    );
    const out = await new Promise<{ code: number | null; stdout: string; killed: boolean }>((resolve) => {
      const child = execFile(process.execPath, [`${dir}main.mjs`], { timeout: 30_000 }, (_err, stdout) =>
        resolve({ code: child.exitCode, stdout, killed: child.killed }),
      );
    });
    expect(out.stdout.trim()).toBe('done 1 2');
    expect(out.killed).toBe(false); // not stopped by the 30 s guard: it exited by itself
    expect(out.code).toBe(0);
  });

  it('abort() before start: the task never runs', async () => {
    const a = gate();
    const b = gate();
    const log = new Int32Array(new SharedArrayBuffer(12));
    const ha = rt.spawnOn(0, tasks, 'blockUntil', a);
    const hb = rt.spawnOn(1, tasks, 'blockUntil', b);
    await Promise.all([startedOn(a), startedOn(b)]); // both workers are busy
    const h = rt.spawn(tasks, 'record', log, 0);
    expect(h.started).toBe(false);
    expect(h.abort()).toBe(true);
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    release(a);
    release(b);
    await Promise.all([ha, hb]);
    expect(await rt.spawn(tasks, 'record', log, 1)).toBe(1);
    await settled(); // the aborted task's id has been met and skipped
    expect(Array.from(log)).toEqual([1, 0, 1]);
  });

  it('abort() after start cancels the returned future at its next await', async () => {
    const log = new Int32Array(new SharedArrayBuffer(4));
    const h = rt.spawn(tasks, 'cancellable', log);
    while (!h.started) await new Promise((r) => setTimeout(r, 2));
    expect(h.abort()).toBe(false); // started: the worker is asked to cancel it
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(Atomics.load(log, 0)).toBe(1);
  });
});
