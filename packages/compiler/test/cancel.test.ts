// cancel() at every await of a function with nested try/finally: exactly the finally blocks
// enclosing that await run, innermost first, catch blocks never, and the future ends Cancelled.
// Oracle: a generator's return() at the same point has exactly these semantics, so the same
// source with `function*`/`yield` run natively must log the same.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleFixtures, importFile, REPO_DIR, TMP_DIR } from './harness.js';

const FIXTURE = path.join(REPO_DIR, 'test-fixtures/cancel/nested-finally.ts');
/** The fixture's functions and how many awaits each has. */
const FUNCTIONS = [
  ['work', 6],
  ['workUsing', 4],
] as const;
const DONE_ERR = 4;

interface Frame {
  poll(cx: unknown): unknown;
  cancel(): void;
  $st: number;
  $cx: unknown;
  then(ok: (v: unknown) => void, err: (e: unknown) => void): Promise<unknown>;
}
type Work = (log: string[], gates: unknown[]) => Frame;
type Gen = (log: string[], gates: unknown[]) => Generator<unknown, unknown, unknown>;

let bundle: Bundle;
let lowered: Record<string, Work>;
let rt: Record<string, (...a: unknown[]) => unknown> & { Cancelled: new () => Error; PENDING: symbol };
let oracles: Record<string, Gen>;

/** The fixture as a generator: `return()` at a yield is what cancel() at an await must do. */
function writeOracle(): string {
  const src = readFileSync(FIXTURE, 'utf8').replace(/async function/g, 'function*').replace(/\bawait\b/g, 'yield');
  const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const file = path.join(TMP_DIR, `cancel-oracle-${process.pid}.mjs`);
  mkdirSync(TMP_DIR, { recursive: true });
  writeFileSync(file, js);
  return file;
}

let oracleFile: string | undefined;

afterAll(() => {
  bundle?.dispose();
  if (oracleFile) rmSync(oracleFile, { force: true });
});

beforeAll(async () => {
  bundle = await bundleFixtures([FIXTURE], 'cancel');
  lowered = (await importFile(bundle.lowered.get('nested-finally')!)) as Record<string, Work>;
  rt = (await importFile(bundle.runtime)) as typeof rt;
  oracleFile = writeOracle();
  oracles = (await importFile(oracleFile)) as Record<string, Gen>;
});

/** Gates for stopping at await `k`: that one never finishes, `slow` (if given) is a promise. */
function gates(k: number, slow?: { index: number; promise: Promise<unknown> }): unknown[] {
  return Array.from({ length: 6 }, (_, i) =>
    slow?.index === i ? slow.promise : i === k ? rt.pending() : rt.ready(`gate ${i}`),
  );
}

/** The call as a lazy future (a plain call starts at once, as natively), to poll by hand. */
function lazyWork(fn: string, log: string[], g: unknown[]): Frame {
  return rt.lazy(lowered[fn]!, log, g) as Frame;
}

/** A context for polling by hand: nothing to wake, budget enough for the whole body. */
const cx = () => ({ waker: { wake() {} }, budget: 1_000_000 });

/** Poll a NEW frame by hand as its owner: claim it first, as an owner's first await does. */
function pollAsOwner(f: Frame): unknown {
  const c = cx();
  f.$st = 1;
  f.$cx = c;
  return f.poll(c);
}

function oracleLog(k: number, fn = 'work'): string[] {
  const log: string[] = [];
  const g = oracles[fn]!(log, []);
  for (let i = 0; i <= k; i++) g.next();
  // Keep resuming a finally that yields while returning, as the runtime's unwind does.
  for (let r = g.return(undefined); !r.done; r = g.next()) {}
  return log;
}

describe('cancel() at every await of nested try/finally', () => {
  const points = FUNCTIONS.flatMap(([fn, n]) => Array.from({ length: n }, (_, k) => [fn, k] as const));
  it.each(points)('%s, at await %i', async (fn, k) => {
    const log: string[] = [];
    const f = lazyWork(fn, log, gates(k));
    expect(pollAsOwner(f)).toBe(rt.PENDING);
    const before = [...log];
    f.cancel();
    const ran = log.slice(before.length);
    expect(ran.every((l) => l.startsWith('finally') || l.startsWith('dispose'))).toBe(true);
    expect(log).toEqual(oracleLog(k, fn));
    expect(f.$st).toBe(DONE_ERR);
    await expect(new Promise((ok, err) => f.then(ok, err))).rejects.toBeInstanceOf(rt.Cancelled);
    f.cancel(); // idempotent
    expect(log).toEqual(oracleLog(k, fn));
  });

  it('names the finally blocks that ran (readable form of the oracle)', () => {
    const ran = (k: number) => oracleLog(k).filter((l) => l.startsWith('finally'));
    expect(ran(0)).toEqual(['finally 1']);
    expect(ran(1)).toEqual(['finally 2', 'finally 2 end', 'finally 1']);
    expect(ran(2)).toEqual(['finally 3', 'finally 2', 'finally 2 end', 'finally 1']);
    expect(ran(4)).toEqual(['finally 3', 'finally 2', 'finally 1']);
    expect(oracleLog(2, 'workUsing').slice(-3)).toEqual(['finally', 'dispose inner', 'dispose outer']);
  });

  it('JoinHandle.abort() of a task waiting on a timer unwinds the same way', async () => {
    const log: string[] = [];
    const timer = new Promise((resolve) => setTimeout(resolve, 60_000).unref());
    const handle = rt.spawn(lowered.work!(log, gates(-1, { index: 2, promise: timer }))) as unknown as {
      abort(): void;
      then: Frame['then'];
    };
    while (!log.includes('after 1')) await new Promise((r) => setTimeout(r, 1));
    handle.abort();
    await expect(new Promise((ok, err) => handle.then(ok, err))).rejects.toBeInstanceOf(rt.Cancelled);
    expect(log).toEqual(oracleLog(2));
  });

  it('a finally that awaits while unwinding finishes in the background', async () => {
    let open!: (v: unknown) => void;
    const promise = new Promise((resolve) => (open = resolve));
    const log: string[] = [];
    const f = lazyWork('work', log, gates(1, { index: 4, promise }));
    expect(pollAsOwner(f)).toBe(rt.PENDING);
    f.cancel(); // the owner is done with it; the unwind stops at the await in `finally 2`
    expect(log.at(-1)).toBe('finally 2');
    await expect(new Promise((ok, err) => f.then(ok, err))).rejects.toBeInstanceOf(rt.Cancelled);
    open('late');
    for (let i = 0; i < 100 && log.length < oracleLog(1).length; i++) await new Promise((r) => setTimeout(r, 1));
    expect(log).toEqual(oracleLog(1));
  });

  it('cancel() before the first poll runs no user code', async () => {
    const log: string[] = [];
    const f = lazyWork('work', log, gates(0));
    f.cancel();
    expect(log).toEqual([]);
    await expect(new Promise((ok, err) => f.then(ok, err))).rejects.toBeInstanceOf(rt.Cancelled);
  });
});
