// Laziness on request (ABI.md, section 8). Calls of lowered functions start at once, as native
// calls do; `lazy` makes the Rust-style future of a call instead, whose body starts when it is
// first polled (awaited, spawned, raced) and which its owner can drop before it ever runs.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion } from './future.js';
import { dropAwaited, pollSlot } from './machine.js';
import { lazyCall } from './call.js';
import { entryOf } from './stamp.js';
import { own } from '../task/task.js';

const NOT_CALLED = Symbol('not called');

export class Lazy<T> extends FutureBase<T> {
  /** The call's future once it is made; before that, NOT_CALLED. */
  $aw: unknown = NOT_CALLED;

  constructor(
    private readonly fn: (...args: never[]) => unknown,
    private readonly args: readonly unknown[],
  ) {
    super();
  }

  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    // A lowered function is called armed: its frame, unstarted, is polled here as part of this
    // future (no task, no promise). Anything else is called as written; a promise of a lowered
    // call it returns is owned, so dropping this future stops that call too.
    if (this.$aw === NOT_CALLED) this.$aw = own(lazyCall(this.fn, undefined, this.args));
    let r: unknown;
    try {
      r = pollSlot(this, cx);
    } catch (e) {
      throw this.$fail(e);
    }
    return r === PENDING ? PENDING : this.$ready(r as T);
  }

  /** The name a task driving this future shows (dump(), join handles). */
  get $label(): string {
    return this.fn.name || 'lazy';
  }

  protected override $onCancel(): void {
    const aw = this.$aw;
    this.$aw = undefined;
    if (aw !== NOT_CALLED) dropAwaited(aw);
  }
}

/**
 * The future of `fn(...args)`, not started: `fn` is called when the future is first polled.
 * With a lowered async function (or arrow, or `lazy(async () => …)`), its body then runs as
 * part of whatever polls the future, as `await fn(...args)` in lowered code would; cancelling
 * the future before that runs nothing, and after it runs the body's enclosing `finally` blocks.
 * `lazy(() => f(x))` works for any function: the call is made at the first poll.
 */
export function lazy<A extends unknown[], T>(fn: (...args: A) => T | PromiseLike<T>, ...args: A): Lazy<Awaited<T>> {
  return new Lazy(fn as (...args: never[]) => unknown, args);
}

/** Whether `fn` is a function the tspoll compiler lowered. */
export function isLowered(fn: unknown): boolean {
  return entryOf(fn) !== undefined;
}
