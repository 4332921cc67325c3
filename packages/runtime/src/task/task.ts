// A task: a future driven by a runtime. The task is its own Context and its own Waker, so
// polling allocates nothing (ABI.md, section 2).
import {
  Cancelled,
  type Context,
  DONE_ERR,
  DONE_OK,
  type Future,
  FutureBase,
  type Pending,
  PENDING,
  POLLING,
  type Waker,
} from '../future/future.js';
import type { Runtime } from '../scheduler/runtime.js';
import { abortScope } from './signal.js';

// Task states.
const IDLE = 0; // waiting for a wake
const QUEUED = 1; // in the run queue
const RUNNING = 2; // being polled
const NOTIFIED = 3; // being polled, and woken meanwhile: poll again
const DONE = 4;

export const COOP_BUDGET = 128;

let nextId = 1;

/** The task being polled right now, on any runtime (JavaScript has one thread). */
export let currentTask: Task<unknown> | null = null;

export class Task<T> implements Context, Waker {
  readonly id = nextId++;
  budget = 0;
  state = IDLE;
  /** Set when someone is interested in the result: a join, a `then`, an `await`. */
  observed = false;
  /** The context that drove this task's future before it was promoted into the task. */
  $from: Context | null = null;
  private abortRequested = false;
  private joiners: Waker[] | null = null;
  private handle: JoinHandle<T> | null = null;
  /** Outcome once DONE: `ok` tells which of value/error `out` holds. */
  ok = false;
  out: unknown = undefined;
  /** A failure nobody observed yet, reported as an unhandled rejection (see Runtime). */
  rejection: Promise<unknown> | null = null;
  // Introspection counters (read by runtime.dump()).
  polls = 0;
  wakes = 0;
  busyMs = 0;
  /** The longest single poll, and when the last poll ended (performance.now()). */
  maxPollMs = 0;
  lastPolledAt = 0;
  /**
   * Whether the current (or last) poll read `cx.waker`, i.e. could have registered it
   * somewhere. A task left pending without doing so cannot be woken (task/introspect.ts).
   */
  wakerTaken = false;
  readonly spawnedAt: number;
  // The runtime's intrusive list of live tasks.
  prev: Task<unknown> | null = null;
  next: Task<unknown> | null = null;

  constructor(
    readonly runtime: Runtime,
    readonly future: Future<T>,
    readonly name: string,
    readonly location: string | undefined,
  ) {
    this.spawnedAt = runtime.now();
  }

  get isFinished(): boolean {
    return this.state === DONE;
  }

  /** The task is its own waker; reading it marks the waker as handed out in this poll. */
  get waker(): Waker {
    this.wakerTaken = true;
    return this;
  }

  wake(): void {
    this.wakes++;
    const s = this.state;
    if (s === IDLE) {
      this.state = QUEUED;
      this.runtime.schedule(this);
    } else if (s === RUNNING) {
      this.state = NOTIFIED;
    }
  }

  /** Poll the future once. Called by the runtime only. */
  run(): void {
    // A task can finish while queued: an abort whose cancellation woke the task itself.
    if (this.state === DONE) return;
    this.state = RUNNING;
    this.budget = this.runtime.budget;
    this.polls++;
    this.wakerTaken = false;
    const prev = currentTask;
    currentTask = this as Task<unknown>;
    const f = this.future;
    let r: T | Pending;
    try {
      r = f.poll(this);
    } catch (e) {
      currentTask = prev;
      this.complete(false, e);
      return;
    }
    currentTask = prev;
    if (r !== PENDING) return this.complete(true, r);
    if (f.$st >= DONE_OK) return this.completeFrom(f); // e.g. an unwind that just ended
    if (this.abortRequested) {
      this.abortRequested = false;
      return this.abortNow();
    }
    if (this.state === NOTIFIED) {
      this.state = QUEUED;
      this.runtime.schedule(this);
    } else {
      this.state = IDLE;
    }
  }

  /** Stop the task at its current await (or at its next one, if it is running now). */
  abort(): void {
    const s = this.state;
    if (s === DONE) return;
    if (s === RUNNING || s === NOTIFIED) this.abortRequested = true;
    else this.abortNow();
  }

  private abortNow(): void {
    abortScope(this); // currentSignal() of the task, before its finally blocks run
    const f = this.future;
    // The unwind runs finally blocks: they see this task as current (spawn, timers), as in a poll.
    const prev = currentTask;
    currentTask = this as Task<unknown>;
    try {
      if (f instanceof FutureBase) f.$drop(this);
      else f.cancel();
    } finally {
      currentTask = prev;
    }
    if (f.$st >= DONE_OK) return this.completeFrom(f);
    // A finally block is awaiting: keep polling the unwinding future until it ends.
    if (this.state === IDLE) this.wake();
  }

  private completeFrom(f: Future<T>): void {
    if (f.$st === DONE_OK) this.complete(true, (f as FutureBase<T>).$out);
    else this.complete(false, f.$st === DONE_ERR ? (f as FutureBase<T>).$out : new Cancelled());
  }

  private complete(ok: boolean, out: unknown): void {
    if (this.state === DONE) return;
    this.state = DONE;
    this.ok = ok;
    this.out = out;
    this.runtime.unlink(this as Task<unknown>);
    // A future spawned by `then` already notified its subscribers through $ready/$fail.
    if ((this.future as FutureBase<T>).$sub) this.observed = true;
    const joiners = this.joiners;
    this.joiners = null;
    if (joiners !== null) for (const w of joiners) w.wake();
    const h = this.handle;
    if (h !== null && h.$sub !== null) {
      if (ok) h.$sub.resolve(out);
      else h.$sub.reject(out);
    }
    if (!ok && !this.observed && !(out instanceof Cancelled)) this.runtime.reportTaskError(out, this as Task<unknown>);
  }

  /** Someone takes the result: a pending unhandled-rejection report is withdrawn. */
  observe(): void {
    this.observed = true;
    const r = this.rejection;
    if (r !== null) {
      this.rejection = null;
      r.catch(() => {});
    }
  }

  /** Register a waker for completion (join handles). */
  addJoiner(w: Waker): void {
    this.observed = true;
    const js = this.joiners;
    if (js === null) this.joiners = [w];
    else if (!js.includes(w)) js.push(w);
  }

  join(): JoinHandle<T> {
    return (this.handle ??= new JoinHandle(this));
  }
}

/**
 * The handle `spawn` returns: await it for the task's result, `abort()` it to stop the
 * task. Dropping it (never awaiting it) detaches the task. Any number of awaiters may
 * await one handle.
 */
export class JoinHandle<T> extends FutureBase<T> {
  constructor(readonly task: Task<T>) {
    super();
    this.$st = POLLING; // polled in place by whoever awaits it ($shared), never spawned
  }

  poll(cx: Context): T | Pending {
    const t = this.task;
    if (t.state !== DONE) {
      t.addJoiner(cx.waker);
      return PENDING;
    }
    t.observe();
    if (t.ok) return t.out as T;
    throw t.out;
  }

  /** Stop the task (see Task.abort). */
  abort(): void {
    this.task.abort();
  }

  override get isFinished(): boolean {
    return this.task.isFinished;
  }

  /** Dropping a join handle detaches the task; it does not stop it. */
  override cancel(): void {}
  override $drop(): void {}

  override $promise(): Promise<unknown> {
    const t = this.task;
    t.observe();
    if (t.state === DONE) return t.ok ? Promise.resolve(t.out) : Promise.reject(t.out);
    if (this.$sub === null) {
      let resolve!: (v: unknown) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<unknown>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.$sub = { promise, resolve, reject };
    }
    return this.$sub.promise;
  }
}
Object.defineProperty(JoinHandle.prototype, '$shared', { value: true });
