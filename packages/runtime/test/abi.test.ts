// The ABI exercised through hand-written machines in exactly the shape ABI.md documents
// for generated code, so the runtime is checked independently of the compiler.
import { describe, expect, it } from 'vitest';
import {
  awaitStep,
  Cancelled,
  type Context,
  defineMachine,
  DONE_OK,
  FutureError,
  Machine,
  PENDING,
  spawn,
} from '../src/index.js';

// async function double(x) { const v = await x; return v * 2; }
function double(x: unknown) {
  const f = new Machine<number>(double$poll, undefined) as Machine<number> & { x: unknown };
  f.x = x;
  return f;
}
function double$poll(this: Machine<number> & { x: unknown }, cx: Context): number | typeof PENDING {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.$aw = this.x;
          this.$s = 1;
        // falls through
        case 1:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          return this.$return((r as number) * 2);
        case -2:
          return this.$unwound();
        default:
          throw new FutureError('polled after completion');
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(double$poll, { name: 'double', states: ['Start', 'WaitingForX'] });

// async function guarded(log, x) { try { return await x; } finally { log.push('finally'); } }
function guarded(log: string[], x: unknown) {
  const f = new Machine<unknown>(guarded$poll, undefined) as Machine<unknown> & { log: string[]; x: unknown };
  f.log = log;
  f.x = x;
  return f;
}
function guarded$poll(this: Machine<unknown> & { log: string[]; x: unknown }, cx: Context): unknown {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.$aw = this.x;
          this.$s = 1;
        // falls through
        case 1:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          this.log.push('finally');
          return this.$return(r);
        case -2: // unwind: state 1 is inside the try, so run its finally, then stop
          this.log.push('finally');
          return this.$unwound();
        default:
          throw new FutureError('polled after completion');
      }
  } catch (e) {
    throw this.$throw(e);
  }
}

describe('the Future ABI', () => {
  it('is lazy: nothing runs before the first poll', () => {
    let touched = false;
    const x = { get then() { touched = true; return undefined; } };
    double(x);
    expect(touched).toBe(false);
  });

  it('native await starts it and gets the value; ready values need no microtask hop', async () => {
    expect(await double(21)).toBe(42);
    expect(await double(double(5))).toBe(20);
    expect(await double(Promise.resolve(4))).toBe(8);
  });

  it('completes synchronously when every await meets a ready value', () => {
    const f = double(double(1));
    const h = spawn(f);
    expect(h.isFinished).toBe(true);
    expect(f.$st).toBe(DONE_OK);
  });

  it('propagates rejections from bridged promises', async () => {
    await expect(double(Promise.reject(new Error('nope')))).rejects.toThrow('nope');
  });

  it('re-awaiting gives the settled result; polling again is an error', async () => {
    const f = double(3);
    expect(await f).toBe(6);
    expect(await f).toBe(6);
    expect(await double(f)).toBe(12);
    const cx = { waker: { wake() {} }, budget: 10 };
    expect(() => f.poll(cx)).toThrow(FutureError);
  });

  it('stack traces carry the function name', async () => {
    const bad = { then() { throw new Error('in then'); } };
    const err = await double(Promise.resolve(bad)).then(() => null, (e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(double$poll.name).toBe('double');
  });

  it('cancel() runs the enclosing finally and settles Cancelled', async () => {
    const log: string[] = [];
    const g = guarded(log, new Promise(() => {}));
    const h = spawn(g);
    expect(h.isFinished).toBe(false);
    h.abort();
    expect(log).toEqual(['finally']);
    await expect(h).rejects.toBeInstanceOf(Cancelled);
  });

  it('cancel() before the first poll runs nothing', async () => {
    const log: string[] = [];
    const g = guarded(log, 1);
    g.cancel();
    expect(log).toEqual([]);
    await expect(g).rejects.toBeInstanceOf(Cancelled);
  });

  it('two tasks awaiting one future: the second promotes it and both get the value', async () => {
    let resolve!: (v: number) => void;
    const shared = double(new Promise<number>((r) => (resolve = r)));
    const a = spawn(double(shared));
    const b = spawn(double(shared));
    resolve(1);
    expect(await a).toBe(4);
    expect(await b).toBe(4);
  });
});
