// Async arrows in class fields capture the instance; anonymous async function expressions,
// object-literal async methods with computed names, and a default-exported anonymous one.
import anonymousDefault from './_default-export';
import { later } from './_support';

class Counter {
  count = 0;
  label = 'counter';
  increment = async (by: number) => {
    await later(0);
    this.count += by;
    return this.count;
  };
  static instances = 0;
  static track = async () => {
    await later(0);
    return ++Counter.instances;
  };
}

const key = 'dynamic';

export async function main(log: string[]) {
  const c = new Counter();
  const inc = c.increment; // detached: the arrow keeps `this`
  log.push(`field arrow ${await inc(2)} ${await c.increment(3)}`);
  log.push(`static arrow ${await Counter.track()} ${await Counter.track()}`);
  const anonymous = [async function () {
    await later(0);
    return 'anonymous fn';
  }][0]!;
  log.push(`${await anonymous()} name "${anonymous.name}"`);
  const named = async function namedExpr() {
    await later(0);
    return 'named';
  };
  log.push(`${await named()} name "${named.name}"`);
  const obj = {
    async [key](x: number) {
      await later(0);
      return `${key} ${x}`;
    },
    async 'quoted name'() {
      return 'quoted';
    },
  };
  log.push(await obj[key](1));
  log.push(await obj['quoted name']());
  log.push(`method name "${obj[key].name}"`);
  log.push(await anonymousDefault(4));
  return c.count;
}
