// Errors in parameter initialisers: an async function rejects (the call does not throw); an
// async generator throws at the call; the body has not run.
const log: string[] = [];
const bad = (): never => {
  throw new Error('bad default');
};

async function fn(a = bad()): Promise<unknown> {
  log.push('fn body');
  return a;
}
const arrow = async ({ x }: { x: number } = null as never): Promise<number> => x;
class C {
  async method(a: number, b = bad()): Promise<unknown> {
    return a + (b as number);
  }
  static async *gen(a = bad()): AsyncGenerator<unknown> {
    log.push('gen body');
    yield a;
  }
}
async function* gen(...[first = bad()]: unknown[]): AsyncGenerator<unknown> {
  log.push('gen body');
  yield first;
}

for (const [name, call] of [
  ['fn', () => fn()],
  ['arrow', () => arrow()],
  ['method', () => new C().method(1)],
  ['static generator', () => C.gen()],
  ['generator', () => gen()],
  ['generator, no error', () => gen(1)],
] as const) {
  let r: unknown;
  try {
    r = call();
    log.push(`${name}: returned ${r instanceof Promise ? 'a promise' : Object.prototype.toString.call(r)}`);
  } catch (e) {
    log.push(`${name}: threw ${(e as Error).message}`);
    continue;
  }
  if (r instanceof Promise) await r.then((v) => log.push(`${name}: resolved ${v}`), (e) => log.push(`${name}: rejected ${e instanceof TypeError ? 'TypeError' : e.message}`));
}
console.log(log.join('\n'));
