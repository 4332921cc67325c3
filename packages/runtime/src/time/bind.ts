import { defaultRuntime, type Runtime } from '../scheduler/runtime.js';
import { currentTask } from '../task/task.js';
import type { TimerDriver } from './driver.js';

/**
 * The driver a timer registers with on its first poll: the given runtime's, else that of
 * the task polling it, else the default runtime's. Binding at the first poll (not at
 * creation) is what lets `rt.spawn(sleep(10))` from outside any task use `rt`'s clock.
 */
export function bindDriver(rt: Runtime | undefined): TimerDriver {
  return (rt ?? (currentTask !== null ? currentTask.runtime : defaultRuntime())).timers();
}
