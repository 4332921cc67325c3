// More places an await can sit: computed keys in binding patterns, multiple declarators, for-in/for-of heads, nested templates, await of
// await, spread into new, chained optional calls, and a thrown awaited value.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  const { [await later('k')]: v = await later('default'), ...others } = { k: undefined, z: 26 } as Record<string, unknown>;
  log.push(`binding ${v} ${JSON.stringify(others)}`);
  const a = await later(t('decl a', 1)),
    b = t('decl b', 2),
    c = await later(t('decl c', 3));
  log.push(`declarators ${a + b + c}`);
  for (const key in await later({ p: 1, q: 2 })) log.push(`for-in head ${key}`);
  for (const [x, y = await later('y default')] of await later([[1], [2, 'y2']])) log.push(`for-of head ${x} ${y}`);
  log.push(`nested ${`outer ${`inner ${await later('deep')}`}`}`);
  log.push(`await await ${await await later(later('twice'))}`);
  class Pair {
    constructor(
      public l: unknown,
      public r: unknown,
    ) {}
  }
  const p = new Pair(...(await later(['L', 'R'])));
  log.push(`spread new ${p.l}${p.r}`);
  const api = { get: (k: string) => ({ run: (n: number) => `${k}:${n}` }) } as { get?: (k: string) => { run?: (n: number) => string } };
  log.push(`chain ${api.get?.(await later('key'))?.run?.(await later(7))}`);
  try {
    throw await later(new Error('thrown value was awaited'));
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  if (await later(false)) log.push('not taken');
  else if (await later(true)) log.push('else-if taken');
  return a + c;
}
