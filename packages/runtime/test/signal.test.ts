// currentSignal(): the AbortSignal of the scope being polled (a timeout's inner future, a
// select/join child, else the task), aborted when that scope is dropped.
import { describe, expect, it } from 'vitest';
import { Cancelled, currentSignal, pending, race, Runtime, select, sleep, timeout, TimeoutError, tryJoin } from '../src/index.js';
import { gen } from './support/machines.js';

/** A lowered-style function that records the signal it runs with, then waits forever (or `ms`). */
function holdSignal(into: AbortSignal[], ms?: number) {
  return gen(function* () {
    into.push(currentSignal());
    yield ms === undefined ? pending() : sleep(ms);
    return 'done';
  });
}

describe('currentSignal', () => {
  it('timeout: aborted with the TimeoutError when the deadline passes, before the inner finally blocks run', async () => {
    const rt = new Runtime({ startPaused: true });
    const seen: AbortSignal[] = [];
    const log: string[] = [];
    const inner = gen(function* () {
      const s = currentSignal();
      seen.push(s);
      try {
        yield pending();
      } finally {
        log.push(`finally: aborted=${s.aborted}`);
      }
    });
    const err = await rt.spawn(timeout(inner, 100)).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(seen[0]!.aborted).toBe(true);
    expect(seen[0]!.reason).toBe(err);
    expect(log).toEqual(['finally: aborted=true']);
  });

  it('a timeout that completes in time leaves its signal alone; calls in one scope share a signal', async () => {
    const rt = new Runtime({ startPaused: true });
    const seen: AbortSignal[] = [];
    const twice = gen(function* () {
      seen.push(currentSignal(), currentSignal());
      yield sleep(10);
      seen.push(currentSignal()); // polled again by the timeout: the same scope
      return 1;
    });
    expect(await rt.spawn(timeout(twice, 100))).toBe(1);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]!.aborted).toBe(false);
  });

  it('select and race: the losers are aborted, the winner is not; each child has its own signal', async () => {
    const rt = new Runtime({ startPaused: true });
    const seen: AbortSignal[] = [];
    const r = await rt.spawn(select(holdSignal(seen), holdSignal(seen, 5), holdSignal(seen)));
    expect(r).toEqual({ index: 1, value: 'done' });
    expect(seen.map((s) => s.aborted)).toEqual([true, false, true]);
    expect(seen[0]!.reason).toBeInstanceOf(Cancelled);
    const raced: AbortSignal[] = [];
    expect(await rt.spawn(race(holdSignal(raced, 5), holdSignal(raced)))).toBe('done');
    expect(raced.map((s) => s.aborted)).toEqual([false, true]);
  });

  it('tryJoin: a failing child aborts its siblings', async () => {
    const rt = new Runtime({ startPaused: true });
    const seen: AbortSignal[] = [];
    const failing = gen(function* () {
      yield sleep(5);
      throw new Error('boom');
    });
    await expect(rt.spawn(tryJoin(holdSignal(seen), failing))).rejects.toThrow('boom');
    expect(seen[0]!.aborted).toBe(true);
  });

  it('the task: aborted by JoinHandle.abort(); nested scopes through the futures around them', async () => {
    const rt = new Runtime({ startPaused: true });
    const seen: AbortSignal[] = [];
    const h = rt.spawn(holdSignal(seen));
    await new Promise((r) => setImmediate(r));
    expect(seen[0]!.aborted).toBe(false);
    h.abort();
    expect(seen[0]!.aborted).toBe(true);
    await expect(h).rejects.toBeInstanceOf(Cancelled);

    // A timeout inside a select branch that loses: the inner signal is aborted too.
    const nested: AbortSignal[] = [];
    await rt.spawn(select(timeout(holdSignal(nested), 1000), sleep(5)));
    expect(nested[0]!.aborted).toBe(true);
    expect(nested[0]!.reason).toBeInstanceOf(Cancelled);
  });

  it('outside any task it says how to use it', () => {
    expect(() => currentSignal()).toThrow(/needs a running task/);
  });
});
