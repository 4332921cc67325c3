// for await over runtime Streams (pollNext polled directly, cancel() on early exit), and
// `using` disposal when a machine is cancelled.
import { describe, expect, it } from 'vitest';
import { Cancelled, fromIterable, pending, spawn, Stream } from '@tspoll/runtime';
import { load, lower } from './lower-helpers.js';

describe('for await over a Stream', () => {
  it('polls pollNext directly and cancels the stream on break', async () => {
    const l = lower(`
      exports.sum = async function sum(stream, log) {
        let total = 0;
        for await (const v of stream) { if (v > 3) break; total += v; log.push(v); }
        return total;
      };`);
    expect(l.diagnostics).toEqual([]);
    const log: number[] = [];
    const src = fromIterable([1, 2, 3, 4, 5]);
    let nexts = 0;
    let cancelled = 0;
    const counting = new (class extends Stream<number> {
      pollNext(cx: never) {
        nexts++;
        return src.pollNext(cx);
      }
      override cancel() {
        cancelled++;
      }
      override [Symbol.asyncIterator](): never {
        throw new Error('the lowered loop must not use the async iterator of a stream');
      }
    })();
    expect(await load(l.code).sum(counting, log)).toBe(6);
    expect(log).toEqual([1, 2, 3]);
    expect(nexts).toBe(4);
    expect(cancelled).toBe(1);
  });
});

describe('using and cancel()', () => {
  it('disposes the resources in scope when the machine is cancelled', async () => {
    const l = lower(`
      exports.hold = async function hold(log, gate) {
        using a = { [Symbol.dispose]() { log.push('dispose a'); } };
        {
          using b = { [Symbol.dispose]() { log.push('dispose b'); } };
          await gate;
        }
        log.push('not reached');
      };`);
    expect(l.diagnostics).toEqual([]);
    const log: string[] = [];
    const h = spawn(load(l.code).hold(log, pending()));
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['dispose b', 'dispose a']);
  });
});
