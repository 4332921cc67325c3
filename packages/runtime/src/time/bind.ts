// How timers reach their runtime's driver. Loading this module registers the driver with the
// scheduler, which creates a runtime's driver on first use (a timer, or pauseTime): only the
// timers import this module, so a program with none of them does not bundle the driver and
// the wheel.
import type { Context } from '../future/future.js';
import { defaultRuntime, registerTimerDriver, type Runtime } from '../scheduler/runtime.js';
import { currentTask } from '../task/task.js';
import { TimerDriver } from './driver.js';

registerTimerDriver((rt) => new TimerDriver(rt));

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
