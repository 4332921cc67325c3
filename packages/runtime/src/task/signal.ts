// currentSignal(): cancellation as an AbortSignal, for host APIs (fetch, streams, timers of
// other libraries) that take one. Cancelling a lowered function that awaits a host promise
// drops the promise's result, but the host operation goes on (a fetch keeps its connection);
// handing it this signal stops it too.
//
// A signal belongs to a *scope*: the branch of a combinator being polled (the inner future of
// a `timeout`, one child of a `select`, `race`, `join` or `tryJoin`), or else the task. The
// combinator makes its child the current scope only while it polls it (enterScope/leaveScope,
// two assignments, nothing allocated), and aborts the child's signal when it drops the child:
// the timeout expires, a select child loses, the owner is cancelled. Aborting the task (its
// JoinHandle, a JoinSet) aborts the task's signal. Cancellation reaches nested scopes through
// the futures themselves: cancelling an outer future cancels the inner combinators, which
// abort theirs. An AbortController is made only when `currentSignal()` asks for one.
import { Cancelled } from '../future/future.js';
import { currentTask } from './task.js';

/** The combinator branch being polled right now (innermost), or null: the task's scope. */
let scope: object | null = null;
const controllers = new WeakMap<object, AbortController>();
/** No signal was ever handed out: aborting a scope is one test. */
let unused = true;

/** A combinator starts polling the child `key` (its slot); returns what to restore after. */
export function enterScope(key: object): object | null {
  const prev = scope;
  scope = key;
  return prev;
}

/** The poll of a child ended (however): back to the enclosing scope. */
export function leaveScope(prev: object | null): void {
  scope = prev;
}

/** The child `key` is dropped (or the task aborted): abort the signal handed out for it. */
export function abortScope(key: object, reason?: unknown): void {
  if (unused) return;
  const c = controllers.get(key);
  if (c === undefined) return;
  controllers.delete(key);
  c.abort(reason ?? new Cancelled());
}

/**
 * An AbortSignal that is aborted when the code calling this is cancelled: when the `timeout`
 * around it expires (the reason is the `TimeoutError`), when the `select`/`race` branch it
 * runs in loses, when a `tryJoin` sibling fails, when any future around those is cancelled,
 * or when the task is aborted (the reason is a `Cancelled`). Call it while a task polls: in a
 * lowered async function, or in code it calls synchronously, e.g.
 * `await fetch(url, { signal: currentSignal() })`. Calls in one scope share one signal.
 */
export function currentSignal(): AbortSignal {
  const key = scope ?? currentTask;
  if (key === null) {
    throw new Error('currentSignal() needs a running task: call it in a lowered async function (or code it calls synchronously), not after a native await or in a callback');
  }
  let c = controllers.get(key);
  if (c === undefined) {
    unused = false;
    controllers.set(key, (c = new AbortController()));
  }
  return c.signal;
}
