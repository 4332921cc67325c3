// Streams and JavaScript iteration: `for await` over a Stream from native async code, Streams
// built from async generators, generated-shape machines polling `pollNext`, sinks with
// backpressure end to end, and cancellation of whole pipelines down to their source.
import { describe, expect, it } from 'vitest';
import {
  channel,
  closeSink,
  type Context,
  defineMachine,
  END,
  fanout,
  fromAsyncIterable,
  Machine,
  Notify,
  PENDING,
  send,
  sendAll,
  Sink,
  spawn,
  type Stream,
  unboundedChannel,
  type Waker,
} from '../src/index.js';

const settle = () => new Promise<void>((r) => setImmediate(r));

/** An async generator that records what it produced and whether its finally ran. */
function counting(n: number, paced = false) {
  const probe = { produced: 0, finalized: false };
  async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        await (paced ? new Promise((r) => setImmediate(r)) : Promise.resolve());
        probe.produced++;
        yield i;
      }
    } finally {
      probe.finalized = true;
    }
  }
  return { probe, gen: gen() };
}

/** A sink that takes items only when `allow()`ed, one per permission. */
class GatedSink<T> extends Sink<T> {
  items: T[] = [];
  credits = 0;
  closed = false;
  private waker: Waker | null = null;
  allow(n = 1): void {
    this.credits += n;
    const w = this.waker;
    this.waker = null;
    w?.wake();
  }
  pollReady(cx: Context): undefined | typeof PENDING {
    if (this.credits > 0) return undefined;
    this.waker = cx.waker;
    return PENDING;
  }
  startSend(item: T): void {
    if (this.credits <= 0) throw new Error('not ready');
    this.credits--;
    this.items.push(item);
  }
  pollFlush(): undefined {
    return undefined;
  }
  pollClose(): undefined {
    this.closed = true;
    return undefined;
  }
}

// A machine in the generated shape consuming a stream the way lowered `for await` does:
// async function sum(stream) { let total = 0; for await (const x of stream) total += x; return total; }
type SumFrame = Machine<number> & { stream: Stream<number>; total: number };
function sum(stream: Stream<number>) {
  const f = new Machine<number>(sum$poll as never, undefined) as SumFrame;
  f.stream = stream;
  f.total = 0;
  return f;
}
function sum$poll(this: SumFrame, cx: Context): number | typeof PENDING {
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.total = 0;
          this.$s = 1;
        // falls through
        case 1: {
          const r = this.stream.pollNext(cx);
          if (r === PENDING) return PENDING;
          if (r === END) return this.$return(this.total);
          this.total += r as number;
          continue;
        }
        case -2:
          this.stream.cancel();
          return this.$unwound();
        default:
          throw new Error('polled after completion');
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(sum$poll as never, { name: 'sum', states: ['Start', 'Loop'] });

describe('for await over a Stream', () => {
  it('works from a native async function, over a channel receiver with combinators', async () => {
    const [tx, rx] = channel<number>(2);
    void (async () => {
      for (let i = 1; i <= 5; i++) await tx.send(i);
      tx.close();
    })();
    const got: number[] = [];
    for await (const x of rx.map((v) => v * 10)) got.push(x);
    expect(got).toEqual([10, 20, 30, 40, 50]);
  });

  it('break cancels the stream (down to the source)', async () => {
    const [tx, rx] = unboundedChannel<number>();
    for (let i = 0; i < 5; i++) tx.send(i);
    for await (const x of rx.map((v) => v)) {
      if (x === 1) break;
    }
    expect(tx.isClosed).toBe(true);
  });

  it('an error thrown by the stream rejects the loop and cancels the stream', async () => {
    const [tx, rx] = unboundedChannel<number>();
    tx.send(1);
    tx.send(2);
    const s = rx.map((v) => {
      if (v === 2) throw new Error('bad item');
      return v;
    });
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const x of s) got.push(x);
      })(),
    ).rejects.toThrow('bad item');
    expect(got).toEqual([1]);
    expect(tx.isClosed).toBe(true);
  });

  it('next() calls made without awaiting are answered in order', async () => {
    const [tx, rx] = unboundedChannel<string>();
    const it = rx[Symbol.asyncIterator]();
    const a = it.next();
    const b = it.next();
    const c = it.next();
    tx.send('x');
    tx.send('y');
    tx.close();
    expect(await a).toEqual({ done: false, value: 'x' });
    expect(await b).toEqual({ done: false, value: 'y' });
    expect(await c).toEqual({ done: true, value: undefined });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('a machine in the generated shape polls pollNext directly', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const h = spawn(sum(rx));
    tx.send(1);
    tx.send(2);
    await settle();
    tx.send(3);
    tx.close();
    expect(await h).toBe(6);
  });
});

describe('fromAsyncIterable', () => {
  it('turns an async generator into a Stream', async () => {
    const { gen, probe } = counting(4);
    expect(await fromAsyncIterable(gen).map((x) => x + 1).collect()).toEqual([1, 2, 3, 4]);
    expect(probe.finalized).toBe(true);
  });

  it('pulls lazily: nothing runs before the first poll, one item per poll', async () => {
    const { gen, probe } = counting(10);
    const s = fromAsyncIterable(gen);
    await settle();
    expect(probe.produced).toBe(0);
    expect(await s.next()).toBe(0);
    await settle();
    expect(probe.produced).toBe(1);
  });

  it('cancel() calls the iterator return(): the generator finally runs', async () => {
    const { gen, probe } = counting(10);
    const s = fromAsyncIterable(gen);
    expect(await s.next()).toBe(0);
    s.cancel();
    await settle();
    expect(probe.finalized).toBe(true);
    expect(s.pollNext({ waker: { wake() {} }, budget: 1 })).toBe(END);
  });

  it('take(n) on a generator stops it after n items', async () => {
    const { gen, probe } = counting(100);
    expect(await fromAsyncIterable(gen).take(3).collect()).toEqual([0, 1, 2]);
    await settle();
    expect(probe.finalized).toBe(true);
    expect(probe.produced).toBe(3);
  });

  it('an error thrown by the generator surfaces from pollNext, then the stream is over', async () => {
    async function* bad() {
      yield 1;
      throw new Error('gen failed');
    }
    const s = fromAsyncIterable(bad());
    expect(await s.next()).toBe(1);
    await expect(s.next()).rejects.toThrow('gen failed');
    expect(await s.next()).toBe(END);
  });

  it('round trip: Stream -> native async iterable -> Stream', async () => {
    const [tx, rx] = unboundedChannel<number>();
    tx.send(1);
    tx.send(2);
    tx.close();
    async function* wrap(src: AsyncIterable<number>) {
      for await (const x of src) yield x * 3;
    }
    expect(await fromAsyncIterable(wrap(rx)).collect()).toEqual([3, 6]);
  });

  it('accepts plain iterables', async () => {
    expect(await fromAsyncIterable(new Set(['a', 'b'])).collect()).toEqual(['a', 'b']);
  });
});

describe('sinks', () => {
  it('send(sink, item) waits for readiness', async () => {
    const sink = new GatedSink<number>();
    const h = spawn(send(sink, 1));
    await settle();
    expect(h.isFinished).toBe(false);
    sink.allow();
    await h;
    expect(sink.items).toEqual([1]);
  });

  it('backpressure end to end: a slow sink stops the pulling from an async generator', async () => {
    const { gen, probe } = counting(100);
    const sink = new GatedSink<number>();
    const h = spawn(sendAll(sink, fromAsyncIterable(gen).map((x) => x * 2)));
    await settle();
    await settle();
    expect(probe.produced).toBe(1); // pulled one, holding it for the sink
    sink.allow(3);
    for (let i = 0; i < 10; i++) await settle();
    expect(sink.items).toEqual([0, 2, 4]);
    expect(probe.produced).toBe(4); // three delivered, one held: no more
    sink.allow(1000);
    await h;
    expect(sink.items.length).toBe(100);
    expect(sink.closed).toBe(false); // sendAll does not close the sink
  });

  it('backpressure through a bounded channel: the producer stops at capacity + 1', async () => {
    const { gen, probe } = counting(100);
    const [tx, rx] = channel<number>(2);
    const h = spawn(sendAll(tx, fromAsyncIterable(gen)));
    for (let i = 0; i < 10; i++) await settle();
    expect(probe.produced).toBe(3); // 2 queued in the channel + 1 held by sendAll
    expect(await rx.recv()).toBe(0);
    for (let i = 0; i < 10; i++) await settle();
    expect(probe.produced).toBe(4);
    h.abort();
    await settle();
    expect(probe.finalized).toBe(true);
  });

  it('cancelling the final future of a pipeline stops its source', async () => {
    const { gen, probe } = counting(1000, true); // one item per host macrotask
    const [tx, rx] = unboundedChannel<number>();
    const pipeline = sendAll(
      tx,
      fromAsyncIterable(gen)
        .filter((x) => x % 2 === 0)
        .map((x) => x + 1),
    );
    const h = spawn(pipeline);
    for (let i = 0; i < 5; i++) await settle();
    expect(probe.produced).toBeGreaterThan(0);
    expect(probe.produced).toBeLessThan(1000);
    pipeline.cancel(); // as h.abort(): the future is owned by its task
    await expect(h).rejects.toThrow(/cancelled/);
    await settle();
    expect(probe.finalized).toBe(true);
    const before = probe.produced;
    await settle();
    expect(probe.produced).toBe(before);
    expect(rx.length).toBeGreaterThan(0);
  });

  it('closeSink on a sender drops it: sendAll then closeSink ends the receiver', async () => {
    const [tx, rx] = channel<number>(1);
    const consumer = spawn(rx.collect());
    await sendAll(tx, fromAsyncIterable([1, 2, 3]));
    await closeSink(tx);
    expect(await consumer).toEqual([1, 2, 3]);
    const gated = new GatedSink<number>();
    await closeSink(gated);
    expect(gated.closed).toBe(true);
  });

  it('fanout sends every item to both sinks, ready only when both are', async () => {
    const a = new GatedSink<string>();
    const b = new GatedSink<string>();
    const both = fanout(a, b);
    const h = spawn(send(both, 'x'));
    a.allow();
    await settle();
    expect(h.isFinished).toBe(false);
    b.allow();
    await h;
    expect(a.items).toEqual(['x']);
    expect(b.items).toEqual(['x']);
  });

  it('fanout into two channels with sendAll', async () => {
    const [tx1, rx1] = channel<number>(1);
    const [tx2, rx2] = unboundedChannel<number>();
    const [srcTx, srcRx] = unboundedChannel<number>();
    for (let i = 0; i < 4; i++) srcTx.send(i);
    srcTx.close();
    const h = spawn(sendAll(fanout(tx1, tx2), srcRx));
    await settle();
    expect(rx2.length).toBe(1); // tx1 is full after one, so fanout waits for it
    const got1: number[] = [];
    for (let i = 0; i < 4; i++) got1.push((await rx1.recv())!);
    await h;
    expect(got1).toEqual([0, 1, 2, 3]);
    tx1.close();
    tx2.close();
    expect(await rx2.collect()).toEqual([0, 1, 2, 3]);
  });
});

describe('the async iterator of a Stream', () => {
  it('return() while a next() is pending answers it with done and cancels the stream', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const it = rx[Symbol.asyncIterator]();
    const pending = it.next();
    await settle();
    expect(await it.return!()).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(tx.isClosed).toBe(true);
  });

  it('keeps one owner for the futures a stream holds across items (no migration between tasks)', async () => {
    const n = new Notify();
    const stop = n.notified();
    const [tx, rx] = unboundedChannel<number>();
    const got: number[] = [];
    const consumer = (async () => {
      for await (const x of rx.takeUntil(stop)) {
        got.push(x);
        if (x === 3) break;
      }
    })();
    for (let i = 1; i <= 3; i++) {
      tx.send(i);
      await settle();
    }
    await consumer;
    expect(got).toEqual([1, 2, 3]);
    // The stop future was polled by the same task each time, so break cancelled it in place.
    expect(stop.isFinished).toBe(true);
    expect(n.waiters.length).toBe(0);
  });
});
