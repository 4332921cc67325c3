import type { Context } from '../future/future.js';
import { defaultRuntime, type Runtime } from '../scheduler/runtime.js';
import { currentTask } from '../task/task.js';
import type { TimerDriver } from './driver.js';

/**
 * The driver a timer registers with on its first poll: the given runtime's, else that of
 * the task polling it (its context, or the current task), else the default runtime's. Binding at the first poll (not at
 * creation) is what lets `rt.spawn(sleep(10))` from outside any task use `rt`'s clock.
 */
export function bindDriver(rt: Runtime | undefined, cx: Context): TimerDriver {
  if (rt === undefined) {
    // A task is its own context; a combinator's child context is not, then the current task.
    const own = (cx as { $rt?: Runtime | null }).$rt;
    rt = own != null ? own : currentTask !== null ? (currentTask.$rt as Runtime) : defaultRuntime();
  }
  return rt.timers();
}
