// The current-thread runtime: a run queue of woken tasks, each polled in a microtask queued
// at its wake (tasks woken together share one), with a yield to the host event loop every
// `eventInterval` polls on runtimes that have one. Several runtimes may live in one process
// (the seed's primary/secondary design); each has its own queue, budget and timers.
import {
  type Context,
  DONE_OK,
  type Future,
  FutureBase,
  isFuture,
  NEW,
  POLLING,
  setThenSpawner,
  SPAWNED,
} from '../future/future.js';
import { installHooks } from '../future/hooks.js';
import { fromPromise } from '../future/bridge.js';
import { ready } from '../future/ready.js';
import { COOP_BUDGET, currentTask, OBSERVED, type JoinHandle, type Scheduler, setDefaultScheduler, Task, TaskBase, type TaskStats } from '../task/task.js';
import { taskOf } from '../future/stamp.js';
import type { DumpOptions, RuntimeDump } from '../task/introspect.js';
import { queueJob, queueMacrotask } from './host.js';
import type { PauseOptions, TimerDriver } from '../time/driver.js';
import { RingQueue } from './queue.js';
import { joinWakes } from './wakes.js';

/** Anything that can be awaited: a future, a promise or thenable, or a plain value. */
export type Awaitable<T> = Future<T> | PromiseLike<T> | T;

export interface SpawnOptions {
  /** Shown by `runtime.dump()`. Defaults to the future's function name. */
  name?: string;
}

export interface RuntimeOptions {
  name?: string;
  /** Budget units per task poll (Tokio: 128). */
  budget?: number;
  /**
   * Task polls between yields to the host event loop and timer checks (Tokio: 61). The default
   * runtime has none (`Infinity`): it runs its tasks in microtasks, as native promises do.
   */
  eventInterval?: number;
  /** Receives errors of detached tasks. Default: an unhandled rejection, as native code gets. */
  onTaskError?: (error: unknown, task: JoinHandle<unknown>) => void;
  /**
   * Record where each task was spawned (a stack capture per spawn), with its poll and wake
   * counts, for `dump()`: only while introspection is loaded (docs/introspection.md).
   */
  trackSpawnLocations?: boolean;
  /**
   * Count and time every task poll for `dump()` (polls, wakes, busy/idle/longest poll, the
   * never-yields and long-pending warnings), while introspection is loaded. Off by default:
   * two clock reads per poll are a measurable share of a message round trip.
   */
  instrument?: boolean;
  /** Start with the clock paused (virtual time; see `pauseTime`). */
  startPaused?: boolean;
}

/** The hooks a timer driver gives the runtime (see time/). */
export interface TimeDriver {
  /** The runtime's clock, in ms. Virtual when paused. */
  now(): number;
  /** Fire expired timers. */
  fireExpired(): void;
  /** The run queue has emptied. */
  onIdle(): void;
}

/**
 * What task/introspect.ts installs when it loads: `dump()`, and the per-task counters and spawn
 * sites it reads. A program that does not import introspection does not bundle it (the live
 * list it reads is kept anyway).
 */
export interface Inspector {
  dump(rt: Runtime, options?: DumpOptions): RuntimeDump | string;
  newStats(rt: Runtime): TaskStats;
}

let inspector: Inspector | null = null;
export function installInspector(i: Inspector): void {
  inspector = i;
}

/** Makes a runtime's timer driver; time/bind.ts registers it, so only programs with timers bundle it. */
let newTimerDriver: ((rt: Runtime) => TimerDriver) | null = null;
export function registerTimerDriver(make: (rt: Runtime) => TimerDriver): void {
  newTimerDriver = make;
}

let runtimeCount = 0;

export class Runtime implements Scheduler {
  readonly name: string;
  readonly budget: number;
  readonly eventInterval: number;
  readonly trackSpawnLocations: boolean;
  /** See RuntimeOptions.instrument; may be switched on later (installDumpSignal does). */
  instrument: boolean;
  private readonly queue = new RingQueue<TaskBase<unknown>>();
  /** The runtime yielded to the host (a macrotask) after `eventInterval` polls. */
  private yielding = false;
  private readonly onTaskError: ((e: unknown, t: JoinHandle<unknown>) => void) | undefined;
  /** Installed by time/ on first use. */
  timeDriver: TimeDriver | null = null;
  private liveHead: TaskBase<unknown> | null = null;
  private liveCount = 0;

  constructor(options: RuntimeOptions = {}) {
    this.name = options.name ?? `runtime-${++runtimeCount}`;
    this.budget = options.budget ?? COOP_BUDGET;
    this.eventInterval = options.eventInterval ?? 61;
    this.onTaskError = options.onTaskError;
    this.trackSpawnLocations = options.trackSpawnLocations ?? false;
    this.instrument = options.instrument ?? false;
    if (options.startPaused === true) this.pauseTime();
  }

  /** No task is queued and no yield to the host is pending. */
  get isIdle(): boolean {
    return this.queue.length === 0 && !this.yielding;
  }

  /** This runtime's timers (time/driver.ts), created on first use. */
  timers(): TimerDriver {
    let d = this.timeDriver as TimerDriver | null;
    if (d === null) {
      if (newTimerDriver === null) throw new Error('no timer driver: a bundle has one once it uses sleep, timeout or interval');
      this.timeDriver = d = newTimerDriver(this);
    }
    return d;
  }

  /**
   * Freeze this runtime's clock (virtual time). While paused and idle, the clock jumps to
   * the next timer (unless `autoAdvance: false`), so hour-long sleeps finish at once.
   */
  pauseTime(options?: PauseOptions): void {
    this.timers().pause(options);
  }

  /** Let the clock run again, from the virtual time it reached. */
  resumeTime(): void {
    this.timers().resume();
  }

  /** Move the paused clock forward by `ms`, firing the timers on the way in order. */
  advance(ms: number): Promise<void> {
    return this.timers().advance(ms);
  }

  now(): number {
    return this.timeDriver !== null ? this.timeDriver.now() : performance.now();
  }

  /**
   * The live tasks with their state names, logical backtraces, counters and warnings
   * (task/introspect.ts, docs/introspection.md). `format: 'text'` gives the printable report.
   */
  dump(options: DumpOptions & { format: 'text' }): string;
  dump(options?: DumpOptions): RuntimeDump;
  dump(options?: DumpOptions): RuntimeDump | string {
    if (inspector === null) throw new Error("dump(): load '@tspoll/runtime/introspect' first");
    return inspector.dump(this, options);
  }

  /** Number of tasks not yet finished. */
  get taskCount(): number {
    return this.liveCount;
  }

  /** The live tasks, oldest first. */
  tasks(): TaskBase<unknown>[] {
    const out: TaskBase<unknown>[] = [];
    for (let t = this.liveHead; t !== null; t = t.$next) out.push(t);
    return out.reverse();
  }

  /**
   * Start a task. Outside any task's poll, the new task is polled once right here, so no
   * deferral is forced on the run path; inside a poll it is queued, which keeps polls from
   * nesting (and deep spawn chains from growing the stack).
   */
  spawn<T>(awaitable: Awaitable<T>, options?: SpawnOptions): JoinHandle<T> {
    const running = taskOf(awaitable); // a promise a lowered call returned: its task
    if (running !== undefined) return running.$join() as JoinHandle<T>;
    const f = toFuture(awaitable) as FutureBase<T>;
    const st = f.$st;
    if (st === SPAWNED) return (f.$task as unknown as TaskBase<T>).$join();
    let task: TaskBase<T>;
    if (f instanceof TaskBase && st === NEW && options?.name === undefined) {
      task = f; // a machine is its own task
    } else {
      const cell = new Task(f, options?.name);
      const owner = f.$cx;
      if (st === POLLING && owner !== null) {
        cell.$from = owner; // what `owner` claimed below `f` moves with it (see pollSlot)
        owner.waker.wake(); // the old owner will join
      }
      if (st < DONE_OK) {
        f.$st = SPAWNED;
        f.$task = cell as never;
        f.$cx = null;
      }
      task = cell;
    }
    task.$link(this);
    if (st >= DONE_OK || currentTask !== null) task.wake();
    else task.$run();
    return task.$join();
  }

  /** Called by a task that starts: it is live until it finishes. */
  link(t: TaskBase<unknown>): void {
    const head = this.liveHead;
    t.$next = head;
    if (head !== null) head.$prev = t;
    this.liveHead = t;
    this.liveCount++;
  }

  /** Called by a task that finished. */
  unlink(t: TaskBase<unknown>): void {
    if (t.$prev !== null) t.$prev.$next = t.$next;
    else if (this.liveHead === t) this.liveHead = t.$next;
    else return;
    if (t.$next !== null) t.$next.$prev = t.$prev;
    t.$prev = t.$next = null;
    this.liveCount--;
  }

  /** Counters and spawn sites are only read by dump(): without introspection none are kept. */
  newStats(): TaskStats | null {
    return inspector !== null ? inspector.newStats(this) : null;
  }

  /** Called by a woken task. */
  schedule(t: TaskBase<unknown>): void {
    this.queue.push(t);
    if (this.yielding) return;
    // A microtask per woken task, queued at the wake: the task runs where a native continuation
    // woken here would, after the microtasks queued before it and before those queued after.
    // Tasks woken together share one (scheduler/wakes.ts).
    if (joinWakes(this)) this.batched++;
    else queueJob(this.drain);
  }

  /** Tasks woken together since the batch opened: one job polls them all. */
  private batched = 0;
  /** The size of each batch whose job is queued, oldest first. */
  private readonly batches = new RingQueue<number>();

  /** @internal (scheduler/wakes.ts) */
  $closeBatch(): void {
    const n = this.batched;
    this.batched = 0;
    if (n === 1) queueJob(this.drain);
    else if (n > 1) {
      this.batches.push(n);
      queueJob(this.drainBatch);
    }
  }

  /**
   * Poll `t` in the promise reaction that woke it, where its native continuation would run. The
   * tasks queued now have their microtasks behind this one, so none is overtaken; during a yield
   * to the host they were woken first, and `t` queues behind them.
   */
  runNow(t: TaskBase<unknown>): boolean {
    if (this.yielding) return false;
    t.$run();
    if (this.queue.length === 0) this.idle();
    return true;
  }

  /** The job of one woken task. Queued before a yield to the host, it leaves it to `resume`. */
  private readonly drain = (): void => {
    if (!this.yielding) this.pollHead(1);
  };

  /** The job of tasks woken together. */
  private readonly drainBatch = (): void => {
    const n = this.batches.shift()!;
    if (!this.yielding) this.pollHead(n);
  };

  /** Poll `n` tasks from the head of the queue; after `eventInterval` polls, yield to the host. */
  private pollHead(n: number): void {
    const queue = this.queue;
    for (; n > 0; n--) {
      const t = queue.shift();
      if (t === undefined) return;
      t.$run();
      if (++this.polls === this.eventInterval) {
        this.polls = 0;
        if (this.timeDriver !== null) this.timeDriver.fireExpired();
        if (queue.length > 0) {
          this.yielding = true;
          queueMacrotask(this.resume); // let I/O callbacks and host timers in
          return;
        }
      }
    }
    if (queue.length === 0) this.idle();
  }
  private polls = 0;

  /** After a yield to the host: a microtask for each task queued meanwhile, in queue order. */
  private readonly resume = (): void => {
    this.yielding = false;
    const n = this.queue.length;
    for (let i = 0; i < n; i++) queueJob(this.drain);
    if (n === 0) this.idle();
  };

  private idle(): void {
    this.polls = 0;
    if (this.timeDriver !== null) this.timeDriver.onIdle();
  }

  /** A detached task failed: report it as the host reports an unhandled rejection. */
  reportTaskError(error: unknown, task: TaskBase<unknown>): void {
    const handler = this.onTaskError;
    if (handler === undefined) {
      // The task's promise, rejected, so a join attached later in the same tick still prevents
      // the report (observe() handles it), exactly as for native promises.
      task.$sub = { promise: Promise.reject(error), resolve: noop, reject: noop };
      return;
    }
    queueMacrotask(() => {
      if ((task.$tf & OBSERVED) === 0) handler(error, task.$join());
    });
  }
}

const noop = (): void => {};

/** Turn anything awaitable into a future. */
export function toFuture<T>(v: Awaitable<T>): Future<T> {
  if (isFuture(v)) return v as Future<T>;
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    const then = (v as PromiseLike<T>).then;
    if (typeof then === 'function') return fromPromise(v as PromiseLike<T>);
  }
  return ready(v as T);
}

let defaultRt: Runtime | null = null;

/**
 * The default runtime, created on first use: where lowered code runs. It does not yield to the
 * host between tasks (no `eventInterval`), as native continuations run in microtasks until none
 * is left: with a yield, 61 woken calls would let a timer or an I/O callback in among them, and
 * `await new Promise(setImmediate)` would no longer wait for every pending continuation.
 */
export function defaultRuntime(): Runtime {
  return (defaultRt ??= new Runtime({ name: 'default', eventInterval: Number.POSITIVE_INFINITY }));
}

/** The runtime of the task being polled, or the default runtime outside of any task. */
export function currentRuntime(): Runtime {
  return currentTask !== null ? (currentTask.$rt as Runtime) : defaultRuntime();
}

/** Spawn on the current runtime. */
export function spawn<T>(awaitable: Awaitable<T>, options?: SpawnOptions): JoinHandle<T> {
  return currentRuntime().spawn(awaitable, options);
}

/** The context of the task being polled. Hand-written futures rarely need it. */
export function currentContext(): Context | null {
  return currentTask;
}

setThenSpawner((f) => void defaultRuntime().spawn(f));
setDefaultScheduler(defaultRuntime);
installHooks({
  report(e) {
    void Promise.reject(e);
  },
  cleanup(f) {
    currentRuntime().spawn(f, { name: 'cancel-cleanup' });
  },
  promote(f) {
    return (currentRuntime().spawn(f) as JoinHandle<unknown>).task;
  },
});

