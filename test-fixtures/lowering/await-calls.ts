// await in call and new arguments, callees and receivers: order and `this` are preserved.
import { later, tracer } from './_support';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

export async function main(log: string[]) {
  const t = tracer(log);
  const f = (...args: unknown[]) => args.join(',');
  log.push(f(t('a1', 1), await later(t('a2', 2)), t('a3', 3)));
  const obj = {
    name: 'obj',
    m(this: { name: string }, v: number) {
      return `${this.name}:${v}`;
    },
  };
  log.push(obj.m(await later(7)));
  log.push(t('callee', obj)[await later('m' as const)](await later(8)));
  const p = new Point(t('x', await later(1)), await later(2));
  log.push(`point ${p.x},${p.y} ${p instanceof Point}`);
  const Ctor = await later(Point);
  log.push(`ctor ${new Ctor(await later(3), 4).x}`);
  const spreadArgs = f(...(await later([1, 2])), t('after spread', 3), ...[await later(4)]);
  log.push(`spread ${spreadArgs}`);
  const chained = [1, 2, 3].map((n) => n * 2).concat(await later([7]));
  log.push(`chained ${chained.join(' ')}`);
  return f(await later('r'));
}
