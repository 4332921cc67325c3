// Ownership of a combinator's children (select, join, timeout, FuturesUnordered): each child
// sits in a `$aw` slot and is polled with `pollSlot`, so claiming, joining a spawned future and
// bridging a promise work exactly as for `await`.
import { type Future, isFuture, NEW } from '../future/future.js';
import { dropAwaited } from '../future/machine.js';
import { abortScope } from '../task/signal.js';

/**
 * Cancel a child the combinator owns. Before the combinator's first poll the children are
 * still NEW (it owns them: cancelling it drops them, as dropping a Rust combinator drops its
 * futures); after it, `$aw` holds what `pollSlot` left there: an owned future (cancelled), a
 * join handle or a promise bridge (detached), or nothing.
 */
export function dropChild(v: unknown): void {
  if (isFuture(v) && (v as Future<unknown>).$st === NEW) v.cancel();
  else dropAwaited(v);
}

/**
 * Drop every child that has not finished (a select's losers, a failed join's siblings):
 * first the signal `currentSignal()` gave it, so its host operations stop, then the child.
 */
export function dropSlots(slots: readonly { done: boolean; $aw: unknown }[]): void {
  for (const s of slots) {
    if (s.done) continue;
    s.done = true;
    const aw = s.$aw;
    s.$aw = undefined;
    abortScope(s);
    dropChild(aw);
  }
}

/** A variadic combinator's children: `f(a, b, c)`, or one array, `f([a, b, c])`. */
export function children(args: IArguments | unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : Array.from(args);
}
