// Array patterns taken apart around an await or a yield close their iterator however they are
// left: a throw from a default or an awaited rejection (return()'s own error is dropped), a
// generator's return() at a yield inside the pattern (return()'s error wins then), the end of
// the pattern. A throwing next() leaves the iterator done (not closed). Reference targets are
// evaluated before the value is read.
import { failLater, later } from './_support';

function source(log: string[], name: string, n: number, value?: (i: number) => unknown, failReturn = false): Iterable<unknown> {
  return {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next: () => {
          log.push(`${name} next`);
          const r = { done: i >= n, value: value ? value(i) : i };
          i++;
          return r;
        },
        return: () => {
          log.push(`${name} return`);
          if (failReturn) throw new Error(`${name} return failed`);
          return {};
        },
      };
    },
  };
}

const none = () => undefined;

async function* yieldDefault(log: string[]) {
  const [x = yield 'first', y = yield 'second'] = source(log, 'gen', 5, none);
  log.push(`gen got ${String(x)} ${String(y)}`);
}

async function* yieldInForHead(log: string[]) {
  let x: unknown;
  for ([x = yield 'head'] of [source(log, 'head a', 2, none), source(log, 'head b', 2, none)]) log.push(`for body ${String(x)}`);
}

export async function main(log: string[]) {
  try {
    const [a, b = (() => { throw new Error('default threw'); })()] = source(log, 'throwing default', 1);
    log.push(`unreachable ${String(a)} ${String(b)}`);
  } catch (e) {
    log.push((e as Error).message);
  }
  try {
    const [c = await failLater(new Error('awaited rejection'))] = source(log, 'rejected await', 3, none, true);
    log.push(`unreachable ${String(c)}`);
  } catch (e) {
    log.push((e as Error).message);
  }
  let p: unknown, q: unknown;
  try {
    [p, q = await failLater(new Error('assignment rejection'))] = source(log, 'assignment', 1);
  } catch (e) {
    log.push((e as Error).message);
  }
  const [d = await later('d'), ...rest] = source(log, 'exhausted', 3, (i) => (i === 0 ? undefined : i));
  log.push(`rest ${String(d)} ${rest.join()}`);
  const [e = await later('e')] = source(log, 'left early', 5, none);
  log.push(`left early ${String(e)}`);
  try {
    const [f = await later('f')] = source(log, 'return fails', 5, none, true);
    log.push(`unreachable ${String(f)}`);
  } catch (err) {
    log.push((err as Error).message);
  }
  const throwingNext: Iterable<unknown> = {
    [Symbol.iterator]: () => ({ next: () => { throw new Error('next threw'); }, return: () => { log.push('wrongly closed'); return {}; } }),
  };
  try {
    const [g = await later('g')] = throwingNext;
    log.push(`unreachable ${String(g)}`);
  } catch (err) {
    log.push((err as Error).message);
  }
  const o: Record<string, unknown> = {};
  [o[(log.push('key first'), 'k')] = await later('k'), ...o[(log.push('rest key first'), 'r')] as unknown[]] = source(log, 'targets', 3, (i) => (i === 0 ? undefined : i));
  ({ a: o[(log.push('property key first'), 'a')] = await later('a'), ...o[(log.push('object rest key first'), 'or')] } = { a: undefined, b: 1 } as Record<string, unknown>);
  log.push(JSON.stringify(o), String(p), String(q));

  let it = yieldDefault(log);
  log.push(JSON.stringify(await it.next()), JSON.stringify(await it.return('returned')));
  it = yieldDefault(log);
  log.push(JSON.stringify(await it.next()), JSON.stringify(await it.next('x')), JSON.stringify(await it.next('y')));
  it = yieldDefault(log);
  await it.next();
  try {
    await it.throw(new Error('thrown in'));
  } catch (err) {
    log.push((err as Error).message);
  }
  const h = yieldInForHead(log);
  log.push(JSON.stringify(await h.next()), JSON.stringify(await h.next(1)), JSON.stringify(await h.return('stop')));
  const h2 = yieldInForHead(log);
  for (let i = 0; i < 4; i++) log.push(JSON.stringify(await h2.next(i)));
  return log.length;
}
