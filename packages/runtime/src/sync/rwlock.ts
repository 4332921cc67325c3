// A fair reader-writer lock (Tokio's RwLock): a semaphore with `maxReaders` permits; a
// reader takes one, a writer takes all. The queue is FIFO, so a waiting writer holds back
// readers that arrive after it and writers cannot starve.
import { AcquireFuture, Semaphore } from './semaphore.js';

/** Tokio's limit: `u32::MAX >> 3`. */
const MAX_READS = 536_870_911;

export class RwLock<T = void> {
  /** @internal */ readonly sem: Semaphore;
  /** @internal */ data: T;
  readonly maxReaders: number;

  constructor(value: T, maxReaders = MAX_READS) {
    if (!Number.isInteger(maxReaders) || maxReaders < 1 || maxReaders > MAX_READS) {
      throw new RangeError(`invalid maxReaders: ${maxReaders}`);
    }
    this.data = value;
    this.maxReaders = maxReaders;
    this.sem = new Semaphore(maxReaders);
  }

  read(): ReadLock<T> {
    return new ReadLock(this);
  }

  write(): WriteLock<T> {
    return new WriteLock(this);
  }

  tryRead(): RwLockReadGuard<T> | null {
    return this.sem.tryTake(1) ? new RwLockReadGuard(this) : null;
  }

  tryWrite(): RwLockWriteGuard<T> | null {
    return this.sem.tryTake(this.maxReaders) ? new RwLockWriteGuard(this) : null;
  }
}

export class ReadLock<T> extends AcquireFuture<RwLockReadGuard<T>> {
  constructor(private readonly lock: RwLock<T>) {
    super(lock.sem, 1);
  }
  protected acquired(): RwLockReadGuard<T> {
    return new RwLockReadGuard(this.lock);
  }
}

export class WriteLock<T> extends AcquireFuture<RwLockWriteGuard<T>> {
  constructor(private readonly lock: RwLock<T>) {
    super(lock.sem, lock.maxReaders);
  }
  protected acquired(): RwLockWriteGuard<T> {
    return new RwLockWriteGuard(this.lock);
  }
}

export class RwLockReadGuard<T> {
  protected lock: RwLock<T> | null;
  constructor(lock: RwLock<T>) {
    this.lock = lock;
  }

  get value(): T {
    return this.held().data;
  }

  /** Unlock. Idempotent. */
  release(): void {
    const l = this.lock;
    if (l === null) return;
    this.lock = null;
    l.sem.release(this.permits(l));
  }

  [Symbol.dispose](): void {
    this.release();
  }

  protected permits(_l: RwLock<T>): number {
    return 1;
  }

  protected held(): RwLock<T> {
    const l = this.lock;
    if (l === null) throw new Error('RwLock guard used after release');
    return l;
  }
}

export class RwLockWriteGuard<T> extends RwLockReadGuard<T> {
  override get value(): T {
    return this.held().data;
  }

  override set value(v: T) {
    this.held().data = v;
  }

  /** Turn write access into read access without letting a writer in between. */
  downgrade(): RwLockReadGuard<T> {
    const l = this.held();
    this.lock = null;
    l.sem.release(l.maxReaders - 1);
    return new RwLockReadGuard(l);
  }

  protected override permits(l: RwLock<T>): number {
    return l.maxReaders;
  }
}
