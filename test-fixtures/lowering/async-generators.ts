// Async generators: yield around awaits, yield*, consumers that break early (return() runs
// the generator's finally, which may await), errors thrown inside, and manual next/return.
import { later } from './_support';

async function* countdown(log: string[], from: number) {
  try {
    for (let i = from; i > 0; i--) {
      yield await later(i);
    }
    return 'liftoff';
  } finally {
    await later(0);
    log.push(`countdown ${from} cleaned up`);
  }
}

async function* both(log: string[]) {
  yield 'start';
  const inner = yield* countdown(log, 2);
  yield `inner returned ${inner}`;
}

async function* failing() {
  yield 1;
  await later(0);
  throw new Error('generator failed');
}

export async function main(log: string[]) {
  for await (const v of countdown(log, 3)) log.push(`got ${v}`);
  for await (const v of both(log)) log.push(`both ${v}`);
  for await (const v of countdown(log, 5)) {
    if (v === 4) break;
    log.push(`early ${v}`);
  }
  try {
    for await (const v of failing()) log.push(`failing ${v}`);
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  const it = countdown(log, 2);
  log.push(JSON.stringify(await it.next()));
  log.push(JSON.stringify(await it.return('stopped')));
  log.push(JSON.stringify(await it.next()));
  return 'ok';
}
