// CancellationToken (tokio-util): a cancellation signal with a tree of child tokens, a
// `cancelled()` future, and conversion to and from AbortSignal (for fetch and DOM APIs).
import { type Context, DONE_OK, FutureBase, type Pending, PENDING, polledAfterCompletion, type Waker } from '../future/future.js';
import type { Awaitable } from '../scheduler/runtime.js';
import { Select } from '../combinators/select.js';

export class CancellationToken {
  private cancelledFlag = false;
  private parent: CancellationToken | null = null;
  private children: Set<CancellationToken> | null = null;
  // Waiters: an intrusive list of pending `cancelled()` futures (removal is O(1) on cancel).
  private head: WaitForCancellation | null = null;
  private controller: AbortController | null = null;

  get isCancelled(): boolean {
    return this.cancelledFlag;
  }

  /**
   * A token cancelled with this one (and by its own `cancel()`, which does not reach the
   * parent). Keep a child for the lifetime of the work it guards and `dispose()` it (or
   * declare it with `using`) when that work ends, so a long-lived parent does not keep it.
   */
  child(): CancellationToken {
    const c = new CancellationToken();
    if (this.cancelledFlag) {
      c.cancelledFlag = true;
      return c;
    }
    c.parent = this;
    (this.children ??= new Set()).add(c);
    return c;
  }

  /** Cancel this token and its children, waking every `cancelled()` waiter. Idempotent. */
  cancel(reason?: unknown): void {
    // Iterative over the tree, so a deep chain of children cannot overflow the stack.
    const stack: CancellationToken[] = [this];
    for (let t = stack.pop(); t !== undefined; t = stack.pop()) {
      if (t.cancelledFlag) continue;
      t.cancelledFlag = true;
      t.detach();
      const children = t.children;
      t.children = null;
      if (children !== null) for (const c of children) {
        c.parent = null;
        stack.push(c);
      }
      for (let w = t.head; w !== null; w = w.next) w.fire();
      t.head = null;
      if (t.controller !== null) t.controller.abort(reason);
    }
  }

  /** A future that completes when the token is cancelled. */
  cancelled(): WaitForCancellation {
    return new WaitForCancellation(this);
  }

  /**
   * Run `future` until the token is cancelled: its value, or `undefined` if the token was
   * cancelled first (then `future` is cancelled and its finally blocks run).
   */
  runUntilCancelled<T>(future: Awaitable<T>): FutureBase<T | undefined> {
    return new Select<T | undefined>([future, this.cancelled()], false) as FutureBase<T | undefined>;
  }

  /** An AbortSignal aborted when this token is cancelled (one per token, made on demand). */
  toAbortSignal(): AbortSignal {
    let c = this.controller;
    if (c === null) {
      c = this.controller = new AbortController();
      if (this.cancelledFlag) c.abort();
    }
    return c.signal;
  }

  /** A token cancelled when `signal` aborts (at once if it already has). */
  static fromAbortSignal(signal: AbortSignal): CancellationToken {
    const t = new CancellationToken();
    if (signal.aborted) t.cancel(signal.reason);
    else signal.addEventListener('abort', () => t.cancel(signal.reason), { once: true });
    return t;
  }

  /** Unlink from the parent: the parent's cancellation no longer reaches this token. */
  dispose(): void {
    this.detach();
  }

  [Symbol.dispose](): void {
    this.detach();
  }

  private detach(): void {
    const p = this.parent;
    if (p !== null) {
      this.parent = null;
      if (p.children !== null) p.children.delete(this);
    }
  }

  /** @internal */
  addWaiter(w: WaitForCancellation): void {
    const head = this.head;
    w.next = head;
    w.prev = null;
    if (head !== null) head.prev = w;
    this.head = w;
  }

  /** @internal */
  removeWaiter(w: WaitForCancellation): void {
    if (w.prev !== null) w.prev.next = w.next;
    else if (this.head === w) this.head = w.next;
    if (w.next !== null) w.next.prev = w.prev;
    w.prev = w.next = null;
  }
}

export class WaitForCancellation extends FutureBase<void> {
  prev: WaitForCancellation | null = null;
  next: WaitForCancellation | null = null;
  private waker: Waker | null = null;
  private registered = false;

  constructor(private readonly token: CancellationToken) {
    super();
  }

  poll(cx: Context): void | Pending {
    if (this.$st >= DONE_OK) polledAfterCompletion();
    if (this.token.isCancelled) {
      this.registered = false;
      return this.$ready(undefined);
    }
    this.waker = cx.waker;
    if (!this.registered) {
      this.registered = true;
      this.token.addWaiter(this);
    }
    return PENDING;
  }

  /** @internal the token was cancelled (it unlinks the whole list itself). */
  fire(): void {
    this.registered = false;
    const w = this.waker;
    this.waker = null;
    if (w !== null) w.wake();
  }

  protected override $onCancel(): void {
    this.waker = null;
    if (this.registered) {
      this.registered = false;
      this.token.removeWaiter(this);
    }
  }
}
