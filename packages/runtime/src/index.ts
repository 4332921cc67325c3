// @tspoll/runtime: lazy poll-based futures, the executor and the reactor.
// The core imports no Node built-ins; Node I/O lives in '@tspoll/runtime/node'.
export * from './abi.js';
export { isLowered, lazy } from './future/lazy.js';
export {
  type Future,
  FutureBase,
  isFuture,
  type Pending,
  type End,
  type Waker,
  NEW,
  POLLING,
  SPAWNED,
  DONE_OK,
  DONE_ERR,
} from './future/future.js';
export { fromPromise, PromiseBridge } from './future/bridge.js';
export { pending, ready } from './future/ready.js';
export {
  type Awaitable,
  currentContext,
  currentRuntime,
  defaultRuntime,
  Runtime,
  type RuntimeOptions,
  spawn,
  type SpawnOptions,
  toFuture,
} from './scheduler/runtime.js';
export { abort, JoinHandle, Task } from './task/task.js';
export { currentSignal } from './task/signal.js';
export * from './task/introspection.js';
export * from './time/index.js';
export * from './combinators/index.js';
export { CancellationToken, WaitForCancellation } from './sync/cancellation_token.js';
export { JoinSet, type Settled } from './task/join_set.js';
export * from './stream/index.js';
export * from './sync/index.js';
