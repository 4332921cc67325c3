// select / race: the first child to finish wins; the others are cancelled.
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion } from '../future/future.js';
import { pollSlot } from '../future/machine.js';
import { enterScope, leaveScope } from '../task/signal.js';
import { children, dropSlots } from './child.js';
import { ChildSlot } from './join.js';

/** Which child won, and its value: a union over the children, discriminated by `index`. */
export type SelectResult<T extends readonly unknown[]> = {
  [K in keyof T]: { index: K extends `${infer N extends number}` ? N : number; value: Awaited<T[K]> };
}[number];

export class Select<R> extends FutureBase<R> {
  private readonly slots: ChildSlot[];

  /** `tagged`: resolve with `{ index, value }` (select) rather than the bare value (race). */
  constructor(
    children: readonly unknown[],
    private readonly tagged: boolean,
  ) {
    super();
    const n = children.length;
    this.slots = new Array(n);
    for (let i = 0; i < n; i++) this.slots[i] = new ChildSlot(children[i]);
  }

  poll(cx: Context): R | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const slots = this.slots;
    // In argument order ("biased", as Promise.race picks the first of several settled).
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      let r: unknown;
      const outer = enterScope(s); // each child has its own currentSignal(), aborted if it loses
      try {
        r = pollSlot(s, cx);
      } catch (e) {
        leaveScope(outer);
        s.done = true;
        dropSlots(this.slots);
        throw this.$fail(e);
      }
      leaveScope(outer);
      if (r !== PENDING) {
        s.done = true;
        dropSlots(this.slots);
        return this.$ready((this.tagged ? { index: i, value: r } : r) as R);
      }
    }
    return PENDING;
  }

  protected override $onCancel(): void {
    dropSlots(this.slots);
  }
}

/**
 * Wait for the first child to finish and resolve with `{ index, value }`; the losers are
 * cancelled (their finally blocks run) before the result is delivered. If the first child
 * to finish throws, the others are cancelled and `select` throws that error. Children are
 * polled in argument order, so when several are ready at once the first one wins.
 */
export function select<const T extends readonly unknown[]>(futures: T): Select<SelectResult<T>>;
export function select<T extends unknown[]>(...futures: T): Select<SelectResult<T>>;
export function select(): Select<unknown> {
  return new Select(children(arguments), true);
}

/** As `select`, resolving with the winner's bare value (Promise.race, with cancellation). */
export function race<const T extends readonly unknown[]>(futures: T): Select<Awaited<T[number]>>;
export function race<T extends unknown[]>(...futures: T): Select<Awaited<T[number]>>;
export function race(): Select<unknown> {
  return new Select(children(arguments), false);
}
