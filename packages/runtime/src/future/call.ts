// How lowered functions are called (ABI.md, section 8).
//
// A call of a lowered async function behaves like the native call: its body starts at once,
// runs on the caller's stack until it first suspends, and goes on as a task of its own; the
// caller gets a native Promise. `await f(x)` in lowered code is the exception: the compiler
// calls `f` through one of the helpers below, which run `f`'s body inline, as part of the
// awaiting task, with no promise and no task: by its sync-first copy when it has one, else by
// calling the wrapper *armed*, so that `start` hands back the unstarted frame to be awaited.
import { Cancelled, type Context, DONE_OK, type Pending } from './future.js';
import { awaitValue, type Machine } from './machine.js';
import { type Entry, entryOf, LAZY, stampEntry, stampTask } from './stamp.js';
import { currentScheduler, FINISHED, FIRST_POLL_BUDGET } from '../task/task.js';

/** Set by an await helper for the one wrapper it calls; taken by that wrapper's `start`. */
let armed = false;

/**
 * Every wrapper ends with `return start(frame)`. Armed (an await helper called this wrapper),
 * the frame goes back unstarted; otherwise it starts now, as its own task, and the caller
 * gets a native promise of its result. It is typed `Promise<any>`, though armed it returns the
 * frame: lowered TypeScript (`tspoll transform`) keeps a wrapper's return type where the source
 * wrote one, and where it did not, other files must see a promise, not `Machine<unknown>`.
 */
export function start<T>(f: Machine<T>): Promise<any> {
  if (armed) {
    armed = false;
    return f;
  }
  f.$bind(currentScheduler(), true);
  f.$run(FIRST_POLL_BUDGET);
  let p: Promise<T>;
  if (f.$ts === FINISHED) p = settled(f);
  else {
    f.$list(); // only a call that suspends is a live task: one that finished was never listed
    p = f.$promise() as Promise<T>;
  }
  // Stamped, so that lowered code awaiting the promise later joins the task: no `then`, and
  // no microtask hop once it is settled.
  stampTask(p, f);
  return p;
}

/** The native promise of a call that finished during its first poll. */
function settled<T>(f: Machine<T>): Promise<T> {
  if (f.$st === DONE_OK) return Promise.resolve(f.$out as T);
  const p = Promise.reject(f.$out);
  if (f.$out instanceof Cancelled) p.catch(noop); // cancellation is not a failure to report
  // A lowered awaiter that takes the error handles the promise (TaskBase.$observe).
  else f.$sub = { promise: p, resolve: noop, reject: noop };
  return p;
}

const noop = (): void => {};

// `Function.prototype.call` captured, so a method call reads nothing from the callee (natively
// `o.m(a)` performs Call(o.m, o, [a]) and looks up no `call` property).
const callWith = Function.prototype.call.bind(Function.prototype.call) as (fn: unknown, thisArg: unknown, ...args: unknown[]) => unknown;
const applyWith = Reflect.apply as (fn: unknown, thisArg: unknown, args: readonly unknown[]) => unknown;
// `await f.call(t, a)` and `await f.apply(t, args)` of a lowered `f` run `f` inline, as
// `await f(a)` does: the callee is then the real Function.prototype.call or apply, which does
// nothing observable but call `f`.
const FnCall = Function.prototype.call;
const FnApply = Function.prototype.apply;
const throughCall = (fn: unknown, thisArg: unknown): boolean => (fn === FnCall || fn === FnApply) && entryOf(thisArg) !== undefined;
/** `f.apply(t, list)`: the arguments, when `list` is one `callv` can pass as it is. */
const applyArgs = (list: unknown): readonly unknown[] | undefined => (list == null ? [] : Array.isArray(list) ? list : undefined);

type Fn = (...args: unknown[]) => unknown;
type Copy = (cx: Context, ...args: unknown[]) => unknown;

/** Call a lowered wrapper armed: it returns its frame, unstarted. */
function armedCall(fn: Fn, thisArg: unknown, args: readonly unknown[]): unknown {
  armed = true;
  try {
    return applyWith(fn, thisArg, args);
  } finally {
    armed = false;
  }
}

// `await fn(...)` and `await o.m(...)` on a callee the compiler cannot name: `$tp.callN(cx,
// callee, thisArg, ...args)`, the callee and its arguments evaluated as for the call. The result
// is the value, or PENDING with the operand to resume with held (as `awaitValue`). Fixed
// arities keep the arguments out of an array on the common paths.

export function call0(cx: Context, fn: unknown, thisArg: unknown): unknown {
  const e = entryOf(fn);
  if (e === undefined && throughCall(fn, thisArg)) return call0(cx, thisArg, undefined);
  if (e === undefined) return awaitValue(thisArg === undefined ? (fn as Fn)() : callWith(fn, thisArg), cx);
  if (e !== LAZY) return (e as Copy)(cx);
  return awaitValue(armedCall(fn as Fn, thisArg, []), cx);
}

export function call1(cx: Context, fn: unknown, thisArg: unknown, a: unknown): unknown {
  const e = entryOf(fn);
  if (e === undefined && throughCall(fn, thisArg)) return call0(cx, thisArg, a);
  if (e === undefined) return awaitValue(thisArg === undefined ? (fn as Fn)(a) : callWith(fn, thisArg, a), cx);
  if (e !== LAZY) return (e as Copy)(cx, a);
  return awaitValue(armedCall(fn as Fn, thisArg, [a]), cx);
}

export function call2(cx: Context, fn: unknown, thisArg: unknown, a: unknown, b: unknown): unknown {
  const e = entryOf(fn);
  if (e === undefined && throughCall(fn, thisArg)) {
    if (fn === FnCall) return call1(cx, thisArg, a, b);
    const args = applyArgs(b);
    if (args !== undefined) return callv(cx, thisArg, a, args);
  }
  if (e === undefined) return awaitValue(thisArg === undefined ? (fn as Fn)(a, b) : callWith(fn, thisArg, a, b), cx);
  if (e !== LAZY) return (e as Copy)(cx, a, b);
  return awaitValue(armedCall(fn as Fn, thisArg, [a, b]), cx);
}

export function call3(cx: Context, fn: unknown, thisArg: unknown, a: unknown, b: unknown, c: unknown): unknown {
  const e = entryOf(fn);
  if (e === undefined && fn === FnCall && entryOf(thisArg) !== undefined) return call2(cx, thisArg, a, b, c);
  if (e === undefined) return awaitValue(thisArg === undefined ? (fn as Fn)(a, b, c) : callWith(fn, thisArg, a, b, c), cx);
  if (e !== LAZY) return (e as Copy)(cx, a, b, c);
  return awaitValue(armedCall(fn as Fn, thisArg, [a, b, c]), cx);
}

/** Any other number of arguments, or spread ones: `callv(cx, fn, thisArg, [a, ...rest])`. */
export function callv(cx: Context, fn: unknown, thisArg: unknown, args: readonly unknown[]): unknown {
  const e = entryOf(fn);
  if (e === undefined && fn === FnCall && entryOf(thisArg) !== undefined) return callv(cx, thisArg, args[0], args.slice(1));
  if (e === undefined) return awaitValue(applyWith(fn, thisArg, args), cx);
  if (e !== LAZY) return applyWith(e, undefined, ([cx] as unknown[]).concat(args)); // concat: no array iterator
  return awaitValue(armedCall(fn as Fn, thisArg, args), cx);
}

/** The future of `fn(...args)` without starting it: the frame, for a lowered `fn`. */
export function lazyCall(fn: unknown, thisArg: unknown, args: readonly unknown[]): unknown {
  return entryOf(fn) === undefined ? applyWith(fn, thisArg, args) : armedCall(fn as Fn, thisArg, args);
}

// ---- the function objects ----------------------------------------------------------------

const AsyncFunctionPrototype = Object.getPrototypeOf(async function () {}) as object;

/**
 * A lowered async function's wrapper, as it is made (generated code: `$tp.asyncFn(wrapper,
 * copy)`): it gets the native [[Prototype]] (`constructor`, `instanceof` and the toString tag
 * of an AsyncFunction) and its entry. Wrappers are arrows or methods, so, as native async
 * functions, they have no `prototype`, cannot be constructed, and have no own `arguments`.
 */
export function asyncFn<F extends object>(wrapper: F, copy?: Entry): F {
  Object.setPrototypeOf(wrapper, AsyncFunctionPrototype);
  stampEntry(wrapper, copy ?? LAZY);
  return wrapper;
}

/** ToPropertyKey, for a computed method key kept to reach the method again (asyncMethods). */
export function propertyKey(k: unknown): PropertyKey {
  return Reflect.ownKeys({ [k as PropertyKey]: 0 })[0]!;
}

/** `export default async function () {}`, reached by a hidden name: its `name` is "default". */
export function renamed<F extends object>(fn: F, name: string): F {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

/**
 * The methods `keys` of `obj` (a class prototype or constructor, an object literal) that are
 * lowered async methods: the native prototype and their entry, as `asyncFn`. An accessor
 * or a later member of the same name that replaced the method is left alone.
 */
export function asyncMethods<O extends object>(obj: O, ...keys: PropertyKey[]): O {
  // An indexed loop: the class being made must not depend on the array iterator (code may have
  // replaced it), as a native class does not.
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const d = Object.getOwnPropertyDescriptor(obj, k);
    if (d !== undefined && typeof d.value === 'function' && Object.getPrototypeOf(d.value) === Function.prototype) asyncFn(d.value as object);
  }
  return obj;
}

/** For a wrapper that stays a function declaration (exported): `new` must throw as natively. */
export function notConstructor(name: string): never {
  throw new TypeError(`${name} is not a constructor`);
}

export type { Pending };
