// Channels: oneshot, mpsc (bounded and unbounded), broadcast, watch. Tokio's semantics for
// closing, backpressure and lagging; cancel safety at every point; ping-pong between tasks.
import { describe, expect, it } from 'vitest';
import {
  awaitStep,
  broadcast,
  channel,
  type Context,
  defineMachine,
  END,
  Lagged,
  Machine,
  oneshot,
  PENDING,
  type Receiver,
  RecvError,
  SendError,
  type Sender,
  spawn,
  TryRecvError,
  TrySendError,
  unboundedChannel,
  watch,
} from '../src/index.js';

function cx(): Context & { wakes: number } {
  const c = { wakes: 0, budget: Infinity, waker: { wake: () => void c.wakes++ } };
  return c;
}
/** Let every queued task and promise callback run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

// Hand-written machines in the generated shape (ABI.md, section 3).
// async function pinger(tx, rx, n, log) {
//   for (let i = 0; i < n; i++) { await tx.send(i); log.push(await rx.recv()); }
//   tx.close();
// }
type PingFrame = Machine<void> & { tx: Sender<number>; rx: Receiver<number>; n: number; log: unknown[]; i: number };
function pinger(tx: Sender<number>, rx: Receiver<number>, n: number, log: unknown[]) {
  const f = new Machine<void>(pinger$poll as never, undefined) as PingFrame;
  f.tx = tx;
  f.rx = rx;
  f.n = n;
  f.log = log;
  f.i = 0;
  return f;
}
function pinger$poll(this: PingFrame, cx: Context): void | typeof PENDING {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.i = 0;
        // falls through
        case 1:
          if (!(this.i < this.n)) {
            this.tx.close();
            return this.$return(undefined);
          }
          this.$aw = this.tx.send(this.i);
          this.$s = 2;
        // falls through
        case 2:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          this.$aw = this.rx.recv();
          this.$s = 3;
        // falls through
        case 3:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          this.log.push(r);
          this.i++;
          this.$s = 1;
          continue;
        case -2:
          return this.$unwound();
        default:
          throw new Error('polled after completion');
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(pinger$poll as never, { name: 'pinger', states: ['Start', 'Loop', 'WaitingForSend', 'WaitingForRecv'] });

// async function ponger(rx, tx) { let v; while ((v = await rx.recv()) !== undefined) await tx.send(v * 10); tx.close(); }
type PongFrame = Machine<void> & { rx: Receiver<number>; tx: Sender<number> };
function ponger(rx: Receiver<number>, tx: Sender<number>) {
  const f = new Machine<void>(ponger$poll as never, undefined) as PongFrame;
  f.rx = rx;
  f.tx = tx;
  return f;
}
function ponger$poll(this: PongFrame, cx: Context): void | typeof PENDING {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.$aw = this.rx.recv();
          this.$s = 1;
        // falls through
        case 1:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          if (r === undefined) {
            this.tx.close();
            return this.$return(undefined);
          }
          this.$aw = this.tx.send((r as number) * 10);
          this.$s = 2;
        // falls through
        case 2:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          this.$s = 0;
          continue;
        case -2:
          return this.$unwound();
        default:
          throw new Error('polled after completion');
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(ponger$poll as never, { name: 'ponger', states: ['Start', 'WaitingForRecv', 'WaitingForSend'] });

describe('mpsc', () => {
  it('ping-pong between two tasks (hand-written machines) over two bounded channels', async () => {
    const [tx1, rx1] = channel<number>(1);
    const [tx2, rx2] = channel<number>(1);
    const log: unknown[] = [];
    const a = spawn(pinger(tx1, rx2, 5, log));
    const b = spawn(ponger(rx1, tx2));
    await a;
    await b;
    expect(log).toEqual([0, 10, 20, 30, 40]);
  });

  it('ping-pong between two native async functions', async () => {
    const [tx1, rx1] = channel<string>(1);
    const [tx2, rx2] = unboundedChannel<string>();
    const log: string[] = [];
    async function ping() {
      for (let i = 0; i < 3; i++) {
        await tx1.send(`ping${i}`);
        log.push((await rx2.recv())!);
      }
      tx1.close();
    }
    async function pong() {
      for await (const m of rx1) tx2.send(m.replace('ping', 'pong'));
      tx2.close();
    }
    await Promise.all([ping(), pong()]);
    expect(log).toEqual(['pong0', 'pong1', 'pong2']);
    expect(await rx2.recv()).toBeUndefined();
  });

  it('backpressure: a full bounded channel stops the producer until the consumer takes', async () => {
    const [tx, rx] = channel<number>(2);
    let sent = 0;
    const producer = spawn(
      (async () => {
        for (let i = 0; i < 10; i++) {
          await tx.send(i);
          sent++;
        }
        tx.close();
      })(),
    );
    await settle();
    await settle();
    expect(sent).toBe(2);
    expect(tx.capacity).toBe(0);
    expect(await rx.recv()).toBe(0);
    await settle();
    expect(sent).toBe(3);
    const rest: number[] = [];
    for await (const v of rx) rest.push(v);
    await producer;
    expect(rest).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('senders are served in FIFO order when capacity frees', () => {
    const [tx, rx] = channel<string>(1);
    const c = cx();
    tx.trySend('first');
    const a = tx.send('a');
    const b = tx.send('b');
    expect(a.poll(c)).toBe(PENDING);
    expect(b.poll(c)).toBe(PENDING);
    expect(rx.tryRecv()).toBe('first');
    expect(b.poll(c)).toBe(PENDING);
    expect(a.poll(c)).toBeUndefined();
    expect(rx.tryRecv()).toBe('a');
    expect(b.poll(c)).toBeUndefined();
    expect(rx.tryRecv()).toBe('b');
  });

  it('send cancel safety: before first poll, while queued, after being given room', () => {
    const [tx, rx] = channel<string>(1);
    const c = cx();
    tx.trySend('x');
    const early = tx.send('early');
    early.cancel(); // before first poll
    const queued = tx.send('queued');
    const served = tx.send('served');
    const last = tx.send('last');
    queued.poll(c);
    served.poll(c);
    last.poll(c);
    queued.cancel(); // while queued
    expect(rx.tryRecv()).toBe('x'); // frees room: handed to `served`
    served.cancel(); // given room, not yet polled: room goes to `last`
    expect(last.poll(c)).toBeUndefined();
    expect(rx.tryRecv()).toBe('last');
    expect(() => rx.tryRecv()).toThrow(TryRecvError);
    expect(tx.capacity).toBe(1); // no permit lost
  });

  it('recv cancel safety: a receive cancelled after being woken loses no message', () => {
    const [tx, rx] = channel<number>(4);
    const c = cx();
    const r1 = rx.recv();
    expect(r1.poll(c)).toBe(PENDING);
    tx.trySend(7);
    expect(c.wakes).toBe(1);
    r1.cancel();
    const r2 = rx.recv();
    expect(r2.poll(c)).toBe(7);
  });

  it('all senders dropped: the receiver drains, then ends', async () => {
    const [tx, rx] = channel<number>(4);
    const tx2 = tx.clone();
    tx.trySend(1);
    tx2.trySend(2);
    tx.close();
    expect(rx.isClosed).toBe(false);
    tx2[Symbol.dispose]();
    expect(rx.isClosed).toBe(true);
    expect(await rx.recv()).toBe(1);
    expect(await rx.recv()).toBe(2);
    expect(await rx.recv()).toBeUndefined();
    expect(rx.pollNext(cx())).toBe(END);
    expect(() => rx.tryRecv()).toThrow(expect.objectContaining({ kind: 'closed' }));
  });

  it('a pending receive is woken when the last sender drops', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const r = spawn(rx.recv());
    expect(r.isFinished).toBe(false);
    tx.close();
    expect(await r).toBeUndefined();
  });

  it('receiver closed: sends fail with SendError carrying the value; queued messages still drain', async () => {
    const [tx, rx] = channel<string>(1);
    tx.trySend('kept');
    const waiting = spawn(tx.send('blocked'));
    const closed = spawn(tx.closed());
    rx.close();
    const err = await waiting.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SendError);
    expect((err as SendError<string>).value).toBe('blocked');
    await closed;
    expect(tx.isClosed).toBe(true);
    await expect(tx.send('late')).rejects.toThrow(/receiver was dropped or closed/);
    expect(() => tx.trySend('late')).toThrow(expect.objectContaining({ kind: 'closed', value: 'late' }));
    expect(await rx.recv()).toBe('kept');
    expect(await rx.recv()).toBeUndefined();
  });

  it('receiver dropped (cancel): queued messages are discarded and senders fail', () => {
    const [tx, rx] = unboundedChannel<number>();
    tx.send(1);
    rx.cancel();
    expect(rx.length).toBe(0);
    expect(() => tx.send(2)).toThrow(SendError);
  });

  it('trySend reports full; tryRecv reports empty', () => {
    const [tx, rx] = channel<number>(1);
    expect(() => rx.tryRecv()).toThrow(expect.objectContaining({ kind: 'empty' }));
    tx.trySend(1);
    let err: unknown;
    try {
      tx.trySend(2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrySendError);
    expect(err).toMatchObject({ kind: 'full', value: 2 });
  });

  it('reserve: a permit holds room; unused permits give it back', async () => {
    const [tx, rx] = channel<number>(1);
    const p = await tx.reserve();
    expect(tx.capacity).toBe(0);
    expect(tx.tryReserve()).toBeNull();
    p.release();
    expect(tx.capacity).toBe(1);
    const p2 = await tx.reserve();
    p2.send(5);
    expect(rx.tryRecv()).toBe(5);
    expect(tx.capacity).toBe(1);
  });

  it('a Sender is a Sink: pollReady reserves, startSend uses the reservation', () => {
    const [tx, rx] = channel<number>(1);
    const c = cx();
    expect(tx.pollReady(c)).toBeUndefined();
    expect(tx.pollReady(c)).toBeUndefined(); // still the same reservation
    expect(tx.capacity).toBe(0);
    tx.startSend(1);
    expect(tx.pollReady(c)).toBe(PENDING);
    expect(rx.tryRecv()).toBe(1);
    expect(c.wakes).toBe(1);
    expect(tx.pollReady(c)).toBeUndefined();
    tx.close(); // dropping the sender releases its reservation
    expect(rx.isClosed).toBe(true);
    expect(() => tx.startSend(2)).toThrow();
  });
});

describe('oneshot', () => {
  it('delivers one value', async () => {
    const [tx, rx] = oneshot<string>();
    setTimeout(() => tx.send('hi'), 1);
    expect(await rx).toBe('hi');
  });

  it('undefined is a value like any other', async () => {
    const [tx, rx] = oneshot<undefined>();
    tx.send(undefined);
    expect(await rx).toBeUndefined();
  });

  it('sender dropped without sending: RecvError', async () => {
    const [tx, rx] = oneshot<number>();
    const h = spawn(rx);
    tx.close();
    await expect(h).rejects.toBeInstanceOf(RecvError);
  });

  it('receiver dropped: send fails with the value; closed() completes', async () => {
    const [tx, rx] = oneshot<number>();
    const closed = spawn(tx.closed());
    expect(tx.isClosed).toBe(false);
    rx.cancel();
    await closed;
    expect(tx.isClosed).toBe(true);
    expect(() => tx.send(3)).toThrow(expect.objectContaining({ value: 3 }));
  });

  it('receiver close(): a value sent before can still be received', async () => {
    const [tx, rx] = oneshot<number>();
    tx.send(1);
    rx.close();
    expect(await rx).toBe(1);
  });

  it('tryRecv: empty, then the value, then closed', () => {
    const [tx, rx] = oneshot<number>();
    expect(() => rx.tryRecv()).toThrow(expect.objectContaining({ kind: 'empty' }));
    tx.send(4);
    expect(rx.tryRecv()).toBe(4);
    expect(() => rx.tryRecv()).toThrow(expect.objectContaining({ kind: 'closed' }));
  });

  it('an aborted task awaiting the receiver makes the sender see it closed', () => {
    const [tx, rx] = oneshot<number>();
    const h = spawn(rx);
    h.abort();
    expect(tx.isClosed).toBe(true);
  });
});

describe('broadcast', () => {
  it('every receiver gets every message sent after it subscribed', async () => {
    const [tx, rx1] = broadcast<number>(4);
    tx.send(1);
    const rx2 = tx.subscribe();
    expect(tx.send(2)).toBe(2);
    tx.close();
    expect(await rx1.collect()).toEqual([1, 2]);
    expect(await rx2.collect()).toEqual([2]);
  });

  it('a lagging receiver gets Lagged with the number missed, then continues with the oldest kept', () => {
    const [tx, rx] = broadcast<number>(2);
    const c = cx();
    for (let i = 0; i < 5; i++) tx.send(i);
    let err: unknown;
    try {
      rx.pollNext(c);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Lagged);
    expect((err as Lagged).skipped).toBe(3);
    expect(rx.pollNext(c)).toBe(3);
    expect(rx.pollNext(c)).toBe(4);
    expect(rx.pollNext(c)).toBe(PENDING);
  });

  it('recv() fails with Lagged, then RecvError once closed and drained', async () => {
    const [tx, rx] = broadcast<number>(1);
    tx.send(1);
    tx.send(2);
    await expect(rx.recv()).rejects.toBeInstanceOf(Lagged);
    expect(await rx.recv()).toBe(2);
    tx.close();
    await expect(rx.recv()).rejects.toBeInstanceOf(RecvError);
  });

  it('send with no receivers fails; receivers that drop stop being counted', () => {
    const [tx, rx] = broadcast<number>(2);
    const rx2 = rx.resubscribe();
    expect(tx.receiverCount).toBe(2);
    rx.cancel();
    rx2[Symbol.dispose]();
    expect(tx.receiverCount).toBe(0);
    expect(() => tx.send(1)).toThrow(SendError);
  });

  it('wakes every waiting receiver; a cancelled recv leaves no stale waiter and loses nothing', async () => {
    const [tx, rx1] = broadcast<string>(4);
    const rx2 = tx.subscribe();
    const c = cx();
    const r = rx1.recv();
    expect(r.poll(c)).toBe(PENDING);
    r.cancel();
    const h2 = spawn(rx2.recv());
    tx.send('m');
    expect(await h2).toBe('m');
    expect(await rx1.recv()).toBe('m');
  });

  it('tryRecv: empty, closed', () => {
    const [tx, rx] = broadcast<number>(2);
    expect(() => rx.tryRecv()).toThrow(expect.objectContaining({ kind: 'empty' }));
    tx.close();
    expect(() => rx.tryRecv()).toThrow(expect.objectContaining({ kind: 'closed' }));
  });
});

describe('watch', () => {
  it('receivers see the latest value; changed() completes on a new version', async () => {
    const [tx, rx] = watch('a');
    expect(rx.borrow()).toBe('a');
    expect(rx.hasChanged()).toBe(false);
    const changed = spawn(rx.changed());
    expect(changed.isFinished).toBe(false);
    tx.send('b');
    tx.send('c');
    await changed;
    expect(rx.borrowAndUpdate()).toBe('c');
    expect(rx.hasChanged()).toBe(false);
  });

  it('as a Stream: the current value first, then the latest after each change', async () => {
    const [tx, rx] = watch(0);
    const seen: number[] = [];
    const consumer = spawn(rx.forEach((v) => void seen.push(v)));
    expect(seen).toEqual([0]);
    tx.send(1);
    tx.send(2); // coalesced with 1: the consumer has not run in between
    await settle();
    tx.send(3);
    await settle();
    tx.close();
    await consumer;
    expect(seen).toEqual([0, 2, 3]);
  });

  it('sender dropped: changed() fails with RecvError unless a change is unseen', async () => {
    const [tx, rx] = watch(0);
    tx.send(1);
    tx.close();
    await rx.changed(); // the unseen change wins
    await expect(rx.changed()).rejects.toBeInstanceOf(RecvError);
    expect(() => rx.hasChanged()).toThrow(RecvError);
  });

  it('send fails with no receivers; sendReplace does not; closed() completes', async () => {
    const [tx, rx] = watch(1);
    const rx2 = tx.subscribe();
    const closed = spawn(tx.closed());
    rx.cancel();
    expect(closed.isFinished).toBe(false);
    rx2.cancel();
    await closed;
    expect(() => tx.send(2)).toThrow(SendError);
    expect(tx.borrow()).toBe(1);
    expect(tx.sendReplace(3)).toBe(1);
    expect(tx.borrow()).toBe(3);
  });

  it('sendIfModified notifies only when it reports a change; sendModify always', () => {
    const [tx, rx] = watch({ n: 0 });
    expect(tx.sendIfModified(() => false)).toBe(false);
    expect(rx.hasChanged()).toBe(false);
    tx.sendIfModified((v) => ((v.n = 1), true));
    expect(rx.hasChanged()).toBe(true);
    rx.markUnchanged();
    tx.sendModify((v) => ({ n: v.n + 1 }));
    expect(rx.borrowAndUpdate()).toEqual({ n: 2 });
  });

  it('waitFor: the first value (current included) that satisfies the predicate', async () => {
    const [tx, rx] = watch(1);
    expect(await rx.waitFor((v) => v === 1)).toBe(1);
    const h = spawn(rx.waitFor((v) => v > 10));
    tx.send(5);
    await settle();
    expect(h.isFinished).toBe(false);
    tx.send(12);
    expect(await h).toBe(12);
    expect(rx.hasChanged()).toBe(false);
    const never = spawn(rx.waitFor((v) => v < 0));
    tx.close();
    await expect(never).rejects.toBeInstanceOf(RecvError);
  });

  it('a cancelled changed() leaves no waiter behind', () => {
    const [tx, rx] = watch(0);
    const c = cx();
    const ch = rx.changed();
    expect(ch.poll(c)).toBe(PENDING);
    ch.cancel();
    tx.send(1);
    expect(c.wakes).toBe(0);
    expect(rx.hasChanged()).toBe(true);
  });
});

describe('receive-side cancel safety at every point', () => {
  // Each case: a way to make a channel, a receive future, a way to deliver one message,
  // and a synchronous way to check the message is still there for the next receive.
  const cases = {
    'mpsc recv': () => {
      const [tx, rx] = unboundedChannel<number>();
      return { recv: () => rx.recv(), deliver: () => tx.send(1), waiters: () => (rx as any).chan.rxWaiters.length, next: () => rx.tryRecv() };
    },
    // A stream registers itself (one entry per receiver, as Rust's receiver keeps its
    // waker), so a cancelled next() may leave that single entry, never more.
    'mpsc stream next()': () => {
      const [tx, rx] = channel<number>(1);
      return {
        recv: () => rx.next(),
        deliver: () => tx.trySend(1),
        waiters: () => Math.max(0, (rx as any).chan.rxWaiters.length - 1),
        next: () => rx.tryRecv(),
      };
    },
    'broadcast recv': () => {
      const [tx, rx] = broadcast<number>(2);
      return { recv: () => rx.recv(), deliver: () => void tx.send(1), waiters: () => (rx as any).s.waiters.length, next: () => rx.tryRecv() };
    },
    'watch changed': () => {
      const [tx, rx] = watch(0);
      return {
        recv: () => rx.changed(),
        deliver: () => tx.send(1),
        waiters: () => (rx as any).s.waiters.length,
        next: () => (rx.hasChanged() ? rx.borrowAndUpdate() : 'unchanged'),
      };
    },
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`${name}: before the first poll, while waiting, after being woken`, () => {
      const c = cx();
      // before the first poll
      let ch = make();
      ch.recv().cancel();
      expect(ch.waiters()).toBe(0);
      ch.deliver();
      expect(ch.next()).toBe(1);
      // while waiting
      ch = make();
      const w = ch.recv();
      expect(w.poll(c)).toBe(PENDING);
      expect(ch.waiters()).toBeLessThanOrEqual(1);
      w.cancel();
      expect(ch.waiters()).toBe(0);
      ch.deliver();
      expect(ch.next()).toBe(1);
      // after being woken, before being polled again: the message is still there
      ch = make();
      const c2 = cx();
      const x = ch.recv();
      expect(x.poll(c2)).toBe(PENDING);
      ch.deliver();
      expect(c2.wakes).toBe(1);
      x.cancel();
      expect(ch.waiters()).toBe(0);
      expect(ch.next()).toBe(1);
    });
  }

  it('oneshot: a receiver cancelled after the value arrived drops it and closes the channel', () => {
    const [tx, rx] = oneshot<number>();
    const c = cx();
    expect(rx.poll(c)).toBe(PENDING);
    tx.send(1);
    expect(c.wakes).toBe(1);
    rx.cancel();
    expect(tx.isClosed).toBe(true);
    expect(rx.isFinished).toBe(true);
  });
});

describe('bounded mpsc under random cancellation', () => {
  it('delivers exactly the completed sends, in completion order, and never leaks capacity', () => {
    let seed = 99;
    const rnd = (n: number) => {
      let t = (seed = (seed + 0x6d2b79f5) | 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const cap = 3;
    const [tx, rx] = channel<number>(cap);
    const c = cx();
    const pending: { f: ReturnType<typeof tx.send>; v: number }[] = [];
    const completed: number[] = [];
    const received: number[] = [];
    let next = 0;
    let cancelledServed = 0;
    for (let step = 0; step < 3000; step++) {
      const op = rnd(5);
      if (op === 0 || op === 1) {
        const v = next++;
        const f = tx.send(v);
        if (f.poll(c) === PENDING) pending.push({ f, v });
        else completed.push(v);
      } else if (op === 2 && pending.length > 0) {
        const p = pending.splice(rnd(pending.length), 1)[0]!;
        if ((p.f as unknown as { assigned: number }).assigned > 0) cancelledServed++;
        p.f.cancel();
      } else if (op === 3) {
        try {
          received.push(rx.tryRecv());
        } catch {
          // empty
        }
      } else {
        for (let i = 0; i < pending.length; i++) {
          if (pending[i]!.f.poll(c) !== PENDING) {
            completed.push(pending[i]!.v);
            pending.splice(i--, 1);
          }
        }
      }
      const assigned = pending.reduce((a, p) => a + (p.f as unknown as { assigned: number }).assigned, 0);
      expect(tx.capacity + rx.length + assigned).toBe(cap);
    }
    for (const p of pending) p.f.cancel();
    for (;;) {
      try {
        received.push(rx.tryRecv());
      } catch {
        break;
      }
    }
    expect(received).toEqual(completed);
    expect(tx.capacity).toBe(cap);
    expect(cancelledServed).toBeGreaterThan(5);
  });
});
