// JoinSet (tokio::task::JoinSet): a set of spawned tasks whose results are taken in
// completion order. Closing the set (or disposing it: `using set = new JoinSet()`) aborts
// every task still in it, as dropping a Tokio JoinSet does.
import { type Context, DONE_OK, END, FutureBase, type Pending, PENDING, polledAfterCompletion } from '../future/future.js';
import { FuturesUnordered } from '../combinators/futures_unordered.js';
import { type Awaitable, currentRuntime, type Runtime, type SpawnOptions } from '../scheduler/runtime.js';
import type { JoinHandle } from './task.js';

/** A task's outcome, in `Promise.allSettled` shape. */
export type Settled<T> = { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown };

interface Outcome<T> {
  handle: JoinHandle<T>;
  ok: boolean;
  out: unknown;
}

/** Waits for one task and reports its outcome, never throwing, so the set knows which ended. */
class Entry<T> extends FutureBase<Outcome<T>> {
  constructor(private readonly handle: JoinHandle<T>) {
    super();
  }
  poll(cx: Context): Outcome<T> | Pending {
    let v: T | Pending;
    try {
      v = this.handle.poll(cx);
    } catch (e) {
      return this.$ready({ handle: this.handle, ok: false, out: e });
    }
    if (v === PENDING) return PENDING;
    return this.$ready({ handle: this.handle, ok: true, out: v });
  }
}

export class JoinSet<T> {
  private readonly entries = new FuturesUnordered<Outcome<T>>();
  private readonly handles = new Set<JoinHandle<T>>();

  /** Tasks go to `runtime`, else to the current runtime at each `spawn`. */
  constructor(private readonly runtime?: Runtime) {}

  /** Tasks in the set (running, or finished and not yet joined). */
  get size(): number {
    return this.handles.size;
  }

  get isEmpty(): boolean {
    return this.handles.size === 0;
  }

  /** Spawn a task into the set. Its result is taken by `joinNext`, never reported as unhandled. */
  spawn(future: Awaitable<T>, options?: SpawnOptions): JoinHandle<T> {
    const h = (this.runtime ?? currentRuntime()).spawn(future, options);
    h.task.$observe(); // the set owns the result
    this.handles.add(h);
    this.entries.push(new Entry(h));
    return h;
  }

  /**
   * The next task to finish: its value, its error thrown (`Cancelled` for an aborted task),
   * or `undefined` when the set is empty.
   */
  joinNext(): FutureBase<T | undefined> {
    return new JoinNext<T, T | undefined>(this, false);
  }

  /** As `joinNext`, with the outcome as a value: `{ status, value | reason }`, or `undefined`. */
  joinNextSettled(): FutureBase<Settled<T> | undefined> {
    return new JoinNext<T, Settled<T> | undefined>(this, true);
  }

  /** @internal */
  pollOutcome(cx: Context): Outcome<T> | Pending | typeof END {
    const r = this.entries.pollNext(cx);
    if (r !== PENDING && r !== END) this.handles.delete(r.handle);
    return r;
  }

  /** Abort every task in the set; they remain in it until joined (as `Cancelled`). */
  abortAll(): void {
    for (const h of this.handles) h.abort();
  }

  /** Forget every task without stopping it. */
  detachAll(): void {
    this.handles.clear();
    this.entries.cancel();
  }

  /** Abort every task and empty the set. */
  close(): void {
    this.abortAll();
    this.detachAll();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** Abort every task and wait until all have ended (their finally blocks ran). */
  shutdown(): FutureBase<void> {
    this.abortAll();
    return new Shutdown(this);
  }
}

class JoinNext<T, R> extends FutureBase<R> {
  constructor(
    private readonly set: JoinSet<T>,
    private readonly settled: boolean,
  ) {
    super();
  }
  poll(cx: Context): R | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    const r = this.set.pollOutcome(cx);
    if (r === PENDING) return PENDING;
    if (r === END) return this.$ready(undefined as R);
    if (this.settled) {
      return this.$ready((r.ok ? { status: 'fulfilled', value: r.out } : { status: 'rejected', reason: r.out }) as R);
    }
    if (r.ok) return this.$ready(r.out as R);
    throw this.$fail(r.out);
  }
}

class Shutdown<T> extends FutureBase<void> {
  constructor(private readonly set: JoinSet<T>) {
    super();
  }
  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    for (;;) {
      const r = this.set.pollOutcome(cx);
      if (r === PENDING) return PENDING;
      if (r === END) return this.$ready(undefined);
    }
  }
}
