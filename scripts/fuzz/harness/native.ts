import { common } from './common.ts';
export { runProgram } from './common.ts';

export const H = {
  ...common,
  /** Native calls start eagerly, so a spawn is the promise itself. */
  spawn<T>(p: Promise<T>): Promise<T> {
    return p;
  },
  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  },
  join<T>(ps: Promise<T>[]): Promise<T[]> {
    return Promise.all(ps);
  },
  race<T>(ps: Promise<T>[]): Promise<T> {
    return Promise.race(ps);
  },
  never(): Promise<never> {
    return new Promise(() => {});
  },
};
