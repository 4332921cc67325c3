// await as an operand: left-to-right evaluation, and a left operand read before the await.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  const sum = t('a', 1) + (await later(t('b', 2))) + t('c', 3);
  log.push(`sum ${sum}`);
  let x = 10;
  const bump = async () => {
    x = 100;
    return 1;
  };
  // The left operand is read before the await, so the later write is not seen.
  const y = x + (await bump());
  log.push(`y ${y} x ${x}`);
  const cmp = (await later(3)) > t('rhs', 2) && t('and', true);
  log.push(`cmp ${cmp}`);
  const neg = -(await later(5)) * 2 ** (await later(3));
  log.push(`neg ${neg}`);
  const s = typeof (await later('s')) + ' ' + !(await later(0)) + ' ' + void (await later(1));
  log.push(s);
  const comma = (t('first', 0), await later('second'));
  log.push(`comma ${comma}`);
  return sum + y + neg;
}
