// Timers: the wheel itself, sleeps/intervals/timeouts in virtual time, the host timer.
import { describe, expect, it } from 'vitest';
import {
  Cancelled,
  interval,
  PENDING,
  race,
  Runtime,
  sleep,
  spawn,
  sleepUntil,
  timeout,
  TimeoutError,
  type TimerEntry,
  TimingWheel,
} from '../src/index.js';
import { gen, MockTask, tick } from './support/machines.js';

function entry(when: number, log: number[]): TimerEntry {
  return { $when: when, $prev: null, $next: null, $level: -1, $slot: 0, $fire: () => log.push(when) };
}

describe('the timing wheel', () => {
  it('fires entries in deadline order across all levels, and each exactly once', () => {
    const w = new TimingWheel();
    const log: number[] = [];
    // Deterministic pseudo-random deadlines spanning every level (up to ~64^5 ms).
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const whens: number[] = [];
    for (let i = 0; i < 2000; i++) whens.push(1 + Math.floor(rand() ** 4 * 64 ** 5));
    for (const t of whens) w.insert(entry(t, log));
    expect(w.size).toBe(2000);
    // Advance in uneven steps; after each, exactly the due entries have fired.
    let now = 0;
    while (w.size > 0) {
      now += 1 + Math.floor(rand() * 64 ** 3);
      w.advanceTo(now);
      expect(log.length).toBe(whens.filter((t) => t <= now).length);
    }
    expect(log).toEqual([...whens].sort((a, b) => a - b));
  });

  it('keeps registration order for equal deadlines, and removal frees the slot at once', () => {
    const w = new TimingWheel();
    const log: number[] = [];
    const order: string[] = [];
    const mk = (name: string, when: number): TimerEntry => ({
      ...entry(when, log),
      $fire: () => order.push(name),
    });
    const a = mk('a', 5000);
    const b = mk('b', 5000);
    const c = mk('c', 5000);
    w.insert(a);
    w.advanceTo(4990); // cascades a down
    w.insert(b);
    w.insert(c);
    w.remove(b);
    expect(w.size).toBe(2);
    expect(b.$level).toBe(-1);
    w.advanceTo(5000);
    expect(order).toEqual(['a', 'c']);
    expect(w.size).toBe(0);
    expect(w.nextExpiration()).toBe(-1);
  });

  it('reports the exact next deadline and refuses deadlines already processed', () => {
    const w = new TimingWheel();
    const log: number[] = [];
    w.insert(entry(100_000, log));
    w.insert(entry(70, log));
    expect(w.nextDeadline()).toBe(70);
    w.advanceTo(80);
    expect(w.nextDeadline()).toBe(100_000);
    expect(w.insert(entry(80, log))).toBe(false);
    expect(w.insert(entry(81, log))).toBe(true);
  });

  it('matches a reference model under interleaved inserts, removals and advances', () => {
    const w = new TimingWheel();
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const live = new Set<TimerEntry>();
    let now = 0;
    for (let step = 0; step < 20_000; step++) {
      const op = rand();
      if (op < 0.5) {
        const log: number[] = [];
        const e = entry(now + 1 + Math.floor(rand() ** 3 * 64 ** 4), log);
        e.$fire = () => {
          expect(e.$when).toBeLessThanOrEqual(now); // never early
          expect(live.delete(e)).toBe(true); // never twice, never after removal
        };
        expect(w.insert(e)).toBe(true);
        live.add(e);
      } else if (op < 0.7 && live.size > 0) {
        const e = [...live][Math.floor(rand() * live.size)]!;
        w.remove(e);
        live.delete(e);
      } else {
        now += Math.floor(rand() ** 4 * 64 ** 3);
        w.advanceTo(now);
        for (const e of live) expect(e.$when).toBeGreaterThan(now); // never late
      }
      expect(w.size).toBe(live.size);
    }
  });

  it('holds deadlines beyond its range and fires them eventually', () => {
    const w = new TimingWheel();
    const log: number[] = [];
    const far = 64 ** 6 * 3 + 17;
    w.insert(entry(far, log));
    w.insert(entry(10, log));
    let guard = 0;
    while (w.size > 0 && guard++ < 1000) w.advanceTo(Math.min(far, w.nextExpiration()));
    expect(log).toEqual([10, far]);
  });
});

describe('sleep in virtual time', () => {
  it('an hour of sleeps finishes at once, in deadline order, at exact virtual times', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    const log: [number, number][] = [];
    const hs = [300, 100, 3_600_000, 200, 100].map((d) =>
      rt.spawn(
        gen(function* () {
          yield sleep(d);
          log.push([d, rt.now() - t0]);
        }),
      ),
    );
    for (const h of hs) await h;
    expect(log).toEqual([
      [100, 100],
      [100, 100],
      [200, 200],
      [300, 300],
      [3_600_000, 3_600_000],
    ]);
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('sleeps chained in one task add up; sleepUntil targets the clock', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    const h = rt.spawn(
      gen(function* () {
        for (let i = 0; i < 10; i++) yield sleep(1000);
        yield sleepUntil(t0 + 60_000);
        return rt.now() - t0;
      }),
    );
    expect(await h).toBe(60_000);
  });

  it('aborting a sleeping task removes its timer and disarms everything', async () => {
    const rt = new Runtime();
    const h = rt.spawn(gen(function* () { yield sleep(1_000_000); }));
    expect(rt.timers().wheel.size).toBe(1);
    expect(rt.timers().hostTimerArmed).toBe(true);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(rt.timers().wheel.size).toBe(0);
    expect(rt.timers().hostTimerArmed).toBe(false);
  });

  it('the deadline is fixed at the first poll, not at creation', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    const s = sleep(100);
    const h = rt.spawn(gen(function* () { yield sleep(500); yield s; return rt.now() - t0; }));
    expect(await h).toBe(600);
    expect(s.deadline).toBe(t0 + 600);
  });

  it('reset() moves a pending sleep (an idle timeout pushed back by activity)', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    const idle = sleep(100);
    const log: string[] = [];
    rt.spawn(gen(function* () {
      for (let i = 0; i < 3; i++) {
        yield sleep(60);
        idle.reset(100); // activity at 60, 120, 180: idle now ends at 280
        log.push(`activity ${rt.now() - t0}`);
      }
    }));
    await rt.spawn(gen(function* () { yield idle; log.push(`idle ${rt.now() - t0}`); }));
    expect(log).toEqual(['activity 60', 'activity 120', 'activity 180', 'idle 280']);
    expect(() => idle.reset(5)).toThrow('finished');
    const early = sleep(1000);
    early.reset(10); // before the first poll: replaces the duration
    const t1 = rt.now();
    await rt.spawn(early);
    expect(rt.now() - t1).toBe(10);
    const past = sleep(1000, rt);
    const m = new MockTask(past);
    expect(m.poll()).toBe(PENDING);
    past.resetAt(rt.now() - 1); // already due: wakes, completes on the next poll
    expect(m.takeWoken()).toBe(1);
    expect(m.poll()).toBe(undefined);
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('advance() with auto-advance off steps through timers in order, tasks re-sleeping on the way', async () => {
    const rt = new Runtime();
    rt.pauseTime({ autoAdvance: false });
    const t0 = rt.now();
    const log: number[] = [];
    rt.spawn(gen(function* () { for (;;) { yield sleep(30); log.push(rt.now() - t0); } }));
    await tick();
    await tick();
    expect(log).toEqual([]); // no auto-advance
    await rt.advance(100);
    expect(log).toEqual([30, 60, 90]);
    expect(rt.now() - t0).toBe(100);
    await rt.advance(20);
    expect(log).toEqual([30, 60, 90, 120]);
  });

  it('advance() first lets tasks spawned from inside a task run, so their sleeps start before the clock moves', async () => {
    const rt = new Runtime();
    rt.pauseTime({ autoAdvance: false });
    const t0 = rt.now();
    const log: string[] = [];
    // A machine spawns a worker (queued: spawns inside a poll are not polled at once) and
    // advances the clock in the same poll, as a lowered vitest test body does.
    const test = gen(function* () {
      spawn(gen(function* () { yield sleep(1000); log.push(`worker woke at ${rt.now() - t0}`); }));
      yield rt.advance(1000);
      log.push(`advanced to ${rt.now() - t0}`);
    });
    await rt.spawn(test);
    expect(log).toEqual(['worker woke at 1000', 'advanced to 1000']);
  });

  it('auto-advance gives host callbacks a turn before jumping the clock', async () => {
    const rt = new Runtime({ startPaused: true });
    // Resolved by a host callback queued before the runtime goes idle: it must win against a
    // timer an hour away, although the clock could jump there at once.
    const hostReady = new Promise<string>((r) => setImmediate(() => r('host')));
    const r = await rt.spawn(race(hostReady, gen(function* () { yield sleep(3_600_000); return 'timer'; })));
    expect(r).toBe('host');
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('resumeTime() continues from the virtual time, monotonically', async () => {
    const rt = new Runtime({ startPaused: true });
    await rt.advance(10_000);
    const v = rt.now();
    rt.resumeTime();
    expect(rt.now()).toBeGreaterThanOrEqual(v);
    const before = rt.now();
    await rt.spawn(sleep(5));
    expect(rt.now() - before).toBeGreaterThanOrEqual(5);
  });
});

describe('sleep in real time', () => {
  it('never completes early, and the host timer is cleared afterwards', async () => {
    const rt = new Runtime();
    const start = rt.now();
    await rt.spawn(gen(function* () { yield sleep(15); yield sleep(5); }));
    expect(rt.now() - start).toBeGreaterThanOrEqual(20);
    expect(rt.timers().hostTimerArmed).toBe(false);
  });

  it('an interval in real time: ticks on start + k·period, none early', async () => {
    const rt = new Runtime();
    const got = await rt.spawn(
      gen(function* () {
        const iv = interval(7);
        const out: [number, number][] = [];
        for (let i = 0; i < 6; i++) {
          const at = (yield iv.tick()) as number;
          out.push([at, rt.now()]);
        }
        return out;
      }),
    );
    const start = got[0]![0];
    got.forEach(([at, now], k) => {
      expect(at).toBe(start + 7 * k);
      expect(now).toBeGreaterThanOrEqual(at);
    });
    expect(rt.timers().hostTimerArmed).toBe(false);
  });

  it('sleep(0) is ready on the first poll', () => {
    const m = new MockTask(sleep(0));
    expect(m.poll()).toBe(undefined);
  });
});

describe('interval', () => {
  it('does not drift: ticks stay on start + k·period although each tick does work', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    const ticks = await rt.spawn(
      gen(function* () {
        const iv = interval(100);
        const out: number[] = [];
        for (let i = 0; i < 6; i++) {
          out.push(((yield iv.tick()) as number) - t0);
          yield sleep(30); // work between ticks
        }
        return out;
      }),
    );
    expect(ticks).toEqual([0, 100, 200, 300, 400, 500]);
  });

  const missed = (behavior: 'burst' | 'skip' | 'delay') => async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    return rt.spawn(
      gen(function* () {
        const iv = interval(100, { missedTickBehavior: behavior });
        const out: [number, number][] = [];
        for (let i = 0; i < 5; i++) {
          const at = (yield iv.tick()) as number;
          out.push([at - t0, rt.now() - t0]);
          if (i === 1) yield sleep(350); // miss three ticks
        }
        return out;
      }),
    );
  };

  it('burst (default): missed ticks are delivered at once, then the schedule continues', async () => {
    expect(await (await missed('burst')())).toEqual([[0, 0], [100, 100], [200, 450], [300, 450], [400, 450]]);
  });

  it('skip: one tick now, then the next point of the original schedule', async () => {
    expect(await (await missed('skip')())).toEqual([[0, 0], [100, 100], [200, 450], [500, 500], [600, 600]]);
  });

  it('delay: one tick now, then every period from now', async () => {
    expect(await (await missed('delay')())).toEqual([[0, 0], [100, 100], [200, 450], [550, 550], [650, 650]]);
  });

  it('a cancelled tick frees the timer', async () => {
    const rt = new Runtime({ startPaused: true });
    const iv = interval(100, { runtime: rt });
    const m = new MockTask(iv.tick());
    expect(m.poll()).not.toBe(PENDING); // first tick: at once
    const t = iv.tick();
    const m2 = new MockTask(t);
    expect(m2.poll()).toBe(PENDING);
    expect(rt.timers().wheel.size).toBe(1);
    t.cancel();
    expect(rt.timers().wheel.size).toBe(0);
  });
});

describe('timeout', () => {
  it('cancels the inner future on expiry: its finally runs, TimeoutError is thrown', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const inner = gen(function* () {
      try {
        yield sleep(10_000);
        log.push('body done');
      } finally {
        log.push('finally');
      }
    });
    const h = rt.spawn(timeout(inner, 500));
    await expect(h).rejects.toBeInstanceOf(TimeoutError);
    expect(log).toEqual(['finally']);
    expect(inner.$st).toBe(4);
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('gives the inner value when it wins, and frees its timer', async () => {
    const rt = new Runtime({ startPaused: true });
    const h = rt.spawn(timeout(gen(function* () { yield sleep(100); return 'ok'; }), 500));
    expect(await h).toBe('ok');
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('passes inner errors through', async () => {
    const rt = new Runtime({ startPaused: true });
    const h = rt.spawn(timeout(gen(function* () { yield sleep(100); throw new Error('inner'); }), 500));
    await expect(h).rejects.toThrow('inner');
  });

  it('timeout(…, 0) still gives a ready inner future its chance', async () => {
    const rt = new Runtime({ startPaused: true });
    expect(await rt.spawn(timeout(gen(function* () { return (yield 7) as number; }), 0))).toBe(7);
    await expect(rt.spawn(timeout(sleep(1), 0))).rejects.toBeInstanceOf(TimeoutError);
  });
});
