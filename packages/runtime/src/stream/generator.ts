// The frame of a lowered `async function*` (ABI.md, section 6): a Stream whose `pollNext`
// runs the generated poll function, which returns a yielded value, PENDING, or END. It is
// also the native async generator object user code expects: `next(v)`, `return(v)` and
// `throw(e)` return promises of iterator results and are served in order by one task, which
// starts on the caller's stack.
import { type Context, END, type End, FutureBase, PENDING, type Pending, type Waker } from '../future/future.js';
import { reportError, spawnCleanup } from '../future/hooks.js';
import { consumeBudget, DONE, dropAwaited, type PollFn, pollSlot, UNWIND } from '../future/machine.js';
import { currentRuntime } from '../scheduler/runtime.js';
import { FIRST_POLL_BUDGET, Task } from '../task/task.js';
import { isStream, Stream } from './stream.js';

/** How a suspended `yield` resumes (`$m`): with a value, an exception, or a return completion. */
export const RESUME_NEXT = 0;
export const RESUME_THROW = 1;
export const RESUME_RETURN = 2;

const AWAIT_NONE = 0;
const AWAIT_WAITING = 1;
const AWAIT_SETTLED = 2;

const CLEANUP_CX: Context = { waker: { wake() {} }, budget: Infinity };

interface GenRequest {
  mode: number;
  value: unknown;
  /** The resume mode was handed to the machine (it must be handed over exactly once). */
  sent: boolean;
  /** A return() at a yield awaits its value first: AWAIT_NONE, AWAIT_WAITING, AWAIT_SETTLED. */
  awaited: number;
  resolve(r: IteratorResult<unknown> | PromiseLike<IteratorResult<unknown>>): void;
  reject(e: unknown): void;
}

/** What state 0 of a generator with complex parameters returns once they are bound. */
export const BOUND: unique symbol = Symbol('tspoll.bound');

/**
 * Generated code: the wrapper of an async generator with default, destructured or rest
 * parameters returns `bindParams(frame)`. Its state 0 binds them now, at the call, as a native
 * async generator does, so an error there throws from the call; the body waits for next().
 */
export function bindParams<G extends GenMachine<unknown>>(g: G): G {
  g.poll(CLEANUP_CX);
  return g;
}

export class GenMachine<T> extends Stream<T> {
  declare poll: (cx: Context) => T | Pending | End;
  /** Current state; 0 is Start, -1 done, -2 the unwind entry (as Machine). */
  declare $s: number;
  declare $aw: unknown;
  declare $this: unknown;
  declare $cs: number;
  /** Set by the first poll: from then on cancel() unwinds, return()/throw() resume the body. */
  declare $started: boolean;
  /** Resume mode and value for the `yield` the machine is suspended at (RESUME_*). */
  declare $m: number;
  declare $mv: unknown;
  /** The `yield*` delegate in progress, closed when the generator is cancelled. */
  declare $dl: Delegate | undefined;
  /** The value of `return v` (the iterator result's value once done). */
  declare $rv: unknown;
  declare $done: boolean;
  /** @internal */ declare $q: GenRequest[] | null;
  /** @internal */ declare $pump: GenPump | null;

  constructor(poll: PollFn, thisArg: unknown) {
    super();
    initGen(this, poll, thisArg);
  }

  pollNext(cx: Context): T | Pending | End {
    if (this.$done) return END;
    this.$started = true;
    return this.poll(cx);
  }

  /** Generated code: `return v` (after the finally blocks): the stream ends. */
  $return(v: unknown): End {
    this.$s = DONE;
    this.$aw = undefined;
    this.$done = true;
    this.$rv = v;
    return END;
  }

  /** Generated code: an exception left the body. Returns it for the caller to rethrow. */
  $throw(e: unknown): unknown {
    this.$s = DONE;
    this.$aw = undefined;
    this.$dl = undefined;
    this.$done = true;
    return e;
  }

  /** Generated code: the cancel unwind ran the outermost finally. */
  $unwound(): End {
    this.$s = DONE;
    this.$aw = undefined;
    this.$done = true;
    return END;
  }

  /**
   * Runs the finally blocks around the current `yield` or `await` (ABI.md, section 5). If
   * one awaits, a cleanup task finishes the unwinding; it is returned, for a lowered
   * `for await` to await as native code awaits `return()` (other callers may ignore it).
   * An error thrown by a finally block is reported; a lowered `for await` closing the
   * generator passes `close`: `true`, the returned future fails with it (AsyncIteratorClose
   * throws it); `false` (the loop is left by a throw, whose error wins), it is dropped.
   */
  override cancel(close?: boolean): FutureBase<void> | undefined {
    if (this.$done) return undefined;
    // Done for every consumer from now on, while the unwind below (or its task) runs the
    // finally blocks; a pending next() is answered with the end.
    this.$done = true;
    this.$wakePump();
    if (!this.$started || this.$s === 0) {
      this.$s = DONE;
      return undefined;
    }
    dropAwaited(this.$aw);
    this.$aw = undefined;
    const d = this.$dl;
    this.$dl = undefined;
    // Inside yield*: the inner iterator is closed first, and its closing (finally blocks
    // that await, an async return()) ends before this generator's finally blocks run.
    const inner = d !== undefined ? d.close() : undefined;
    this.$m = RESUME_NEXT;
    this.$mv = undefined;
    this.$cs = this.$s;
    this.$s = UNWIND;
    const task = new UnwindTask(this, close, inner);
    try {
      if (task.poll(CLEANUP_CX) !== PENDING) return undefined;
    } catch {
      return task; // failed: awaiting it throws the error
    }
    spawnCleanup(task);
    return task;
  }

  private $wakePump(): void {
    const p = this.$pump;
    if (p !== null && p.waker !== null) p.waker.wake();
  }

  /** As a native async generator object: its own iterator (next/return/throw below). */
  override [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return this as unknown as AsyncIterator<T, undefined>;
  }

  /**
   * @internal Queue one iterator-protocol call. An idle generator is resumed at once, on the
   * caller's stack, as a native next() resumes it: the body runs up to its first await or
   * yield before the call returns (a call made while it runs waits its turn).
   */
  $request(mode: number, value: unknown): Promise<IteratorResult<T>> {
    let req!: GenRequest;
    const promise = new Promise<IteratorResult<T>>((resolve, reject) => {
      req = { mode, value, sent: false, awaited: AWAIT_NONE, resolve: resolve as never, reject };
    });
    (this.$q ??= []).push(req);
    const p = this.$pump;
    if (p === null) {
      const task = new Task((this.$pump = new GenPump(this as GenMachine<unknown>)), 'async-generator');
      task.$link(currentRuntime());
      task.$run(FIRST_POLL_BUDGET); // its first await yields, as a call's does (task.ts)
    } else if (p.waker !== null) p.waker.wake();
    return promise;
  }
}

// The native async generator methods. `Stream.next()` (a future of the next item) is
// replaced: a lowered generator must look like the native object its callers expect.
Object.defineProperties(GenMachine.prototype, {
  next: { value: function next(this: GenMachine<unknown>, v?: unknown) { return this.$request(RESUME_NEXT, v); }, writable: true, configurable: true },
  return: { value: function (this: GenMachine<unknown>, v?: unknown) { return this.$request(RESUME_RETURN, v); }, writable: true, configurable: true },
  throw: { value: function (this: GenMachine<unknown>, e?: unknown) { return this.$request(RESUME_THROW, e); }, writable: true, configurable: true },
  [Symbol.toStringTag]: { value: 'AsyncGenerator', configurable: true },
});

/** The fields of a frame, in the order every frame gets them (one hidden class per prototype). */
function initGen(g: GenMachine<unknown>, poll: PollFn, thisArg: unknown): void {
  g.poll = poll as never;
  g.$s = 0;
  g.$aw = undefined;
  g.$this = thisArg;
  g.$cs = 0;
  g.$started = false;
  g.$m = RESUME_NEXT;
  g.$mv = undefined;
  g.$dl = undefined;
  g.$rv = undefined;
  g.$done = false;
  g.$q = null;
  g.$pump = null;
}

// ---- the function objects ----------------------------------------------------------------

const AsyncGeneratorFunctionPrototype = Object.getPrototypeOf(async function* () {}) as object;

/** A generator's poll function knows the function object it belongs to (one per evaluation). */
interface GenPoll extends PollFn {
  $gf?: { prototype: unknown };
}

/**
 * A lowered async generator function, as it is made (generated code: `$tp.asyncGenFn(wrapper,
 * poll)`): the native [[Prototype]] and, as natively, an own writable `prototype`, here
 * inheriting from GenMachine.prototype, the runtime's %AsyncGeneratorPrototype%.
 */
export function asyncGenFn<F extends object>(wrapper: F, poll?: PollFn): F {
  Object.setPrototypeOf(wrapper, AsyncGeneratorFunctionPrototype);
  const proto = Object.create(GenMachine.prototype) as object;
  if (Object.prototype.hasOwnProperty.call(wrapper, 'prototype')) (wrapper as { prototype: object }).prototype = proto;
  else Object.defineProperty(wrapper, 'prototype', { value: proto, writable: true });
  // Without a poll (code generated before genFrame), objects are plain GenMachines.
  if (poll !== undefined) (poll as GenPoll).$gf = wrapper as { prototype: unknown };
  return wrapper;
}

/**
 * `asyncGenFn` for the lowered async generator methods of `obj` (a class prototype or
 * constructor, an object literal), given as key, poll pairs. An accessor or a later member
 * of the same name that replaced the method is left alone.
 */
export function asyncGenMethods<O extends object>(obj: O, ...keyPolls: unknown[]): O {
  // An indexed loop: the class being made must not depend on the array iterator.
  for (let i = 0; i < keyPolls.length; i += 2) {
    const d = Object.getOwnPropertyDescriptor(obj, keyPolls[i] as PropertyKey);
    if (d !== undefined && typeof d.value === 'function' && Object.getPrototypeOf(d.value) === Function.prototype) asyncGenFn(d.value as object, keyPolls[i + 1] as PollFn);
  }
  return obj;
}

/**
 * Generated code: the frame of a call, which is the generator object: it inherits from the
 * function's `prototype` as it is now, or from GenMachine.prototype when that is not an
 * object (OrdinaryCreateFromConstructor). Made by Object.create, so no prototype changes.
 */
export function genFrame<T>(poll: PollFn, thisArg: unknown): GenMachine<T> {
  const fn = (poll as GenPoll).$gf;
  let proto = fn === undefined ? GenMachine.prototype : fn.prototype;
  if ((typeof proto !== 'object' || proto === null) && typeof proto !== 'function') proto = GenMachine.prototype;
  const g = Object.create(proto as object) as GenMachine<T>;
  initGen(g as GenMachine<unknown>, poll, thisArg);
  return g;
}

/** Finishes a cancel unwind whose finally blocks await; values they yield are dropped. */
class UnwindTask extends FutureBase<void> {
  /** The closing of a `yield*` delegate, awaited first (its errors are reported). */
  $aw: unknown;
  constructor(
    private readonly g: GenMachine<unknown>,
    /** An error of a finally block: true, fail with it; false, drop it; undefined, report it. */
    private readonly close: boolean | undefined,
    inner: unknown,
  ) {
    super();
    this.$aw = inner;
  }
  poll(cx: Context): void | Pending {
    const g = this.g;
    if (this.$aw !== undefined) {
      try {
        if (pollSlot(this, cx) === PENDING) return PENDING;
      } catch (e) {
        reportError(e);
      }
      this.$aw = undefined;
    }
    try {
      while (g.$s !== DONE) if (g.poll(cx) === PENDING) return PENDING;
    } catch (e) {
      g.$unwound();
      if (this.close === true) throw this.$fail(e);
      if (this.close === undefined) reportError(e);
    }
    return this.$ready(undefined);
  }
}

/** Serves the queued next/return/throw calls of one generator, one at a time. */
class GenPump extends FutureBase<void> {
  waker: Waker | null = null;
  constructor(private readonly g: GenMachine<unknown>) {
    super();
  }
  poll(cx: Context): void | Pending {
    this.waker = cx.waker;
    const g = this.g;
    const q = g.$q!;
    while (q.length > 0) {
      const req = q[0]!;
      if (g.$done || (!g.$started && req.mode !== RESUME_NEXT)) {
        // Done (perhaps still unwinding after cancel(): leave $s alone), or not started:
        // return/throw finish it without running the body.
        if (!g.$done) {
          g.$s = DONE;
          g.$done = true;
        }
        q.shift();
        if (req.mode === RESUME_THROW) req.reject(req.value);
        else if (req.mode === RESUME_RETURN) req.resolve(Promise.resolve(req.value).then((value) => ({ value, done: true })));
        else req.resolve({ value: undefined, done: true });
        continue;
      }
      if (!req.sent) {
        if (g.$started && req.mode === RESUME_RETURN && req.awaited !== AWAIT_SETTLED) {
          // A return() at a yield awaits its value before the finally blocks run, and a
          // rejection becomes a throw at the yield (AsyncGeneratorUnwrapYieldResumption).
          // A wake meanwhile (a later call queued) finds it still waiting.
          if (req.awaited === AWAIT_NONE) {
            req.awaited = AWAIT_WAITING;
            const waker = cx.waker;
            Promise.resolve(req.value).then(
              (v) => {
                req.awaited = AWAIT_SETTLED;
                req.value = v;
                waker.wake();
              },
              (e) => {
                req.awaited = AWAIT_SETTLED;
                req.mode = RESUME_THROW;
                req.value = e;
                waker.wake();
              },
            );
          }
          return PENDING;
        }
        req.sent = true;
        if (g.$started) {
          g.$m = req.mode;
          g.$mv = req.value;
        }
      }
      let r: unknown;
      try {
        r = g.pollNext(cx);
      } catch (e) {
        q.shift();
        req.reject(e);
        continue;
      }
      if (r === PENDING) return PENDING;
      q.shift();
      if (r === END) {
        const value = g.$rv;
        g.$rv = undefined;
        req.resolve({ value, done: true });
      } else req.resolve({ value: r, done: false });
      if (q.length > 0 && !consumeBudget(cx)) return PENDING;
    }
    // Idle: a later call spawns a new pump.
    g.$pump = null;
    return this.$ready(undefined);
  }
}

// Results of Delegate.step besides PENDING.
const D_YIELD = 1;
const D_DONE = 2;
const D_RETURN = 3;

const K_ASYNC = 0;
const K_SYNC = 1;
const K_GEN = 2;
const K_STREAM = 3;

/**
 * One `yield* operand` (ABI.md, section 6). `step(frame, cx)` hands the frame's resume mode
 * (next/throw/return) to the inner iterator and returns PENDING, 1 (yield `value`), 2 (the
 * inner iterator is done: `value` is the result of `yield*`) or 3 (it finished a return
 * completion: the generator returns `value`). Errors are thrown at the `yield*`.
 */
export class Delegate {
  $aw: unknown = undefined;
  value: unknown = undefined;
  private readonly kind: number;
  private readonly it: any;
  private mode = RESUME_NEXT;
  /** 0 idle, 1 waiting for the inner result, 2 (sync iterators) waiting for its value. */
  private phase = 0;
  private pendingDone = false;
  private closed = false;

  constructor(operand: unknown) {
    const o = operand as any;
    if (o instanceof GenMachine) {
      this.kind = K_GEN;
      this.it = o;
    } else if (isStream(o)) {
      this.kind = K_STREAM;
      this.it = o;
    } else {
      // GetIterator(o, async): each method is read once and called on `o`; then `next` is
      // read once, as the iterator record keeps it.
      const asyncMethod = o == null ? undefined : o[Symbol.asyncIterator];
      const method = asyncMethod != null ? asyncMethod : o == null ? undefined : o[Symbol.iterator];
      if (method == null) throw new TypeError('yield* operand is not async iterable');
      if (typeof method !== 'function') throw new TypeError(`${String(method)} is not a function`);
      this.kind = asyncMethod != null ? K_ASYNC : K_SYNC;
      this.it = Reflect.apply(method, o, []);
      if ((typeof this.it !== 'object' || this.it === null) && typeof this.it !== 'function') throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
      this.next = this.it.next;
    }
  }

  /** The inner iterator's `next`, read once (native and sync iterators). */
  private readonly next: ((v: unknown) => unknown) | undefined;

  step(frame: { $m: number; $mv: unknown }, cx: Context): number | Pending {
    try {
      return this.stepInner(frame, cx);
    } catch (e) {
      this.closed = true;
      this.phase = 0;
      this.$aw = undefined;
      throw e;
    }
  }

  private stepInner(frame: { $m: number; $mv: unknown }, cx: Context): number | Pending {
    const k = this.kind;
    const it = this.it;
    if (this.phase === 0) {
      const m = frame.$m;
      const v = frame.$mv;
      frame.$m = RESUME_NEXT;
      frame.$mv = undefined;
      this.mode = m;
      if (k === K_GEN) {
        const g = it as GenMachine<unknown>;
        if (!g.$started && m !== RESUME_NEXT) {
          g.$s = DONE;
          g.$done = true;
          if (m === RESUME_THROW) throw v;
          this.value = v;
          return D_RETURN;
        }
        if (!g.$done && g.$started) {
          g.$m = m;
          g.$mv = v;
        }
        this.phase = 1;
      } else if (k === K_STREAM) {
        if (m !== RESUME_NEXT) {
          this.closed = true;
          (it as Stream<unknown>).cancel();
          if (m === RESUME_THROW) throw new TypeError('The iterator does not provide a \'throw\' method');
          this.value = v;
          return D_RETURN;
        }
        this.phase = 1;
      } else {
        let r: unknown;
        if (m === RESUME_NEXT) r = Reflect.apply(this.next as (v: unknown) => unknown, it, [v]);
        else {
          const fn = m === RESUME_THROW ? it.throw : it.return;
          if (fn == null) {
            if (m === RESUME_RETURN) {
              this.value = v;
              return D_RETURN;
            }
            this.close();
            throw new TypeError('The iterator does not provide a \'throw\' method');
          }
          r = fn.call(it, v);
        }
        if (k === K_SYNC) {
          if (Object(r) !== r) throw new TypeError(`Iterator result ${String(r)} is not an object`);
          this.pendingDone = !!(r as IteratorResult<unknown>).done;
          this.$aw = (r as IteratorResult<unknown>).value;
          this.phase = 2;
        } else {
          this.$aw = r;
          this.phase = 1;
        }
      }
    }
    if (k === K_GEN || k === K_STREAM) {
      const r = (it as Stream<unknown>).pollNext(cx);
      if (r === PENDING) return PENDING;
      this.phase = 0;
      if (r === END) {
        this.closed = true;
        this.value = k === K_GEN ? (it as GenMachine<unknown>).$rv : undefined;
        return this.mode === RESUME_RETURN ? D_RETURN : D_DONE;
      }
      this.value = r;
      return D_YIELD;
    }
    const r = pollSlot(this, cx) as IteratorResult<unknown> | Pending;
    if (r === PENDING) return PENDING;
    let done: boolean;
    if (this.phase === 2) {
      this.value = r;
      done = this.pendingDone;
    } else {
      if (Object(r) !== r) throw new TypeError(`Iterator result ${String(r)} is not an object`);
      done = !!r.done;
      this.value = r.value;
    }
    this.phase = 0;
    if (!done) return D_YIELD;
    this.closed = true;
    return this.mode === RESUME_RETURN ? D_RETURN : D_DONE;
  }

  /**
   * The generator was cancelled inside `yield*`: stop the inner iterator too. Returns what
   * to await before the generator's own finally blocks (a cleanup task, a return() promise).
   */
  close(): unknown {
    if (this.closed) return undefined;
    this.closed = true;
    dropAwaited(this.$aw);
    this.$aw = undefined;
    const it = this.it;
    if (this.kind === K_GEN || this.kind === K_STREAM) return (it as Stream<unknown>).cancel();
    try {
      const ret = it.return;
      if (ret == null) return undefined;
      const r = ret.call(it);
      return this.kind === K_ASYNC ? r : undefined;
    } catch (e) {
      reportError(e);
      return undefined;
    }
  }
}

/** Generated code: start `yield* operand`. */
export function yieldStar(operand: unknown): Delegate {
  return new Delegate(operand);
}

