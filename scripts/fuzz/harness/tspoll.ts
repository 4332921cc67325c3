import * as rt from '@tspoll/runtime';
import { common } from './common.ts';
export { runProgram } from './common.ts';

const any = rt as Record<string, any>;

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
  select(fs: unknown[]): unknown {
    if (typeof any.select === 'function') return any.select(fs);
    return Promise.race(fs as Promise<unknown>[]);
  },
};
