export { dropChild } from './child.js';
export { ChildSlot, join, Join, type JoinOutput, type Output, tryJoin } from './join.js';
export { race, select, Select, type SelectResult } from './select.js';
export { FuturesUnordered } from './futures_unordered.js';
export { pollFn, PollFn, yieldNow, YieldNow } from './poll_fn.js';
// The leaf futures the combinators are used with (defined in future/).
export { pending, ready } from '../future/ready.js';
export { fromPromise } from '../future/bridge.js';
