import * as rt from '@tspoll/runtime';
import { common } from './common.ts';
export { runProgram } from './common.ts';

// Optional runtime parts are looked up by name, so the fuzzer builds before they exist.
const any = rt as unknown as Record<string, any>;

export const H = {
  ...common,
  spawn<T>(f: rt.Awaitable<T>): unknown {
    return rt.spawn(f);
  },
  /** The runtime's timers (time/sleep) when they exist, else the same promise as native. */
  sleep(ms: number): unknown {
    if (typeof any.sleep === 'function') return any.sleep(ms);
    return new Promise((r) => setTimeout(r, ms));
  },
  /** The runtime's join (children polled in place, no tasks) when it exists. */
  join(fs: unknown[]): unknown {
    if (typeof any.join === 'function') return any.join(fs);
    return Promise.all(fs);
  },
  /** The runtime's race (select: the losers are cancelled) when it exists. */
  race(fs: unknown[]): unknown {
    if (typeof any.race === 'function') return any.race(fs);
    return Promise.race(fs);
  },
  never(): unknown {
    return rt.pending();
  },
};
