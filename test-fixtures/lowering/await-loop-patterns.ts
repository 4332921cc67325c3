// An await inside the assignment pattern of a for-of / for-await head (a default, a computed
// key, a target's object): the pattern is taken apart each iteration, each default evaluated
// and awaited only when its value is undefined, in the native order.
import { later, tracer } from './_support';

export async function main(log: string[]) {
  const t = tracer(log);
  let a: unknown, b: unknown;
  for ([a = await later(t('a default', 'A')), b] of [[], [1, 2], [undefined, 3]] as unknown[][]) {
    log.push(`of ${String(a)} ${String(b)}`);
  }
  let k: unknown;
  for ({ [await later(t('key', 'k'))]: k = await later('K') } of [{}, { k: 'kk' }] as Record<string, unknown>[]) {
    log.push(`keyed ${String(k)}`);
  }
  const target: Record<string, unknown> = {};
  for await ([(await later(t('object', target))).x, ...target.rest as unknown[]] of [[1, 2, 3], later([4])] as unknown as AsyncIterable<unknown[]>) {
    log.push(`target ${JSON.stringify(target)}`);
  }
  let n = 0;
  for ({ n = await later(n + 10) } of [{}, {}, { n: 1 }] as { n?: number }[]) log.push(`n ${n}`);
  return [a, b, k];
}
