// await in a class declaration's heritage clause and computed member name, inside an async
// function (kept apart from other positions: the lowering may reject this one on its own).
import { later } from './_support';

export async function main(log: string[]) {
  const Base = class {
    hi() {
      return 'base hi';
    }
  };
  class Derived extends (await later(Base)) {
    [await later('dynamic')]() {
      return 'dynamic method';
    }
  }
  const d = new Derived() as Derived & Record<string, () => string>;
  log.push(`${d.hi()} ${d.dynamic!()}`);
  return 'ok';
}
