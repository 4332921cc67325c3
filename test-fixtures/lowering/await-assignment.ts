// Compound and logical assignment: the target's old value is read before the await.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  let x = 1;
  const set = async (v: number) => {
    x = v;
    return 10;
  };
  x += await set(100); // 1 + 10, the write inside set is lost
  log.push(`x ${x}`);
  let s = 'a';
  s += (await later('b')) + (await later('c'));
  log.push(`s ${s}`);
  let u: string | undefined;
  u ??= await later('filled');
  u ??= await later(t('not evaluated', 'nope'));
  log.push(`u ${u}`);
  let z = 0;
  z ||= await later(5);
  z &&= await later(6);
  log.push(`z ${z}`);
  const o: Record<string, number> = { n: 1 };
  o[t('key', 'n')] *= await later(7);
  log.push(`o ${o.n}`);
  const arr = [0, 0, 0];
  let i = 0;
  arr[i++] = await later(i); // index taken before the await, value read after
  log.push(`arr ${arr.join(',')} i ${i}`);
  let chain: number;
  let other: number;
  chain = other = await later(3);
  log.push(`chain ${chain} ${other}`);
  let n = 2;
  n **= await later(3);
  n -= await later(1);
  n <<= await later(1);
  log.push(`n ${n}`);
  return x;
}
