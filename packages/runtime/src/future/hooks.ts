// Late-bound links from the future layer to the scheduler, so that `future/` does not
// import `scheduler/` (the scheduler installs these when it loads).
import type { FutureBase } from './future.js';

let report: (e: unknown) => void = (e) => {
  void Promise.reject(e); // the host's unhandled-rejection path, until a runtime installs its own
};
let cleanup: (f: FutureBase<unknown>) => void = () => {};
let promoteFn: (f: FutureBase<unknown>) => { $join(): unknown } = () => {
  throw new Error('no runtime is loaded');
};

/** Report an error nobody can receive (a detached task's failure, a throwing finally). */
export function reportError(e: unknown): void {
  report(e);
}

/** Finish the unwinding of a cancelled machine whose finally block is awaiting. */
export function spawnCleanup(f: FutureBase<unknown>): void {
  cleanup(f);
}

/**
 * A future that one task drives is awaited from another: give it a task of its own, wake
 * its previous owner (which will join it on its next poll) and return the new task.
 */
export function promote(f: FutureBase<unknown>): { $join(): unknown } {
  return promoteFn(f);
}

export function installHooks(h: {
  report(e: unknown): void;
  cleanup(f: FutureBase<unknown>): void;
  promote(f: FutureBase<unknown>): { $join(): unknown };
}): void {
  report = h.report;
  cleanup = h.cleanup;
  promoteFn = h.promote;
}
