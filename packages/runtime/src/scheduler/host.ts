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
