// Measuring helpers every variant shares. Not lowered: this is the harness.
export const measure = {
  now: () => performance.now(),
  gc(): void {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) {
      g();
      g();
    }
  },
  heapUsed: () => process.memoryUsage().heapUsed,
};

/** The same real-I/O wait for every variant: a stat through libuv's thread pool. */
import { stat } from 'node:fs/promises';
export const io = {
  stat: (path: string) => stat(path),
  immediate: () => new Promise<void>((r) => setImmediate(r)),
};
