// What lowered functions and their results look like to code that checks: promises pass
// `instanceof Promise`, async functions look like AsyncFunctions.
import { describeFunction, dispatch } from './_support';

async function declared(a: number, b: number): Promise<number> {
  return a + b;
}
const arrow = async (x: number): Promise<number> => x * 2;
const expr = async function named(): Promise<void> {};
class Service {
  async handle(req: string): Promise<string> {
    await null;
    return `handled ${req}`;
  }
  static async create(): Promise<Service> {
    return new Service();
  }
}
const obj = {
  async method(): Promise<string> {
    return 'method';
  },
};
async function* generator(): AsyncGenerator<number> {
  yield 1;
}

const fns: [string, Function][] = [
  ['declaration', declared],
  ['arrow', arrow],
  ['expression', expr],
  ['class method', Service.prototype.handle],
  ['static method', Service.create],
  ['object method', obj.method],
];
for (const [what, fn] of fns) {
  console.log(`${what}: ${describeFunction(fn)}`);
  try {
    new (fn as new () => unknown)();
    console.log(`${what}: new did not throw`);
  } catch (e) {
    console.log(`${what}: new throws ${(e as Error).constructor.name}`);
  }
}
// (A lowered generator's objects do not inherit from generator.prototype: see the README.)
const it = generator();
console.log(`generator: ${Object.prototype.toString.call(generator)} ${Object.hasOwn(generator, 'prototype')} ${Object.prototype.toString.call(it)} ${typeof it[Symbol.asyncIterator]}`);
const result = declared(1, 2);
console.log(`result: ${result instanceof Promise} ${Object.prototype.toString.call(result)} ${result.constructor === Promise}`);

const service = new Service();
await new Promise<void>((resolve) =>
  dispatch(
    () => service.handle('GET /'),
    (v) => {
      console.log(`sent: ${v}`);
      resolve();
    },
  ),
);
console.log(`awaited natively: ${await arrow(21)}`);
