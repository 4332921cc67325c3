// A growable ring buffer: O(1) push and shift, no per-item allocation.
export class RingQueue<T> {
  private items: (T | undefined)[] = new Array(64);
  private head = 0;
  private tail = 0;
  private mask = 63;
  length = 0;

  push(item: T): void {
    if (this.length === this.mask + 1) this.grow();
    this.items[this.tail] = item;
    this.tail = (this.tail + 1) & this.mask;
    this.length++;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return item;
  }

  private grow(): void {
    const old = this.items;
    const n = old.length;
    const items: (T | undefined)[] = new Array(n * 2);
    for (let i = 0; i < n; i++) items[i] = old[(this.head + i) & this.mask];
    this.items = items;
    this.head = 0;
    this.tail = n;
    this.mask = n * 2 - 1;
  }
}
