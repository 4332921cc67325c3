// Tasks (ABI.md, section 8). A task is the root of a tree of futures that a runtime drives: it is
// the tree's Context and its Waker, so polling allocates nothing (ABI.md, section 2).
//
// As in Tokio, where the task cell holds the future, a lowered call that starts eagerly and
// suspends is its own task: `Machine` extends `TaskBase`, so the frame, the context and the
// waker are one object. Any other future is spawned inside a `Task` cell, which polls it.
import {
  Cancelled,
  type Context,
  DONE_ERR,
  DONE_OK,
  type Future,
  FUTURE,
  FutureBase,
  type Pending,
  PENDING,
  POLLING,
  SPAWNED,
  type Waker,
} from '../future/future.js';
import { abortScope } from './signal.js';
import { type AsyncScope, captureAsyncScope } from '../scheduler/host.js';
import { taskOf } from '../future/stamp.js';

// Task states ($ts).
export const IDLE = 0; // waiting for a wake
export const QUEUED = 1; // in the run queue
export const RUNNING = 2; // being polled
export const NOTIFIED = 3; // being polled, and woken meanwhile: poll again
export const FINISHED = 4;

// Flags ($tf).
export const OBSERVED = 1; // someone takes the result: a join, a `then`, an `await`
const ABORT = 2; // abort() came while the task was being polled
export const WAKER_TAKEN = 4; // the current (or last) poll read `cx.waker`
const EAGER = 8; // a lowered call started it: its caller holds a promise of the result

export const COOP_BUDGET = 128;
/**
 * The budget of a call's first poll (`start`): below zero, so its first await yields, as a
 * native await does, and the caller's code after the call runs before the code after the
 * await; loop heads (`consumeBudget`) do not yield on it, since the body's synchronous part runs
 * at the call natively.
 */
export const FIRST_POLL_BUDGET = -1;

/** What a task needs from the runtime it runs on (scheduler/runtime.ts implements it). */
export interface Scheduler {
  readonly budget: number;
  /** Poll timings and counters are kept (RuntimeOptions.instrument). */
  readonly instrument: boolean;
  readonly trackSpawnLocations: boolean;
  now(): number;
  /** A woken task goes to the run queue. */
  schedule(t: TaskBase<unknown>): void;
  /** Poll an idle task now, in the promise reaction that woke it; false if it must be scheduled instead. */
  runNow(t: TaskBase<unknown>): boolean;
  /** The task is live: listed by `dump()` until it finishes. */
  link(t: TaskBase<unknown>): void;
  unlink(t: TaskBase<unknown>): void;
  /** A task failed and nobody can receive the error. */
  reportTaskError(e: unknown, t: TaskBase<unknown>): void;
  /**
   * Counters (and the spawn site) for a task being started, when the runtime instruments or
   * tracks spawn sites: kept by task/introspect.ts, null when the program does not load it.
   */
  newStats(): TaskStats | null;
}

/** Introspection of one task, kept only when the runtime instruments or tracks spawn sites. */
export interface TaskStats {
  polls: number;
  wakes: number;
  busyMs: number;
  maxPollMs: number;
  lastPolledAt: number;
  spawnedAt: number;
  location: string | undefined;
  /** After each poll; `t0` is when it started, or -1 when polls are not timed. */
  polled(t0: number): void;
}

let nextId = 1;

/** The task being polled right now, on any runtime (JavaScript has one thread). */
export let currentTask: TaskBase<unknown> | null = null;

/** The runtime a task started outside any task belongs to (the scheduler installs it). */
let defaultScheduler: () => Scheduler = () => {
  throw new Error('no runtime is loaded');
};
export function setDefaultScheduler(fn: () => Scheduler): void {
  defaultScheduler = fn;
}

/** The runtime of the task being polled, or the default one. */
export function currentScheduler(): Scheduler {
  return currentTask !== null ? currentTask.$rt! : defaultScheduler();
}

const noop = (): void => {};
/**
 * A task's joiners are kept in an array up to this many, then in a Set: a waker polls its join
 * again and again while it waits, so each is looked up before it is added, and 100k tasks
 * awaiting one shared call must not make that quadratic. A Set iterates in insertion order:
 * the joiners are woken in the order they came, as a promise's reactions run.
 */
const JOINERS_IN_ARRAY = 8;

/**
 * The task half of a task cell: scheduling state, the budget, joiners, the live list. The
 * future it drives is `$root()`: the object itself for a machine, the spawned future for a
 * `Task`. Its outcome is kept in the FutureBase fields (`$st`, `$out`, `$sub`).
 */
export abstract class TaskBase<T> extends FutureBase<T> implements Context, Waker {
  declare budget: number;
  /** Task state (IDLE .. FINISHED). */
  declare $ts: number;
  /** The runtime driving it; null until the task starts. */
  declare $rt: Scheduler | null;
  /** Flags (OBSERVED, ABORT, WAKER_TAKEN). */
  declare $tf: number;
  /** Wakers of joiners: none, one, a few, or a set of many (JOINERS_IN_ARRAY). */
  declare $jn: Waker | Waker[] | Set<Waker> | null;
  // The runtime's intrusive list of live tasks.
  declare $prev: TaskBase<unknown> | null;
  declare $next: TaskBase<unknown> | null;
  /** 0 until the task is linked. */
  declare $id: number;
  declare $stats: TaskStats | null;
  /** The host's async context the task runs its polls in (host.ts), once it is live. */
  declare $scope: AsyncScope | null;

  constructor() {
    super();
    this.budget = 0;
    this.$ts = IDLE;
    this.$rt = null;
    this.$tf = 0;
    this.$jn = null;
    this.$prev = null;
    this.$next = null;
    this.$id = 0;
    this.$stats = null;
    this.$scope = null;
  }

  /** The future this task drives. */
  abstract $root(): Future<T>;
  /** One poll of the root future, with this task as its context. */
  protected abstract $pollRoot(): T | Pending;

  /** The task is its own waker; reading it marks the waker as handed out in this poll. */
  get waker(): Waker {
    this.$tf |= WAKER_TAKEN;
    return this;
  }

  wake(): void {
    const s = this.$ts;
    if (this.$stats !== null) this.$stats.wakes++;
    if (s === IDLE) {
      this.$ts = QUEUED;
      this.$rt!.schedule(this as TaskBase<unknown>);
    } else if (s === RUNNING) {
      this.$ts = NOTIFIED;
    }
  }

  /**
   * Woken by a promise reaction (bridge.ts), with no task polling: poll now, where the native
   * continuation would run, when the runtime allows it (runNow), else wake as usual.
   */
  $resume(): void {
    if (this.$ts === IDLE && currentTask === null && this.$rt!.runNow(this as TaskBase<unknown>)) {
      if (this.$stats !== null) this.$stats.wakes++;
      return;
    }
    this.wake();
  }

  /**
   * The thenable this call returned settled (AdoptionBridge): poll now, even inside another
   * task's poll. Past the body the poll runs no user code, it settles the call, as a native
   * resolving function settles its promise wherever it is called.
   */
  $resumeAnywhere(): void {
    if (currentTask === null) return this.$resume();
    if (this.$ts !== IDLE) return this.wake();
    if (this.$stats !== null) this.$stats.wakes++;
    this.$run();
  }

  /**
   * Start as a task of `rt`: link it, and keep stats if the runtime wants them. `eager`: a
   * lowered call started it, and its caller gets a promise of the result (call.ts).
   */
  $link(rt: Scheduler, eager = false): void {
    this.$bind(rt, eager);
    this.$list();
  }

  /** Become a task of `rt`, not yet in its live list (`start` lists a call only if it suspends). */
  $bind(rt: Scheduler, eager: boolean): void {
    this.$rt = rt;
    this.$st = SPAWNED;
    this.$task = this as never;
    this.$cx = null;
    if (eager) this.$tf = EAGER;
    if (rt.instrument || rt.trackSpawnLocations) this.$stats = rt.newStats();
  }

  /** Enter the runtime's live list (dump(), taskCount): a task is listed until it finishes. */
  $list(): void {
    this.$id = nextId++;
    this.$scope = captureAsyncScope(); // the context of the call or spawn, for the later polls
    this.$rt!.link(this as TaskBase<unknown>);
  }

  /** Poll the root future once. Called by the runtime (and by `start`, call.ts) only. */
  $run(budget: number = this.$rt!.budget): void {
    // A task can finish while queued: an abort whose cancellation woke the task itself.
    if (this.$ts === FINISHED) return;
    this.$ts = RUNNING;
    this.budget = budget;
    this.$tf &= ~WAKER_TAKEN;
    const stats = this.$stats;
    const t0 = stats !== null && this.$rt!.instrument ? performance.now() : -1;
    const prev = currentTask;
    currentTask = this as TaskBase<unknown>;
    let r: T | Pending;
    try {
      const scope = this.$scope;
      r = scope === null ? this.$pollRoot() : scope.runInAsyncScope(this.$pollRoot, this);
    } catch (e) {
      currentTask = prev;
      if (stats !== null) stats.polled(t0);
      return this.$complete(false, e);
    }
    currentTask = prev;
    if (stats !== null) stats.polled(t0);
    if (r !== PENDING) return this.$complete(true, r);
    if (this.$st >= DONE_OK) return this.$completeFromRoot(); // e.g. an unwind that just ended
    if ((this.$tf & ABORT) !== 0) {
      this.$tf &= ~ABORT;
      return this.$abortNow();
    }
    if (this.$ts === NOTIFIED) {
      this.$ts = QUEUED;
      this.$rt!.schedule(this as TaskBase<unknown>);
    } else {
      this.$ts = IDLE;
    }
  }

  /** Stop the task at its current await (or at its next one, if it is running now). */
  $abort(): void {
    const s = this.$ts;
    if (s === FINISHED) return;
    if (s === RUNNING || s === NOTIFIED) this.$tf |= ABORT;
    else this.$abortNow();
  }

  private $abortNow(): void {
    abortScope(this); // currentSignal() of the task, before its finally blocks run
    const f = this.$root();
    // The unwind runs finally blocks: they see this task as current (spawn, timers), as in a poll.
    const prev = currentTask;
    currentTask = this as TaskBase<unknown>;
    const drop = (): void => (f instanceof FutureBase ? f.$drop(this) : f.cancel());
    try {
      // The finally blocks run in the task's async context, as its polls do.
      const scope = this.$scope;
      if (scope === null) drop();
      else scope.runInAsyncScope(drop, undefined);
    } finally {
      currentTask = prev;
    }
    if (f.$st >= DONE_OK) return this.$completeFromRoot();
    // A finally block is awaiting: keep polling the unwinding future until it ends.
    if (this.$ts === IDLE) this.wake();
  }

  private $completeFromRoot(): void {
    const f = this.$root() as FutureBase<T>;
    if (f.$st === DONE_OK) this.$complete(true, f.$out);
    else this.$complete(false, f.$st === DONE_ERR ? f.$out : new Cancelled());
  }

  /** The root finished: settle (a machine settled itself already), wake joiners, report. */
  protected $complete(ok: boolean, out: unknown): void {
    if (this.$ts === FINISHED) return;
    this.$ts = FINISHED;
    if (this.$st < DONE_OK) {
      if (ok) this.$ready(out as T);
      else this.$fail(out);
    }
    if (this.$id !== 0) this.$rt!.unlink(this as TaskBase<unknown>);
    if (this.$scope !== null) {
      this.$scope.emitDestroy();
      this.$scope = null;
    }
    const jn = this.$jn;
    this.$jn = null;
    if (jn !== null) {
      if (Array.isArray(jn) || jn instanceof Set) for (const w of jn) w.wake();
      else jn.wake();
    }
    if (ok) return;
    // A future spawned by its `then` notified its subscribers through $ready/$fail already.
    const root = this.$root() as FutureBase<T>;
    if (root !== this && root.$sub !== null) this.$tf |= OBSERVED;
    const handled = (this.$tf & OBSERVED) !== 0 || out instanceof Cancelled;
    const sub = this.$sub;
    if (sub !== null) {
      // The promise a caller holds reports an unhandled failure itself, as native code does;
      // it is handled already when a lowered awaiter took the error, or for cancellation.
      if (handled) sub.promise.then(undefined, noop);
      return;
    }
    // A failed eager start with no promise yet: `start` returns a rejected one.
    if (!handled && (this.$tf & EAGER) === 0) this.$rt!.reportTaskError(out, this as TaskBase<unknown>);
  }

  /** Someone takes the result: a pending unhandled-failure report is withdrawn. */
  $observe(): void {
    if ((this.$tf & OBSERVED) !== 0) return;
    this.$tf |= OBSERVED;
    const sub = this.$sub;
    if (this.$st === DONE_ERR && sub !== null) sub.promise.then(undefined, noop);
  }

  /** Register a waker for completion (join handles). */
  $addJoiner(w: Waker): void {
    this.$observe();
    const jn = this.$jn;
    if (jn === null) this.$jn = w;
    else if (jn instanceof Set) jn.add(w);
    else if (Array.isArray(jn)) {
      if (jn.includes(w)) return;
      if (jn.length < JOINERS_IN_ARRAY) jn.push(w);
      else this.$jn = new Set(jn).add(w);
    } else if (jn !== w) this.$jn = [jn, w];
  }

  /** A handle to await the result (or abort the task). */
  $join(): JoinHandle<T> {
    return new JoinHandle(this);
  }

  /** What dump() and join handles show as the task's name. */
  $name(): string {
    const root = this.$root() as { poll?: { $info?: { name: string } }; $label?: string };
    return root.poll?.$info?.name ?? root.$label ?? root.constructor.name;
  }
}

/** A spawned future that is not a machine, in a cell of its own. */
export class Task<T> extends TaskBase<T> {
  private handle: JoinHandle<T> | null = null;
  /** The context that drove the future before it was promoted into this task (see pollSlot). */
  $from: Context | null = null;

  constructor(
    private readonly inner: Future<T>,
    private readonly label: string | undefined,
  ) {
    super();
  }

  $root(): Future<T> {
    return this.inner;
  }

  protected $pollRoot(): T | Pending {
    return this.inner.poll(this);
  }

  /** Spawned futures are driven by the task, never polled through it. */
  override poll(): T | Pending {
    throw new Error('a Task is not polled: await its join handle');
  }

  override $join(): JoinHandle<T> {
    return (this.handle ??= new JoinHandle(this));
  }

  override $name(): string {
    return this.label ?? super.$name();
  }
}

/**
 * The handle `spawn` returns: await it for the task's result, `abort()` it to stop the
 * task. Dropping it (never awaiting it) detaches the task. Any number of awaiters may
 * await one handle.
 *
 * It is one field, the task: every awaiter polls it in place ($shared), it is never claimed,
 * spawned or settled itself, and its promise is the task's, so the future fields a FutureBase
 * carries are constants on its prototype (below) and `then`/`catch`/`finally` are FutureBase's.
 */
export class JoinHandle<T> implements Future<T> {
  declare readonly [FUTURE]: true;
  declare $st: number;
  declare $cx: Context | null;
  declare then: FutureBase<T>['then'];
  declare catch: FutureBase<T>['catch'];
  declare finally: FutureBase<T>['finally'];

  constructor(readonly task: TaskBase<T>) {}

  poll(cx: Context): T | Pending {
    const t = this.task;
    if (t.$ts !== FINISHED) {
      t.$addJoiner(cx.waker);
      return PENDING;
    }
    t.$observe();
    return t.$settled();
  }

  /** Stop the task (see TaskBase.abort). */
  abort(): void {
    this.task.$abort();
  }

  get isFinished(): boolean {
    return this.task.isFinished;
  }

  // ---- what the task shows (runtime.dump() reads the same fields) ----

  get id(): number {
    return this.task.$id;
  }
  get name(): string {
    return this.task.$name();
  }
  /** Polls so far, for tasks started while the runtime instruments (else undefined). */
  get polls(): number | undefined {
    return this.task.$stats?.polls;
  }
  get wakes(): number | undefined {
    return this.task.$stats?.wakes;
  }
  /** Finished with a value (true), an error (false), or not finished (undefined). */
  get ok(): boolean | undefined {
    return this.task.$ts !== FINISHED ? undefined : this.task.$st === DONE_OK;
  }

  /** Dropping a join handle detaches the task; it does not stop it. */
  cancel(): void {}
  $drop(): void {}

  $promise(): Promise<unknown> {
    const t = this.task;
    t.$observe();
    return t.$promise();
  }
}
{
  const proto = JoinHandle.prototype;
  // POLLING: polled in place by whoever awaits it ($shared). Writable, as on any future (spawn
  // of a handle marks it SPAWNED on the handle itself).
  for (const [k, value] of [['$st', POLLING], ['$cx', null], ['$task', null], ['$sub', null], ['$out', undefined], ['$shared', true]] as const) {
    Object.defineProperty(proto, k, { value, writable: true });
  }
  Object.defineProperty(proto, FUTURE, { value: true });
  for (const k of ['then', 'catch', 'finally', Symbol.toStringTag] as const) {
    Object.defineProperty(proto, k, Object.getOwnPropertyDescriptor(FutureBase.prototype, k)!);
  }
}

/**
 * A join that owns the task: cancelling it aborts the task. A combinator given the promise of a
 * lowered call (`select(f(), sleep(10))`, `timeout(f(), 100)`) owns the call, as it owns a
 * future, so a loser is stopped and its finally blocks run.
 */
export class OwnedJoin<T> extends JoinHandle<T> {
  override cancel(): void {
    this.task.$abort();
  }
  override $drop(): void {
    this.task.$abort();
  }
}

/**
 * What a combinator (or `lazy`) keeps of a child it is given: the child itself, or, for the
 * promise of a lowered call, a join that owns its task, so that dropping the child stops it.
 */
export function own(child: unknown): unknown {
  const t = taskOf(child);
  return t !== undefined ? new OwnedJoin(t) : child;
}

/**
 * Stop a running lowered call (the promise it returned) or a future, at its current await: its
 * enclosing `finally` blocks run and it ends with `Cancelled`. A native promise cannot be
 * stopped: that is a TypeError, not a silent no-op.
 */
export function abort(x: unknown): void {
  const t = taskOf(x);
  if (t !== undefined) return t.$abort();
  if (x instanceof JoinHandle) return x.abort();
  if (x instanceof FutureBase) return x.cancel();
  throw new TypeError('abort(): expected the promise of a lowered async call, a JoinHandle or a future; a native promise cannot be stopped');
}
