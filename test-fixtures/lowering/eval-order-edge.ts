// Evaluation-order corners: what is read before an await keeps its pre-await value; getters
// and callees run once, in source order.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  let arr = [0, 0];
  const swap = async () => {
    arr = [9, 9];
    return 5;
  };
  arr[t('index', 1)] = await swap(); // the old array is the target
  log.push(`target ${arr.join(',')}`);
  let reads = 0;
  const o = {
    get v() {
      reads++;
      log.push('getter');
      return 10;
    },
    set v(x: number) {
      log.push(`setter ${x}`);
    },
  };
  o.v += await later(1); // get once, then set
  log.push(`reads ${reads}`);
  let n = 1;
  const post = n++ + (await later(n)); // 1 + 2
  log.push(`post ${post} n ${n}`);
  const holder = { k: 'a', a: 1, b: 2 } as Record<string, unknown>;
  delete holder[await later('a')];
  log.push(`delete ${Object.keys(holder).join(',')}`);
  log.push(`in ${(await later('b')) in holder} instanceof ${(await later([])) instanceof Array}`);
  class K {
    tag = 'k';
  }
  const made = new (await later(K))();
  log.push(`new ${made.tag}`);
  let tag = (s: TemplateStringsArray, ...v: unknown[]) => `first:${v.join()}`;
  const tagged = tag`${await (async () => {
    tag = () => 'second';
    return 'x';
  })()}`;
  log.push(`tag ${tagged}`);
  let fn = (a: number, b: number) => `orig ${a} ${b}`;
  const called = fn(
    t('arg0', 0),
    await (async () => {
      fn = () => 'replaced';
      return 1;
    })(),
  );
  log.push(`callee ${called}`);
  const deep = { a: { b: { c: 0 } } };
  let ref = deep.a;
  ref.b.c = await (async () => {
    ref = { b: { c: -1 } };
    return 7;
  })();
  log.push(`member target ${deep.a.b.c}`);
  const both = [await later('x'), await later('y')].join('');
  log.push(both);
  return reads;
}
