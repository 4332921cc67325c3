// The piscina task handler of the blocking pool (see blocking.ts). Plain JavaScript because
// worker threads cannot load TypeScript; it is located from both src/ and dist/.
//
// `flag` is a one-word SharedArrayBuffer view: 0 queued, 1 started, 2 cancelled. Whoever
// moves it off 0 first wins, so abort() and the start of the work never both happen.
const QUEUED = 0;
const STARTED = 1;

const fns = new Map();

export default async function runBlocking({ url, name, args, flag }) {
  if (Atomics.compareExchange(flag, 0, QUEUED, STARTED) !== QUEUED) return undefined; // aborted
  const key = `${url}#${name}`;
  let fn = fns.get(key);
  if (fn === undefined) {
    const mod = await import(url);
    fn = mod[name];
    if (typeof fn !== 'function') throw new TypeError(`spawnBlocking: ${url} has no exported function "${name}"`);
    fns.set(key, fn);
  }
  // A returned thenable (a Promise, or a tspoll future driven by the worker's own runtime
  // copy through the ABI's Promise interop) is awaited by piscina.
  return fn(...args);
}
