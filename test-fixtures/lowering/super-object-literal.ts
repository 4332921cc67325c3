// `super` in async methods of object literals (home object set by __proto__ / setPrototypeOf).
import { later } from './_support';

const base = {
  greet(name: string) {
    return `hello ${name}`;
  },
};

export async function main(log: string[]) {
  const child = {
    __proto__: base,
    async greet(name: string) {
      const upper = (await later(name)).toUpperCase();
      return `${super.greet(upper)}!`;
    },
  };
  log.push(await child.greet('x'));
  const other = {
    async describe() {
      await later(0);
      return `${super.toString === Object.prototype.toString}`;
    },
  };
  log.push(await other.describe());
  return 'ok';
}
