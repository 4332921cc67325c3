// One call awaited from several places at once (two lowered functions, Promise.all, and
// again after it finished): the body runs once and every awaiter sees the same outcome.
import { sleep } from './_support';

async function shared(log: string[], fail: boolean) {
  log.push(`shared body (fail=${fail})`);
  await sleep(5);
  if (fail) throw new Error('shared failure');
  return 'S';
}

export async function main(log: string[]) {
  const s = shared(log, false);
  const a = async () => `a:${await s}`;
  const b = async () => `b:${await s}`;
  log.push((await Promise.all([a(), b(), s])).join(' '));
  log.push(`again ${await s}`);
  const f = shared(log, true);
  const outcomes = await Promise.allSettled([
    (async () => await f)(),
    (async () => {
      await sleep(1);
      return await f;
    })(),
  ]);
  log.push(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : o.value)).join(', '));
  try {
    await f;
  } catch (e) {
    log.push(`after settling: ${(e as Error).message}`);
  }
  return 'ok';
}
