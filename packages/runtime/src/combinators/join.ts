// join / tryJoin: drive several children concurrently in one task and collect their results.
import { type Context, DONE_OK, FutureBase, isFuture, type Pending, PENDING, polledAfterCompletion, POLLING, type Waker } from '../future/future.js';
import { PromiseBridge } from '../future/bridge.js';
import { currentRuntime } from '../scheduler/runtime.js';
import { pollSlot } from '../future/machine.js';
import { enterScope, leaveScope } from '../task/signal.js';
import { own } from '../task/task.js';
import { children, dropSlots } from './child.js';

/** The value type of anything awaitable (a future, a promise, or a plain value). */
export type Output<F> = Awaited<F>;
/** The result tuple (or array) of joining `T`. */
export type JoinOutput<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** One child: the `$aw` slot `pollSlot` works on, and whether it has finished. */
export class ChildSlot {
  $aw: unknown;
  done = false;
  constructor(aw: unknown) {
    this.$aw = own(aw); // the promise of a lowered call is owned: a dropped child stops
  }
}

/**
 * A child of a join is its own Context and Waker (as in FuturesUnordered): its wake queues it
 * on the join and wakes the task, so a poll of the join re-polls only the children that were
 * woken, and finds them without looking at the others (a join of n children that each wake
 * once costs O(n), not O(n²)).
 */
class JoinChild extends ChildSlot implements Context, Waker {
  readonly waker: Waker = this;
  budget = 0;
  woken = true; // every child is polled once to start it
  parent: Waker | null = null;

  constructor(
    aw: unknown,
    readonly index: number,
    private readonly join: { woken: JoinChild[] },
  ) {
    super(aw);
  }

  wake(): void {
    if (this.woken || this.done) return;
    this.woken = true;
    this.join.woken.push(this);
    this.parent?.wake();
  }
}

export class Join<T extends unknown[]> extends FutureBase<T> {
  private readonly slots: JoinChild[];
  /** @internal The children to poll next, in the order they were woken. */
  woken: JoinChild[];
  /** The previous poll's list, empty, to swap in. */
  private spare: JoinChild[] = [];
  private readonly results: unknown[];
  private remaining: number;
  private error: unknown = undefined;
  private failed = false;

  /** `failFast`: tryJoin, which cancels the other children at the first error. */
  constructor(
    children: readonly unknown[],
    private readonly failFast: boolean,
  ) {
    super();
    const n = children.length;
    this.slots = new Array(n);
    for (let i = 0; i < n; i++) this.slots[i] = new JoinChild(children[i], i, this);
    this.woken = this.slots.slice();
    this.results = new Array(n);
    this.remaining = n;
  }

  poll(cx: Context): T | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    // A child woken while this poll runs (a yield at its await) waits for the next poll.
    const queue = this.woken;
    this.woken = this.spare;
    const parent = cx.waker;
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      if (s.done) continue;
      s.woken = false;
      s.parent = parent; // the latest waker wins
      s.budget = cx.budget; // the child spends the task's budget
      let r: unknown;
      const outer = enterScope(s); // each child has its own currentSignal(), aborted if it is dropped
      try {
        r = pollSlot(s, s);
      } catch (e) {
        leaveScope(outer);
        cx.budget = s.budget;
        s.done = true;
        s.$aw = undefined;
        this.remaining--;
        if (this.failed) continue;
        this.failed = true;
        this.error = e;
        if (this.failFast) {
          dropSlots(this.slots);
          throw this.$fail(e);
        }
        continue; // the rest of this pass still starts every child, as Promise.all's are started
      }
      leaveScope(outer);
      cx.budget = s.budget;
      if (r !== PENDING) {
        s.done = true;
        this.results[s.index] = r;
        this.remaining--;
      }
    }
    queue.length = 0;
    this.spare = queue;
    if (this.failed) {
      this.detachRest();
      throw this.$fail(this.error);
    }
    if (this.remaining > 0) return PENDING;
    return this.$ready(this.results as T);
  }

  /**
   * `join` failed: the unfinished children go on in the background, as the other promises of
   * a rejected `Promise.all` do. A future we own becomes a task of its own (its result is taken:
   * a later error is not reported, as Promise.all handles every member); join handles and
   * promises just go on.
   */
  private detachRest(): void {
    for (const s of this.slots) {
      if (s.done) continue;
      s.done = true;
      const aw = s.$aw as FutureBase<unknown>;
      s.$aw = undefined;
      if (isFuture(aw) && aw.$st === POLLING && !aw.$shared && !(aw instanceof PromiseBridge)) {
        currentRuntime().spawn(aw).task.$observe();
      }
    }
  }

  protected override $onCancel(): void {
    dropSlots(this.slots);
  }
}

/**
 * Run all children concurrently and resolve with all their results, in order, as
 * `Promise.all` does: at the first error `join` throws it, and the other children go on in
 * the background, uncancelled (their later errors are not reported). Call it with the
 * children as arguments or as one array. `tryJoin` cancels them instead.
 */
export function join<const T extends readonly unknown[]>(futures: T): Join<JoinOutput<T>>;
export function join<T extends unknown[]>(...futures: T): Join<JoinOutput<T>>;
export function join(): Join<unknown[]> {
  return new Join(children(arguments), false);
}

/**
 * As `join`, but fail fast: at the first error the other children are cancelled (their
 * finally blocks run) and the error is thrown, as `Promise.all` rejects and
 * `tokio::try_join!` drops the rest.
 */
export function tryJoin<const T extends readonly unknown[]>(futures: T): Join<JoinOutput<T>>;
export function tryJoin<T extends unknown[]>(...futures: T): Join<JoinOutput<T>>;
export function tryJoin(): Join<unknown[]> {
  return new Join(children(arguments), true);
}
