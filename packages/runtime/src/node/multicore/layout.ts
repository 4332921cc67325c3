// The shared-memory layout of the multi-thread runtime: one SharedArrayBuffer holding the
// per-worker words, the run queues, the task slots and the descriptor arena. The main thread
// computes it and hands it to every worker (workerData), so worker.mjs has no copy of it.
//
// Run queues are bounded MPMC rings (Vyukov): each cell carries a sequence number, so any
// thread may push or pop with one CAS and no lock. Stealing needs a queue that its owner
// need not cooperate on, because the owner may be stuck in a long synchronous task.

/** Words of each worker's block (Int32 indexes from `Layout.worker(w)`). */
export const W_PARK = 0; // futex word: set to 1 and notified to wake a parked worker
export const W_STATE = 1; // RUNNING / PARKED
export const W_RUN = 2; // tasks started on this worker
export const W_STOLEN = 3; // tasks this worker took from another worker's queue
export const W_STEALS = 4; // successful steal operations
export const W_THREAD = 5; // threadId of the current thread of this worker
export const W_STRIDE = 16; // one 64-byte line per worker

export const RUNNING = 0;
export const PARKED = 1;

/** Words of each task slot. */
export const S_STATE = 0;
export const S_OFFSET = 1; // byte offset of the descriptor in the arena
export const S_LENGTH = 2; // its length in bytes
export const S_RUNNER = 3; // 1 + the index of the worker that started it
export const S_STRIDE = 4;

// Slot states.
export const FREE = 0;
export const QUEUED = 1;
export const STARTED = 2;
export const CANCELLED = 3;
export const REPORTED = 4; // the worker has posted the outcome

// Queue header words, on separate cache lines; cells (seq, value) follow.
export const Q_ENQ = 0;
export const Q_DEQ = 16;
export const Q_CELLS = 32;

export interface Layout {
  workers: number;
  /** Int32 index of worker 0's block. */
  workerBase: number;
  /** Queue q (0..workers-1: the workers' local queues; `workers`: the injector). */
  queueBase: number;
  queueStride: number;
  queueCap: number;
  slotBase: number;
  slots: number;
  /** Byte offset and size of the descriptor arena, and its allocation unit. */
  arenaByte: number;
  arenaBytes: number;
  chunk: number;
  /** Total bytes of the SharedArrayBuffer. */
  bytes: number;
}

export function makeLayout(workers: number, queueCap: number, slots: number, arenaBytes: number, chunk: number): Layout {
  if ((queueCap & (queueCap - 1)) !== 0) throw new RangeError('queueCapacity must be a power of two');
  const workerBase = 0;
  const queueBase = workerBase + workers * W_STRIDE;
  const queueStride = Q_CELLS + queueCap * 2;
  const slotBase = queueBase + (workers + 1) * queueStride;
  const arenaByte = align((slotBase + slots * S_STRIDE) * 4, 64);
  const bytes = arenaByte + arenaBytes;
  return { workers, workerBase, queueBase, queueStride, queueCap, slotBase, slots, arenaByte, arenaBytes, chunk, bytes };
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Set every queue's cell sequence numbers to their index (an empty Vyukov queue). */
export function initQueues(i32: Int32Array, L: Layout): void {
  for (let q = 0; q <= L.workers; q++) {
    const base = L.queueBase + q * L.queueStride;
    for (let i = 0; i < L.queueCap; i++) i32[base + Q_CELLS + 2 * i] = i;
  }
}

/** Push `v` onto queue `q`; false when it is full. Same algorithm as worker.mjs `enqueue`. */
export function enqueue(i32: Int32Array, L: Layout, q: number, v: number): boolean {
  const base = L.queueBase + q * L.queueStride;
  const mask = L.queueCap - 1;
  let pos = Atomics.load(i32, base + Q_ENQ);
  for (;;) {
    const cell = base + Q_CELLS + 2 * (pos & mask);
    const dif = (Atomics.load(i32, cell) - pos) | 0;
    if (dif === 0) {
      const seen = Atomics.compareExchange(i32, base + Q_ENQ, pos, (pos + 1) | 0);
      if (seen === pos) {
        Atomics.store(i32, cell + 1, v);
        Atomics.store(i32, cell, (pos + 1) | 0);
        return true;
      }
      pos = seen;
    } else if (dif < 0) {
      return false;
    } else {
      pos = Atomics.load(i32, base + Q_ENQ);
    }
  }
}

/** Items in queue `q` (racy: a hint for stealing and parking). */
export function queueLength(i32: Int32Array, L: Layout, q: number): number {
  const base = L.queueBase + q * L.queueStride;
  return (Atomics.load(i32, base + Q_ENQ) - Atomics.load(i32, base + Q_DEQ)) | 0;
}
