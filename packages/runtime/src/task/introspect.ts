// Task introspection: `runtime.dump()`. A tokio-console-style table of live tasks with an
// async-backtrace-style logical stack per task, read from the state machines themselves
// (state names and await texts come from the compiler through defineMachine). Core module:
// no Node built-ins. See docs/introspection.md.
//
// Loading this module installs `runtime.dump()` and spawn-site capture into the scheduler, so
// a program that never imports it (directly, through '@tspoll/runtime/introspect', or through
// installDumpSignal) does not bundle it. It reads only what the executor keeps anyway: the
// runtime's live list, each task's state and root, and the machines' `$s` and `$info`; so tasks
// spawned before it loaded are listed as completely as the rest.
import { DONE_OK, FUTURE, NEW } from '../future/future.js';
import { ADOPTING, ADOPTING_NAME, DONE, type MachineInfo, UNWIND } from '../future/machine.js';
import { Lazy } from '../future/lazy.js';
import { taskOf } from '../future/stamp.js';
import { JoinHandle, type TaskBase, type TaskStats, WAKER_TAKEN } from './task.js';
import { installInspector, type Runtime } from '../scheduler/runtime.js';

/** What `dump` needs from a runtime (kept structural so this module does not import the scheduler). */
export interface DumpSource {
  readonly name: string;
  /** Polls are timed (RuntimeOptions.instrument). */
  readonly instrument: boolean;
  now(): number;
  tasks(): TaskBase<unknown>[];
}

export interface DumpOptions {
  /** `'json'` (default): a plain, JSON-serialisable object. `'text'`: the formatted report. */
  format?: 'json' | 'text';
  /** One poll longer than this many ms is a "never yields" warning. Default 50. */
  longPollMs?: number;
  /** Waiting (idle) longer than this many ms is a "long pending" warning. Default 10 000. */
  longPendingMs?: number;
  /** Deepest logical backtrace shown. Default 64. */
  maxDepth?: number;
}

/** One level of a task's logical backtrace, outermost first. */
export interface FrameDump {
  /** The async function's name, or the future's class for hand-written futures. */
  name: string;
  /** The state name from the compiler's enum (`Start`, `WaitingForGet`, ...), or a status. */
  state: string;
  /** The state number (`$s`), for machines. */
  stateIndex?: number;
  /** Source text of what this state awaits (`client.get(url)`), when the compiler gave it. */
  awaits?: string;
  /** `file:line:col` of the function, when the compiler gave it. */
  loc?: string;
}

export type WarningKind = 'never-yields' | 'lost-waker' | 'long-pending';

export interface TaskWarning {
  kind: WarningKind;
  message: string;
}

export type TaskStatus = 'idle' | 'scheduled' | 'running' | 'notified' | 'done';

export interface TaskDump {
  id: number;
  name: string;
  /** Where it was spawned (RuntimeOptions.trackSpawnLocations). */
  location?: string;
  /** `idle`: pending, waiting for a wake; `scheduled`: in the run queue. */
  status: TaskStatus;
  /** Counters and age: for tasks started while the runtime instruments or tracks spawn sites. */
  polls?: number;
  wakes?: number;
  /** Time spent inside poll, and the rest of the task's life. */
  busyMs?: number;
  idleMs?: number;
  /** The longest single poll. */
  maxPollMs?: number;
  ageMs?: number;
  /** For an idle task: time since its last poll returned Pending. */
  pendingMs?: number;
  /** Whether the last poll handed `cx.waker` to anything (see `lost-waker`). */
  wakerTaken: boolean;
  backtrace: FrameDump[];
  warnings: TaskWarning[];
}

export interface RuntimeDump {
  runtime: string;
  /** Whether poll timings were collected; without them the time fields and the never-yields
   * and long-pending warnings are absent. */
  instrumented: boolean;
  taskCount: number;
  warningCount: number;
  tasks: TaskDump[];
}

// Task.state values (task/task.ts).
const STATUS: readonly TaskStatus[] = ['idle', 'scheduled', 'running', 'notified', 'done'];

/** The live tasks of `rt`, oldest first, as data; `format: 'text'` gives the report instead. */
export function dump(rt: DumpSource, options: DumpOptions & { format: 'text' }): string;
export function dump(rt: DumpSource, options?: DumpOptions): RuntimeDump;
export function dump(rt: DumpSource, options: DumpOptions = {}): RuntimeDump | string {
  const longPollMs = options.longPollMs ?? 50;
  const longPendingMs = options.longPendingMs ?? 10_000;
  const maxDepth = options.maxDepth ?? 64;
  const now = rt.now();
  const wallNow = performance.now();
  const timed = rt.instrument;
  const tasks: TaskDump[] = [];
  let warningCount = 0;
  for (const t of rt.tasks()) {
    const status = STATUS[t.$ts] ?? 'idle';
    const wakerTaken = (t.$tf & WAKER_TAKEN) !== 0;
    const d: TaskDump = {
      id: t.$id,
      name: t.$name(),
      status,
      wakerTaken,
      backtrace: backtrace(t.$root(), maxDepth),
      warnings: [],
    };
    // Counters and times are kept only for tasks started while the runtime instruments (or
    // tracks spawn sites): they live outside the task, so tasks cost nothing for them otherwise.
    const stats = t.$stats;
    if (stats !== null) {
      const ageMs = Math.max(0, now - stats.spawnedAt);
      d.polls = stats.polls;
      d.wakes = stats.wakes;
      d.ageMs = round(ageMs);
      if (stats.location !== undefined) d.location = stats.location;
      if (timed) {
        d.busyMs = round(stats.busyMs);
        d.idleMs = round(Math.max(0, ageMs - stats.busyMs));
        d.maxPollMs = round(stats.maxPollMs);
        if (status === 'idle' && stats.polls > 0) d.pendingMs = round(Math.max(0, wallNow - stats.lastPolledAt));
      }
    }
    if (timed && stats !== null && stats.maxPollMs > longPollMs) {
      d.warnings.push({
        kind: 'never-yields',
        message: `one poll ran for ${round(stats.maxPollMs)} ms (> ${longPollMs} ms) without yielding: blocking work belongs in spawnBlocking`,
      });
    }
    // An idle task has been polled: it is queued until its first poll.
    if (status === 'idle' && !wakerTaken) {
      d.warnings.push({
        kind: 'lost-waker',
        message: 'pending, but its last poll did not take cx.waker: nothing can wake it (a future returned Pending without registering the waker)',
      });
    }
    if (d.pendingMs !== undefined && d.pendingMs > longPendingMs) {
      d.warnings.push({ kind: 'long-pending', message: `pending for ${d.pendingMs} ms (> ${longPendingMs} ms)` });
    }
    warningCount += d.warnings.length;
    tasks.push(d);
  }
  const out: RuntimeDump = { runtime: rt.name, instrumented: timed, taskCount: tasks.length, warningCount, tasks };
  return options.format === 'text' ? formatDump(out) : out;
}

/** The report: one block per task, its backtrace innermost last, then its warnings. */
export function formatDump(d: RuntimeDump): string {
  const lines = [`runtime ${JSON.stringify(d.runtime)}: ${d.taskCount} live task(s), ${d.warningCount} warning(s)`];
  for (const t of d.tasks) {
    let head = `task #${t.id} ${t.name} [${t.status}]`;
    if (t.polls !== undefined) head += ` polls=${t.polls} wakes=${t.wakes}`;
    if (t.busyMs !== undefined) head += ` busy=${t.busyMs}ms idle=${t.idleMs}ms max-poll=${t.maxPollMs}ms`;
    if (t.pendingMs !== undefined) head += ` pending=${t.pendingMs}ms`;
    lines.push(head);
    if (t.location !== undefined) lines.push(`  spawned ${t.location}`);
    for (const f of t.backtrace) {
      let l = `  ${f.name} ${f.state}`;
      if (f.awaits) l += `  await ${f.awaits}`;
      if (f.loc) l += `  (${f.loc})`;
      lines.push(l);
    }
    for (const w of t.warnings) lines.push(`  ! ${w.kind}: ${w.message}`);
  }
  return lines.join('\n') + '\n';
}

interface Frame {
  $st?: number;
  $s?: number;
  $cs?: number;
  $aw?: unknown;
  poll?: unknown;
  task?: { id?: unknown; name?: unknown };
  then?: unknown;
}

const STATUS_NAMES = ['New', 'Polling', 'Spawned', 'Done', 'Failed'];

/**
 * The compiler's description (name, state names, awaits, location) and current state of the
 * lowered machine a future drives: the future itself, the call behind the promise of a running
 * lowered call, or the first machine down the chain dump() follows (a `lazy` call holds its
 * machine once first polled). Undefined for anything else.
 */
export function machineInfo(future: unknown): (MachineInfo & { state: string }) | undefined {
  let cur = taskOf(future)?.$root() ?? future; // the promise of a running lowered call: its machine
  for (let depth = 0; depth < 8 && typeof cur === 'object' && cur !== null; depth++) {
    const f = cur as Frame;
    const info = typeof f.poll === 'function' ? (f.poll as { $info?: MachineInfo }).$info : undefined;
    if (info !== undefined && typeof f.$s === 'number') return { ...info, state: stateName(info, f) };
    cur = f.$aw;
  }
  return undefined;
}

/**
 * Follow `$aw` from the task's future down through nested machines. Machines give their
 * state names; a join handle ends the chain at the joined task; a promise or any other
 * future ends it with its kind. Children held elsewhere than `$aw` (combinators) are not
 * followed.
 */
function backtrace(root: unknown, maxDepth: number): FrameDump[] {
  const out: FrameDump[] = [];
  const seen = new Set<unknown>();
  let cur = root;
  while (out.length < maxDepth && ((typeof cur === 'object' && cur !== null) || typeof cur === 'function')) {
    if (seen.has(cur)) break;
    seen.add(cur);
    const f = cur as Frame;
    const info = typeof f.poll === 'function' ? (f.poll as { $info?: MachineInfo }).$info : undefined;
    if (info !== undefined && typeof f.$s === 'number') {
      const frame: FrameDump = { name: info.name, state: stateName(info, f), stateIndex: f.$s };
      const aw = info.awaits?.[f.$s];
      if (aw) frame.awaits = aw;
      if (info.loc) frame.loc = info.loc;
      out.push(frame);
      cur = f.$aw;
      continue;
    }
    if ((f as { [FUTURE]?: unknown })[FUTURE] === true) {
      if (f instanceof Lazy) {
        cur = f.$aw; // shows as the call it made
        continue;
      }
      if (f instanceof JoinHandle) {
        out.push({ name: 'JoinHandle', state: `joins task #${f.id} ${f.name}` });
        break;
      }
      out.push({ name: ctorName(f), state: STATUS_NAMES[f.$st ?? 0] ?? String(f.$st) });
      cur = f.$aw; // hand-written futures that follow the $aw convention are followed too
      continue;
    }
    if (typeof f.then === 'function') out.push({ name: ctorName(f) === 'Object' ? 'thenable' : ctorName(f), state: 'Pending' });
    break;
  }
  return out;
}

function stateName(info: MachineInfo, f: Frame): string {
  const s = f.$s!;
  if (s === DONE || (f.$st ?? 0) >= DONE_OK) return 'Done';
  // State 0 runs straight to the first await, so a machine still in it was never polled.
  if (s === 0 || f.$st === NEW) return `${info.states[0] ?? 'Start'} (not started)`;
  if (s === ADOPTING) return ADOPTING_NAME;
  if (s === UNWIND) return `Unwinding (cancelled in ${info.states[f.$cs ?? 0] ?? `#${f.$cs}`})`;
  return info.states[s] ?? `#${s}`;
}

function ctorName(v: object): string {
  const c = (v as { constructor?: { name?: string } }).constructor;
  return c?.name || 'Object';
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Where the task being started was started from (RuntimeOptions.trackSpawnLocations). */
function spawnLocation(): string | undefined {
  const stack = new Error().stack?.split('\n') ?? [];
  // Skip the error line and the runtime's own frames: by path, or, when the runtime is
  // bundled into another file, by the names of the functions that lead here.
  let i = 1;
  while (i < stack.length && (stack[i]!.includes('/runtime/src/') || stack[i]!.includes('/runtime/dist/') || RUNTIME_FRAME.test(stack[i]!))) i++;
  return stack[i]?.trim();
}
const RUNTIME_FRAME = /^\s*at (?:\S+\.)?(?:spawnLocation|newStats|\$link|\$bind|start|adopt|spawn|promote|cleanup|\$promise|then) \(/;

/** A task's counters: polls and wakes, and with an instrumenting runtime the poll timings. */
class Stats implements TaskStats {
  polls = 0;
  wakes = 0;
  busyMs = 0;
  maxPollMs = 0;
  lastPolledAt = 0;

  constructor(
    readonly spawnedAt: number,
    readonly location: string | undefined,
  ) {}

  polled(t0: number): void {
    this.polls++;
    if (t0 < 0) return;
    const end = performance.now();
    const d = end - t0;
    this.busyMs += d;
    if (d > this.maxPollMs) this.maxPollMs = d;
    this.lastPolledAt = end;
  }
}

installInspector({
  dump,
  newStats: (rt: Runtime) => new Stats(rt.now(), rt.trackSpawnLocations ? spawnLocation() : undefined),
});
