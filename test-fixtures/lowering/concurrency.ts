// Several lowered calls in flight at once (Promise.all / race / allSettled): interleaving is
// decided by timers far enough apart to be deterministic in both runs.
import { sleep } from './_support';

async function worker(log: string[], name: string, delays: number[]) {
  log.push(`${name} start`);
  for (const [i, ms] of delays.entries()) {
    await sleep(ms);
    log.push(`${name} step ${i}`);
  }
  return `${name} done`;
}

export async function main(log: string[]) {
  const all = await Promise.all([worker(log, 'a', [5, 40]), worker(log, 'b', [25, 40])]);
  log.push(all.join(', '));
  const winner = await Promise.race([worker(log, 'slow', [60]), worker(log, 'fast', [5])]);
  log.push(`winner ${winner}`);
  await sleep(100); // the loser keeps running, as a native promise would
  const settled = await Promise.allSettled([
    worker(log, 'ok', [5]),
    (async () => {
      await sleep(10);
      throw new Error('failed worker');
    })(),
  ]);
  log.push(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)).join(', '));
  return all.length;
}
