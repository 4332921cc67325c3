// Semaphore, Mutex and RwLock: FIFO fairness and cancel safety at every point (before the
// first poll, while queued, after being handed permits but before being polled again).
import { describe, expect, it } from 'vitest';
import { AcquireError, type Context, Mutex, PENDING, Runtime, RwLock, Semaphore, spawn } from '../src/index.js';

/** A context whose waker counts its wakes. */
function cx(): Context & { wakes: number } {
  const c = { wakes: 0, budget: Infinity, waker: { wake: () => void c.wakes++ } };
  return c;
}

describe('Semaphore', () => {
  it('grants immediately while permits last, then queues FIFO', () => {
    const s = new Semaphore(2);
    const c = cx();
    const a = s.acquire();
    const b = s.acquire();
    const d = s.acquire();
    expect(a.poll(c)).not.toBe(PENDING);
    expect(b.poll(c)).not.toBe(PENDING);
    expect(d.poll(c)).toBe(PENDING);
    expect(s.availablePermits).toBe(0);
    expect(s.waiters.length).toBe(1);
  });

  it('hands permits to waiters in order and wakes each one', () => {
    const s = new Semaphore(1);
    const c1 = cx();
    const c2 = cx();
    const c3 = cx();
    const p = s.acquire().poll(c1);
    const w2 = s.acquire();
    const w3 = s.acquire();
    expect(w2.poll(c2)).toBe(PENDING);
    expect(w3.poll(c3)).toBe(PENDING);
    (p as { release(): void }).release();
    expect(c2.wakes).toBe(1);
    expect(c3.wakes).toBe(0);
    expect(w3.poll(c3)).toBe(PENDING); // not its turn
    const p2 = w2.poll(c2);
    expect(p2).not.toBe(PENDING);
    (p2 as { release(): void }).release();
    expect(c3.wakes).toBe(1);
    expect(w3.poll(c3)).not.toBe(PENDING);
  });

  it('a large request at the head is not starved by small ones behind it', () => {
    const s = new Semaphore(3);
    const c = cx();
    const held = s.tryAcquire(2)!;
    const big = s.acquire(3);
    expect(big.poll(c)).toBe(PENDING); // took the 1 free permit, waits for 2 more
    const small = s.acquire(1);
    expect(small.poll(c)).toBe(PENDING); // FIFO: does not overtake
    expect(s.tryAcquire(1)).toBeNull();
    held.release();
    expect(big.poll(c)).not.toBe(PENDING);
    expect(small.poll(c)).toBe(PENDING);
  });

  it('cancel before the first poll takes nothing and queues nothing', () => {
    const s = new Semaphore(1);
    const a = s.acquire();
    a.cancel();
    expect(s.availablePermits).toBe(1);
    expect(s.waiters.length).toBe(0);
  });

  it('cancel while queued unlinks the waiter (O(1), no stale entry) and serves the next', () => {
    const s = new Semaphore(1);
    const c = cx();
    const held = s.tryAcquire()!;
    const w1 = s.acquire();
    const w2 = s.acquire();
    const w3 = s.acquire();
    w1.poll(c);
    w2.poll(c);
    w3.poll(c);
    w2.cancel();
    expect(s.waiters.length).toBe(2);
    held.release();
    expect(w1.poll(c)).not.toBe(PENDING);
    expect(s.waiters.length).toBe(1);
    expect(s.waiters.head).toBe(w3);
  });

  it('cancel after being handed the permit but before polling passes it to the next waiter', () => {
    const s = new Semaphore(1);
    const c1 = cx();
    const c2 = cx();
    const held = s.tryAcquire()!;
    const w1 = s.acquire();
    const w2 = s.acquire();
    w1.poll(c1);
    w2.poll(c2);
    held.release(); // the permit is now w1's
    expect(c1.wakes).toBe(1);
    w1.cancel();
    expect(c2.wakes).toBe(1);
    const p = w2.poll(c2);
    expect(p).not.toBe(PENDING);
    expect(s.availablePermits).toBe(0);
  });

  it('a cancelled head waiter gives back the part it was assigned', () => {
    const s = new Semaphore(4);
    const c = cx();
    const held = s.tryAcquire(3)!;
    const big = s.acquire(4);
    expect(big.poll(c)).toBe(PENDING); // holds 1 of 4
    const small = s.acquire(2);
    expect(small.poll(c)).toBe(PENDING);
    big.cancel(); // its 1 permit goes to `small`, which still needs 1 more
    expect(small.poll(c)).toBe(PENDING);
    held.release(); // 3 more: small gets 1, 2 return to the pool
    expect(small.poll(c)).not.toBe(PENDING);
    expect(s.availablePermits).toBe(2);
  });

  it('no permit is lost or duplicated across a random mix of acquires, releases and cancels', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      // mulberry32
      let t = (seed = (seed + 0x6d2b79f5) | 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    let cancelledWithPermits = 0;
    const total = 5;
    const s = new Semaphore(total);
    const c = cx();
    type W = { f: ReturnType<Semaphore['acquire']>; n: number };
    const waiting: W[] = [];
    const held: { release(): void; permits: number }[] = [];
    for (let step = 0; step < 2000; step++) {
      const op = rnd(4);
      if (op === 0) {
        const n = 1 + rnd(3);
        const f = s.acquire(n);
        const r = f.poll(c);
        if (r === PENDING) waiting.push({ f, n });
        else held.push(r);
      } else if (op === 1 && held.length > 0) {
        held.splice(rnd(held.length), 1)[0]!.release();
      } else if (op === 2 && waiting.length > 0) {
        const w = waiting.splice(rnd(waiting.length), 1)[0]!;
        if (w.f.assigned > 0) cancelledWithPermits++;
        w.f.cancel();
      } else {
        for (let i = 0; i < waiting.length; i++) {
          const r = waiting[i]!.f.poll(c);
          if (r !== PENDING) {
            held.push(r);
            waiting.splice(i--, 1);
          }
        }
      }
      const inHeld = held.reduce((a, p) => a + p.permits, 0);
      const assigned = waiting.reduce((a, w) => a + w.f.assigned, 0);
      expect(s.availablePermits + inHeld + assigned).toBe(total);
      expect(s.waiters.length).toBe(waiting.filter((w) => w.f.wlist !== null).length);
    }
    expect(cancelledWithPermits).toBeGreaterThan(10); // the interesting case did happen
  });

  it('close() fails waiters and later acquires with AcquireError', async () => {
    const s = new Semaphore(0);
    const w = spawn(s.acquire());
    s.close();
    await expect(w).rejects.toBeInstanceOf(AcquireError);
    await expect(s.acquire()).rejects.toBeInstanceOf(AcquireError);
    expect(() => s.tryAcquire()).toThrow(AcquireError);
  });

  it('works with native await and permits released with `using`', async () => {
    const s = new Semaphore(2);
    let inside = 0;
    let max = 0;
    async function worker() {
      const p = await s.acquire();
      try {
        inside++;
        max = Math.max(max, inside);
        await new Promise((r) => setTimeout(r, 1));
        inside--;
      } finally {
        p[Symbol.dispose]();
      }
    }
    await Promise.all([worker(), worker(), worker(), worker(), worker()]);
    expect(max).toBe(2);
    expect(s.availablePermits).toBe(2);
  });
});

describe('Mutex', () => {
  it('serialises critical sections in FIFO order', async () => {
    const m = new Mutex<string[]>([]);
    async function task(name: string) {
      const g = await m.lock();
      g.value.push(`${name}:in`);
      await Promise.resolve();
      await new Promise((r) => setTimeout(r, 1));
      g.value.push(`${name}:out`);
      g.release();
    }
    await Promise.all([task('a'), task('b'), task('c')]);
    const g = m.tryLock()!;
    expect(g.value).toEqual(['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out']);
    g.release();
  });

  it('guard: value read/write, idempotent release, unusable after release, [Symbol.dispose]', () => {
    const m = new Mutex(1);
    const g = m.tryLock()!;
    expect(m.isLocked).toBe(true);
    expect(m.tryLock()).toBeNull();
    g.value = 2;
    g[Symbol.dispose]();
    g.release();
    expect(m.isLocked).toBe(false);
    expect(() => g.value).toThrow(/after release/);
    expect(m.tryLock()!.value).toBe(2);
  });

  it('cancel safety: a lock future cancelled at any point never keeps or loses the lock', () => {
    const m = new Mutex(0);
    const c = cx();
    const g = m.tryLock()!;
    const early = m.lock();
    early.cancel(); // before first poll
    const queued = m.lock();
    const notified = m.lock();
    const last = m.lock();
    queued.poll(c);
    notified.poll(c);
    last.poll(c);
    queued.cancel(); // while queued
    g.release(); // lock handed to `notified`
    notified.cancel(); // after notified, before polled
    const r = last.poll(c);
    expect(r).not.toBe(PENDING);
    expect(m.sem.waiters.length).toBe(0);
    (r as { release(): void }).release();
    expect(m.isLocked).toBe(false);
  });

  it('a task aborted while waiting for the lock leaves the queue intact', async () => {
    const m = new Mutex(0);
    const g = m.tryLock()!;
    const a = spawn(m.lock());
    const b = spawn(m.lock());
    expect(m.sem.waiters.length).toBe(2);
    a.abort();
    expect(m.sem.waiters.length).toBe(1);
    g.release();
    const gb = await b;
    expect(gb.value).toBe(0);
    gb.release();
  });

  it('a task aborted after being handed the lock, before it ran again, passes the lock on', async () => {
    const errors: unknown[] = [];
    const rt = new Runtime({ onTaskError: (e) => errors.push(e) });
    const m = new Mutex('v');
    const g = m.tryLock()!;
    const b = rt.spawn(m.lock());
    const c = rt.spawn(m.lock());
    g.release(); // b's task is woken (queued) holding the lock, not yet polled
    b.abort();
    const gc = await c;
    expect(gc.value).toBe('v');
    gc.release();
    await new Promise((r) => setImmediate(r));
    expect(b.ok).toBe(false);
    expect(errors).toEqual([]);
    expect(m.isLocked).toBe(false);
  });
});

describe('RwLock', () => {
  it('many readers at once; a writer excludes them', () => {
    const l = new RwLock({ n: 1 });
    const r1 = l.tryRead()!;
    const r2 = l.tryRead()!;
    expect(r1.value.n + r2.value.n).toBe(2);
    expect(l.tryWrite()).toBeNull();
    r1.release();
    r2.release();
    const w = l.tryWrite()!;
    w.value = { n: 5 };
    expect(l.tryRead()).toBeNull();
    w.release();
    expect(l.tryRead()!.value.n).toBe(5);
  });

  it('is fair: a waiting writer holds back readers that come after it', () => {
    const l = new RwLock(0);
    const c = cx();
    const r1 = l.tryRead()!;
    const w = l.write();
    expect(w.poll(c)).toBe(PENDING);
    const r2 = l.read();
    expect(r2.poll(c)).toBe(PENDING); // no barging past the writer
    expect(l.tryRead()).toBeNull();
    r1.release();
    const wg = w.poll(c);
    expect(wg).not.toBe(PENDING);
    expect(r2.poll(c)).toBe(PENDING);
    (wg as { release(): void }).release();
    expect(r2.poll(c)).not.toBe(PENDING);
  });

  it('downgrade keeps read access without letting a queued writer in', () => {
    const l = new RwLock(0, 8);
    const c = cx();
    const wg = l.tryWrite()!;
    const w2 = l.write();
    w2.poll(c);
    const rg = wg.downgrade();
    expect(w2.poll(c)).toBe(PENDING);
    expect(rg.value).toBe(0);
    rg.release();
    expect(w2.poll(c)).not.toBe(PENDING);
  });

  it('a cancelled writer that was partly served passes its permits on', () => {
    const l = new RwLock(0, 4);
    const c = cx();
    const r1 = l.tryRead()!;
    const w = l.write();
    expect(w.poll(c)).toBe(PENDING); // holds 3 of 4
    const r2 = l.read();
    expect(r2.poll(c)).toBe(PENDING);
    w.cancel();
    expect(r2.poll(c)).not.toBe(PENDING);
    r1.release();
  });
});
