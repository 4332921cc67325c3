// Notify and Barrier: Tokio's semantics, and cancel safety at every point.
import { describe, expect, it } from 'vitest';
import { Barrier, type Context, defaultRuntime, Notify, PENDING, Runtime, spawn } from '../src/index.js';
import { gen } from './support/machines.js';

function cx(): Context & { wakes: number } {
  const c = { wakes: 0, budget: Infinity, waker: { wake: () => void c.wakes++ } };
  return c;
}

describe('Notify', () => {
  it('notifyOne wakes waiters one at a time, FIFO', () => {
    const n = new Notify();
    const [c1, c2] = [cx(), cx()];
    const a = n.notified();
    const b = n.notified();
    expect(a.poll(c1)).toBe(PENDING);
    expect(b.poll(c2)).toBe(PENDING);
    n.notifyOne();
    expect(c1.wakes).toBe(1);
    expect(c2.wakes).toBe(0);
    expect(a.poll(c1)).toBeUndefined();
    expect(b.poll(c2)).toBe(PENDING);
    n.notifyOne();
    expect(b.poll(c2)).toBeUndefined();
  });

  it('notifyLast wakes the newest waiter', () => {
    const n = new Notify();
    const c = cx();
    const a = n.notified();
    const b = n.notified();
    a.poll(c);
    b.poll(c);
    n.notifyLast();
    expect(a.poll(c)).toBe(PENDING);
    expect(b.poll(c)).toBeUndefined();
  });

  it('notifyOne with nobody waiting stores one permit (not more)', () => {
    const n = new Notify();
    const c = cx();
    n.notifyOne();
    n.notifyOne();
    expect(n.notified().poll(c)).toBeUndefined();
    expect(n.notified().poll(c)).toBe(PENDING);
  });

  it('notifyWaiters wakes all waiters, including futures created but not yet polled; stores no permit', () => {
    const n = new Notify();
    const c = cx();
    const a = n.notified();
    const b = n.notified();
    a.poll(c);
    n.notifyWaiters();
    expect(c.wakes).toBe(1);
    expect(a.poll(c)).toBeUndefined();
    expect(b.poll(c)).toBeUndefined(); // created before the call
    expect(n.notified().poll(c)).toBe(PENDING); // created after: waits
  });

  it('cancel before first poll: nothing registered, no notification consumed', () => {
    const n = new Notify();
    const c = cx();
    n.notifyOne();
    n.notified().cancel();
    expect(n.waiters.length).toBe(0);
    expect(n.notified().poll(c)).toBeUndefined(); // the permit is still there
  });

  it('cancel while waiting unlinks it; the notification goes to the next waiter', () => {
    const n = new Notify();
    const [c1, c2] = [cx(), cx()];
    const a = n.notified();
    const b = n.notified();
    a.poll(c1);
    b.poll(c2);
    a.cancel();
    expect(n.waiters.length).toBe(1);
    n.notifyOne();
    expect(c2.wakes).toBe(1);
    expect(b.poll(c2)).toBeUndefined();
  });

  it('cancel after notifyOne chose it but before it was polled forwards the notification', () => {
    const n = new Notify();
    const [c1, c2] = [cx(), cx()];
    const a = n.notified();
    const b = n.notified();
    a.poll(c1);
    b.poll(c2);
    n.notifyOne(); // goes to a
    a.cancel();
    expect(c2.wakes).toBe(1);
    expect(b.poll(c2)).toBeUndefined();
  });

  it('a forwarded notification with no one left becomes the stored permit', () => {
    const n = new Notify();
    const c = cx();
    const a = n.notified();
    a.poll(c);
    n.notifyOne();
    a.cancel();
    expect(n.notified().poll(c)).toBeUndefined();
  });

  it('wakes tasks: a producer notifies a consumer task', async () => {
    const n = new Notify();
    const log: string[] = [];
    async function consumer() {
      await n.notified();
      log.push('woken');
    }
    const done = consumer();
    await Promise.resolve();
    log.push('notify');
    n.notifyOne();
    await done;
    expect(log).toEqual(['notify', 'woken']);
  });
});

describe('Barrier', () => {
  it('releases all n waiters together; exactly one is the leader', async () => {
    const b = new Barrier(3);
    const c = cx();
    const w1 = b.wait();
    const w2 = b.wait();
    expect(w1.poll(c)).toBe(PENDING);
    expect(w2.poll(c)).toBe(PENDING);
    const r3 = b.wait().poll(c);
    expect(r3).toEqual({ isLeader: true });
    expect(c.wakes).toBe(2);
    expect(w1.poll(c)).toEqual({ isLeader: false });
    expect(w2.poll(c)).toEqual({ isLeader: false });
  });

  it('is reusable: the next generation needs n new arrivals', () => {
    const b = new Barrier(2);
    const c = cx();
    const a = b.wait();
    a.poll(c);
    b.wait().poll(c);
    const x = b.wait();
    expect(x.poll(c)).toBe(PENDING);
    expect(b.wait().poll(c)).toEqual({ isLeader: true });
    expect(x.poll(c)).toEqual({ isLeader: false });
  });

  it('a waiter cancelled before the generation completes is not counted', () => {
    const b = new Barrier(2);
    const c = cx();
    b.wait().cancel(); // before first poll
    const a = b.wait();
    a.poll(c);
    a.cancel(); // while waiting
    expect(b.waiters.length).toBe(0);
    const x = b.wait();
    expect(x.poll(c)).toBe(PENDING); // 1 of 2: a no longer counts
    expect(b.wait().poll(c)).toEqual({ isLeader: true });
    expect(x.poll(c)).toEqual({ isLeader: false });
  });

  it('a waiter cancelled after release does not disturb the next generation', () => {
    const b = new Barrier(2);
    const c = cx();
    const a = b.wait();
    a.poll(c);
    b.wait().poll(c); // releases a
    a.cancel();
    const x = b.wait();
    expect(x.poll(c)).toBe(PENDING);
    expect(b.wait().poll(c)).toEqual({ isLeader: true });
  });

  it('synchronises native tasks', async () => {
    const b = new Barrier(3);
    const log: string[] = [];
    async function worker(name: string) {
      log.push(`${name}:before`);
      const r = await b.wait();
      log.push(`${name}:after`);
      return r.isLeader;
    }
    const leaders = await Promise.all([spawn(worker('a')), spawn(worker('b')), spawn(worker('c'))].map((h) => h));
    expect(log.slice(0, 3).every((l) => l.endsWith(':before'))).toBe(true);
    expect(log.slice(3).every((l) => l.endsWith(':after'))).toBe(true);
    expect(leaders.filter(Boolean).length).toBe(1);
  });
});

describe('tasks woken together', () => {
  // What a promise's reactions do natively: every woken continuation runs, in wake order, before
  // what any of them queued. notifyWaiters polls its tasks in one microtask, which must give the
  // same log, also with another runtime's task and a plain waker (which may queue microtasks of
  // its own) among the waiters.
  async function log(wakeAll: (log: string[]) => Promise<void>): Promise<string> {
    const out: string[] = [];
    await wakeAll(out);
    return out.join(' ');
  }

  it('run in wake order, before the microtasks they queue, as promise continuations do', async () => {
    const native = await log(async (out) => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const step = (name: string) => async () => {
        await gate;
        out.push(name);
        queueMicrotask(() => out.push(`${name}'`));
      };
      const plain = async () => {
        await gate;
        queueMicrotask(() => out.push('plain'));
      };
      const all = [step('a')(), step('b')(), plain(), step('c')(), step('other')(), step('d')()];
      await Promise.resolve();
      open();
      await Promise.all(all);
      await new Promise((r) => setImmediate(r));
    });
    const lowered = await log(async (out) => {
      const n = new Notify();
      const other = new Runtime({ name: 'other' });
      const step = (name: string, rt: Runtime = defaultRuntime()) =>
        rt.spawn(
          gen(function* () {
            yield n.notified();
            out.push(name);
            queueMicrotask(() => out.push(`${name}'`));
          }),
        );
      const a = step('a');
      const b = step('b');
      const plain = n.notified();
      // As the native `plain`: its wake queues the continuation, which queues the log.
      plain.poll({ budget: 128, waker: { wake: () => queueMicrotask(() => queueMicrotask(() => out.push('plain'))) } });
      const all = [a, b, step('c'), step('other', other), step('d')];
      await Promise.resolve();
      n.notifyWaiters();
      await Promise.all(all);
      await new Promise((r) => setImmediate(r));
    });
    expect(native).toBe("a b c other d a' b' plain c' other' d'");
    expect(lowered).toBe(native);
  });
});
