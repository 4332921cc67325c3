// The Future ABI (ABI.md, sections 1, 4 and 5): the brand, the sentinels, status codes,
// and the base class that gives every runtime future its Promise interop and settling.

export const ABI_VERSION = 2;

/** Brand of every tspoll future. `Symbol.for`, so copies of the runtime interoperate. */
export const FUTURE: unique symbol = Symbol.for('tspoll.future@2') as never;
/** Returned by `poll` when the future cannot finish yet. */
export const PENDING: unique symbol = Symbol.for('tspoll.pending@1') as never;
export type Pending = typeof PENDING;
/** Returned by `pollNext` when a stream has ended. */
export const END: unique symbol = Symbol.for('tspoll.end@1') as never;
export type End = typeof END;

// Status codes ($st). `$st < SPAWNED` means "a future that the awaiter may poll itself".
export const NEW = 0;
export const POLLING = 1;
export const SPAWNED = 2;
export const DONE_OK = 3;
export const DONE_ERR = 4;

export interface Waker {
  wake(): void;
}

export interface Context {
  readonly waker: Waker;
  /** Cooperative budget: units left in this task poll (ABI.md, section 2). */
  budget: number;
}

export interface Future<T> extends PromiseLike<T> {
  readonly [FUTURE]: true;
  $st: number;
  poll(cx: Context): T | Pending;
  cancel(): void;
}

/** Raised by futures used against the ABI (e.g. polled after completion). */
export class FutureError extends Error {
  override name = 'FutureError';
}

/** The error a cancelled future settles with, and that awaiting it throws. */
export class Cancelled extends Error {
  override name = 'Cancelled';
  constructor(message = 'the future was cancelled') {
    // No stack: cancellation is routine (every select loser, every abort) and not a fault, and
    // capturing a stack costs about 8x the rest of the error (Tokio's cancelled JoinError has
    // no backtrace either).
    const E = Error as { stackTraceLimit?: number };
    const limit = E.stackTraceLimit;
    if (typeof limit !== 'number') {
      super(message);
      return;
    }
    E.stackTraceLimit = 0;
    super(message);
    E.stackTraceLimit = limit;
  }
}

export function isFuture(v: unknown): v is Future<unknown> {
  return typeof v === 'object' && v !== null && (v as { [FUTURE]?: unknown })[FUTURE] === true;
}

export function polledAfterCompletion(): never {
  throw new FutureError('polled after completion: a finished future must not be polled again (await it instead)');
}

/** Installed by the scheduler: spawns a NEW future for `then` on the default runtime. */
let spawnForThen: (f: FutureBase<unknown>) => void = () => {
  throw new FutureError('no runtime is loaded');
};
export function setThenSpawner(fn: (f: FutureBase<unknown>) => void): void {
  spawnForThen = fn;
}

interface Subscription {
  promise: Promise<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/**
 * Base class of every future in the runtime, including generated machines.
 * Subclasses implement `poll` and settle through `$ready` / `$fail` when they finish.
 */
export abstract class FutureBase<T> implements Future<T> {
  declare $st: number;
  /** Settled value or error. */
  declare $out: unknown;
  /** Promise handed to `then` callers; created on first use only. */
  declare $sub: Subscription | null;
  /** The task that owns this future when it is SPAWNED. */
  declare $task: { $abort(): void; $join(): Future<T> } | null;
  /** The context that claimed this future on its first await; only it polls directly. */
  declare $cx: Context | null;

  constructor() {
    this.$st = NEW;
    this.$out = undefined;
    this.$sub = null;
    this.$task = null;
    this.$cx = null;
  }

  /** Futures that any number of awaiters may poll at once (join handles) say so here. */
  declare $shared: boolean;

  abstract poll(cx: Context): T | Pending;

  declare readonly [FUTURE]: true;

  get [Symbol.toStringTag](): string {
    return 'Future';
  }

  /** True once the future has settled (value, error or cancellation). */
  get isFinished(): boolean {
    return this.$st >= DONE_OK;
  }

  /** Settle with a value; returns it so `poll` can `return this.$ready(v)`. */
  $ready(v: T): T {
    this.$st = DONE_OK;
    this.$cx = null;
    this.$out = v;
    const sub = this.$sub;
    if (sub !== null) sub.resolve(v);
    return v;
  }

  /** Settle with an error; returns it so the caller can `throw this.$fail(e)`. */
  $fail(e: unknown): unknown {
    this.$st = DONE_ERR;
    this.$cx = null;
    this.$out = e;
    const sub = this.$sub;
    if (sub !== null) sub.reject(e);
    return e;
  }

  /** The settled result of a finished future: its value, or its error thrown. */
  $settled(): T {
    if (this.$st === DONE_OK) return this.$out as T;
    throw this.$out;
  }

  /**
   * Stop the future (ABI.md, section 5). The base version suits leaf futures with
   * nothing to unwind: it detaches and settles with `Cancelled`.
   */
  cancel(): void {
    const st = this.$st;
    if (st >= DONE_OK) return;
    if (st === SPAWNED) this.$task!.$abort();
    else this.$drop();
  }

  /**
   * Cancellation by the owner (the awaiting machine, a combinator, or the owning task).
   * Leaf futures release their registrations in `$onCancel`; machines unwind instead.
   * `cx` is the owning task's context when a task aborts its own future.
   */
  $drop(_cx?: Context): void {
    if (this.$st >= DONE_OK) return;
    this.$onCancel();
    this.$fail(new Cancelled());
  }

  /** Hook for leaf futures: release registrations (timers, listeners) on cancel. */
  protected $onCancel(): void {}

  then<R1 = T, R2 = never>(
    onFulfilled?: ((v: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((e: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return (this.$promise() as Promise<T>).then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((e: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return (this.$promise() as Promise<T>).catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return (this.$promise() as Promise<T>).finally(onFinally);
  }

  /** One native promise per future, settled with its outcome. Starts a NEW future. */
  $promise(): Promise<unknown> {
    let sub = this.$sub;
    if (sub !== null) return sub.promise;
    const st = this.$st;
    if (st === DONE_OK) return Promise.resolve(this.$out);
    if (st === DONE_ERR) return Promise.reject(this.$out);
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.$sub = sub = { promise, resolve, reject };
    if (st === NEW) spawnForThen(this as FutureBase<unknown>);
    return promise;
  }
}

// Data properties on the prototype (not getters): they are read on every await.
Object.defineProperty(FutureBase.prototype, FUTURE, { value: true });
Object.defineProperty(FutureBase.prototype, '$shared', { value: false, writable: true });
