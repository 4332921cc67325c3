export { TimerDriver, type PauseOptions } from './driver.js';
export { TimingWheel, type TimerEntry } from './wheel.js';
export { Sleep, sleep, sleepUntil } from './sleep.js';
export { interval, Interval, type IntervalOptions, type MissedTickBehavior, Tick } from './interval.js';
export { timeout, Timeout, TimeoutError } from './timeout.js';
