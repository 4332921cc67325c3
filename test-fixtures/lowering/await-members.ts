// await in member and element access: object, key and receiver order.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  const data = { a: { b: [10, 20, 30] }, k: 'a' } as Record<string, any>;
  log.push(`dot ${(await later(data)).a.b[1]}`);
  log.push(`element ${t('obj', data)[await later(t('key', 'k'))]}`);
  log.push(`deep ${data.a.b[await later(2)]}`);
  let obj = data;
  // The object is evaluated before the key's await; replacing it during the await has no effect.
  const read = obj[await (async () => {
    obj = { k: 'replaced' };
    return 'k';
  })()];
  log.push(`read ${read}`);
  const arr = [1, 2, 3];
  arr[await later(1)] = await later(99);
  log.push(`arr ${arr.join(',')}`);
  const s = 'hello';
  log.push(`len ${(await later(s)).length} char ${s[await later(1)]}`);
  return data.a.b.length;
}
