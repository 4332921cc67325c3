// Shapes whose lowered output once did not parse: a default parameter followed by a trailing
// comma (the wrapper's `...$rest` must end the list), in declarations, expressions, arrows,
// class and object methods and generators; shorthand defaults assigned to frame fields.
import { later } from './_support';

async function decl(a: number, b = 1,) {
  await later(0);
  return a + b;
}

async function declNoAwait(a: number, b = 11,) {
  return a + b;
}

const expr = async function (a: number, b = 2,) {
  await later(0);
  return a + b;
};

const arrow = async (a: number, { c }: { c: number } = { c: 3 },) => {
  await later(0);
  return a + c;
};

class C {
  static async stat(a: number, b = 4,) {
    await later(0);
    return a + b;
  }
  static async noAwait(a: number, b = 10,) {
    return a + b;
  }
  async inst([x]: number[] = [5],) {
    await later(0);
    return x;
  }
}

let calls = 0;
class D {
  // Untyped, as in a .js file: the parameter list keeps its text around the new names.
  static async method(a, b = 39,) {
    calls = calls + 1;
  }
}

const obj = {
  async m(a = 6,) {
    await later(0);
    return a;
  },
};

async function* gen(a: number, b = 7,) {
  yield a + b;
}

async function shorthand(o: { p?: number; q?: number }) {
  let p, q;
  await later(0);
  ({ p = 8, q = 9 } = o);
  await later(0);
  return [p, q];
}

export async function main(log: unknown[]) {
  log.push(await decl(1), decl.length, await declNoAwait(1), declNoAwait.length, await expr(1), expr.length, await arrow(1), arrow.length);
  log.push(await C.stat(1), C.stat.length, await C.noAwait(1), C.noAwait.length, await new C().inst(), await obj.m(), obj.m.length);
  await D.method(1);
  log.push(calls, D.method.length);
  for await (const v of gen(1)) log.push(v);
  log.push(gen.length, await shorthand({ p: 1 }));
}
