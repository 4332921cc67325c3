// Calls of lowered functions start at once and return native promises (ABI.md, section 8). The
// runtime still stops them: spawn, join, select, race, timeout and abort take these promises as
// they take futures, and a losing call's finally blocks run. lazy() gives the Rust-style future.
import { describe, expect, it } from 'vitest';
import * as rt from '@tspoll/runtime';
import { load, lower } from './lower-helpers.js';

const src = `
  exports.slow = async function slow(log, name, ms) {
    log.push(name + ' start');
    try { await sleep(ms); log.push(name + ' done'); return name; }
    finally { log.push(name + ' finally'); }
  };
  exports.fails = async function fails() { await sleep(1); throw new Error('boom'); };
`;
const l = lower(src);
const m = load(l.code, { sleep: rt.sleep });
const { abort, join, lazy, race, select, spawn, timeout, Cancelled, TimeoutError } = rt;

describe('the promise of a running lowered call, given to the runtime', () => {
  it('lowers without diagnostics', () => {
    expect(l.diagnostics).toEqual([]);
  });

  it('select stops the loser (its finally runs) and reports the winner', async () => {
    const log: string[] = [];
    const r = await select(m.slow(log, 'a', 50), m.slow(log, 'b', 1));
    expect(r).toEqual({ index: 1, value: 'b' });
    expect(log).toEqual(['a start', 'b start', 'b done', 'b finally', 'a finally']);
  });

  it('race stops the loser', async () => {
    const log: string[] = [];
    expect(await race(m.slow(log, 'a', 1), m.slow(log, 'b', 50))).toBe('a');
    expect(log).toContain('b finally');
    expect(log).not.toContain('b done');
  });

  it('timeout stops the call at its await', async () => {
    const log: string[] = [];
    await expect(timeout(m.slow(log, 't', 50), 5)).rejects.toBeInstanceOf(TimeoutError);
    expect(log).toEqual(['t start', 't finally']);
  });

  it('join waits for all; spawn of the promise joins the running task', async () => {
    const log: string[] = [];
    expect(await join(m.slow(log, 'x', 2), m.slow(log, 'y', 1))).toEqual(['x', 'y']);
    const h = spawn(m.slow(log, 'z', 1));
    expect(await h).toBe('z');
  });

  it('abort(p) stops the call; abort of a native promise is a TypeError', async () => {
    const log: string[] = [];
    const p = m.slow(log, 'p', 50);
    expect(p).toBeInstanceOf(Promise);
    abort(p);
    await expect(p).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['p start', 'p finally']);
    expect(() => abort(Promise.resolve(1))).toThrow(TypeError);
  });

  it('lazy(): nothing runs until the future is polled, and dropping it first runs nothing', async () => {
    const log: string[] = [];
    const f = lazy(m.slow, log, 'l', 1);
    expect(log).toEqual([]);
    expect(await f).toBe('l');
    expect(log).toEqual(['l start', 'l done', 'l finally']);
    const dropped = lazy(m.slow, log, 'never', 1);
    dropped.cancel();
    await expect(dropped).rejects.toBeInstanceOf(Cancelled);
    expect(log).not.toContain('never start');
  });

  it('lazy() spawned on another runtime runs there, on its clock', async () => {
    const paused = new rt.Runtime({ startPaused: true });
    const t0 = paused.now();
    const log: string[] = [];
    expect(await paused.spawn(lazy(m.slow, log, 'v', 3_600_000))).toBe('v');
    expect(paused.now() - t0).toBe(3_600_000);
  });

  it('a failure a combinator takes is not also reported as unhandled', async () => {
    const seen: unknown[] = [];
    const onUnhandled = (e: unknown) => seen.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(join(m.fails(), m.slow([], 's', 5))).rejects.toThrow('boom');
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(seen).toEqual([]);
  });
});

describe('function objects in sloppy mode', () => {
  it('have no own arguments, caller or prototype, as native async functions', () => {
    const code = lower(`
      async function declared(a, b) { return a + b; }
      const arrow = async (x) => x;
      const expr = async function () {};
      const obj = { async method() {} };
      exports.fns = [declared, arrow, expr, obj.method];
    `).code;
    const exports: { fns?: Function[] } = {};
    // No "use strict": the code runs as a sloppy CommonJS module would.
    new Function('require', 'exports', code)(() => rt, exports);
    const native = [async function declared(a: number, b: number) { return a + b; }, async (x: number) => x];
    for (const fn of [...exports.fns!, ...native]) {
      expect(Object.getOwnPropertyNames(fn).sort(), fn.name).toEqual(['length', 'name']);
      expect(Object.getPrototypeOf(fn)).toBe(Object.getPrototypeOf(async () => {}));
    }
    expect(exports.fns!.map((f) => [f.name, f.length])).toEqual([['declared', 2], ['arrow', 1], ['expr', 0], ['method', 0]]);
  });
});

describe('await f.call(…) and await f.apply(…) of a lowered function', () => {
  it('run as natively: this, arguments, errors, and a call property of its own', async () => {
    const { both: run } = await import('./lower-helpers.js');
    const r = await run(`
      async function add(a, b) { return this.base + a + (b ?? 0); }
      async function fails() { await null; throw new Error('no'); }
      async function own() { return 'own'; }
      own.call = () => 'overridden';
      exports.main = async function main(log) {
        const t = { base: 10 };
        log.push(await add.call(t, 1, 2), await add.call(t, 1), await add.apply(t, [3, 4]), await add.apply(t));
        log.push(await add.call(t, ...[5, 6]));
        try { await fails.call(null); } catch (e) { log.push(e.message); }
        log.push(await own.call());
        return 'done';
      };`);
    expect(r.diagnostics).toEqual([]);
    expect(r.lowered).toEqual(r.native);
    expect(r.native.log).toEqual([13, 11, 17, NaN, 21, 'no', 'overridden']); // add.apply(t): b and a undefined
  });
});
