// Async private methods, static async methods using private static state, `super` property
// writes and reads around awaits, and async methods with computed and symbol names.
import { later } from './_support';

const tag = Symbol('tag');

class Base {
  shared = 'base shared';
  static baseStatic() {
    return 'base static';
  }
}

class Account extends Base {
  #balance = 0;
  static #created = 0;

  async #apply(delta: number) {
    await later(0);
    this.#balance += delta;
    return this.#balance;
  }

  async deposit(n: number) {
    return this.#apply(await later(n));
  }

  static async open() {
    await later(0);
    Account.#created++;
    return `${super.baseStatic()} ${Account.#created}`;
  }

  async [tag]() {
    await later(0);
    return 'symbol-named';
  }

  async ['computed' + 'Name']() {
    return 'computed';
  }

  async rename() {
    const before = super.shared;
    await later(0);
    return `${before} ${this.shared}`;
  }

  static async #secret() {
    await later(0);
    return 'static private';
  }

  static async reveal() {
    return Account.#secret();
  }
}

export async function main(log: string[]) {
  const a = new Account();
  log.push(`deposit ${await a.deposit(5)} ${await a.deposit(7)}`);
  log.push(await Account.open());
  log.push(await Account.open());
  log.push(await a[tag]());
  log.push(await (a as unknown as { computedName(): Promise<string> }).computedName());
  log.push(await a.rename());
  log.push(await Account.reveal());
  return 'ok';
}
