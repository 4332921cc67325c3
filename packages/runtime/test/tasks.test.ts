// Task life cycle (abort at every point), error reporting, Promise interop, and the waker
// and budget semantics, checked with a mock task that counts polls and wakes.
import { describe, expect, it } from 'vitest';
import {
  awaitStep,
  Cancelled,
  type Context,
  currentContext,
  type JoinHandle,
  Machine,
  PENDING,
  pollFn,
  Runtime,
  sleep,
  spawn,
  timeout,
  TimeoutError,
  yieldNow,
} from '../src/index.js';
import { gen, MockTask, tick } from './support/machines.js';

describe('abort() at every point of a task', () => {
  it('before the first poll: no user code runs', async () => {
    const rt = new Runtime();
    const log: string[] = [];
    const [inner] = await rt.spawn(
      gen(function* () {
        const h = spawn(gen(function* () { log.push('ran'); })); // queued: spawned inside a task
        h.abort();
        return [h]; // (a bare handle would be adopted as a thenable by the test's await)
      }),
    );
    await expect(inner).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual([]);
  });

  it('while queued (woken, not yet polled again): unwinds at its await', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const h = rt.spawn(gen(function* () {
      try { yield yieldNow(); log.push('resumed'); } finally { log.push('finally'); }
    }));
    h.abort(); // it woke itself and sits in the run queue
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['finally']);
  });

  it('while pending: finally blocks run, innermost first; catch blocks do not', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const h = rt.spawn(gen(function* () {
      try {
        try { yield sleep(1000); } catch { log.push('catch'); } finally { log.push('inner'); }
      } finally { log.push('outer'); }
    }));
    expect(rt.timers().wheel.size).toBe(1);
    h.abort();
    expect(log).toEqual(['inner', 'outer']);
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(rt.timers().wheel.size).toBe(0);
    expect(rt.taskCount).toBe(0);
  });

  it('while being polled (a task aborting itself): takes effect at its next pending await', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    let self!: JoinHandle<unknown>;
    self = rt.spawn(gen(function* () {
      yield yieldNow(); // so `self` is assigned
      try {
        self.abort();
        log.push('still running');
        yield 1; // ready: no suspension, no abort yet
        log.push('after ready await');
        yield sleep(10);
        log.push('unreachable');
      } finally {
        log.push('finally');
      }
    }));
    await expect(self).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['still running', 'after ready await', 'finally']);
  });

  it('with an awaiting finally: the unwind finishes as part of the task', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const t0 = rt.now();
    const h = rt.spawn(gen(function* () {
      try { yield sleep(1000); } finally { yield sleep(50); log.push(`cleanup at ${rt.now() - t0}`); }
    }));
    h.abort();
    expect(log).toEqual([]);
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['cleanup at 50']);
  });

  it('after completion: a no-op, the result stays', async () => {
    const rt = new Runtime();
    const h = rt.spawn(gen(function* () { return (yield 20) as number + 1; }));
    expect(h.isFinished).toBe(true);
    h.abort();
    expect(await h).toBe(21);
  });
});

describe('errors of detached tasks', () => {
  it('go to onTaskError with the task, never swallowed', async () => {
    const seen: [unknown, string][] = [];
    const rt = new Runtime({ startPaused: true, onTaskError: (e, t) => seen.push([e, t.name]) });
    const boom = new Error('detached failure');
    rt.spawn(gen(function* () { yield sleep(10); throw boom; }), { name: 'doomed' });
    await rt.spawn(sleep(20));
    await tick();
    expect(seen).toEqual([[boom, 'doomed']]);
  });

  it('are not reported when somebody joins the task, even late in the same tick', async () => {
    const seen: unknown[] = [];
    const rt = new Runtime({ onTaskError: (e) => seen.push(e) });
    const h = rt.spawn(gen(function* () { throw new Error('joined'); }));
    await expect(h).rejects.toThrow('joined');
    await tick();
    expect(seen).toEqual([]);
  });

  it('Cancelled is a cheap, stackless Error; the host stack limit is left as it was', () => {
    const limit = Error.stackTraceLimit;
    const c = new Cancelled();
    expect(c).toBeInstanceOf(Error);
    expect([c.name, c.message]).toEqual(['Cancelled', 'the future was cancelled']);
    expect(c.stack).toBe('Cancelled: the future was cancelled');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('x').stack!.split('\n').length).toBeGreaterThan(1);
  });

  it('cancellation is not an error', async () => {
    const seen: unknown[] = [];
    const rt = new Runtime({ onTaskError: (e) => seen.push(e) });
    rt.spawn(sleep(1000)).abort();
    await tick();
    expect(seen).toEqual([]);
  });
  // Without onTaskError the error is an unhandled rejection: see timers-exit.test.ts, which
  // checks in a child process that it reaches the host (exit code 1, message on stderr).
});

describe('Promise interop', () => {
  it('native await on a future starts it and gets its value or error', async () => {
    expect(await gen(function* () { yield sleep(1); return 'native'; })).toBe('native');
    await expect(gen(function* () { yield 1; throw new TypeError('bad'); })).rejects.toBeInstanceOf(TypeError);
    expect(await Promise.all([gen(function* () { return 1; }), sleep(2).then(() => 2)])).toEqual([1, 2]);
  });

  it('a machine awaiting a rejecting promise: catch sees the error; uncaught, the task fails with it', async () => {
    const err = new Error('rejected');
    const caught = await gen(function* () {
      try {
        yield Promise.reject(err);
        return 'no';
      } catch (e) {
        return e;
      }
    });
    expect(caught).toBe(err);
    const rt = new Runtime();
    const later = new Promise((_, rej) => setTimeout(() => rej(err), 1));
    await expect(rt.spawn(gen(function* () { yield later; }))).rejects.toBe(err);
  });
});

describe('waker and budget semantics (mock task)', () => {
  it('every joiner of a task is woken once, in the order it came, however many poll it', async () => {
    const rt = new Runtime();
    let finish!: () => void;
    const h = rt.spawn(new Promise<string>((r) => (finish = () => r('done'))));
    const order: number[] = [];
    const joiners = Array.from({ length: 20 }, (_, i) => ({ cx: { waker: { wake: () => void order.push(i) }, budget: 128 }, join: h }));
    // Each polls its handle twice (as a woken task re-polls what it awaits): no second registration.
    for (let round = 0; round < 2; round++) for (const j of joiners) expect(j.join.poll(j.cx)).toBe(PENDING);
    finish();
    await h;
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('a loop of ready awaits spends the budget, wakes itself once and resumes in place', () => {
    let i = 0;
    const loop = gen(function* () {
      for (; i < 300; i++) yield i;
      return 'done';
    });
    const t = new MockTask(loop, 128);
    expect(t.poll()).toBe(PENDING);
    expect(i).toBe(128);
    expect(t.takeWoken()).toBe(1);
    expect(t.poll()).toBe(PENDING);
    expect(i).toBe(256);
    expect(t.takeWoken()).toBe(1);
    expect(t.poll()).toBe('done');
    expect(t.takeWoken()).toBe(0);
  });

  it('a sleep wakes exactly once, and only its latest waker', async () => {
    const rt = new Runtime({ startPaused: true });
    rt.pauseTime({ autoAdvance: false });
    const s = sleep(100, rt);
    const first = new MockTask(s);
    expect(first.poll()).toBe(PENDING);
    expect(first.poll()).toBe(PENDING);
    const second = new MockTask(s);
    expect(second.poll()).toBe(PENDING); // moved to another waker
    await rt.advance(99);
    expect(first.wakes + second.wakes).toBe(0);
    await rt.advance(1);
    expect([first.takeWoken(), second.takeWoken()]).toEqual([0, 1]);
    expect(second.poll()).toBe(undefined);
  });

  it('a task woken many times while queued is polled once; a wake during its poll polls it again', async () => {
    const rt = new Runtime({ instrument: true });
    let wakeDuringPoll = 2;
    let cx: Context | null = null;
    const h = rt.spawn(pollFn((c) => {
      cx = c;
      if (wakeDuringPoll-- > 0) c.waker.wake(); // self-wake while running: NOTIFIED
      return PENDING;
    }));
    await tick();
    expect(h.polls).toBe(3); // the first poll, then once per self-wake
    for (let k = 0; k < 5; k++) cx!.waker.wake();
    await tick();
    expect(h.polls).toBe(4);
    h.abort();
  });

  it('the executor gives a flooding task at most `budget` awaits per poll', async () => {
    const rt = new Runtime({ budget: 10, instrument: true });
    let n = 0;
    let polls = 0;
    let lastCx: Context | null = null;
    const h = rt.spawn(gen(function* () {
      for (;;) {
        yield pollFn((cx) => { if (cx !== lastCx || cx.budget === 9) { polls++; lastCx = cx; } return ++n; });
        if (n >= 100) return currentContext() === lastCx;
      }
    }));
    expect(await h).toBe(true);
    expect(h.polls).toBe(10); // 100 awaits / 10 per poll
  });
});

describe('hand-written machine edge cases', () => {
  it('a future promoted into its own task keeps its subtree: aborting it cancels the inner await', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const inner = gen(function* () { try { yield sleep(10_000); } finally { log.push('inner finally'); } });
    const outer = gen(function* () { try { yield inner; } finally { log.push('outer finally'); } });
    const a = rt.spawn(gen(function* () { return yield outer; })); // a claims outer, outer claims inner
    const b = rt.spawn(gen(function* () { yield yieldNow(); return yield outer; })); // promotes outer
    await rt.spawn(yieldNow()); // let b run and promote
    expect(rt.taskCount).toBe(3); // a, b and outer's own task; inner moved along, not promoted
    (outer.$task as { $abort(): void }).$abort();
    expect(log).toEqual(['inner finally', 'outer finally']);
    await expect(a).rejects.toBeInstanceOf(Cancelled);
    await expect(b).rejects.toBeInstanceOf(Cancelled);
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('a promoted timeout still cancels its inner future on expiry', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const inner = gen(function* () { try { yield sleep(10_000); } finally { log.push('inner finally'); } });
    const t = timeout(inner, 100);
    const a = rt.spawn(gen(function* () { return yield t; }));
    const b = rt.spawn(gen(function* () { yield yieldNow(); return yield t; }));
    await expect(a).rejects.toBeInstanceOf(TimeoutError);
    await expect(b).rejects.toBeInstanceOf(TimeoutError);
    expect(log).toEqual(['inner finally']);
    expect(rt.timers().wheel.size).toBe(0);
    expect(rt.taskCount).toBe(0);
  });

  it('a spawned machine awaited by a second task is joined, not polled twice', async () => {
    const rt = new Runtime({ startPaused: true });
    const shared = gen(function* () { yield sleep(100); return 'once'; });
    const owner = rt.spawn(shared);
    const other = rt.spawn(gen(function* () { return yield shared; }));
    expect([await owner, await other]).toEqual(['once', 'once']);
    expect(shared).toBeInstanceOf(Machine);
    expect(typeof awaitStep).toBe('function');
  });
});
