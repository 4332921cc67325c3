// join / tryJoin / select / race / FuturesUnordered / yieldNow / pollFn, driven by real
// runtimes in virtual time and by a mock task that counts polls and wakes.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Cancelled,
  type Context,
  FuturesUnordered,
  join,
  pending,
  PENDING,
  pollFn,
  race,
  ready,
  Runtime,
  select,
  sleep,
  tryJoin,
  yieldNow,
  fromPromise,
  END,
  type Waker,
} from '../src/index.js';
import { gen, MockTask } from './support/machines.js';

/** async function after(ms, v, log) { try { await sleep(ms); return v } finally { log.push(...) } } */
const after = <T>(ms: number, v: T, log?: string[], name = String(v)) =>
  gen(function* () {
    try {
      yield sleep(ms);
      log?.push(`${name} done`);
      return v;
    } finally {
      log?.push(`${name} finally`);
    }
  });

const failAfter = (ms: number, msg: string) =>
  gen(function* () {
    yield sleep(ms);
    throw new Error(msg);
  });

describe('join', () => {
  it('tuple form: runs children concurrently, results in argument order', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    const j = join(after(300, 'a'), after(100, 2), Promise.resolve(true), 'plain');
    expectTypeOf(j).resolves.toEqualTypeOf<[string, number, boolean, string]>();
    expect(await rt.spawn(j)).toEqual(['a', 2, true, 'plain']);
    expect(rt.now() - t0).toBe(300); // concurrently: the longest, not the sum
  });

  it('array form', async () => {
    const rt = new Runtime({ startPaused: true });
    const arr = [after(30, 1), after(10, 2), after(20, 3)];
    const j = join(arr);
    expectTypeOf(j).resolves.toEqualTypeOf<number[]>();
    expect(await rt.spawn(j)).toEqual([1, 2, 3]);
    expect(await rt.spawn(join([]))).toEqual([]);
  });

  it('join fails like Promise.all: at the first error; the others go on, their errors unreported', async () => {
    const reported: unknown[] = [];
    const rt = new Runtime({ startPaused: true, onTaskError: (e) => reported.push(e) });
    const log: string[] = [];
    const t0 = rt.now();
    await expect(rt.spawn(join(after(500, 'slow', log), failAfter(100, 'boom'), failAfter(200, 'second')))).rejects.toThrow('boom');
    expect(rt.now() - t0).toBe(100);
    expect(log).toEqual([]);
    await rt.spawn(sleep(1000)); // the detached children finish in the background
    expect(log).toEqual(['slow done', 'slow finally']);
    await new Promise((r) => setImmediate(r));
    expect(reported).toEqual([]);
    expect(rt.taskCount).toBe(0);
    // A child failing at once does not keep the later ones from starting (Promise.all's
    // members have all started).
    const started: string[] = [];
    const mark = (name: string) => gen(function* () { started.push(name); yield sleep(10); });
    await expect(rt.spawn(join(gen(function* () { throw new Error('first'); }), mark('b'), mark('c')))).rejects.toThrow('first');
    expect(started).toEqual(['b', 'c']);
  });

  it('tryJoin cancels the rest at the first error', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const t0 = rt.now();
    await expect(rt.spawn(tryJoin(after(500, 'slow', log), failAfter(100, 'boom')))).rejects.toThrow('boom');
    expect(log).toEqual(['slow finally']);
    expect(rt.now() - t0).toBe(100);
    expect(rt.timers().wheel.size).toBe(0);
  });
});

describe('select', () => {
  it('the first ready wins; losers are cancelled (their finally ran) before the result is seen', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const res = await rt.spawn(
      gen(function* () {
        const r = yield select(after(300, 'a', log), after(100, 'b', log), after(200, 'c', log));
        log.push('selected');
        return r;
      }),
    );
    expect(res).toEqual({ index: 1, value: 'b' });
    expect(log).toEqual(['b done', 'b finally', 'a finally', 'c finally', 'selected']);
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('is typed as a union discriminated by index', () => {
    const s = select(ready(1), ready('x'));
    expectTypeOf(s).resolves.toEqualTypeOf<{ index: 0; value: number } | { index: 1; value: string }>();
  });

  it('when several are ready at once, the first in argument order wins', async () => {
    const rt = new Runtime();
    const log: string[] = [];
    expect(await rt.spawn(select(pending(), ready('r1'), ready('r2')))).toEqual({ index: 1, value: 'r1' });
    expect(await rt.spawn(race(after(0, 'zero', log), 'plain'))).toBe('zero');
  });

  it('a throwing child cancels the others and the error propagates', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    await expect(rt.spawn(select(after(300, 'a', log), failAfter(100, 'bad')))).rejects.toThrow('bad');
    expect(log).toEqual(['a finally']);
  });

  it('cancelling the select cancels every child; a NEW select drops its NEW children', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const h = rt.spawn(select(after(300, 'a', log), after(100, 'b', log)));
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(log.sort()).toEqual(['a finally', 'b finally']);
    const a = after(1, 'never');
    select(a, 1).cancel();
    expect(a.$st).toBe(4);
    log.length = 0;
    // A child driven elsewhere is joined, and only detached when the select loses interest.
    const shared = after(200, 'shared', log);
    const owner = rt.spawn(shared);
    expect(await rt.spawn(race(shared, after(100, 'quick')))).toBe('quick');
    expect(await owner).toBe('shared');
  });

  it('race resolves with the bare value', async () => {
    const rt = new Runtime({ startPaused: true });
    const r = race(after(20, 1), after(10, 'two'));
    expectTypeOf(r).resolves.toEqualTypeOf<number | string>();
    expect(await rt.spawn(r)).toBe('two');
  });
});

describe('FuturesUnordered', () => {
  it('yields results in completion order, accepts children while running, ends when empty', async () => {
    const rt = new Runtime({ startPaused: true });
    const got = await rt.spawn(
      gen(function* () {
        const set = new FuturesUnordered<string>([after(300, 'c'), after(100, 'a')]);
        set.push(after(200, 'b'));
        const out: string[] = [];
        for (;;) {
          const r = (yield set.next()) as IteratorResult<string>;
          if (r.done) break;
          out.push(r.value);
          if (r.value === 'a') set.push(after(50, 'a2')); // due at 150
        }
        return out;
      }),
    );
    expect(got).toEqual(['a', 'a2', 'b', 'c']);
  });

  it('re-polls only the children that were woken', () => {
    const n = 50;
    const polls = new Array(n).fill(0);
    const wakers: (Waker | null)[] = new Array(n).fill(null);
    const set = new FuturesUnordered<number>();
    for (let i = 0; i < n; i++) {
      let done = false;
      set.push(
        pollFn((cx: Context) => {
          polls[i]++;
          if (done) return i;
          wakers[i] = cx.waker;
          return PENDING;
        }),
      );
      // mark completion through the waker
      (set as unknown as { done?: ((i: number) => void)[] }).done ??= [];
      (set as unknown as { done: ((i: number) => void)[] }).done[i] = () => {
        done = true;
        wakers[i]!.wake();
      };
    }
    const finish = (set as unknown as { done: ((i: number) => void)[] }).done;
    const task = new MockTask({ poll: (cx: Context) => set.pollNext(cx) });
    expect(task.poll()).toBe(PENDING);
    expect(polls.every((p) => p === 1)).toBe(true);
    expect(task.takeWoken()).toBe(0);
    finish[7]!(7);
    expect(task.takeWoken()).toBe(1); // the child's wake reaches the parent
    finish[7]!(7); // no effect while queued... (done already true; wake is idempotent)
    expect(task.poll()).toBe(7);
    expect(polls[7]).toBe(2);
    expect(polls.reduce((a, b) => a + b, 0)).toBe(n + 1); // nobody else was polled
    finish[3]!(3);
    finish[40]!(40);
    expect(task.poll()).toBe(3);
    expect(task.poll()).toBe(40);
    expect(polls.reduce((a, b) => a + b, 0)).toBe(n + 3);
    expect(set.size).toBe(n - 3);
    set.cancel();
    expect(task.poll()).toBe(END);
  });

  it('a child that keeps waking itself cannot hold the task: one pass per poll', () => {
    const set = new FuturesUnordered<never>();
    let spins = 0;
    set.push(pollFn((cx) => (spins++, cx.waker.wake(), PENDING)));
    set.push(pollFn((cx) => (spins++, cx.waker.wake(), PENDING)));
    const task = new MockTask({ poll: (cx: Context) => set.pollNext(cx) });
    expect(task.poll()).toBe(PENDING);
    expect(spins).toBe(2);
    expect(task.takeWoken()).toBeGreaterThan(0);
  });

  it('a child error is thrown by the poll that meets it; the set stays usable', async () => {
    const rt = new Runtime({ startPaused: true });
    const out = await rt.spawn(
      gen(function* () {
        const set = new FuturesUnordered<string>([failAfter(10, 'x'), after(20, 'ok')]);
        const seen: string[] = [];
        for (;;) {
          try {
            const r = (yield set.next()) as IteratorResult<string>;
            if (r.done) return seen;
            seen.push(r.value);
          } catch (e) {
            seen.push(`error ${(e as Error).message}`);
          }
        }
      }),
    );
    expect(out).toEqual(['error x', 'ok']);
  });

  it('works with native for await (through then)', async () => {
    const set = new FuturesUnordered<number>([fromPromise(Promise.resolve(1)), ready(2)]);
    const got: number[] = [];
    for await (const v of set) got.push(v);
    expect(got.sort()).toEqual([1, 2]);
  });
});

describe('yieldNow and pollFn', () => {
  it('yieldNow wakes once and completes on the second poll', () => {
    const t = new MockTask(yieldNow());
    expect(t.poll()).toBe(PENDING);
    expect(t.takeWoken()).toBe(1);
    expect(t.poll()).toBe(undefined);
    expect(() => t.poll()).toThrow('polled after completion');
  });

  it('yieldNow lets the other tasks of the runtime run', async () => {
    const rt = new Runtime();
    const log: string[] = [];
    const mk = (name: string) =>
      gen(function* () {
        for (let i = 0; i < 3; i++) {
          log.push(`${name}${i}`);
          yield yieldNow();
        }
      });
    const a = rt.spawn(mk('a'));
    const b = rt.spawn(mk('b'));
    await a;
    await b;
    expect(log).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  it('pollFn turns a poll function into a future, errors included', async () => {
    let n = 0;
    expect(await pollFn((cx) => (++n < 3 ? (cx.waker.wake(), PENDING) : n))).toBe(3);
    await expect(pollFn(() => { throw new Error('pf'); })).rejects.toThrow('pf');
  });
});

describe('join wakes', () => {
  it('re-polls only the children that were woken, and spends the task budget', () => {
    const n = 20;
    const polls = new Array(n).fill(0);
    const wakers: (Waker | null)[] = new Array(n).fill(null);
    const ready = new Array(n).fill(false);
    const children = Array.from({ length: n }, (_, i) =>
      pollFn((cx: Context) => {
        polls[i]++;
        if (ready[i]) return i;
        wakers[i] = cx.waker;
        return PENDING;
      }),
    );
    const task = new MockTask(join(children));
    expect(task.poll()).toBe(PENDING);
    expect(polls.every((p) => p === 1)).toBe(true); // every child started
    ready[7] = true;
    wakers[7]!.wake();
    expect(task.takeWoken()).toBe(1); // a child's wake reaches the task
    expect(task.poll()).toBe(PENDING);
    expect(polls[7]).toBe(2);
    expect(polls.reduce((a, b) => a + b, 0)).toBe(n + 1); // nobody else was polled
    for (let i = 0; i < n; i++) {
      ready[i] = true;
      wakers[i]!.wake();
    }
    expect(task.poll()).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(polls[7]).toBe(2); // finished children are not polled again
  });

  it('polls woken children in the order they were woken, as Promise.all sees them settle', () => {
    const order: number[] = [];
    const wakers: Waker[] = [];
    const woken = new Set<number>();
    const children = [0, 1, 2, 3].map((i) =>
      pollFn((cx: Context) => {
        order.push(i);
        if (woken.has(i)) return i;
        wakers[i] = cx.waker;
        return PENDING;
      }),
    );
    const task = new MockTask(join(children));
    expect(task.poll()).toBe(PENDING);
    for (const i of [2, 0, 3]) {
      woken.add(i);
      wakers[i]!.wake();
    }
    wakers[2]!.wake(); // a second wake before the poll queues nothing more
    order.length = 0;
    expect(task.poll()).toBe(PENDING);
    expect(order).toEqual([2, 0, 3]);
    woken.add(1);
    wakers[1]!.wake();
    expect(task.poll()).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([2, 0, 3, 1]);
  });

  it('a child that wakes itself while polled waits for the next poll', () => {
    let polls = 0;
    const task = new MockTask(join([pollFn((cx: Context) => (++polls < 3 ? (cx.waker.wake(), PENDING) : 'done'))]));
    expect(task.poll()).toBe(PENDING);
    expect(polls).toBe(1);
    expect(task.poll()).toBe(PENDING);
    expect(polls).toBe(2);
    expect(task.poll()).toEqual(['done']);
  });
});
