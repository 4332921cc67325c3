// The entry point generated code imports (ABI.md). Keep it exactly as documented there.
export {
  ABI_VERSION,
  Cancelled,
  type Context,
  END,
  FUTURE,
  type Future,
  FutureError,
  PENDING,
  polledAfterCompletion,
} from './future/future.js';
export {
  adoptHeld,
  awaitStep,
  awaitValue,
  consumeBudget,
  defineMachine,
  type DirectCopy,
  DONE,
  frameFor,
  hop,
  Machine,
  type MachineInfo,
  pollDirect,
  pollSlot,
  resolveDirect,
  suspended,
  takeHeld,
  UNWIND,
} from './future/machine.js';
export { asyncFn, asyncMethods, call0, call1, call2, call3, callv, lazyCall, notConstructor, propertyKey, renamed, start } from './future/call.js';
export { entryOf } from './future/stamp.js';
// Loading the scheduler installs the runtime hooks (then-spawning, cleanup, promotion).
import './scheduler/runtime.js';
// Lowered async generators (ABI.md, section 6).
export { asyncGenFn, asyncGenMethods, bindParams, BOUND, genFrame, GenMachine, yieldStar } from './stream/generator.js';
