// One worker of the multi-thread runtime (runtime.ts). Plain JavaScript: worker threads
// cannot load TypeScript, and it is located from both src/ and dist/.
//
// The loop: take a task id from this worker's queue, else from the injector, else steal
// half of another worker's queue; decode the descriptor from the shared arena; call the
// export. A returned future or promise runs concurrently on this thread's own event loop
// (a tspoll future on the default runtime of the tspoll copy that made it, through the
// ABI's Promise interop), so a worker takes more tasks while earlier ones wait. Outcomes go
// back in batches by postMessage. With nothing to do, the worker parks on Atomics.waitAsync,
// which keeps its event loop (timers, I/O, abort messages) running.
import v8 from 'node:v8';
import { parentPort, receiveMessageOnPort, threadId, workerData } from 'node:worker_threads';

const { sab, layout: L, index: self, ctl, constants: C } = workerData;
const i32 = new Int32Array(sab);
const u8 = new Uint8Array(sab);
const u16 = new Uint16Array(sab);
const f64 = new Float64Array(sab);
const INJECTOR = L.workers;
const MASK = L.queueCap - 1;
const me = L.workerBase + self * C.W_STRIDE;
const FUTURE = Symbol.for('tspoll.future@2');

// Outcome kinds in the result batches.
const OK = 0;
const ERR = 1;
const SKIPPED = 2; // cancelled before it started
const CANCELLED = 3; // a Cancelled error: the task was aborted while running

/** Longest run of synchronous tasks between event-loop turns (ms), and at most this many tasks. */
const SLICE_MS = 4;
const SLICE_TASKS = 256;

const sabs = new Map(); // SharedArrayBuffers passed as arguments, by id
const fnTable = []; // interned function id -> { url, name, fn }
const running = new Map(); // slot -> the thenable a task returned (for abort)
let results = [];
let flushQueued = false;
let victim = self;
// Stolen ids that fit neither our queue nor the injector. Unreachable while the main thread
// fills local queues to half at most (runtime.ts `place`); kept as a guard.
const spill = [];

Atomics.store(i32, me + C.W_THREAD, threadId);
ctl.on('message', control);

function control(m) {
  if (m.fn !== undefined) fnTable[m.fn.id] = { url: m.fn.url, name: m.fn.name, fn: undefined };
  else if (m.sab !== undefined) sabs.set(m.id, m.sab);
  else if (m.abort !== undefined) {
    const r = running.get(m.abort);
    if (r !== undefined && r[FUTURE] === true) r.cancel(); // at its next await, as Tokio's abort()
  }
}

// --- queues (same algorithm as layout.ts `enqueue`) ---

function qbase(q) {
  return L.queueBase + q * L.queueStride;
}

function enqueue(q, v) {
  const base = qbase(q);
  let pos = Atomics.load(i32, base + C.Q_ENQ);
  for (;;) {
    const cell = base + C.Q_CELLS + 2 * (pos & MASK);
    const dif = (Atomics.load(i32, cell) - pos) | 0;
    if (dif === 0) {
      const seen = Atomics.compareExchange(i32, base + C.Q_ENQ, pos, (pos + 1) | 0);
      if (seen === pos) {
        Atomics.store(i32, cell + 1, v);
        Atomics.store(i32, cell, (pos + 1) | 0);
        return true;
      }
      pos = seen;
    } else if (dif < 0) return false;
    else pos = Atomics.load(i32, base + C.Q_ENQ);
  }
}

function dequeue(q) {
  const base = qbase(q);
  let pos = Atomics.load(i32, base + C.Q_DEQ);
  for (;;) {
    const cell = base + C.Q_CELLS + 2 * (pos & MASK);
    const dif = (Atomics.load(i32, cell) - ((pos + 1) | 0)) | 0;
    if (dif === 0) {
      const seen = Atomics.compareExchange(i32, base + C.Q_DEQ, pos, (pos + 1) | 0);
      if (seen === pos) {
        const v = Atomics.load(i32, cell + 1);
        Atomics.store(i32, cell, (pos + L.queueCap) | 0);
        return v;
      }
      pos = seen;
    } else if (dif < 0) return -1; // empty (or a push not yet published)
    else pos = Atomics.load(i32, base + C.Q_DEQ);
  }
}

function length(q) {
  const base = qbase(q);
  return (Atomics.load(i32, base + C.Q_ENQ) - Atomics.load(i32, base + C.Q_DEQ)) | 0;
}

function take() {
  if (spill.length > 0) return spill.pop();
  let id = dequeue(self);
  if (id >= 0) return id;
  id = dequeue(INJECTOR);
  if (id >= 0) return id;
  return steal();
}

/** Take half of the first non-empty queue of another worker: run one, queue the rest here. */
function steal() {
  for (let k = 1; k < L.workers; k++) {
    victim = (victim + 1) % L.workers;
    if (victim === self) victim = (victim + 1) % L.workers;
    const n = length(victim);
    if (n <= 0) continue;
    const first = dequeue(victim);
    if (first < 0) continue;
    let got = 1;
    const want = (n + 1) >> 1;
    while (got < want) {
      const id = dequeue(victim);
      if (id < 0) break;
      if (!enqueue(self, id) && !enqueue(INJECTOR, id)) spill.push(id);
      got++;
    }
    Atomics.add(i32, me + C.W_STOLEN, got);
    Atomics.add(i32, me + C.W_STEALS, 1);
    return first;
  }
  return -1;
}

function hasWork() {
  if (spill.length > 0) return true;
  for (let q = 0; q <= L.workers; q++) if (length(q) > 0) return true;
  return false;
}

// --- tasks ---

function slot(id) {
  return L.slotBase + id * C.S_STRIDE;
}

function start(id) {
  const s = slot(id);
  if (Atomics.compareExchange(i32, s + C.S_STATE, C.QUEUED, C.STARTED) !== C.QUEUED) {
    finish(id, SKIPPED, undefined); // aborted before it started
    return;
  }
  Atomics.store(i32, s + C.S_RUNNER, self + 1);
  Atomics.add(i32, me + C.W_RUN, 1);
  let f, args;
  try {
    const at = L.arenaByte + i32[s + C.S_OFFSET];
    f = fnEntry(i32[at >> 2]);
    args = decode(at);
  } catch (e) {
    finish(id, ERR, e);
    return undefined;
  }
  if (f.fn !== undefined) return invoke(id, f.fn, args);
  // First use of the module on this thread: the loop waits for it rather than taking more
  // tasks meanwhile, which would pin them here (a started task cannot move).
  return load(f).then(
    (fn) => invoke(id, fn, args),
    (e) => finish(id, ERR, e),
  );
}

/** An interned function; its announcement is on the control port if not yet read. */
function fnEntry(fid) {
  let f = fnTable[fid];
  while (f === undefined) {
    const m = receiveMessageOnPort(ctl);
    if (m === undefined) throw new Error('tspoll multicore: a function announcement did not arrive');
    control(m.message);
    f = fnTable[fid];
  }
  return f;
}

// Descriptor formats and tags: codec.ts.
function decode(at) {
  const h = at >> 2;
  const n = i32[h + 2];
  if (i32[h + 1] === C.CLONE) {
    const args = v8.deserialize(u8.slice(at + 16, at + 16 + n)); // slice: a private copy
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a !== null && typeof a === 'object' && a.__tspoll_sab__ !== undefined) args[i] = reviveShared(a);
    }
    return args;
  }
  const args = new Array(n);
  let chars = (at + 16 + 16 * n) >> 1;
  for (let i = 0; i < n; i++) {
    const cell = at + 16 + 16 * i;
    switch (i32[cell >> 2]) {
      case C.T_NUMBER: {
        // An integer read back as an int32, not as a double: code specialised on small
        // integers (fib(n)) would otherwise run on heap numbers.
        const v = f64[(cell + 8) >> 3];
        args[i] = (v | 0) === v && (v !== 0 || 1 / v > 0) ? v | 0 : v;
        break;
      }
      case C.T_STRING: {
        const len = i32[(cell >> 2) + 1];
        args[i] = readString(chars, len);
        chars += len;
        break;
      }
      case C.T_TRUE:
        args[i] = true;
        break;
      case C.T_FALSE:
        args[i] = false;
        break;
      case C.T_NULL:
        args[i] = null;
        break;
      default:
        args[i] = undefined;
    }
  }
  return args;
}

function readString(from, len) {
  let s = '';
  for (let k = 0; k < len; k += 4096) s += String.fromCharCode.apply(null, u16.subarray(from + k, from + Math.min(len, k + 4096)));
  return s;
}

/** A SharedArrayBuffer argument: its buffer came on the control port before the task was queued. */
function reviveShared(ref) {
  let buf = sabs.get(ref.__tspoll_sab__);
  while (buf === undefined) {
    const m = receiveMessageOnPort(ctl);
    if (m === undefined) throw new Error('tspoll multicore: a shared buffer argument did not arrive');
    control(m.message);
    buf = sabs.get(ref.__tspoll_sab__);
  }
  if (ref.view === 'SharedArrayBuffer') return buf;
  if (ref.view === 'DataView') return new DataView(buf, ref.byteOffset, ref.length);
  return new globalThis[ref.view](buf, ref.byteOffset, ref.length);
}

async function load(f) {
  const mod = await import(f.url);
  const fn = mod[f.name];
  if (typeof fn !== 'function') throw new TypeError(`multicore: ${f.url} has no exported function "${f.name}"`);
  f.fn = fn;
  return fn;
}

function invoke(id, fn, args) {
  let r;
  try {
    r = fn(...args);
  } catch (e) {
    finish(id, ERR, e);
    return;
  }
  if (r === null || (typeof r !== 'object' && typeof r !== 'function')) {
    finish(id, OK, r);
    return undefined;
  }
  try {
    const then = r.then;
    if (typeof then !== 'function') {
      finish(id, OK, r);
      return undefined;
    }
    running.set(id, r);
    // Once only, whatever the thenable does: the slot may be reused after the report.
    const settle = (kind, v) => {
      if (running.get(id) !== r) return;
      running.delete(id);
      finish(id, kind, v);
    };
    then.call(
      r,
      (v) => settle(OK, v),
      (e) => settle(ERR, e),
    );
  } catch (e) {
    if (running.get(id) === r) {
      running.delete(id);
      finish(id, ERR, e); // a throwing `then`, as native await treats it
    }
  }
  return undefined;
}

function finish(id, kind, v) {
  if (kind === ERR && v !== null && typeof v === 'object' && v.name === 'Cancelled') kind = CANCELLED;
  results.push(id, kind, v);
  queueFlush(); // for outcomes that arrive outside the loop (async tasks, module loads)
}

function queueFlush() {
  if (flushQueued) return;
  flushQueued = true;
  setImmediate(flush);
}

function flush() {
  flushQueued = false;
  if (results.length === 0) return;
  const batch = results;
  results = [];
  for (let i = 0; i < batch.length; i += 3) {
    if (batch[i + 1] !== SKIPPED) Atomics.store(i32, slot(batch[i]) + C.S_STATE, C.REPORTED);
  }
  try {
    parentPort.postMessage(batch);
  } catch {
    // A value that cannot be cloned: send the outcomes one by one, that one as an error.
    for (let i = 0; i < batch.length; i += 3) {
      try {
        parentPort.postMessage([batch[i], batch[i + 1], batch[i + 2]]);
      } catch (e) {
        parentPort.postMessage([batch[i], ERR, new TypeError(`multicore: the task's result cannot be cloned: ${e.message}`)]);
      }
    }
  }
}

// --- the loop ---

function loop() {
  const until = performance.now() + SLICE_MS;
  for (let n = 0; n < SLICE_TASKS; n++) {
    const id = take();
    if (id < 0) {
      flush();
      park();
      return;
    }
    const loading = start(id);
    if (loading !== undefined) {
      flush();
      loading.then(() => setImmediate(loop));
      return;
    }
    if (performance.now() > until) break;
  }
  flush();
  setImmediate(loop); // let timers, I/O and control messages in
}

function park() {
  Atomics.store(i32, me + C.W_STATE, C.PARKED);
  Atomics.store(i32, me + C.W_PARK, 0);
  if (hasWork()) return resume();
  const r = Atomics.waitAsync(i32, me + C.W_PARK, 0);
  if (!r.async) return resume();
  r.value.then(resume);
}

function resume() {
  Atomics.store(i32, me + C.W_STATE, C.RUNNING);
  setImmediate(loop);
}

loop();
