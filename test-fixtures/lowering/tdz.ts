// The temporal dead zone survives lowering: reading a `let`/`const` before its declaration
// throws a ReferenceError, even when an await sits between.
import { later } from './_support';

async function readBeforeDeclare(log: string[]) {
  await later(0);
  try {
    log.push(`value ${value}`);
  } catch (e) {
    log.push(`tdz ${(e as Error).name}`);
  }
  const value = await later('declared');
  return value;
}

async function closureBeforeInit(log: string[]) {
  const read = () => late;
  try {
    read();
  } catch (e) {
    log.push(`closure tdz ${(e as Error).name}`);
  }
  await later(0);
  let late = 'ok';
  return read();
}

async function selfReference(log: string[]) {
  try {
    // @ts-expect-error: used before being assigned, on purpose
    const x: number = (await later(1)) + x;
    log.push(`unreachable ${x}`);
  } catch (e) {
    log.push(`self tdz ${(e as Error).name}`);
  }
}

export async function main(log: string[]) {
  log.push(await readBeforeDeclare(log));
  log.push(await closureBeforeInit(log));
  await selfReference(log);
  for (let i = 0; i < 2; i++) {
    try {
      if (i === 1) log.push(`loop ${scoped}`);
    } catch (e) {
      log.push(`loop tdz ${(e as Error).name}`);
    }
    await later(0);
    const scoped = i;
    log.push(`scoped ${scoped}`);
  }
  return 'done';
}
