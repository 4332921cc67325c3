// cancel() of a lowered function whose finally block returns, breaks or continues.
import { describe, expect, it } from 'vitest';
import { Cancelled, pending, ready, spawn } from '@tspoll/runtime';
import { load, lower } from './lower-helpers.js';

// A return (or a break/continue) that leaves a finally block while cancel() unwinds must not
// settle the future with a value or resume the body: the unwinding goes on outward and the
// future ends Cancelled, running exactly the finally blocks a generator's return() runs.
const unwindSource = `
  exports.returns = async function returns(log, gates) {
    try {
      try {
        await gates[0]; log.push('after 0');
        await gates[1]; log.push('after 1');
      } finally {
        log.push('finally inner');
        await gates[2];
        return log.push('return value evaluated');
      }
    } finally {
      log.push('finally outer');
    }
  };
  exports.jumps = async function jumps(log, gates) {
    for (let i = 0; i < 3; i++) {
      try { await gates[i]; log.push('after ' + i); }
      finally { log.push('finally ' + i); if (i < 1) continue; break; }
    }
    log.push('after loop');
    return 'end';
  };
  exports.nativeTryInFinally = async function nativeTryInFinally(log, gates) {
    try {
      await gates[0]; log.push('after 0');
    } finally {
      log.push('finally');
      try { return 'from native try'; } finally { log.push('native finally'); }
    }
  };
  exports.catchInFinally = async function catchInFinally(log, gates) {
    try {
      try { await gates[0]; log.push('after 0'); }
      catch (e) { log.push('outer catch must not run'); }
      finally {
        log.push('finally');
        try { await gates[1]; throw new Error('inner'); } catch (e) { log.push('caught ' + e.message); }
        log.push('finally end');
      }
    } catch (e) { log.push('catch around must not run'); }
  };
  exports.labelled = async function labelled(log, gates) {
    block: {
      try { await gates[0]; log.push('after 0'); }
      finally { log.push('finally'); for (const v of [1, 2]) { if (v === 2) break block; log.push('v' + v); } }
    }
    log.push('after block');
  };
`;

/** Every ready await has run: the task waits on the pending gate. */
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('cancel() while a finally block returns or jumps', () => {
  const lowered = lower(unwindSource);
  const machines = load(lowered.code);
  const natives = load(unwindSource);
  const run = async (fn: string, k: number) => {
    const log: string[] = [];
    const gates = Array.from({ length: 4 }, (_, i) => (i === k ? pending() : ready(`gate ${i}`)));
    const h = spawn(machines[fn](log, gates));
    // The call runs to its first await, as natively; the ready gates pass in later turns.
    await settled();
    h.abort();
    let outcome: unknown;
    try {
      outcome = { ok: await h };
    } catch (e) {
      outcome = e instanceof Cancelled ? 'Cancelled' : e;
    }
    return { log, outcome };
  };
  /** The log of a generator version of the function, return()-ed at yield k (the oracle). */
  const generatorLog = (fn: string, k: number): string[] => {
    const src = unwindSource.replace(/async function/g, 'function*').replace(/\bawait\b/g, 'yield');
    const gen = load(src)[fn] as (log: string[], gates: unknown[]) => Generator;
    const log: string[] = [];
    const g = gen(log, []);
    let r = g.next();
    for (let i = 0; i < k && !r.done; i++) r = g.next();
    for (r = g.return(undefined); !r.done; r = g.next());
    return log;
  };

  it('lowers without diagnostics, and natively each function completes', async () => {
    expect(lowered.diagnostics).toEqual([]);
    const gates = [0, 1, 2, 3];
    expect(await natives.returns([], gates)).toBe(4);
    expect(await natives.jumps([], gates)).toBe('end');
    expect(await natives.nativeTryInFinally([], gates)).toBe('from native try');
  });

  for (const k of [0, 1, 2]) {
    it(`a return in finally: cancel at await ${k}`, async () => {
      const { log, outcome } = await run('returns', k);
      expect(outcome).toBe('Cancelled');
      expect(log).toEqual(generatorLog('returns', k));
    });
  }

  for (const k of [0, 1]) {
    it(`continue/break out of a finally: cancel at await ${k}`, async () => {
      const { log, outcome } = await run('jumps', k);
      expect(outcome).toBe('Cancelled');
      // Only the finally around the cancelled await runs; the loop does not go on.
      expect(log).toEqual([...Array.from({ length: k }, (_, i) => [`after ${i}`, `finally ${i}`]).flat(), `finally ${k}`]);
    });
  }

  it('a return inside a native try nested in the finally', async () => {
    const { log, outcome } = await run('nativeTryInFinally', 0);
    expect(outcome).toBe('Cancelled');
    expect(log).toEqual(['finally', 'native finally']);
  });

  it('a try/catch inside a finally catches while unwinding; catch blocks around the await do not run', async () => {
    const { log, outcome } = await run('catchInFinally', 0);
    expect(outcome).toBe('Cancelled');
    expect(log).toEqual(['finally', 'caught inner', 'finally end']);
    expect(log).toEqual(generatorLog('catchInFinally', 0).filter((l) => !l.includes('must not run')));
  });

  it('a labelled break out of a finally from a loop inside it', async () => {
    const { log, outcome } = await run('labelled', 0);
    expect(outcome).toBe('Cancelled');
    expect(log).toEqual(['finally', 'v1']);
  });
});
