// The blocking pool: Tokio's `spawn_blocking` for CPU-bound JavaScript, on worker threads
// managed by piscina. See docs/blocking-and-multicore.md.
//
// Work is named, not passed: a module URL, an export name and structured-cloneable
// arguments, because a closure cannot cross a thread boundary.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { Cancelled } from '../future/future.js';
import { RemoteHandle } from './multicore/handle.js';

export interface BlockingPoolOptions {
  /** Upper bound on threads. Default: the number of cores (the work is CPU-bound). */
  maxThreads?: number;
  /** How long an idle thread is kept for reuse (Tokio: 10 s). */
  keepAliveMs?: number;
}

// Flag word shared with the worker (blocking-worker.mjs).
const QUEUED = 0;
const STARTED = 1;
const CANCELLED = 2;

let pool: Piscina | null = null;
let poolOptions: Required<BlockingPoolOptions> = defaults();

function defaults(): Required<BlockingPoolOptions> {
  return { maxThreads: availableParallelism(), keepAliveMs: 10_000 };
}

/** The handler file: next to this module in src/, or in the shipped src/ when running from dist/. */
function workerFile(): string {
  for (const rel of ['./blocking-worker.mjs', '../../src/node/blocking-worker.mjs']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('tspoll: blocking-worker.mjs not found next to blocking.ts or in src/node/');
}

function getPool(): Piscina {
  return (pool ??= new Piscina({
    filename: workerFile(),
    // No thread is started before the first task, and every idle thread ends after the
    // keep-alive. piscina unrefs idle threads, so they never keep the process alive.
    minThreads: 0,
    maxThreads: poolOptions.maxThreads,
    idleTimeout: poolOptions.keepAliveMs,
    // One task per thread at a time: a blocking task owns its thread.
    concurrentTasksPerWorker: 1,
  }));
}

/**
 * Set the pool's size and keep-alive. Takes effect for the next pool: call it before the
 * first `spawnBlocking`, or after `shutdownBlockingPool()`.
 */
export function configureBlockingPool(options: BlockingPoolOptions): void {
  poolOptions = { ...defaults(), ...options };
}

/** Stop every thread of the pool. Queued tasks fail; a later spawnBlocking starts a new pool. */
export async function shutdownBlockingPool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p !== null) await p.destroy();
}

/** Current numbers of the pool (all 0 before first use). */
export function blockingPoolStats(): { threads: number; queued: number; completed: number } {
  if (pool === null) return { threads: 0, queued: 0, completed: 0 };
  return { threads: pool.threads.length, queued: pool.queueSize, completed: pool.completed };
}

/**
 * Run `moduleUrl`'s export `exportName` with `args` on the blocking pool, as Tokio's
 * `spawn_blocking`. The work starts now (it is not lazy). The export may return a value, a
 * Promise or a tspoll future; errors, `process.exit` and uncaught errors in the thread
 * reject the handle.
 */
export function spawnBlocking<T = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): BlockingHandle<T> {
  const url = typeof moduleUrl === 'string' ? moduleUrl : moduleUrl.href;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const handle = new BlockingHandle<T>(flag);
  getPool()
    .run({ url, name: exportName, args, flag })
    .then(
      (v: T) => handle.$settle(true, v),
      (e: unknown) => handle.$settle(false, e),
    );
  return handle;
}

/**
 * The JoinHandle of a blocking task: await it (any number of awaiters), or `abort()` it.
 * Like Tokio's, abort only cancels a task that has not started: JavaScript cannot stop a
 * running thread short of terminating it, which would lose the thread's other state.
 * Dropping the handle detaches the task; it still runs.
 */
export class BlockingHandle<T> extends RemoteHandle<T> {
  constructor(private readonly flag: Int32Array) {
    super();
  }

  /** The thread has picked the task up; abort() can no longer stop it. */
  get started(): boolean {
    return Atomics.load(this.flag, 0) === STARTED;
  }

  /**
   * Cancel the task if no thread has started it: the handle settles with `Cancelled` now and
   * the thread skips the task. Returns false (and does nothing) once it has started.
   */
  abort(): boolean {
    if (this.isFinished) return false;
    if (Atomics.compareExchange(this.flag, 0, QUEUED, CANCELLED) !== QUEUED) return false;
    this.$settle(false, new Cancelled('the blocking task was aborted before it started'));
    return true;
  }
}
