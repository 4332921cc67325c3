// A hierarchical timing wheel (Tokio's design): 6 levels of 64 slots; a slot at level L
// spans 64^L ticks of 1 ms, so the wheel covers 64^6 ms (about 795 days) and insert, remove
// and firing are O(1) per timer (an entry moves down at most 5 levels before it fires).
// Slots hold intrusive doubly linked lists, so removing a cancelled timer frees it at once.

/** What the wheel stores: the timer itself carries the links (no node allocation). */
export interface TimerEntry {
  /** Deadline in ticks since the driver's origin. */
  $when: number;
  $prev: TimerEntry | null;
  $next: TimerEntry | null;
  /** Level of the slot holding the entry, or -1 when it is not in the wheel. */
  $level: number;
  $slot: number;
  /** The deadline passed: wake whoever waits. Must not re-enter the wheel's poll. */
  $fire(): void;
}

const LEVELS = 6;
const SLOTS = 64;
/** Ticks spanned by one slot, per level. */
const SLOT_SPAN = [1, 64, 4096, 262144, 16777216, 1073741824];
/** Ticks spanned by a whole level. */
const LEVEL_SPAN = [64, 4096, 262144, 16777216, 1073741824, 68719476736];
const MAX_TICKS = LEVEL_SPAN[LEVELS - 1]! - 1;

function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

class Level {
  readonly heads: (TimerEntry | null)[] = new Array(SLOTS).fill(null);
  readonly tails: (TimerEntry | null)[] = new Array(SLOTS).fill(null);
  /** Occupancy bitmap: slots 0-31 and 32-63. */
  lo = 0;
  hi = 0;

  /** The first occupied slot at or after `from`, wrapping around; -1 if none. */
  nextOccupied(from: number): number {
    const lo = this.lo;
    const hi = this.hi;
    if (from < 32) {
      const m = lo & (-1 << from);
      if (m !== 0) return ctz(m);
      if (hi !== 0) return 32 + ctz(hi);
    } else {
      const m = hi & (-1 << (from - 32));
      if (m !== 0) return 32 + ctz(m);
    }
    if (lo !== 0) return ctz(lo);
    if (hi !== 0) return 32 + ctz(hi);
    return -1;
  }

  push(slot: number, e: TimerEntry): void {
    const tail = this.tails[slot]!;
    e.$prev = tail;
    e.$next = null;
    if (tail === null) {
      this.heads[slot] = e;
      if (slot < 32) this.lo |= 1 << slot;
      else this.hi |= 1 << (slot - 32);
    } else tail.$next = e;
    this.tails[slot] = e;
  }

  unlink(slot: number, e: TimerEntry): void {
    const prev = e.$prev;
    const next = e.$next;
    if (prev === null) this.heads[slot] = next;
    else prev.$next = next;
    if (next === null) this.tails[slot] = prev;
    else next.$prev = prev;
    e.$prev = e.$next = null;
    if (this.heads[slot] === null) this.clearBit(slot);
  }

  take(slot: number): TimerEntry | null {
    const head = this.heads[slot]!;
    this.heads[slot] = this.tails[slot] = null;
    this.clearBit(slot);
    return head;
  }

  private clearBit(slot: number): void {
    if (slot < 32) this.lo &= ~(1 << slot);
    else this.hi &= ~(1 << (slot - 32));
  }
}

export class TimingWheel {
  /** Ticks processed so far: every entry with `$when <= elapsed` has fired. */
  elapsed = 0;
  /** Entries in the wheel. */
  size = 0;
  private readonly levels: Level[] = [];
  // Out-parameters of nextExpiration(), so the query allocates nothing.
  private expLevel = 0;
  private expSlot = 0;

  constructor() {
    for (let i = 0; i < LEVELS; i++) this.levels.push(new Level());
  }

  /**
   * Add an entry. Returns false, without adding it, when its deadline has already been
   * processed (`$when <= elapsed`): the caller treats it as fired.
   */
  insert(e: TimerEntry): boolean {
    if (e.$when <= this.elapsed) return false;
    this.place(e);
    this.size++;
    return true;
  }

  /** Remove an entry that is in the wheel; a no-op for one that is not. */
  remove(e: TimerEntry): void {
    const level = e.$level;
    if (level < 0) return;
    this.levels[level]!.unlink(e.$slot, e);
    e.$level = -1;
    this.size--;
  }

  /**
   * The tick at which the wheel next has work: an exact deadline at level 0, or the start of
   * a higher slot, whose entries then move down (so it may precede their deadlines). -1 if empty.
   */
  nextExpiration(): number {
    if (this.size === 0) return -1;
    const elapsed = this.elapsed;
    for (let l = 0; l < LEVELS; l++) {
      const level = this.levels[l]!;
      if (level.lo === 0 && level.hi === 0) continue;
      const span = SLOT_SPAN[l]!;
      const range = LEVEL_SPAN[l]!;
      const now = Math.floor(elapsed / span) % SLOTS;
      const slot = level.nextOccupied(now);
      const levelStart = elapsed - (elapsed % range);
      let deadline = levelStart + slot * span;
      // Only the top level can hold slots that wrapped past the current position.
      if (deadline <= elapsed && l > 0) deadline += range;
      this.expLevel = l;
      this.expSlot = slot;
      return deadline;
    }
    return -1;
  }

  /** The earliest deadline still to come, exactly (walks the next slot's entries). */
  nextDeadline(): number {
    const t = this.nextExpiration();
    if (t < 0 || this.expLevel === 0) return t;
    let min = Infinity;
    for (let e = this.levels[this.expLevel]!.heads[this.expSlot]! as TimerEntry | null; e !== null; e = e.$next) {
      if (e.$when < min) min = e.$when;
    }
    return min;
  }

  /** Fire, in deadline order, every entry with `$when <= now`, and set `elapsed` to `now`. */
  advanceTo(now: number): void {
    for (;;) {
      const deadline = this.nextExpiration();
      if (deadline < 0 || deadline > now) break;
      let e = this.levels[this.expLevel]!.take(this.expSlot);
      if (deadline > this.elapsed) this.elapsed = deadline;
      while (e !== null) {
        const next = e.$next;
        e.$prev = e.$next = null;
        e.$level = -1;
        if (e.$when <= deadline) {
          this.size--;
          e.$fire();
        } else this.place(e); // cascade to a lower level
        e = next;
      }
    }
    if (now > this.elapsed) this.elapsed = now;
  }

  private place(e: TimerEntry): void {
    const elapsed = this.elapsed;
    let when = e.$when;
    if (when - elapsed > MAX_TICKS) when = elapsed + MAX_TICKS; // re-placed when that slot comes up
    let l = 0;
    while (l < LEVELS - 1 && Math.floor(when / LEVEL_SPAN[l]!) !== Math.floor(elapsed / LEVEL_SPAN[l]!)) l++;
    const slot = Math.floor(when / SLOT_SPAN[l]!) % SLOTS;
    e.$level = l;
    e.$slot = slot;
    this.levels[l]!.push(slot, e);
  }
}
