// Hand-written machines for tests, in the shape ABI.md documents for generated code. `gen`
// drives a generator as the body of an async function: `yield x` is `await x`, and the
// generator's own try/catch/finally give the catch and finally semantics, including the
// unwind after cancel() (`return()` runs exactly the finally blocks around the current yield).
import { awaitStep, type Context, defineMachine, Machine, PENDING } from '../../src/index.js';

type Body<T> = () => Generator<unknown, T, any>;

interface GenFrame<T> extends Machine<T> {
  body: Body<T>;
  it: Generator<unknown, T, unknown> | null;
  unwinding: boolean;
}

/** `async function name() { body }`, lowered by hand: call it to get a lazy frame. */
export function gen<T>(body: Body<T>): Machine<T> {
  const f = new Machine<T>(gen$poll as never, undefined) as GenFrame<T>;
  f.body = body;
  f.it = null;
  f.unwinding = false;
  return f;
}

function gen$poll(this: GenFrame<unknown>, cx: Context): unknown {
  let r: unknown;
  let step: IteratorResult<unknown, unknown>;
  try {
    for (;;) {
      switch (this.$s) {
        case 0: // Start
          this.it = this.body();
          step = this.it.next();
          break;
        case 1: // Waiting on $aw
          try {
            if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          } catch (e) {
            this.$aw = undefined;
            step = this.it!.throw(e);
            break;
          }
          step = this.it!.next(r);
          break;
        case -2: // Unwind after cancel(): run the enclosing finally blocks
          this.unwinding = true;
          step = this.it!.return(undefined);
          break;
        default:
          throw new Error('polled after completion');
      }
      if (step.done) return this.unwinding ? this.$unwound() : this.$return(step.value);
      this.$aw = step.value;
      this.$s = 1;
    }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(gen$poll as never, { name: 'gen', states: ['Start', 'Waiting'] });

/** A mock task (tokio-test's `task::spawn`): polls by hand, counts polls and wakes. */
export class MockTask<T> {
  wakes = 0;
  polls = 0;
  readonly cx: Context;
  constructor(
    readonly future: { poll(cx: Context): T | typeof PENDING },
    budget = 128,
  ) {
    const self = this;
    this.cx = { waker: { wake: () => void self.wakes++ }, budget };
    this.budget = budget;
  }
  budget: number;
  poll(): T | typeof PENDING {
    this.polls++;
    this.cx.budget = this.budget;
    return this.future.poll(this.cx);
  }
  /** Woken since the last check; resets the count. */
  takeWoken(): number {
    const n = this.wakes;
    this.wakes = 0;
    return n;
  }
}

export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
