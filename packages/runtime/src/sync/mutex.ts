// An async mutex: a fair semaphore with one permit guarding a value (Tokio's Mutex).
import { AcquireFuture, Semaphore } from './semaphore.js';

export class Mutex<T = void> {
  /** @internal */ readonly sem = new Semaphore(1);
  /** @internal */ data: T;

  constructor(value: T) {
    this.data = value;
  }

  /** A future for the lock. Waiters get it in the order they first polled. */
  lock(): Lock<T> {
    return new Lock(this);
  }

  /** The lock now, or `null` if it is held (or someone waits for it). */
  tryLock(): MutexGuard<T> | null {
    return this.sem.tryTake(1) ? new MutexGuard(this) : null;
  }

  get isLocked(): boolean {
    return this.sem.availablePermits === 0;
  }
}

export class Lock<T> extends AcquireFuture<MutexGuard<T>> {
  constructor(private readonly mutex: Mutex<T>) {
    super(mutex.sem, 1);
  }
  protected acquired(): MutexGuard<T> {
    return new MutexGuard(this.mutex);
  }
}

/** Access to the value while the lock is held. Release it with `release()` or `using`. */
export class MutexGuard<T> {
  private mutex: Mutex<T> | null;
  constructor(mutex: Mutex<T>) {
    this.mutex = mutex;
  }

  get value(): T {
    return this.held().data;
  }

  set value(v: T) {
    this.held().data = v;
  }

  /** Unlock. Idempotent. */
  release(): void {
    const m = this.mutex;
    if (m === null) return;
    this.mutex = null;
    m.sem.release(1);
  }

  [Symbol.dispose](): void {
    this.release();
  }

  private held(): Mutex<T> {
    const m = this.mutex;
    if (m === null) throw new Error('MutexGuard used after release');
    return m;
  }
}
