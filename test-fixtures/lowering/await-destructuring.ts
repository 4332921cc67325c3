// Destructuring with awaits in defaults and sources; defaults run only for undefined.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  const { a, b = await later(t('b default', 2)), c = await later(t('c default', 3)) } = await later({ a: 1, c: 30 });
  log.push(`obj ${a} ${b} ${c}`);
  const [p, [q = await later('q default')] = [], ...rest] = await later([1, [undefined], 3, 4]);
  log.push(`arr ${p} ${q} ${rest.join(',')}`);
  let m: number;
  let n: number;
  [m, n] = await later([5, 6]);
  [m, n] = [n, m];
  log.push(`swap ${m} ${n}`);
  const target: Record<string, unknown> = {};
  ({ x: target.x, y: target[await later('computed')] = await later('dflt') } = { x: 'X' } as Record<string, unknown>);
  log.push(`assign ${JSON.stringify(target)}`);
  const {
    deep: {
      inner: [first = await later(t('first default', 'F'))],
    },
  } = { deep: { inner: [] as string[] } };
  log.push(`deep ${first}`);
  try {
    const { missing } = (await later(null)) as unknown as { missing: number };
    log.push(`unreachable ${missing}`);
  } catch (e) {
    log.push(`destructure null: ${(e as Error).name}`);
  }
  return [a, b, c];
}
