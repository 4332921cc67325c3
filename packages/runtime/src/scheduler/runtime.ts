// The current-thread runtime: a run queue of woken tasks, drained in batches from the host
// event loop. Several runtimes may live in one process (the seed's primary/secondary
// design); each has its own queue, budget and timers.
import {
  type Context,
  DONE_OK,
  type Future,
  FutureBase,
  isFuture,
  POLLING,
  setThenSpawner,
  SPAWNED,
} from '../future/future.js';
import { installHooks } from '../future/hooks.js';
import { fromPromise } from '../future/bridge.js';
import { ready } from '../future/ready.js';
import { COOP_BUDGET, currentTask, type JoinHandle, Task } from '../task/task.js';
import { dump as dumpTasks, type DumpOptions, type RuntimeDump } from '../task/introspect.js';
import { queueMacrotask } from './host.js';
import { type PauseOptions, TimerDriver } from '../time/driver.js';
import { RingQueue } from './queue.js';

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
  /** Task polls between yields to the host event loop and timer checks (Tokio: 61). */
  eventInterval?: number;
  /** Receives errors of detached tasks. Default: an unhandled rejection, as native code gets. */
  onTaskError?: (error: unknown, task: Task<unknown>) => void;
  /** Record where each task was spawned (a stack capture per spawn). */
  trackSpawnLocations?: boolean;
  /**
   * Time every task poll for `dump()` (busy/idle/longest poll, the never-yields and
   * long-pending warnings). Off by default: two clock reads per poll are a measurable share
   * of a message round trip. Poll and wake counts are always kept.
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

let runtimeCount = 0;

export class Runtime {
  readonly name: string;
  readonly budget: number;
  readonly eventInterval: number;
  readonly trackSpawnLocations: boolean;
  /** See RuntimeOptions.instrument; may be switched on later (installDumpSignal does). */
  instrument: boolean;
  private readonly queue = new RingQueue<Task<unknown>>();
  /** A drain is scheduled with the host (micro- or macrotask). */
  private scheduled = false;
  private readonly onTaskError: ((e: unknown, t: Task<unknown>) => void) | undefined;
  /** Installed by time/ on first use. */
  timeDriver: TimeDriver | null = null;
  private liveHead: Task<unknown> | null = null;
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

  /** No task is queued or being polled. */
  get isIdle(): boolean {
    return !this.scheduled;
  }

  /** This runtime's timers (time/driver.ts), created on first use. */
  timers(): TimerDriver {
    let d = this.timeDriver as TimerDriver | null;
    if (d === null) this.timeDriver = d = new TimerDriver(this);
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
    return dumpTasks(this, options);
  }

  /** Number of tasks not yet finished. */
  get taskCount(): number {
    return this.liveCount;
  }

  /** The live tasks, oldest first. */
  tasks(): Task<unknown>[] {
    const out: Task<unknown>[] = [];
    for (let t = this.liveHead; t !== null; t = t.next) out.push(t);
    return out.reverse();
  }

  /**
   * Start a task. Outside any task's poll, the new task is polled once right here, so no
   * deferral is forced on the run path; inside a poll it is queued, which keeps polls from
   * nesting (and deep spawn chains from growing the stack).
   */
  spawn<T>(awaitable: Awaitable<T>, options?: SpawnOptions): JoinHandle<T> {
    const f = toFuture(awaitable) as FutureBase<T>;
    const st = f.$st;
    if (st === SPAWNED) return (f.$task as unknown as Task<T>).join();
    const owner = f.$cx;
    const task = this.adopt(f, options?.name);
    if (st === POLLING && owner !== null) {
      task.$from = owner; // what `owner` claimed below `f` moves with it (see pollSlot)
      owner.waker.wake(); // the old owner will join
    }
    if (st >= DONE_OK || currentTask !== null) task.wake();
    else if (this.instrument) runTimed(task as Task<unknown>);
    else task.run();
    return task.join();
  }

  private adopt<T>(f: FutureBase<T>, name: string | undefined): Task<T> {
    const location = this.trackSpawnLocations ? spawnLocation() : undefined;
    const task = new Task(this, f, name ?? futureName(f), location);
    if (f.$st < DONE_OK) {
      f.$st = SPAWNED;
      f.$task = task;
      f.$cx = null;
    }
    const head = this.liveHead;
    task.next = head;
    if (head !== null) head.prev = task as Task<unknown>;
    this.liveHead = task as Task<unknown>;
    this.liveCount++;
    return task;
  }

  /** Called by a task that finished. */
  unlink(t: Task<unknown>): void {
    if (t.prev !== null) t.prev.next = t.next;
    else if (this.liveHead === t) this.liveHead = t.next;
    else return;
    if (t.next !== null) t.next.prev = t.prev;
    t.prev = t.next = null;
    this.liveCount--;
  }

  /** Called by a woken task. */
  schedule(t: Task<unknown>): void {
    this.queue.push(t);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.drain);
    }
  }

  /** Run queued tasks; after `eventInterval` polls, check timers and yield to the host. */
  private readonly drain = (): void => {
    const queue = this.queue;
    const interval = this.eventInterval;
    const time = this.timeDriver;
    let n = 0;
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
      if (this.instrument) runTimed(t);
      else t.run();
      if (++n === interval) {
        if (time !== null) time.fireExpired();
        if (queue.length > 0) {
          queueMacrotask(this.drain); // let I/O callbacks and host timers in
          return;
        }
        n = 0;
      }
    }
    this.scheduled = false;
    if (this.timeDriver !== null) this.timeDriver.onIdle();
  };

  /** A detached task failed: report it as the host reports an unhandled rejection. */
  reportTaskError(error: unknown, task: Task<unknown>): void {
    const handler = this.onTaskError;
    if (handler === undefined) {
      // A rejected promise, so a join attached later in the same tick still prevents the
      // report, exactly as for native promises.
      task.rejection = Promise.reject(error);
      return;
    }
    queueMacrotask(() => {
      if (!task.observed) handler(error, task);
    });
  }
}

/** Poll a task, keeping the timings that `dump()` reads (instrumented runtimes only). */
function runTimed(t: Task<unknown>): void {
  const start = performance.now();
  t.run();
  const end = performance.now();
  const d = end - start;
  t.busyMs += d;
  if (d > t.maxPollMs) t.maxPollMs = d;
  t.lastPolledAt = end;
}

function futureName(f: Future<unknown>): string {
  const poll = (f as { poll?: { $info?: { name: string } } }).poll;
  return poll?.$info?.name ?? f.constructor.name;
}

function spawnLocation(): string | undefined {
  const stack = new Error().stack?.split('\n') ?? [];
  // Skip the error line and the runtime's own frames: by path, or, when the runtime is
  // bundled into another file, by the names of the functions that lead here.
  let i = 1;
  while (i < stack.length && (stack[i]!.includes('/runtime/src/') || stack[i]!.includes('/runtime/dist/') || RUNTIME_FRAME.test(stack[i]!))) i++;
  return stack[i]?.trim();
}
const RUNTIME_FRAME = /^\s*at (?:\S+\.)?(?:spawnLocation|adopt|spawn|promote|cleanup|\$promise|then) \(/;

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

/** The default runtime, created on first use. */
export function defaultRuntime(): Runtime {
  return (defaultRt ??= new Runtime({ name: 'default' }));
}

/** The runtime of the task being polled, or the default runtime outside of any task. */
export function currentRuntime(): Runtime {
  return currentTask !== null ? currentTask.runtime : defaultRuntime();
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

