// Every future here that returns Pending has handed `cx.waker` to something, so runtime.dump()
// reports no lost wakers for tasks blocked on channels, locks or streams.
import { expect, it } from 'vitest';
import {
  Barrier,
  defaultRuntime,
  broadcast,
  channel,
  Mutex,
  Notify,
  oneshot,
  Runtime,
  RwLock,
  Semaphore,
  sendAll,
  fromIterable,
  unboundedChannel,
  watch,
} from '../src/index.js';

it('tasks blocked on sync primitives, channels and streams take their waker', async () => {
  const rt = new Runtime({ name: 'introspect' });
  const m = new Mutex(0);
  const g = m.tryLock()!;
  const rw = new RwLock(0);
  const rg = rw.tryRead()!;
  const [, orx] = oneshot<number>();
  const [btx] = channel<number>(1);
  btx.trySend(0);
  const [, urx] = unboundedChannel<number>();
  const [, bcrx] = broadcast<number>(2);
  const [, wrx] = watch(0);
  const [stx, srx] = unboundedChannel<number>();
  const [ftx, frx] = unboundedChannel<number>();
  ftx.send(0);
  const futures = [
    m.lock(),
    rw.write(),
    new Semaphore(0).acquire(),
    new Notify().notified(),
    new Barrier(2).wait(),
    orx,
    btx.send(1),
    urx.recv(),
    bcrx.recv(),
    wrx.changed(),
    frx.filter(() => false).collect(),
    sendAll(btx.clone(), fromIterable([1, 2, 3])),
  ];
  const handles = futures.map((f) => rt.spawn<unknown>(f));
  // A Stream's async iterator idles in its own task between next() calls.
  const it = srx[Symbol.asyncIterator]();
  stx.send(1);
  expect(await it.next()).toEqual({ done: false, value: 1 });
  await new Promise((r) => setImmediate(r));
  const d = rt.dump();
  const lost = d.tasks.filter((t) => t.warnings.some((w) => w.kind === 'lost-waker')).map((t) => t.name);
  expect(lost).toEqual([]);
  // The iterator's task lives on the current (here: the default) runtime, idle between items.
  const pumps = defaultRuntime()
    .dump()
    .tasks.filter((t) => t.name === 'stream-iterator');
  expect(pumps.length).toBe(1);
  expect(pumps[0]!.status).toBe('idle');
  expect(pumps[0]!.warnings).toEqual([]);
  expect(handles.map((h, i) => (h.isFinished ? i : -1)).filter((i) => i >= 0)).toEqual([]);
  for (const h of handles) h.abort();
  await it.return!();
  g.release();
  rg.release();
});
