// The multi-thread runtime: Tokio's multi-thread scheduler rendered for JavaScript. N worker
// threads, each with its own event loop and tspoll executor; tasks are descriptors (module
// URL, export name, arguments) because code cannot move between isolates. Each worker has a
// local run queue in shared memory and there is one injector; a worker with nothing to do
// steals half of another worker's queue, without that worker's help, so a worker stuck in
// a long synchronous task does not hold its queued tasks hostage. docs/blocking-and-multicore.md.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { Cancelled } from '../../future/future.js';
import { CLONE, cloneArgs, type Encoded, fastSize, HEADER_BYTES, T_FALSE, T_NULL, T_NUMBER, T_STRING, T_TRUE, write } from './codec.js';
import { RemoteHandle } from './handle.js';
import * as C from './layout.js';

export interface MultiThreadOptions {
  /** Worker threads. Default: the number of cores. */
  workers?: number;
  /** Capacity of each run queue (a power of two). Default 4096. */
  queueCapacity?: number;
  /** Tasks queued or running at once in shared memory; more wait on the main thread. Default 16384. */
  maxInFlight?: number;
  /** Bytes of shared memory for serialised descriptors. Default 4 MiB. */
  arenaBytes?: number;
}

export interface WorkerStats {
  threadId: number;
  /** Tasks started on this worker. */
  tasksRun: number;
  /** Tasks it took from other workers' queues, and in how many steal operations. */
  stolen: number;
  steals: number;
  /** Tasks in its local queue now. */
  queued: number;
  parked: boolean;
}

export interface MultiThreadStats {
  workers: WorkerStats[];
  injectorQueued: number;
  /** Tasks submitted but not yet reported back. */
  inFlight: number;
  /** Tasks waiting on the main thread for a free slot. */
  overflow: number;
}

// Result kinds (worker.mjs).
const OK = 0;
const ERR = 1;
const SKIPPED = 2;
const CANCELLED = 3;

const CHUNK = 64;

/** A task on its way out: its descriptor, and where to queue it. */
interface Pending extends Encoded {
  handle: MultiHandle<unknown>;
  worker: number;
}

function workerFile(): URL {
  for (const rel of ['./worker.mjs', '../../../src/node/multicore/worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error('tspoll: multicore/worker.mjs not found next to runtime.ts or in src/node/multicore/');
}

export class MultiThreadRuntime {
  readonly workers: number;
  private readonly layout: C.Layout;
  private readonly i32: Int32Array;
  private readonly u8: Uint8Array;
  private readonly u16: Uint16Array;
  private readonly f64: Float64Array;
  private readonly sab: SharedArrayBuffer;
  private readonly threads: (Worker | null)[];
  private readonly ctl: (MessagePort | null)[];
  private readonly lastError: unknown[];
  // Main-thread-only allocation state: free slot stack, chunk map of the arena.
  private readonly freeSlots: Int32Array;
  private freeTop: number;
  private readonly handles: (MultiHandle<unknown> | null)[];
  private readonly slotChunk: Int32Array;
  private readonly slotChunks: Int32Array;
  private readonly chunkUsed: Uint8Array;
  private chunkCursor = 0;
  private readonly overflow: Pending[] = [];
  private inFlight = 0;
  private rr = 0;
  private wakeQueued = false;
  private closed = false;
  private refd = false;
  private readonly sabIds = new WeakMap<SharedArrayBuffer, number>();
  private nextSabId = 1;
  private readonly sharedSabs: SharedArrayBuffer[] = [];
  /** Interned `url#name` -> function id, announced to the workers like shared buffers. */
  private readonly fnIds = new Map<string, Map<string, number>>();
  private readonly fnList: { id: number; url: string; name: string }[] = [];
  private readonly file: URL;

  constructor(options: MultiThreadOptions = {}) {
    const n = (this.workers = Math.max(1, options.workers ?? availableParallelism()));
    const slots = options.maxInFlight ?? 16384;
    const arenaBytes = Math.ceil((options.arenaBytes ?? 4 << 20) / CHUNK) * CHUNK;
    this.layout = C.makeLayout(n, options.queueCapacity ?? 4096, slots, arenaBytes, CHUNK);
    this.sab = new SharedArrayBuffer(this.layout.bytes);
    this.i32 = new Int32Array(this.sab);
    this.u8 = new Uint8Array(this.sab);
    this.u16 = new Uint16Array(this.sab);
    this.f64 = new Float64Array(this.sab);
    C.initQueues(this.i32, this.layout);
    this.freeSlots = new Int32Array(slots);
    for (let i = 0; i < slots; i++) this.freeSlots[i] = slots - 1 - i;
    this.freeTop = slots;
    this.handles = new Array(slots).fill(null);
    this.slotChunk = new Int32Array(slots);
    this.slotChunks = new Int32Array(slots);
    this.chunkUsed = new Uint8Array(arenaBytes / CHUNK);
    this.threads = new Array(n).fill(null);
    this.ctl = new Array(n).fill(null);
    this.lastError = new Array(n).fill(undefined);
    this.file = workerFile();
    for (let w = 0; w < n; w++) this.startWorker(w);
  }

  /**
   * Run `moduleUrl`'s export `exportName` with `args` on some worker. The export may return a
   * value, a Promise or a tspoll future (which then runs on that worker's executor). Args are
   * serialised with the structured-clone algorithm (v8.serialize); SharedArrayBuffers and
   * typed arrays over them may be passed as top-level arguments and stay shared.
   */
  spawn<T = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): MultiHandle<T> {
    return this.spawnOn<T>(-1, moduleUrl, exportName, ...args);
  }

  /**
   * As `spawn`, queued on worker `worker`'s local queue (it may still be stolen by another
   * worker, as in Tokio). `-1` picks round-robin.
   */
  spawnOn<T = unknown>(worker: number, moduleUrl: string | URL, exportName: string, ...args: unknown[]): MultiHandle<T> {
    const handle = new MultiHandle<T>(this);
    if (this.closed) {
      handle.$settle(false, new Error('the multi-thread runtime is shut down'));
      return handle;
    }
    if (worker >= this.workers) throw new RangeError(`no worker ${worker} (there are ${this.workers})`);
    const url = typeof moduleUrl === 'string' ? moduleUrl : moduleUrl.href;
    let size = fastSize(args);
    let clone: Uint8Array | null = null;
    if (size < 0) {
      try {
        for (let i = 0; i < args.length; i++) {
          const a = args[i];
          if (typeof a === 'object' && a !== null) args[i] = this.shareArg(a);
        }
        clone = cloneArgs(args);
      } catch (e) {
        handle.$settle(false, e);
        return handle;
      }
      size = HEADER_BYTES + clone.length;
    }
    if (size > this.layout.arenaBytes) {
      handle.$settle(false, new RangeError(`task descriptor of ${size} bytes exceeds arenaBytes; pass large data in a SharedArrayBuffer`));
      return handle;
    }
    this.inFlight++;
    if (!this.refd) this.setRef(true);
    const fn = this.fnId(url, exportName);
    const p: Pending = { handle: handle as MultiHandle<unknown>, fn, args, clone, size, worker };
    if (this.overflow.length > 0 || !this.place(p)) this.overflow.push(p);
    return handle;
  }

  /** Counters from shared memory; no message to the workers. */
  stats(): MultiThreadStats {
    const { i32, layout: L } = this;
    const workers: WorkerStats[] = [];
    for (let w = 0; w < this.workers; w++) {
      const b = L.workerBase + w * C.W_STRIDE;
      workers.push({
        threadId: Atomics.load(i32, b + C.W_THREAD),
        tasksRun: Atomics.load(i32, b + C.W_RUN),
        stolen: Atomics.load(i32, b + C.W_STOLEN),
        steals: Atomics.load(i32, b + C.W_STEALS),
        queued: C.queueLength(i32, L, w),
        parked: Atomics.load(i32, b + C.W_STATE) === C.PARKED,
      });
    }
    return { workers, injectorQueued: C.queueLength(i32, L, L.workers), inFlight: this.inFlight, overflow: this.overflow.length };
  }

  /** Stop every worker. Tasks not yet reported fail. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new Error('the multi-thread runtime was shut down');
    for (const p of this.overflow) p.handle.$settle(false, err);
    this.overflow.length = 0;
    for (let id = 0; id < this.handles.length; id++) {
      const h = this.handles[id];
      if (h !== null) h.$settle(false, err);
    }
    await Promise.all(this.threads.map((t) => t?.terminate()));
  }

  // --- submission ---

  private fnId(url: string, name: string): number {
    let names = this.fnIds.get(url);
    if (names === undefined) this.fnIds.set(url, (names = new Map()));
    let id = names.get(name);
    if (id === undefined) {
      id = this.fnList.length;
      names.set(name, id);
      const f = { id, url, name };
      this.fnList.push(f);
      for (const port of this.ctl) port?.postMessage({ fn: f });
    }
    return id;
  }

  /** SharedArrayBuffers stay shared: announce the buffer to every worker, pass a reference. */
  private shareArg(a: unknown): unknown {
    let sab: SharedArrayBuffer;
    let view: string;
    let byteOffset = 0;
    let length = 0;
    if (a instanceof SharedArrayBuffer) {
      sab = a;
      view = 'SharedArrayBuffer';
    } else if (ArrayBuffer.isView(a) && a.buffer instanceof SharedArrayBuffer) {
      sab = a.buffer;
      view = a.constructor.name;
      byteOffset = a.byteOffset;
      length = a instanceof DataView ? a.byteLength : (a as unknown as { length: number }).length;
    } else {
      return a;
    }
    let id = this.sabIds.get(sab);
    if (id === undefined) {
      id = this.nextSabId++;
      this.sabIds.set(sab, id);
      this.sharedSabs.push(sab); // also announced to workers restarted later
      for (const port of this.ctl) port?.postMessage({ id, sab });
    }
    return { __tspoll_sab__: id, view, byteOffset, length };
  }

  /** Copy a descriptor into shared memory and queue it; false when space is short. */
  private place(p: Pending): boolean {
    if (this.freeTop === 0) return false;
    const need = Math.max(1, Math.ceil(p.size / CHUNK));
    const chunk = this.allocChunks(need);
    if (chunk < 0) return false;
    const id = this.freeSlots[--this.freeTop]!;
    const { i32, layout: L } = this;
    write(p, L.arenaByte + chunk * CHUNK, i32, this.f64, this.u8, this.u16);
    const s = L.slotBase + id * C.S_STRIDE;
    i32[s + C.S_OFFSET] = chunk * CHUNK;
    i32[s + C.S_LENGTH] = p.size;
    i32[s + C.S_RUNNER] = 0;
    Atomics.store(i32, s + C.S_STATE, C.QUEUED); // publishes the fields above
    const q = p.worker >= 0 ? p.worker : this.rr++ % this.workers;
    // A local queue is filled to half at most: a thief steals only when its own queue is
    // empty and takes at most half of a victim's, so what it moves always fits (worker.mjs).
    const local = C.queueLength(i32, L, q) < L.queueCap >> 1 && C.enqueue(i32, L, q, id);
    if (!local && !C.enqueue(i32, L, L.workers, id)) {
      Atomics.store(i32, s + C.S_STATE, C.FREE);
      this.freeChunks(chunk, need);
      this.freeSlots[this.freeTop++] = id;
      return false;
    }
    this.slotChunk[id] = chunk;
    this.slotChunks[id] = need;
    this.handles[id] = p.handle;
    p.handle.slot = id;
    this.queueWake();
    return true;
  }

  /** Next-fit over the chunk map: descriptors are freed roughly in the order they were made. */
  private allocChunks(need: number): number {
    const used = this.chunkUsed;
    const total = used.length;
    let run = 0;
    let start = this.chunkCursor;
    for (let scanned = 0, i = this.chunkCursor; scanned < total + need; scanned++, i++) {
      if (i === total) {
        i = 0;
        run = 0;
      }
      if (run === 0) start = i;
      if (used[i] === 0) {
        if (++run === need) {
          used.fill(1, start, start + need);
          this.chunkCursor = start + need === total ? 0 : start + need;
          return start;
        }
      } else run = 0;
    }
    return -1;
  }

  private freeChunks(start: number, n: number): void {
    this.chunkUsed.fill(0, start, start + n);
  }

  /** Wake parked workers once per burst of submissions. */
  private queueWake(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    queueMicrotask(this.wake);
  }

  private readonly wake = (): void => {
    this.wakeQueued = false;
    const { i32, layout: L } = this;
    // Every parked worker: the target to run its tasks, the others to steal them if the
    // target is busy. Waking costs nothing for a worker that is not parked.
    for (let w = 0; w < this.workers; w++) {
      const b = L.workerBase + w * C.W_STRIDE;
      if (Atomics.load(i32, b + C.W_STATE) === C.PARKED) {
        Atomics.store(i32, b + C.W_PARK, 1);
        Atomics.notify(i32, b + C.W_PARK);
      }
    }
  };

  // --- outcomes ---

  private onResults(batch: unknown[]): void {
    for (let i = 0; i < batch.length; i += 3) {
      const id = batch[i] as number;
      const kind = batch[i + 1] as number;
      const h = this.release(id);
      if (h === null || kind === SKIPPED) continue;
      if (kind === OK) h.$settle(true, batch[i + 2]);
      else if (kind === CANCELLED) h.$settle(false, new Cancelled('the task was aborted'));
      else h.$settle(false, batch[i + 2]);
    }
    this.drainOverflow();
  }

  private release(id: number): MultiHandle<unknown> | null {
    const h = this.handles[id]!;
    if (h === null) return null;
    this.handles[id] = null;
    Atomics.store(this.i32, this.layout.slotBase + id * C.S_STRIDE + C.S_STATE, C.FREE);
    this.freeChunks(this.slotChunk[id]!, this.slotChunks[id]!);
    this.freeSlots[this.freeTop++] = id;
    h.slot = -2;
    if (--this.inFlight === 0 && this.refd) this.setRef(false);
    return h;
  }

  private drainOverflow(): void {
    const o = this.overflow;
    let i = 0;
    while (i < o.length && this.place(o[i]!)) i++;
    if (i > 0) o.splice(0, i);
  }

  private dropPending(): void {
    if (--this.inFlight === 0 && this.refd) this.setRef(false);
  }

  /** Called by MultiHandle.started. */
  taskStarted(h: MultiHandle<unknown>): boolean {
    if (h.slot === -2) return true;
    if (h.slot === -1) return false;
    const st = Atomics.load(this.i32, this.layout.slotBase + h.slot * C.S_STRIDE + C.S_STATE);
    return st === C.STARTED || st === C.REPORTED;
  }

  /** Called by MultiHandle.abort(). */
  abortTask(h: MultiHandle<unknown>): boolean {
    if (h.isFinished) return false;
    if (h.slot === -1) {
      // Still on the main thread: it simply never goes out.
      const i = this.overflow.findIndex((p) => p.handle === h);
      if (i >= 0) {
        this.overflow.splice(i, 1);
        this.dropPending();
      }
      h.$settle(false, new Cancelled('the task was aborted before it started'));
      return true;
    }
    const s = this.layout.slotBase + h.slot * C.S_STRIDE;
    const st = Atomics.compareExchange(this.i32, s + C.S_STATE, C.QUEUED, C.CANCELLED);
    if (st === C.QUEUED) {
      // The id stays in its queue until a worker meets it and reports it skipped.
      h.$settle(false, new Cancelled('the task was aborted before it started'));
      return true;
    }
    if (st === C.STARTED) {
      const w = Atomics.load(this.i32, s + C.S_RUNNER) - 1;
      this.ctl[w]?.postMessage({ abort: h.slot });
    }
    return false;
  }

  // --- workers ---

  private startWorker(w: number): void {
    const { port1, port2 } = new MessageChannel();
    const b = this.layout.workerBase + w * C.W_STRIDE;
    Atomics.store(this.i32, b + C.W_THREAD, 0);
    Atomics.store(this.i32, b + C.W_STATE, C.RUNNING);
    const constants = {
      W_PARK: C.W_PARK,
      W_STATE: C.W_STATE,
      W_RUN: C.W_RUN,
      W_STOLEN: C.W_STOLEN,
      W_STEALS: C.W_STEALS,
      W_THREAD: C.W_THREAD,
      W_STRIDE: C.W_STRIDE,
      RUNNING: C.RUNNING,
      PARKED: C.PARKED,
      S_STATE: C.S_STATE,
      S_OFFSET: C.S_OFFSET,
      S_LENGTH: C.S_LENGTH,
      S_RUNNER: C.S_RUNNER,
      S_STRIDE: C.S_STRIDE,
      QUEUED: C.QUEUED,
      STARTED: C.STARTED,
      REPORTED: C.REPORTED,
      Q_ENQ: C.Q_ENQ,
      Q_DEQ: C.Q_DEQ,
      Q_CELLS: C.Q_CELLS,
      CLONE,
      T_NUMBER,
      T_STRING,
      T_TRUE,
      T_FALSE,
      T_NULL,
    };
    const worker = new Worker(this.file, {
      workerData: { sab: this.sab, layout: this.layout, index: w, ctl: port2, constants },
      transferList: [port2],
    });
    for (const sab of this.sharedSabs) port1.postMessage({ id: this.sabIds.get(sab), sab });
    for (const fn of this.fnList) port1.postMessage({ fn });
    this.threads[w] = worker;
    this.ctl[w] = port1;
    port1.unref();
    if (!this.refd) worker.unref();
    worker.on('message', (batch: unknown[]) => this.onResults(batch));
    worker.on('error', (e) => {
      this.lastError[w] = e;
    });
    worker.on('exit', (code) => this.onExit(w, worker, code));
  }

  /** A worker died (process.exit or an uncaught error): fail what it was running, replace it. */
  private onExit(w: number, worker: Worker, code: number): void {
    if (this.threads[w] !== worker || this.closed) return;
    const everStarted = Atomics.load(this.i32, this.layout.workerBase + w * C.W_STRIDE + C.W_THREAD) !== 0;
    const cause = this.lastError[w] ?? new Error(`multicore worker ${w} exited with code ${code}`);
    this.lastError[w] = undefined;
    this.threads[w] = null;
    this.ctl[w]?.close();
    this.ctl[w] = null;
    const { i32, layout: L } = this;
    for (let id = 0; id < this.handles.length; id++) {
      const h = this.handles[id];
      if (h === null) continue;
      const s = L.slotBase + id * C.S_STRIDE;
      if (Atomics.load(i32, s + C.S_RUNNER) === w + 1 && Atomics.load(i32, s + C.S_STATE) === C.STARTED) {
        this.release(id)!.$settle(false, cause);
      }
    }
    if (everStarted) this.startWorker(w);
    else this.shutdown().catch(() => {}); // it cannot even start: fail everything rather than loop
    this.drainOverflow();
  }

  /** Workers keep the process alive only while tasks are in flight. */
  private setRef(on: boolean): void {
    this.refd = on;
    for (const t of this.threads) {
      if (t === null) continue;
      if (on) t.ref();
      else t.unref();
    }
  }
}

/**
 * The handle of a task on the multi-thread runtime: await it (any number of awaiters), or
 * `abort()` it. Dropping it detaches the task.
 */
export class MultiHandle<T> extends RemoteHandle<T> {
  /** Its slot in shared memory; -1 while waiting on the main thread, -2 once reported. */
  slot = -1;

  constructor(private readonly rt: MultiThreadRuntime) {
    super();
  }

  /** A worker has started it (abort() can no longer keep it from running). */
  get started(): boolean {
    return this.rt.taskStarted(this as MultiHandle<unknown>);
  }

  /**
   * Before a worker starts it: the task never runs and the handle settles with `Cancelled`
   * (returns true). Once started: the worker cancels the future the task returned, at its
   * next await (a plain Promise or synchronous work cannot be stopped), and the handle
   * settles with its outcome, `Cancelled` if the cancellation took (returns false).
   */
  abort(): boolean {
    return this.rt.abortTask(this as MultiHandle<unknown>);
  }
}
