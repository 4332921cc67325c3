// What generated programs see as `H` and `lg`, shared by the native and the lowered build.
// Nothing here is lowered: it is the fixed world the programs run in.

/** An event log. Concurrent children get a sub-log each, compared on its own. */
export class Log {
  ev: unknown[] = [];
  subs: Log[] = [];
  /** Calls nobody awaits (kept by the root log): the run waits for them before comparing. */
  private readonly bg: Promise<unknown>[];
  constructor(root?: Log) {
    this.bg = root ? root.bg : [];
  }
  log(v: unknown): unknown {
    this.ev.push(norm(v));
    return v;
  }
  sub(): Log {
    const s = new Log(this);
    this.subs.push(s);
    return s;
  }
  /** A call's promise that may never be awaited: settled (never rejects), and waited for. */
  detach<T>(p: PromiseLike<T>): Promise<T | string> {
    const settled = Promise.resolve(p).then((v) => v, (e: unknown) => err(e));
    this.bg.push(settled);
    return settled;
  }
  /** Wait until every detached call has finished (a detached call may detach more). */
  async settle(): Promise<void> {
    for (let n = 0; n !== this.bg.length; ) {
      n = this.bg.length;
      await Promise.all(this.bg);
    }
  }
  toJSON(): unknown {
    return this.subs.length ? { ev: this.ev, subs: this.subs } : { ev: this.ev };
  }
}

export function norm(v: unknown): unknown {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(norm);
  if (v === undefined) return 'undefined';
  if (typeof v === 'object' && v !== null) return `[object ${(v as object).constructor?.name}]`;
  return v;
}

export function err(e: unknown): string {
  // A ReferenceError names a variable, and the bundler may have renamed it (v0 → v03) in one
  // build only: keep the kind of error, drop the name.
  if (e instanceof ReferenceError) return `${e.name}: ${e.message.replace(/'[^']*'|^\S+(?= is not defined)/g, '<name>')}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `throw ${JSON.stringify(norm(e))}`;
}

export const common = {
  sum(xs: unknown[]): unknown {
    let s: any = 0;
    for (const x of xs) s = s + (x as any);
    return s;
  },
  cap(v: unknown, n: number): number {
    const x = typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
    return Math.max(0, Math.min(n, x));
  },
  err,
  thenable<T>(v: T): PromiseLike<T> {
    return { then: (res: any) => res(v) } as PromiseLike<T>;
  },
  iter: (lg: Log, items: unknown[]) => iter(lg, items),
  aiter: (lg: Log, items: unknown[]) => aiter(lg, items),
};

export interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
  log: unknown;
}

/** Run one program's main with a fresh log; never rejects. */
export async function runProgram(main: (lg: Log) => PromiseLike<unknown>, timeoutMs: number): Promise<Outcome> {
  const lg = new Log();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Outcome>((res) => {
    timer = setTimeout(() => res({ ok: false, error: 'TIMEOUT (never settled)', log: lg.toJSON() }), timeoutMs);
  });
  const run = (async (): Promise<Outcome> => {
    try {
      const v = await main(lg);
      await lg.settle();
      return { ok: true, value: norm(v), log: lg.toJSON() };
    } catch (e) {
      await lg.settle();
      return { ok: false, error: err(e), log: lg.toJSON() };
    }
  })();
  const out = await Promise.race([run, timeout]);
  clearTimeout(timer);
  return out;
}

/** An iterable whose iterator logs when it is closed early (IteratorClose). */
export function iter(lg: Log, items: unknown[]): Iterable<unknown> {
  return {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next: () => (i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true }),
        return: () => {
          lg.log('iter.return');
          return { value: undefined, done: true };
        },
      };
    },
  };
}

/** An async iterable (promises resolved later) whose iterator logs when closed early. */
export function aiter(lg: Log, items: unknown[]): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: () => Promise.resolve(i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true }),
        return: () => {
          lg.log('aiter.return');
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };
}
