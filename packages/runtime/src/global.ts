// The runtime for classic scripts (ABI.md, section 9): built by scripts/build-global.mjs into
// dist/tspoll-runtime.global.js, an IIFE that defines `globalThis.__tspoll`, the ABI entry that
// lowered scripts (`transformSource(..., { script: true })`, `tspoll transform --script`) read
// instead of importing `@tspoll/runtime/abi`. Load it once per realm, before any lowered script.
import * as abi from './abi.js';

/** The global a lowered script reads the runtime from. */
export const RUNTIME_GLOBAL = '__tspoll';

const g = globalThis as Record<string, unknown>;
// A realm keeps the first runtime it loads: lowered scripts share its tasks and its brand.
if (g[RUNTIME_GLOBAL] === undefined) {
  // A plain frozen object (not a module namespace of getters); not enumerable, like a built-in.
  Object.defineProperty(globalThis, RUNTIME_GLOBAL, { value: Object.freeze({ ...abi }), writable: false, enumerable: false, configurable: true });
}
