// await inside object, array and template literals, spread, and computed keys.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  const o = {
    first: t('first', 1),
    second: await later(t('second', 2)),
    [await later('computed')]: t('computed value', 3),
    ...(await later({ spread: 4 })),
    last: t('last', 5),
  };
  log.push(JSON.stringify(o));
  log.push(Object.keys(o).join(','));
  const arr = [t('a0', 0), await later(1), ...(await later([2, 3])), , t('a5', 5)];
  log.push(`arr ${JSON.stringify(arr)} len ${arr.length} hole ${3 in arr} ${4 in arr}`);
  const tpl = `${t('t1', 'x')}-${await later('y')}-${t('t3', 'z')}`;
  log.push(tpl);
  const tag = (strings: TemplateStringsArray, ...values: unknown[]) => `${strings.raw.join('|')}:${values.join('|')}`;
  log.push(tag`a${await later(1)}b${t('t2', 2)}c`);
  const nested = { inner: [{ deep: await later('deep') }] };
  log.push(JSON.stringify(nested));
  return arr.length;
}
