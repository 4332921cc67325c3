// CancellationToken and JoinSet.
import { describe, expect, it } from 'vitest';
import { CancellationToken, Cancelled, JoinSet, PENDING, Runtime, sleep } from '../src/index.js';
import { gen, MockTask } from './support/machines.js';

describe('CancellationToken', () => {
  it('cancel() wakes every cancelled() waiter once, and reaches children but not parents', () => {
    const root = new CancellationToken();
    const child = root.child();
    const grandchild = child.child();
    const sibling = root.child();
    const waiters = [root, child, grandchild, sibling].map((t) => new MockTask(t.cancelled()));
    for (const w of waiters) expect(w.poll()).toBe(PENDING);
    for (const w of waiters) expect(w.poll()).toBe(PENDING); // re-poll does not register twice
    child.cancel();
    expect([root, child, grandchild, sibling].map((t) => t.isCancelled)).toEqual([false, true, true, false]);
    expect(waiters.map((w) => w.takeWoken())).toEqual([0, 1, 1, 0]);
    expect(waiters[1]!.poll()).toBe(undefined);
    expect(waiters[2]!.poll()).toBe(undefined);
    root.cancel();
    expect(sibling.isCancelled).toBe(true);
    expect(waiters[0]!.takeWoken()).toBe(1);
    expect(waiters[3]!.takeWoken()).toBe(1);
    root.cancel(); // idempotent
    expect(root.child().isCancelled).toBe(true); // born cancelled
  });

  it('a cancelled cancelled() future unregisters; a disposed child no longer follows its parent', () => {
    const t = new CancellationToken();
    const f = t.cancelled();
    const w = new MockTask(f);
    expect(w.poll()).toBe(PENDING);
    f.cancel();
    t.cancel();
    expect(w.takeWoken()).toBe(0);
    const p = new CancellationToken();
    const c = p.child();
    c.dispose();
    p.cancel();
    expect(c.isCancelled).toBe(false);
    {
      using scoped = p.child(); // born cancelled: p is
      expect(scoped.isCancelled).toBe(true);
    }
  });

  it('converts to and from AbortSignal', () => {
    const ac = new AbortController();
    const t = CancellationToken.fromAbortSignal(ac.signal);
    const s = t.child().toAbortSignal();
    const seen: string[] = [];
    s.addEventListener('abort', () => seen.push('aborted'));
    expect(t.isCancelled).toBe(false);
    ac.abort(new Error('why'));
    expect(t.isCancelled).toBe(true);
    expect(seen).toEqual(['aborted']);
    expect(s.aborted).toBe(true);
    expect(CancellationToken.fromAbortSignal(AbortSignal.abort()).isCancelled).toBe(true);
    const done = new CancellationToken();
    done.cancel();
    expect(done.toAbortSignal().aborted).toBe(true);
  });

  it('runUntilCancelled: the value, or undefined after cancelling the work (its finally ran)', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const work = (ms: number) =>
      gen(function* () {
        try {
          yield sleep(ms);
          return 'finished';
        } finally {
          log.push(`finally ${ms}`);
        }
      });
    const token = new CancellationToken();
    expect(await rt.spawn(token.runUntilCancelled(work(10)))).toBe('finished');
    const h = rt.spawn(token.runUntilCancelled(work(10_000)));
    rt.spawn(gen(function* () { yield sleep(50); token.cancel(); }));
    expect(await h).toBe(undefined);
    expect(log).toEqual(['finally 10', 'finally 10000']);
  });

  it('a task shuts down gracefully on cancellation', async () => {
    const rt = new Runtime({ startPaused: true });
    const token = new CancellationToken();
    let ticks = 0;
    const worker = rt.spawn(
      gen(function* () {
        while (!token.isCancelled) {
          yield token.runUntilCancelled(sleep(100));
          ticks++;
        }
        return 'clean exit';
      }),
    );
    rt.spawn(gen(function* () { yield sleep(350); token.cancel(); }));
    expect(await worker).toBe('clean exit');
    expect(ticks).toBe(4); // 100, 200, 300, then the cancelled one at 350
  });
});

describe('JoinSet', () => {
  const job = (ms: number, v: string, log?: string[]) =>
    gen(function* () {
      try {
        yield sleep(ms);
        if (v === 'fail') throw new Error('job failed');
        return v;
      } finally {
        log?.push(`finally ${v}`);
      }
    });

  it('joinNext gives results in completion order, errors thrown, undefined when empty', async () => {
    const rt = new Runtime({ startPaused: true });
    const out = await rt.spawn(
      gen(function* () {
        const set = new JoinSet<string>();
        set.spawn(job(300, 'c'));
        set.spawn(job(100, 'a'));
        set.spawn(job(200, 'fail'));
        const seen: string[] = [];
        for (;;) {
          try {
            const v = (yield set.joinNext()) as string | undefined;
            if (v === undefined) break;
            seen.push(v);
          } catch (e) {
            seen.push((e as Error).message);
          }
        }
        return [seen, set.size];
      }),
    );
    expect(out).toEqual([['a', 'job failed', 'c'], 0]);
  });

  it('task errors belong to the set: not reported as unhandled', async () => {
    const errors: unknown[] = [];
    const rt = new Runtime({ startPaused: true, onTaskError: (e) => errors.push(e) });
    const set = new JoinSet<string>(rt);
    set.spawn(job(10, 'fail'));
    set.spawn(gen(function* () { throw new Error('sync failure'); }));
    await rt.spawn(sleep(100));
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([]);
    const settled = [await set.joinNextSettled(), await set.joinNextSettled(), await set.joinNextSettled()];
    expect(settled.map((s) => s?.status)).toEqual(['rejected', 'rejected', undefined]);
  });

  it('abortAll cancels every task (finally blocks run); they come out as Cancelled', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    const set = new JoinSet<string>(rt);
    for (const v of ['x', 'y', 'z']) set.spawn(job(1000, v, log));
    set.abortAll();
    expect(log.sort()).toEqual(['finally x', 'finally y', 'finally z']);
    const r = await set.joinNextSettled();
    expect(r).toMatchObject({ status: 'rejected' });
    expect((r as { reason: unknown }).reason).toBeInstanceOf(Cancelled);
    await expect(set.joinNext()).rejects.toBeInstanceOf(Cancelled);
    expect(rt.timers().wheel.size).toBe(0);
  });

  it('close() and `using` abort everything still in the set; shutdown() waits for them', async () => {
    const rt = new Runtime({ startPaused: true });
    const log: string[] = [];
    {
      using set = new JoinSet<string>(rt);
      set.spawn(job(1000, 'scoped', log));
    }
    expect(log).toEqual(['finally scoped']);
    const set = new JoinSet<string>(rt);
    set.spawn(job(1000, 'closed', log));
    set.close();
    expect(set.size).toBe(0);
    expect(log).toEqual(['finally scoped', 'finally closed']);
    const set2 = new JoinSet<string>(rt);
    set2.spawn(job(1000, 'shut', log));
    await rt.spawn(set2.shutdown());
    expect(set2.size).toBe(0);
    expect(rt.taskCount).toBe(0);
    expect(log).toContain('finally shut');
  });
});
