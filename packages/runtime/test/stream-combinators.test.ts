// Stream combinators: behaviour, ownership (cancelling a combinator cancels its source, and
// the futures it owns), ordering and concurrency limits of buffered streams.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Cancelled,
  channel,
  type Context,
  END,
  fromAsyncIterable,
  fromIterable,
  merge,
  Notify,
  oneshot,
  PENDING,
  spawn,
  Stream,
  unboundedChannel,
} from '../src/index.js';

function cx(): Context & { wakes: number } {
  const c = { wakes: 0, budget: Infinity, waker: { wake: () => void c.wakes++ } };
  return c;
}
const settle = () => new Promise<void>((r) => setImmediate(r));

/** A stream over an array that records whether it was cancelled and how often it was polled. */
class Probe<T> extends Stream<T> {
  i = 0;
  polls = 0;
  cancelled = 0;
  constructor(private readonly items: T[]) {
    super();
  }
  pollNext(_cx: Context): T | typeof END {
    this.polls++;
    return this.i < this.items.length ? this.items[this.i++]! : END;
  }
  override cancel(): void {
    this.cancelled++;
  }
}

/** A promise with its resolvers, to finish futures in a chosen order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('element-wise combinators', () => {
  it('map, filter, take, chunks, collect', async () => {
    const s = fromIterable([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      .map((x) => x * 2)
      .filter((x) => x % 3 !== 0)
      .take(5)
      .chunks(2);
    expect(await s.collect()).toEqual([[2, 4], [8, 10], [14]]);
  });

  it('take cancels its source as soon as the last item is out', () => {
    const p = new Probe([1, 2, 3, 4]);
    const s = p.take(2);
    const c = cx();
    expect(s.pollNext(c)).toBe(1);
    expect(p.cancelled).toBe(0);
    expect(s.pollNext(c)).toBe(2);
    expect(p.cancelled).toBe(1);
    expect(s.pollNext(c)).toBe(END);
    expect(p.polls).toBe(2);
    expect(p.cancelled).toBe(1);
  });

  it('take(0) never pulls and cancels the source', () => {
    const p = new Probe([1]);
    expect(p.take(0).pollNext(cx())).toBe(END);
    expect(p.polls).toBe(0);
    expect(p.cancelled).toBe(1);
  });

  it('cancel() on the outermost combinator reaches the source', () => {
    const p = new Probe([1, 2, 3]);
    p.map((x) => x)
      .filter(() => true)
      .chunks(2)
      .cancel();
    expect(p.cancelled).toBe(1);
  });

  it('chunks yields a partial last chunk and waits (not yields) on a pending source', () => {
    const [tx, rx] = unboundedChannel<number>();
    const s = rx.chunks(3);
    const c = cx();
    tx.send(1);
    tx.send(2);
    expect(s.pollNext(c)).toBe(PENDING);
    tx.send(3);
    expect(s.pollNext(c)).toEqual([1, 2, 3]);
    tx.send(4);
    tx.close();
    expect(s.pollNext(c)).toEqual([4]);
    expect(s.pollNext(c)).toBe(END);
  });

  it('next() gives items then END and does not own the stream', async () => {
    const p = new Probe(['a']);
    const n = p.next();
    expect(await n).toBe('a');
    expect(await p.next()).toBe(END);
    const c = p.next();
    c.cancel();
    expect(p.cancelled).toBe(0);
  });
});

describe('takeUntil', () => {
  it('stops when the future settles and cancels the source', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const [stopTx, stopRx] = oneshot<void>();
    const s = rx.takeUntil(stopRx);
    const c = cx();
    tx.send(1);
    expect(s.pollNext(c)).toBe(1);
    expect(s.pollNext(c)).toBe(PENDING);
    stopTx.send();
    tx.send(2); // the stop future is polled first, as in Rust
    expect(s.pollNext(c)).toBe(END);
    expect(() => tx.send(3)).toThrow(); // the receiver was cancelled
  });

  it('works with a promise as the stop signal, from a task', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const stop = deferred<void>();
    const got: number[] = [];
    const h = spawn(rx.takeUntil(stop.promise).forEach((v) => void got.push(v)));
    tx.send(1);
    tx.send(2);
    await settle();
    stop.resolve();
    await h;
    expect(got).toEqual([1, 2]);
    expect(tx.isClosed).toBe(true);
  });

  it('an error of the stop future also stops the stream (and cancels the source)', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const stop = deferred<void>();
    const got: number[] = [];
    const h = spawn(rx.takeUntil(stop.promise).forEach((v) => void got.push(v)));
    tx.send(1);
    await settle();
    stop.reject(new Error('stop'));
    await h; // ends normally: the error is only a stop signal, as in Rust
    expect(got).toEqual([1]);
    expect(tx.isClosed).toBe(true);
  });

  it('cancels the stop future when the source ends first, or when cancelled itself', () => {
    const n = new Notify();
    const stop1 = n.notified();
    const s1 = new Probe([1]).takeUntil(stop1);
    const c = cx();
    expect(s1.pollNext(c)).toBe(1);
    expect(n.waiters.length).toBe(1);
    expect(s1.pollNext(c)).toBe(END);
    expect(n.waiters.length).toBe(0);
    expect(stop1.isFinished).toBe(true);

    const stop2 = n.notified();
    const p2 = new Probe<number>([]);
    const s2 = p2.takeUntil(stop2);
    s2.cancel(); // before any poll: still owns the stop future
    expect(stop2.isFinished).toBe(true);
    expect(p2.cancelled).toBe(1);
  });
});

describe('buffered / bufferUnordered', () => {
  it('buffered(n): at most n in flight, results in source order', async () => {
    const ds = [deferred<string>(), deferred<string>(), deferred<string>(), deferred<string>()];
    let started = 0;
    const src = fromIterable([0, 1, 2, 3]).map((i) => {
      started++;
      return ds[i]!.promise;
    });
    const out: string[] = [];
    const h = spawn(src.buffered(2).forEach((v) => void out.push(v)));
    await settle();
    expect(started).toBe(2);
    ds[1]!.resolve('b');
    await settle();
    expect(out).toEqual([]); // 'a' not done yet: order is kept
    expect(started).toBe(2);
    ds[0]!.resolve('a');
    await settle();
    expect(out).toEqual(['a', 'b']);
    expect(started).toBe(4);
    ds[3]!.resolve('d');
    ds[2]!.resolve('c');
    await h;
    expect(out).toEqual(['a', 'b', 'c', 'd']);
  });

  it('bufferUnordered(n): results as they finish, still at most n in flight', async () => {
    const ds = [deferred<string>(), deferred<string>(), deferred<string>()];
    let started = 0;
    const src = fromIterable([0, 1, 2]).map((i) => {
      started++;
      return ds[i]!.promise;
    });
    const out: string[] = [];
    const h = spawn(src.bufferUnordered(2).forEach((v) => void out.push(v)));
    await settle();
    expect(started).toBe(2);
    ds[1]!.resolve('b');
    await settle();
    expect(out).toEqual(['b']);
    expect(started).toBe(3);
    ds[2]!.resolve('c');
    await settle();
    ds[0]!.resolve('a');
    await h;
    expect(out).toEqual(['b', 'c', 'a']);
  });

  it('buffers tspoll futures too, and an error surfaces at its place in the order', async () => {
    const [tx1, rx1] = oneshot<number>();
    const [tx2, rx2] = oneshot<number>();
    const s = fromIterable([rx1, rx2]).buffered(2);
    const c = cx();
    expect(s.pollNext(c)).toBe(PENDING);
    tx2.close(); // rx2 fails
    tx1.send(1);
    expect(s.pollNext(c)).toBe(1);
    expect(() => s.pollNext(c)).toThrow(/channel closed/);
    expect(s.pollNext(c)).toBe(END);
  });

  it('cancel() cancels the in-flight futures and the source', () => {
    const n = new Notify();
    const p = new Probe([n.notified(), n.notified(), n.notified()]);
    const s = p.bufferUnordered(2);
    expect(s.pollNext(cx())).toBe(PENDING);
    expect(n.waiters.length).toBe(2);
    s.cancel();
    expect(n.waiters.length).toBe(0);
    expect(p.cancelled).toBe(1);
  });
});

describe('merge', () => {
  it('interleaves fairly and ends when every input ends', async () => {
    const a = fromIterable(['a1', 'a2', 'a3']);
    const b = fromIterable(['b1', 'b2']);
    expect(await a.merge(b).collect()).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('takes items from whichever input has one', async () => {
    const [tx1, rx1] = unboundedChannel<number>();
    const [tx2, rx2] = unboundedChannel<number>();
    const s = merge(rx1, rx2);
    const c = cx();
    expect(s.pollNext(c)).toBe(PENDING);
    tx2.send(2);
    expect(c.wakes).toBe(1);
    expect(s.pollNext(c)).toBe(2);
    tx1.close();
    tx2.close();
    expect(s.pollNext(c)).toBe(END);
  });

  it('cancel() cancels every input', () => {
    const a = new Probe([1]);
    const b = new Probe([2]);
    a.merge(b).cancel();
    expect([a.cancelled, b.cancelled]).toEqual([1, 1]);
  });
});

describe('forEach / collect', () => {
  it('forEach awaits a returned future before pulling the next item', async () => {
    const p = new Probe([1, 2, 3]);
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const seen: number[] = [];
    const h = spawn(
      p.forEach((v) => {
        seen.push(v);
        return gates[v - 1]!.promise;
      }),
    );
    await settle();
    expect(seen).toEqual([1]);
    expect(p.polls).toBe(1);
    gates[0]!.resolve();
    await settle();
    expect(seen).toEqual([1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await h;
    expect(seen).toEqual([1, 2, 3]);
  });

  it('an error from the callback fails the future and cancels the stream', async () => {
    const p = new Probe([1, 2]);
    await expect(
      p.forEach(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(p.cancelled).toBe(1);
  });

  it('aborting the task running forEach cancels the stream and the awaited future', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const n = new Notify();
    const h = spawn(rx.forEach(() => n.notified()));
    tx.send(1);
    await settle();
    expect(n.waiters.length).toBe(1);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(n.waiters.length).toBe(0);
    expect(tx.isClosed).toBe(true);
  });

  it('collect cancelled before its first poll cancels the stream', () => {
    const p = new Probe([1]);
    p.collect().cancel();
    expect(p.cancelled).toBe(1);
  });

  it('long ready streams spend the cooperative budget, so other tasks interleave', async () => {
    const log: string[] = [];
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const a = spawn(fromIterable(range(600)).forEach(() => void log.push('a')));
    const b = spawn(fromIterable(range(600)).forEach(() => void log.push('b')));
    await a;
    await b;
    const switches = log.filter((x, i) => i > 0 && x !== log[i - 1]).length;
    expect(switches).toBeGreaterThan(2);
  });
});

describe('channels as streams with combinators', () => {
  it('a bounded channel receiver through map/filter/take, collected', async () => {
    const [tx, rx] = channel<number>(2);
    const producer = spawn(
      (async () => {
        for (let i = 1; i <= 10; i++) await tx.send(i);
        tx.close();
      })(),
    );
    const got = await rx
      .filter((x) => x % 2 === 1)
      .map((x) => x * x)
      .take(3)
      .collect();
    expect(got).toEqual([1, 9, 25]);
    // take() dropped the receiver, so the producer's next send fails
    await expect(producer).rejects.toThrow(/receiver was dropped or closed/);
  });

  it('fromAsyncIterable returns a Stream unchanged', () => {
    const p = new Probe([1]);
    expect(fromAsyncIterable(p)).toBe(p);
  });
});

describe('types (checked by sync-types.test.ts)', () => {
  it('combinators infer their item types', () => {
    const nums = fromIterable([1, 2, 3]);
    expectTypeOf(nums.map(String)).toEqualTypeOf<Stream<string>>();
    expectTypeOf(nums.filter((x): x is 1 => x === 1)).toEqualTypeOf<Stream<1>>();
    expectTypeOf(nums.chunks(2)).toEqualTypeOf<Stream<number[]>>();
    expectTypeOf(nums.map((x) => Promise.resolve(`${x}`)).buffered(2)).toEqualTypeOf<Stream<string>>();
    const [, rx] = oneshot<boolean>();
    expectTypeOf(fromIterable([rx]).bufferUnordered(2)).toEqualTypeOf<Stream<boolean>>();
    expectTypeOf(nums.collect()).resolves.toEqualTypeOf<number[]>();
    expectTypeOf(nums.next()).resolves.toEqualTypeOf<number | typeof END>();
    const [, crx] = channel<Date>(1);
    expectTypeOf(crx.recv()).resolves.toEqualTypeOf<Date | undefined>();
    expectTypeOf(merge(crx, crx.map((d) => d))).toEqualTypeOf<Stream<Date>>();
  });
});
