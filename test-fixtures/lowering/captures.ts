// What async arrows capture from an enclosing constructor or function: new.target, super,
// this and arguments; and per-iteration bindings of loops whose head contains an await.
import { later } from './_support';

class Base {
  describe() {
    return 'base describe';
  }
}

class Widget extends Base {
  ready: Promise<string>;
  constructor(public id: number) {
    super();
    this.ready = (async () => {
      await later(0);
      return `${new.target === Widget} ${super.describe()} ${this.id} ${arguments.length}`;
    })();
  }
}

function outer(this: unknown, ...args: number[]) {
  return (async () => {
    const first = arguments[0];
    await later(0);
    return `${typeof new.target} ${first} ${arguments.length} ${args.length}`;
  })();
}

export async function main(log: string[]) {
  log.push(await new Widget(7).ready);
  log.push(await outer(1, 2, 3));
  const fns: (() => number)[] = [];
  for (let i = await later(0); i < 3; i = i + (await later(1))) {
    fns.push(() => i);
  }
  log.push(`await in loop head ${fns.map((f) => f()).join(',')}`);
  const later2: Promise<number>[] = [];
  for (let k = 0; k < 3; k++) {
    later2.push((async () => {
      await later(1);
      return k * 10;
    })());
  }
  log.push(`async per-iteration ${(await Promise.all(later2)).join(',')}`);
  let total = 0;
  const add = async (n: number) => {
    await later(0);
    total += n;
  };
  await Promise.all([add(1), add(2), add(3)]);
  log.push(`shared mutation ${total}`);
  return total;
}
