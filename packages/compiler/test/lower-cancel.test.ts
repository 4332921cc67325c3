// cancel() of lowered machines: at each await of a function with nested try/catch/finally,
// exactly the enclosing finally blocks run (innermost first), catch blocks never, and the
// future ends Cancelled. Oracle: a generator's return() at the same yield.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Cancelled, lazy, pending, ready, spawn } from '@tspoll/runtime';
import { load, lowerTs, stripTypes } from './lower-helpers.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-fixtures/cancel/nested-finally.ts');
const source = readFileSync(FIXTURE, 'utf8');
const lowered = lowerTs(source);
const work = load(lowered.code).work as (log: string[], gates: unknown[]) => { poll(cx: unknown): unknown; cancel(): void; $st: number };
const oracle = load(stripTypes(source.replace(/async function/g, 'function*').replace(/\bawait\b/g, 'yield'))).work as (
  log: string[],
  gates: unknown[],
) => Generator<unknown, unknown, unknown>;

/** Every ready await has run: the task waits on the pending gate. */
const settled = () => new Promise((r) => setTimeout(r, 0));

const cx = () => ({ waker: { wake() {} }, budget: 1_000_000 });

function oracleLog(k: number): string[] {
  const log: string[] = [];
  const g = oracle(log, []);
  let r = g.next();
  for (let i = 0; !r.done && i < k; i++) r = g.next(`gate ${i}`);
  if (r.done) return log;
  // Suspended at yield k (or at the yield in `finally 2` when k is 4): cancel there.
  let step = g.return(undefined);
  while (!step.done) step = g.next('gate');
  return log;
}

describe('cancel() unwinds through the enclosing finally blocks', () => {
  it('lowers without diagnostics', () => {
    expect(lowered.diagnostics).toEqual([]);
  });

  for (const k of [0, 1, 2, 3, 5]) {
    it(`at await ${k}`, async () => {
      const log: string[] = [];
      const gates = Array.from({ length: 6 }, (_, i) => (i === k ? pending() : ready(`gate ${i}`)));
      const f = work(log, gates);
      const h = spawn(f as never);
      // The call runs to its first await, as natively; the ready gates pass in later turns.
      await settled();
      expect(h.isFinished).toBe(false);
      h.abort();
      await expect(h).rejects.toBeInstanceOf(Cancelled);
      expect(log).toEqual(oracleLog(k));
    });
  }

  it('an await inside a finally during unwinding finishes in a cleanup task', async () => {
    const log: string[] = [];
    let release!: (v: unknown) => void;
    const slow = new Promise((r) => (release = r));
    const gates = Array.from({ length: 6 }, (_, i) => (i === 3 ? pending() : i === 4 ? slow : ready(`gate ${i}`)));
    const f = work(log, gates);
    const h = spawn(f as never);
    await settled();
    h.abort();
    expect(log).toEqual(['start', 'after 0', 'after 1', 'after 2', 'finally 3', 'finally 2']);
    release('late');
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['start', 'after 0', 'after 1', 'after 2', 'finally 3', 'finally 2', 'finally 2 end', 'finally 1']);
  });

  it('cancel before the first poll runs nothing', () => {
    const log: string[] = [];
    const f = lazy(work, log, []) as unknown as ReturnType<typeof work>; // a plain call starts at once
    f.cancel();
    expect(log).toEqual([]);
    expect(f.$st).toBe(4);
  });

  it('a polled-by-hand frame unwinds too', () => {
    const log: string[] = [];
    const f = lazy(work, log, Array.from({ length: 6 }, (_, i) => (i === 1 ? pending() : ready(i)))) as unknown as ReturnType<typeof work> & { $cx: unknown };
    // Claim it as an owner's first await does (ABI.md: generated code never sets $st itself).
    const c = cx();
    f.$st = 1;
    f.$cx = c;
    expect(typeof f.poll(c)).toBe('symbol');
    f.cancel();
    expect(log).toEqual(oracleLog(1));
  });
});
