// A parenthesized unary operand of ** around an await: the parentheses are syntax
// (`-x ** 2` is an error), so the lowered code must keep them.
import { later } from './_support';

export async function main(log: string[]) {
  log.push(`neg ${(-(await later(3))) ** 2}`);
  log.push(`typeof ${(typeof (await later(1))) + 1}`);
  log.push(`right ${2 ** -(await later(1))}`);
  return (-(await later(2))) ** 3;
}
