// Several runtimes in one process (the seed's primary/secondary design): each has its own
// run queue, budget and timers, so a flooding background runtime cannot starve the timers
// of the primary one. Assertions count work between events; nothing here measures speed.
import { describe, expect, it } from 'vitest';
import { interval, Runtime, sleep, yieldNow } from '../src/index.js';
import { gen } from './support/machines.js';

/** An endless loop of ready awaits (`for (;;) { await 0; n++ }`) and one of yieldNow. */
function flood(rt: Runtime, counter: { n: number }) {
  const a = rt.spawn(gen(function* () { for (;;) { yield 0; counter.n++; } }), { name: 'ready-loop' });
  const b = rt.spawn(gen(function* () { for (;;) { yield yieldNow(); counter.n++; } }), { name: 'yield-loop' });
  return () => { a.abort(); b.abort(); };
}

describe('multiple runtimes', () => {
  it('each runtime has its own clock, queue and timers', async () => {
    const a = new Runtime({ name: 'a', startPaused: true });
    const b = new Runtime({ name: 'b', budget: 7 });
    expect(a.timers()).not.toBe(b.timers());
    expect(b.budget).toBe(7);
    const t0 = a.now();
    await a.spawn(sleep(3_600_000));
    expect(a.now() - t0).toBe(3_600_000); // virtual hour on a
    expect(b.timers().isPaused).toBe(false);
    expect(b.timers().wheel.size).toBe(0);
  });

  it('a flooded background runtime does not delay the primary runtime’s timers (virtual time)', async () => {
    const primary = new Runtime({ name: 'primary', startPaused: true });
    const background = new Runtime({ name: 'background' });
    const bg = { n: 0 };
    const stop = flood(background, bg);
    // Background work done between consecutive primary ticks.
    const between: number[] = [];
    const ticks = await primary.spawn(
      gen(function* () {
        const iv = interval(1000);
        const t0 = primary.now();
        const at: number[] = [];
        let last = bg.n;
        for (let i = 0; i < 30; i++) {
          at.push(((yield iv.tick()) as number) - t0);
          between.push(bg.n - last);
          last = bg.n;
        }
        return at;
      }),
    );
    stop();
    expect(ticks).toEqual(Array.from({ length: 30 }, (_, i) => i * 1000));
    expect(bg.n).toBeGreaterThan(0); // the background ran meanwhile
    // Each primary step waits for at most a few background batches (one batch is at most
    // eventInterval polls of `budget` awaits), not for the endless loop to end.
    const batch = background.eventInterval * background.budget;
    expect(Math.max(...between)).toBeLessThanOrEqual(2 * batch) // observed: 1 to 1.5 batches;
  });

  it('the same in real time: the primary’s sleeps complete while the background floods', async () => {
    const primary = new Runtime({ name: 'primary' });
    const background = new Runtime({ name: 'background' });
    const bg = { n: 0 };
    const stop = flood(background, bg);
    const seen: number[] = [];
    await primary.spawn(
      gen(function* () {
        for (let i = 0; i < 5; i++) {
          yield sleep(5);
          seen.push(bg.n);
        }
      }),
    );
    stop();
    expect(seen).toHaveLength(5);
    // The background made progress between the primary's wake-ups: both runtimes ran.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
  });

  it('within one runtime, a flooding task still lets that runtime’s timers fire', async () => {
    const rt = new Runtime();
    const c = { n: 0 };
    const stop = flood(rt, c);
    const before = c.n;
    await rt.spawn(gen(function* () { yield sleep(5); yield sleep(5); }));
    stop();
    expect(c.n).toBeGreaterThan(before);
  });
});
