// Private links from objects user code holds to what the runtime knows about them: a lowered
// function's wrapper to its direct entry (ABI.md, section 7), and the promise a lowered call
// returned to the task that settles it (section 8). A private field is stamped on the object
// through a base constructor that returns it: no property, symbol or reflection shows it (the
// objects are the user's: native functions and promises have no such property), and it follows
// the object itself, whatever names reach it.
import type { TaskBase } from '../task/task.js';

const Returning = class {
  constructor(o: object) {
    return o;
  }
} as new (o: object) => object;

/** The direct entry of a lowered wrapper: its sync-first copy, or LAZY (call it armed). */
export type Entry = ((cx: never, ...args: never[]) => unknown) | typeof LAZY;
/** The entry of a lowered function without a copy: `start` returns the frame when armed. */
export const LAZY = 0;

class EntryStamp extends Returning {
  readonly #entry: Entry;
  constructor(fn: object, entry: Entry) {
    super(fn);
    this.#entry = entry;
  }
  static of(fn: unknown): Entry | undefined {
    return typeof fn === 'function' && #entry in fn ? (fn as unknown as EntryStamp).#entry : undefined;
  }
}

class TaskStamp extends Returning {
  readonly #task: TaskBase<unknown>;
  constructor(p: object, task: TaskBase<unknown>) {
    super(p);
    this.#task = task;
  }
  static of(p: unknown): TaskBase<unknown> | undefined {
    return typeof p === 'object' && p !== null && #task in p ? (p as unknown as TaskStamp).#task : undefined;
  }
}

/** Link a wrapper to its entry (once: a wrapper is stamped when it is made). */
export function stampEntry(fn: object, entry: Entry): void {
  if (EntryStamp.of(fn) === undefined) new EntryStamp(fn, entry);
}

/** The entry of a lowered function, or undefined for any other value. */
export const entryOf: (fn: unknown) => Entry | undefined = EntryStamp.of;

export function stampTask(p: Promise<unknown>, task: TaskBase<unknown>): void {
  new TaskStamp(p, task);
}

/** The task behind a promise a lowered call returned, or undefined. */
export const taskOf: (p: unknown) => TaskBase<unknown> | undefined = TaskStamp.of;
