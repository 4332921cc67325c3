// this, arguments, super and new.target inside async methods and async arrows.
import { later } from './_support';

class Base {
  greeting = 'base';
  async hello(suffix: string) {
    await later(0);
    return `${this.greeting} hello ${suffix}`;
  }
  get kind() {
    return 'base-kind';
  }
  static async create() {
    await later(0);
    return new this();
  }
}

class Derived extends Base {
  override greeting = 'derived';
  override async hello(suffix: string) {
    const fromBase = await super.hello(await later(suffix));
    const arrow = async () => {
      await later(0);
      return `${super.kind}/${this.greeting}`;
    };
    return `${fromBase} | ${await arrow()}`;
  }
  static override async create() {
    const b = await super.create();
    return `${b.constructor.name} via ${this.name}`;
  }
}

async function usesArguments(a: number, b?: number) {
  await later(0);
  const outer = arguments;
  const arrow = async () => {
    await later(0);
    return arguments.length; // the enclosing function's arguments
  };
  return `${outer.length} ${Array.from(arguments).join(',')} ${await arrow()} ${a + (b ?? 0)}`;
}

async function target() {
  await later(0);
  return typeof new.target;
}

export async function main(log: string[]) {
  const d = new Derived();
  log.push(await d.hello('x'));
  log.push(await Derived.create());
  log.push(await usesArguments(1));
  log.push(await (usesArguments as (...a: number[]) => Promise<string>)(1, 2, 3));
  log.push(`new.target ${await target()}`);
  const obj = {
    label: 'obj',
    async method(this: { label: string }) {
      await later(0);
      const inner = async () => this.label;
      return `${this.label} ${await inner()}`;
    },
  };
  log.push(await obj.method());
  const detached = obj.method;
  try {
    log.push(await detached.call({ label: 'rebound' }));
  } catch (e) {
    log.push(`error ${(e as Error).name}`);
  }
  function outerFunction(this: { tag: string }) {
    return (async () => {
      await later(0);
      return `arrow this ${this.tag} args ${arguments.length}`;
    })();
  }
  log.push(await outerFunction.call({ tag: 'T' }, 1, 2 as never));
  class WithPrivate {
    #secret = 'hidden';
    async reveal() {
      await later(0);
      return this.#secret;
    }
  }
  log.push(await new WithPrivate().reveal());
  return d.greeting;
}
