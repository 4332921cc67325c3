// Run natively and lowered by stream-lowered.test.ts; both runs must log the same events.
// Exercises channels, locks and streams from real async functions, including lowered
// `for await` over Streams (which polls pollNext directly) and `break` cancelling them.
import {
  Barrier,
  broadcast,
  channel,
  fromAsyncIterable,
  Mutex,
  Notify,
  oneshot,
  type Receiver,
  Semaphore,
  type Sender,
  sendAll,
  spawn,
  unboundedChannel,
  watch,
} from '@tspoll/runtime';

async function pinger(tx: Sender<number>, rx: Receiver<number>, n: number, log: string[]) {
  for (let i = 0; i < n; i++) {
    await tx.send(i);
    log.push(`ping got ${await rx.recv()}`);
  }
  tx.close();
}

async function ponger(rx: Receiver<number>, tx: Sender<number>, log: string[]) {
  for await (const v of rx) {
    log.push(`pong got ${v}`);
    await tx.send(v * 10);
  }
  tx.close();
}

async function* numbers(log: string[], n: number) {
  try {
    for (let i = 0; i < n; i++) {
      log.push(`gen ${i}`);
      yield i;
    }
  } finally {
    log.push('gen finally');
  }
}

export async function main(log: string[]) {
  // ping-pong over two bounded channels
  const [tx1, rx1] = channel<number>(1);
  const [tx2, rx2] = channel<number>(1);
  await Promise.all([pinger(tx1, rx2, 3, log), ponger(rx1, tx2, log)]);

  // a stream from an async generator; break cancels it and the generator's finally runs
  for await (const x of fromAsyncIterable(numbers(log, 10)).map((v) => v * 2)) {
    log.push(`item ${x}`);
    if (x === 4) break;
  }

  // backpressure: a producer into a bounded channel stops at its capacity
  const [btx, brx] = channel<number>(2);
  const pump = sendAll(btx, fromAsyncIterable(numbers(log, 5)));
  const consumer = (async () => {
    let total = 0;
    for await (const v of brx.take(5)) total += v;
    return total;
  })();
  // (Promise.all starts both: a lowered async call is lazy, a native one is eager.)
  const [, consumed] = await Promise.all([pump, consumer]);
  log.push(`consumed ${consumed}`);

  // a fair mutex
  const m = new Mutex(0);
  async function inc(name: string) {
    const g = await m.lock();
    try {
      log.push(`${name} in`);
      await Promise.resolve();
      g.value++;
      log.push(`${name} out`);
    } finally {
      g.release();
    }
  }
  await Promise.all([inc('a'), inc('b'), inc('c')]);

  // semaphore, notify, barrier
  const sem = new Semaphore(1);
  const notify = new Notify();
  const barrier = new Barrier(2);
  async function waiter() {
    await notify.notified();
    const p = await sem.acquire();
    log.push('waiter has permit');
    p.release();
    return (await barrier.wait()).isLeader;
  }
  const w = spawn(waiter()); // started now in both runs
  await Promise.resolve();
  notify.notifyOne();
  const leaderHere = (await barrier.wait()).isLeader;
  log.push(`leaders ${[leaderHere, await w].filter(Boolean).length}`);

  // oneshot, broadcast lag, watch
  const [otx, orx] = oneshot<string>();
  setTimeout(() => otx.send('late'), 1);
  log.push(`oneshot ${await orx}`);
  const [bctx, bcrx] = broadcast<number>(2);
  for (let i = 0; i < 5; i++) bctx.send(i);
  try {
    await bcrx.recv();
  } catch (e) {
    log.push(`${(e as Error).name} ${(e as { skipped: number }).skipped}`);
  }
  log.push(`after lag ${await bcrx.recv()}`);
  const [wtx, wrx] = watch('a');
  wtx.send('b');
  await wrx.changed();
  log.push(`watch ${wrx.borrowAndUpdate()}`);

  // an unbounded channel drained by for await
  const [utx, urx] = unboundedChannel<number>();
  utx.send(1);
  utx.send(2);
  utx.close();
  let sum = 0;
  for await (const v of urx) sum += v;
  log.push(`sum ${sum} mutex ${m.tryLock()!.value}`);
  return log.length;
}
