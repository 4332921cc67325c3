// runtime.dump() (src/task/introspect.ts) on hand-written machines shaped like generated
// code, with the compiler's MachineInfo attached through defineMachine.
import { describe, expect, it } from 'vitest';
import {
  awaitStep,
  type Context,
  defineMachine,
  FutureBase,
  Machine,
  PENDING,
  pending,
  Runtime,
  type TaskDump,
} from '../src/index.js';
import { installDumpSignal } from '../src/node/dump-signal.js';

type M = Machine<unknown> & { x: unknown; v: unknown };

// async function handler(x) { const v = await inner(x); return v; }
function handler(x: unknown) {
  const f = new Machine<unknown>(handler$poll, undefined) as M;
  f.x = x;
  return f;
}
function handler$poll(this: M, cx: Context): unknown {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.$st = 1;
          this.$aw = inner(this.x);
          this.$s = 1;
        // falls through
        case 1:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          return this.$return(r);
        default:
          return this.$unwound();
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(handler$poll, {
  name: 'handler',
  states: ['Start', 'WaitingForInner'],
  awaits: ['', 'inner(x)'],
  loc: 'app.ts:1:1',
});

// async function inner(x) { spin(); const v = await x; return v; }
function inner(x: unknown) {
  const f = new Machine<unknown>(inner$poll, undefined) as M;
  f.x = x;
  return f;
}
function inner$poll(this: M, cx: Context): unknown {
  let r: unknown;
  try {
    for (;;)
      switch (this.$s) {
        case 0:
          this.$st = 1;
          this.$aw = this.x;
          this.$s = 1;
        // falls through
        case 1:
          if ((r = awaitStep(this, cx)) === PENDING) return PENDING;
          return this.$return(r);
        default:
          return this.$unwound();
      }
  } catch (e) {
    throw this.$throw(e);
  }
}
defineMachine(inner$poll, { name: 'inner', states: ['Start', 'WaitingForX'], awaits: ['', 'x'], loc: 'app.ts:5:1' });

/** Busy for at least `ms` on its first poll, then pending on a promise that never settles. */
class Hog extends FutureBase<never> {
  constructor(private readonly ms: number) {
    super();
  }
  poll(cx: Context): typeof PENDING {
    const until = performance.now() + this.ms;
    while (performance.now() < until) {
      // blocking work inside a poll
    }
    void cx.waker; // registers nothing real, but it took the waker: not a lost wakeup
    return PENDING;
  }
}

const never = () => new Promise<never>(() => {});
const byName = (tasks: TaskDump[], name: string) => tasks.find((t) => t.name === name)!;

describe('runtime.dump()', () => {
  it('lists each live task with its state names, awaits and a logical backtrace', () => {
    const rt = new Runtime({ name: 'dump-test', trackSpawnLocations: true });
    const h = rt.spawn(handler(never()));
    const d = rt.dump();
    expect(d.runtime).toBe('dump-test');
    expect(d.taskCount).toBe(1);
    const t = d.tasks[0]!;
    expect(t.name).toBe('handler');
    expect(t.location).toContain('introspect-dump.test.ts');
    expect(t.status).toBe('idle');
    expect(t.polls).toBe(1);
    expect(t.wakerTaken).toBe(true);
    expect(t.backtrace).toEqual([
      { name: 'handler', state: 'WaitingForInner', stateIndex: 1, awaits: 'inner(x)', loc: 'app.ts:1:1' },
      { name: 'inner', state: 'WaitingForX', stateIndex: 1, awaits: 'x', loc: 'app.ts:5:1' },
      { name: 'PromiseBridge', state: 'Polling' },
    ]);
    expect(t.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d); // the JSON form is plain data
    const text = rt.dump({ format: 'text' });
    expect(text).toContain('task #');
    expect(text).toMatch(/handler \[idle\] polls=1 wakes=0/);
    expect(text).toContain('  handler WaitingForInner  await inner(x)  (app.ts:1:1)');
    expect(text).toContain('  inner WaitingForX  await x  (app.ts:5:1)');
    h.abort();
    expect(rt.dump().taskCount).toBe(0); // finished tasks leave the dump
  });

  it('follows a join into the joined task, and counts polls and wakes', async () => {
    const rt = new Runtime({ name: 'join-test', instrument: true });
    let release!: (v: number) => void;
    const gate = new Promise<number>((r) => (release = r));
    const child = rt.spawn(inner(gate), { name: 'child' });
    const parent = rt.spawn(handler(child), { name: 'parent' });
    const p = byName(rt.dump().tasks, 'parent');
    expect(p.backtrace.map((f) => f.state)).toEqual(['WaitingForInner', 'WaitingForX', `joins task #${child.id} child`]);
    release(7);
    expect(await parent).toBe(7);
    expect(child.polls).toBe(2);
    expect(child.wakes).toBe(1);
    expect(rt.dump().taskCount).toBe(0);
  });

  it('shows a queued task whose machine has not started', () => {
    const rt = new Runtime();
    let snapshot: TaskDump[] = [];
    let queued: { abort(): void } | null = null;
    // A future that spawns from inside its poll (so the new task is queued, not polled)
    // and takes the dump right then.
    class Spawner extends FutureBase<never> {
      poll(cx: Context): typeof PENDING {
        queued = rt.spawn(handler(never()), { name: 'queued' });
        snapshot = rt.dump().tasks;
        void cx.waker;
        return PENDING;
      }
    }
    const s = rt.spawn(new Spawner(), { name: 'spawner' });
    expect(byName(snapshot, 'spawner').status).toBe('running');
    expect(byName(snapshot, 'spawner').backtrace).toEqual([{ name: 'Spawner', state: 'Spawned' }]);
    const q = byName(snapshot, 'queued');
    expect(q.status).toBe('scheduled');
    expect(q.polls).toBeUndefined(); // counters are kept only while instrumenting
    expect(q.backtrace).toEqual([{ name: 'handler', state: 'Start (not started)', stateIndex: 0, loc: 'app.ts:1:1' }]);
    s.abort();
    queued!.abort();
  });

  it('warns about a lost waker: pending with nothing that can wake it', () => {
    const rt = new Runtime();
    const lost = rt.spawn(handler(pending()), { name: 'lost' }); // Never: Pending, no waker stored
    const fine = rt.spawn(handler(never()), { name: 'fine' });
    const d = rt.dump();
    expect(byName(d.tasks, 'lost').wakerTaken).toBe(false);
    expect(byName(d.tasks, 'lost').warnings.map((w) => w.kind)).toEqual(['lost-waker']);
    expect(byName(d.tasks, 'fine').warnings).toEqual([]);
    expect(rt.dump({ format: 'text' })).toContain('! lost-waker:');
    lost.abort();
    fine.abort();
  });

  it('warns about a poll that never yields', () => {
    const rt = new Runtime({ instrument: true });
    const h = rt.spawn(handler(new Hog(30)), { name: 'hog' });
    const t = byName(rt.dump({ longPollMs: 10 }).tasks, 'hog');
    expect(t.maxPollMs).toBeGreaterThanOrEqual(30);
    expect(t.busyMs).toBeGreaterThanOrEqual(30);
    expect(t.warnings.map((w) => w.kind)).toEqual(['never-yields']);
    expect(byName(rt.dump({ longPollMs: 1e9 }).tasks, 'hog').warnings).toEqual([]);
    h.abort();
  });

  it('without instrumentation, leaves the counters and the timings out (they cost every task)', () => {
    const rt = new Runtime();
    const h = rt.spawn(handler(new Hog(30)), { name: 'hog' });
    const d = rt.dump({ longPollMs: 10 });
    expect(d.instrumented).toBe(false);
    const t = byName(d.tasks, 'hog');
    expect(t.polls).toBeUndefined();
    expect(t.ageMs).toBeUndefined();
    expect(t.busyMs).toBeUndefined();
    expect(t.warnings).toEqual([]);
    expect(rt.dump({ format: 'text' })).not.toContain('busy=');
    h.abort();
  });

  it('warns about a task pending longer than the threshold', async () => {
    const rt = new Runtime({ instrument: true });
    const h = rt.spawn(handler(never()), { name: 'slow' });
    await new Promise((r) => setTimeout(r, 20));
    const t = byName(rt.dump({ longPendingMs: 10 }).tasks, 'slow');
    expect(t.pendingMs).toBeGreaterThanOrEqual(10);
    expect(t.idleMs).toBeGreaterThan(t.busyMs!);
    expect(t.warnings.map((w) => w.kind)).toEqual(['long-pending']);
    expect(byName(rt.dump().tasks, 'slow').warnings).toEqual([]); // default threshold: 10 s
    h.abort();
  });

  it('installDumpSignal prints the dump when the process gets the signal', async () => {
    const rt = new Runtime({ name: 'signalled' });
    const h = rt.spawn(handler(never()), { name: 'waiting' });
    const chunks: string[] = [];
    const uninstall = installDumpSignal(rt, 'SIGUSR2', { output: { write: (s: string) => chunks.push(s) } });
    try {
      process.kill(process.pid, 'SIGUSR2');
      for (let i = 0; i < 200 && chunks.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(chunks.join('')).toContain('runtime "signalled": 1 live task(s)');
      expect(chunks.join('')).toContain('handler WaitingForInner  await inner(x)');
    } finally {
      uninstall();
      h.abort();
    }
  });
});
