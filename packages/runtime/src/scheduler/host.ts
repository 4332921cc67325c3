// How a runtime gets the host event loop to call it back. No Node built-ins: only globals
// that Node and browsers both have, so the core bundles for the browser.

type Callback = () => void;

interface HostGlobals {
  setImmediate?: (cb: Callback) => unknown;
  MessageChannel?: new () => { port1: { onmessage: unknown }; port2: { postMessage(v: unknown): void } };
}

/**
 * A macrotask: runs after pending I/O callbacks and timers had their turn. Node has
 * `setImmediate`; browsers get a MessageChannel, which, unlike `setTimeout(0)`, is not
 * clamped to 4 ms when nested.
 */
export const queueMacrotask: (cb: Callback) => void = (() => {
  const g = globalThis as HostGlobals;
  if (typeof g.setImmediate === 'function') {
    const si = g.setImmediate;
    return (cb: Callback) => void si(cb);
  }
  if (typeof g.MessageChannel === 'function') {
    const queue: Callback[] = [];
    const channel = new g.MessageChannel();
    channel.port1.onmessage = () => queue.shift()!();
    return (cb: Callback) => {
      queue.push(cb);
      channel.port2.postMessage(0);
    };
  }
  return (cb: Callback) => void setTimeout(cb, 0);
})();

/**
 * A microtask, in the one FIFO queue it shares with promise reactions: the reaction of a
 * settled promise. Not `queueMicrotask`, which on Node wraps every callback in an AsyncResource
 * and a bound function: 2 to 6 times the cost (`node scripts/bench/microtask.mjs`; 200k
 * callbacks queued at once also keep 200k resources alive for the collector). The runtime needs
 * no resource per callback: a task keeps its own async scope. The `then` is the original, taken
 * before user code can patch it.
 */
const settled = Promise.resolve();
const promiseThen = Promise.prototype.then;
export const queueJob = (cb: Callback): void => void promiseThen.call(settled, cb);

/**
 * The host's async context (Node's `AsyncLocalStorage`): a task that suspends keeps the context
 * it was started in, and every later poll runs in it, as the continuation of a native `await`
 * does. Taken through `process.getBuiltinModule` (Node ≥ 20.16), so the core imports nothing
 * from Node; elsewhere there is no context to keep.
 */
export interface AsyncScope {
  runInAsyncScope<R>(fn: () => R, thisArg: unknown): R;
  emitDestroy(): void;
}
type AsyncResourceCtor = new (type: string, options: { requireManualDestroy: boolean }) => AsyncScope;
const hostProcess = (globalThis as { process?: { getBuiltinModule?(id: string): { AsyncResource?: AsyncResourceCtor } | undefined } }).process;
const AsyncResource = hostProcess?.getBuiltinModule?.('async_hooks')?.AsyncResource;

export const captureAsyncScope: () => AsyncScope | null =
  AsyncResource === undefined ? () => null : () => new AsyncResource('tspoll.task', { requireManualDestroy: true });
