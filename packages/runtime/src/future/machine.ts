// The frame class of every generated state machine and the helpers generated code calls
// (ABI.md, section 3). This file is the hot path: keep it small and allocation-free.
import {
  Cancelled,
  type Context,
  DONE_ERR,
  DONE_OK,
  FUTURE,
  type Future,
  FutureBase,
  NEW,
  PENDING,
  type Pending,
  polledAfterCompletion,
  POLLING,
  SPAWNED,
} from './future.js';
import { AdoptionBridge, PromiseBridge } from './bridge.js';
import { Ready } from './ready.js';
import { promote, reportError, spawnCleanup } from './hooks.js';
import { taskOf } from './stamp.js';
import { TaskBase } from '../task/task.js';

export type PollFn = (this: Machine<unknown>, cx: Context) => unknown;

/** The unwind entry state of generated poll functions. */
export const UNWIND = -2;
/** The state of a finished machine. */
export const DONE = -1;
/**
 * The state of an async function's machine whose body returned a thenable: the call's result
 * adopts it, as a promise resolved with it does (`$resolve`). Past the body, so no handler of
 * the body sees what the adoption throws.
 */
export const ADOPTING = -3;
/** What introspection and `--emit-states` call ADOPTING. */
export const ADOPTING_NAME = 'WaitingForReturnValue';

/** What the compiler knows about one machine; read by introspection and `--emit-states`. */
export interface MachineInfo {
  /** The user's function name, used for stack traces. */
  name: string;
  /** State names by state number, e.g. `['Start', 'WaitingForGet', 'WaitingForJson']`. */
  states: readonly string[];
  /** Source text of the await each state waits on ('' for states that wait on nothing). */
  awaits?: readonly string[];
  /** `file:line:col` of the function. */
  loc?: string;
}

export interface PollFnWithInfo extends PollFn {
  $info?: MachineInfo;
}

/** A lowered function's sync-first copy (ABI.md, section 7): `copy(cx, ...args)`. */
export type DirectCopy = (cx: Context, ...args: never[]) => unknown;

/**
 * Once per poll function: give it (and the function's sync-first copy, if it has one) the
 * user's name, for stack traces, and attach its info.
 */
export function defineMachine(poll: PollFnWithInfo, info: MachineInfo, direct?: DirectCopy): void {
  if (poll.$info === info) return;
  poll.$info = info;
  // Closures made many times come named already (by a property key): nothing to redefine.
  if (poll.name !== info.name) Object.defineProperty(poll, 'name', { value: info.name, configurable: true });
  if (direct !== undefined && direct.name !== info.name) Object.defineProperty(direct, 'name', { value: info.name, configurable: true });
}

/** The context for polls made by `cancel()` outside of any task. Its waker is never needed:
 * an unwind that suspends is handed to a cleanup task, which polls with its own context. */
const CLEANUP_CX: Context = { waker: { wake() {} }, budget: Infinity };

export class Machine<T> extends TaskBase<T> {
  declare poll: (cx: Context) => T | Pending;
  /** Current state. */
  declare $s: number;
  /** Operand of the current await. */
  declare $aw: unknown;
  /** The captured `this` of the call. */
  declare $this: unknown;
  /** The state that was suspended when cancellation began. */
  declare $cs: number;

  constructor(poll: PollFn, thisArg: unknown) {
    super();
    this.poll = poll as (cx: Context) => T | Pending;
    this.$s = 0;
    this.$aw = undefined;
    this.$this = thisArg;
    this.$cs = 0;
  }

  /** A machine that starts eagerly (or is spawned) is its own task (ABI.md, section 8). */
  $root(): Future<T> {
    return this;
  }

  protected $pollRoot(): T | Pending {
    return this.poll(this);
  }

  /** Generated code: the body returned `v`. */
  $return(v: T): T {
    this.$s = DONE;
    this.$aw = undefined;
    return this.$ready(v);
  }

  /**
   * Generated code, for a `return v` whose value may be a thenable: the result adopts it, as
   * resolving a promise with it does (its `then` is read once, past the body), else `$return`.
   */
  $resolve(v: unknown, cx: Context): T | Pending {
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return this.$return(v as T);
    this.$s = ADOPTING;
    const then = (v as PromiseLike<unknown>).then;
    if (typeof then === 'function') {
      v = adopt(this, v as PromiseLike<unknown>, then, cx);
      if (v === PENDING) return PENDING;
    }
    return this.$return(v as T);
  }

  /** Generated code, the `default` case of an async function's poll: past the body. */
  $afterBody(cx: Context): T | Pending {
    if (this.$s !== ADOPTING) return polledAfterCompletion();
    const v = pollSlot(this, cx);
    return v === PENDING ? PENDING : this.$return(v as T);
  }

  /** Generated code: an exception left the body. Returns it for the caller to rethrow. */
  $throw(e: unknown): unknown {
    this.$s = DONE;
    this.$aw = undefined;
    return this.$fail(e);
  }

  /** Generated code: unwinding after `cancel()` has run the outermost `finally`. */
  $unwound(): Pending {
    this.$s = DONE;
    this.$aw = undefined;
    this.$fail(new Cancelled());
    return PENDING;
  }

  /** Owner-level cancellation: unwind through the finally blocks around the current await. */
  override $drop(cx?: Context): void {
    const st = this.$st;
    if (st >= DONE_OK) return;
    if (st === NEW || this.$s === 0) {
      // Never started (a spawned frame still in its Start state): no user code runs.
      this.$s = DONE;
      this.$fail(new Cancelled());
      return;
    }
    dropAwaited(this.$aw);
    this.$aw = undefined;
    this.$cs = this.$s;
    this.$s = UNWIND;
    try {
      this.poll(cx ?? CLEANUP_CX);
    } catch (e) {
      // An error from a finally block while cancelling: report it, still end cancelled.
      if (this.$st < DONE_OK) this.$unwound();
      reportError(e);
      return;
    }
    // A finally block is awaiting: a task must finish the unwind. A task aborting its own
    // future (cx given) keeps polling it; otherwise a cleanup task takes it over.
    if (this.$st < DONE_OK && cx === undefined) spawnCleanup(this);
  }
}

/**
 * `return v` of a thenable: the result waits for what it adopts. A future or a lowered call's
 * promise is joined as an await joins it; anything else goes through an AdoptionBridge, which
 * takes the turns of a native promise resolved with `v` (it spends no budget: no await yields).
 */
function adopt(f: { $aw: unknown }, v: PromiseLike<unknown>, then: PromiseLike<unknown>['then'], cx: Context): unknown {
  if ((v as FutureBase<unknown>)[FUTURE] === true || taskOf(v) !== undefined) {
    f.$aw = v;
    return awaitStep(f, cx);
  }
  const b = new AdoptionBridge(v, then, f);
  b.$cx = cx;
  f.$aw = b;
  return pollSlot(f, cx); // PENDING: `then` is called in a microtask
}

/**
 * A sync-first copy's `return v` (section 7), as `$resolve`: `v`, or the adopted thenable's
 * value; PENDING with a frame of `poll` left adopting it for the caller (as `suspended`).
 */
export function resolveDirect(v: unknown, cx: Context, poll: PollFn): unknown {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
  const then = (v as PromiseLike<unknown>).then;
  if (typeof then !== 'function') return v;
  const slot = { $aw: undefined as unknown };
  const r = adopt(slot, v as PromiseLike<unknown>, then, cx);
  if (r !== PENDING) return r;
  const f = frameFor(poll);
  f.$s = ADOPTING;
  f.$aw = slot.$aw;
  return suspended(f, cx);
}

/** Drop the operand of an await: cancel a future we own, detach anything else. */
export function dropAwaited(aw: unknown): void {
  if (typeof aw === 'object' && aw !== null && (aw as FutureBase<unknown>).$st === POLLING) {
    (aw as FutureBase<unknown>).cancel();
  }
}

/**
 * One step of `await frame.$aw` (ABI.md, section 3): spend a budget unit, then `pollSlot`.
 * Returns the value, or PENDING after arranging a wake-up, or throws the awaited error.
 */
export function awaitStep(f: { $aw: unknown }, cx: Context): unknown {
  if (--cx.budget < 0) {
    yieldAt(f, cx);
    return PENDING;
  }
  return pollSlot(f, cx);
}

/**
 * The budget ran out at an await: the task yields to the host before it goes on (it is woken
 * for the next turn), but the await does now all it would do but continue. It polls its
 * operand: an unstarted call runs its body up to its first await, as a native call does before
 * the caller's await yields, and a promise gets its handler at once, as a native await
 * registers one (a promise that rejected before the next turn would otherwise be an unhandled
 * rejection). What the poll found settled waits in `f.$aw` for the continuation.
 */
function yieldAt(f: { $aw: unknown }, cx: Context): void {
  cx.waker.wake();
  let r: unknown;
  try {
    r = pollSlot(f, cx);
  } catch (e) {
    f.$aw = new Settled(false, e);
    return;
  }
  if (r !== PENDING) f.$aw = new Settled(true, r);
}

/** What an await that yielded found settled (yieldAt): its poll gives the outcome. */
class Settled extends FutureBase<unknown> {
  constructor(ok: boolean, out: unknown) {
    super();
    this.$st = ok ? DONE_OK : DONE_ERR;
    this.$out = out;
  }
  poll(_cx: Context): unknown {
    return this.$settled();
  }
}

/**
 * Poll whatever `f.$aw` holds, with no budget spent (combinators use this for children).
 * The fast path is a future this context already owns.
 */
export function pollSlot(f: { $aw: unknown }, cx: Context): unknown {
  const v = f.$aw as FutureBase<unknown>;
  // The brand first: of an operand that is not a future, native `await` reads only `then`
  // (a Proxy may throw on any other name: chai's assertion objects do).
  if (typeof v === 'object' && v !== null && v[FUTURE] === true) {
    if (v.$cx !== cx) {
      // A future nobody polled yet (`await f(x)` on a fresh call): claim it.
      if (v.$st !== NEW) return pollSlow(f, v, cx);
      v.$st = POLLING;
      v.$cx = cx;
    }
    const r = v.poll(cx);
    if (r !== PENDING) f.$aw = undefined;
    return r;
  }
  return pollSlow(f, v, cx);
}

function pollSlow(f: { $aw: unknown }, v: FutureBase<unknown>, cx: Context): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    if (v[FUTURE] === true) {
      const st = v.$st;
      // A future claimed by the context this task's future was promoted out of belongs to
      // that future's subtree, which moved into this task with it: re-claim it, so that
      // cancelling the moved future still cancels it (instead of promoting it once more).
      const moved = st === POLLING && v.$cx !== null && v.$cx === (cx as { $from?: Context | null }).$from;
      if (st === NEW || (st === POLLING && v.$shared) || moved) {
        if (st === NEW || moved) {
          v.$st = POLLING; // claim it: from now on only this context polls it directly
          v.$cx = cx;
        }
        const r = v.poll(cx);
        if (r !== PENDING) f.$aw = undefined;
        return r;
      }
      if (st === POLLING || st === SPAWNED) {
        // Driven by another task (or by a task of its own): join instead of polling.
        f.$aw = (st === POLLING ? promote(v) : v.$task!).$join();
        return pollSlot(f, cx);
      }
      f.$aw = undefined;
      return v.$settled(); // DONE: the settled result, as awaiting a Promise twice gives
    }
    const task = taskOf(v);
    if (task !== undefined) {
      // A promise a lowered call returned: join its task, with no `then` and no microtask hop
      // (and no join handle when it has finished).
      if (task.$st >= DONE_OK) {
        f.$aw = undefined;
        task.$observe();
        return task.$settled();
      }
      f.$aw = task.$join();
      return pollSlot(f, cx);
    }
    const then = (v as unknown as PromiseLike<unknown>).then;
    if (typeof then === 'function') {
      const bridge = new PromiseBridge(v as unknown as PromiseLike<unknown>, then);
      bridge.$cx = cx;
      f.$aw = bridge;
      const r = bridge.poll(cx);
      if (r !== PENDING) f.$aw = undefined;
      return r;
    }
  }
  f.$aw = undefined;
  return v;
}

// ---- sync-first calls (ABI.md, section 7) ---------------------------------------------------
// A direct call runs a lowered body on the caller's stack; only when it really suspends does it
// build its frame. The operand a suspended direct call (or awaitValue) leaves behind travels to
// the caller through this one register, set just before returning PENDING and taken by the
// caller at once, so nothing is allocated to carry it.
let held: unknown = undefined;

/** The frame or operand the PENDING just returned by a direct call or `awaitValue` waits on. */
export function takeHeld(): unknown {
  const h = held;
  held = undefined;
  return h;
}

/**
 * `await v` without a frame (direct-call bodies): as `awaitStep`, but the operand is an
 * argument. On PENDING, what to resume with (the claimed future, a join or a promise bridge)
 * is left for `takeHeld()`.
 */
export function awaitValue(v: unknown, cx: Context): unknown {
  if (--cx.budget < 0) {
    const slot = { $aw: v };
    yieldAt(slot, cx);
    held = slot.$aw;
    return PENDING;
  }
  if (typeof v === 'object' && v !== null) {
    const fut = v as FutureBase<unknown>;
    if (fut[FUTURE] !== true) return awaitSlow(v, cx); // as pollSlot: nothing but `then` is read
    if (fut.$cx !== cx) {
      if (fut.$st !== NEW) return awaitSlow(v, cx);
      fut.$st = POLLING;
      fut.$cx = cx;
    }
    const r = fut.poll(cx);
    if (r === PENDING) held = fut;
    return r;
  }
  return typeof v === 'function' ? awaitSlow(v, cx) : v;
}

/** The rare operands (joins, promises, settled futures) go through pollSlow with a slot. */
function awaitSlow(v: unknown, cx: Context): unknown {
  const slot = { $aw: v };
  const r = pollSlow(slot, v as FutureBase<unknown>, cx);
  if (r === PENDING) held = slot.$aw;
  return r;
}

/** Generated code: a direct call at an await suspended; the frame now awaits what it left. */
export function adoptHeld(f: { $aw: unknown }): Pending {
  f.$aw = takeHeld();
  return PENDING;
}

// Frames a direct call built are seen by nobody but the machine awaiting them (user code never
// holds them), so once one finishes, that machine recycles it for the function's next
// suspension: a loop whose direct call suspends every time reuses one frame.
interface WithSpares extends PollFnWithInfo {
  $spare?: Machine<unknown>[];
}
const MAX_SPARES = 16;

/** The frame a sync-first copy suspends into: a recycled one of its machine, or a new one. */
export function frameFor(poll: PollFn): Machine<unknown> {
  const spare = ((poll as WithSpares).$spare ??= []);
  const f = spare.pop();
  if (f === undefined) return new Machine(poll, undefined);
  f.$st = NEW;
  return f;
}

/** `pollSlot` for the state of a direct call: a frame that finishes goes back to its machine. */
export function pollDirect(f: { $aw: unknown }, cx: Context): unknown {
  const v = f.$aw;
  // The frame this context owns is polled here, not through pollSlot: resuming a chain of
  // suspended calls then takes two JS frames per level, not three (the JS stack bounds its depth).
  const r = v instanceof Machine && v.$cx === cx ? v.poll(cx) : pollSlot(f, cx);
  if (r === PENDING) return r;
  f.$aw = undefined;
  if (v instanceof Machine) recycle(v);
  return r;
}

/**
 * Keep a finished frame for its machine's next suspension: only frames of machines with a copy
 * (a spare list), finished with a value, that nobody subscribed to or spawned (they never
 * reached user code, so that holds; checked anyway).
 */
function recycle(v: Machine<unknown>): void {
  const spare = (v.poll as unknown as WithSpares).$spare;
  if (spare === undefined || spare.length >= MAX_SPARES || v.$st !== DONE_OK || v.$sub !== null || v.$task !== null) return;
  v.$out = undefined;
  spare.push(v);
}

/**
 * `await f(x)` whose callee finished at the call, with no budget left: yield once with the value,
 * as an await that finds no budget does. A call's first poll has none (FIRST_POLL_BUDGET), so
 * until a call has returned to a caller that did not await it, every await yields, as natively,
 * and the caller's code after the call runs before the code after the await.
 */
export function hop(v: unknown, cx: Context): true {
  cx.waker.wake();
  held = new Ready(v);
  return true;
}

/** A direct call suspends: its new frame `f` is claimed by `cx` and handed to the caller. */
export function suspended(f: FutureBase<unknown>, cx: Context): Pending {
  f.$st = POLLING;
  f.$cx = cx;
  held = f;
  return PENDING;
}

/**
 * Spend one budget unit at a loop head (and in hand-written futures that loop over ready
 * children). A budget already below zero is a call's first poll (FIRST_POLL_BUDGET): its loops
 * run on, and its awaits yield.
 */
export function consumeBudget(cx: Context): boolean {
  const b = cx.budget;
  if (b > 0) {
    cx.budget = b - 1;
    return true;
  }
  if (b < 0) return true;
  cx.waker.wake();
  return false;
}

