// Hoisting inside async bodies: function declarations are callable before their statement,
// `var` is undefined before its assignment, block functions and shadowing across awaits.
import { later } from './_support';

export async function main(log: string[]) {
  log.push(`hoisted call ${early()}`);
  log.push(`var before ${typeof v} ${v}`);
  await later(0);
  var v = await later('assigned');
  log.push(`var after ${v}`);
  function early() {
    return 'early';
  }
  for (var i = 0; i < 2; i++) await later(i);
  log.push(`loop var after loop ${i}`);
  {
    function inBlock() {
      return 'in block';
    }
    await later(0);
    log.push(inBlock());
  }
  const fns: (() => number)[] = [];
  for (var j = 0; j < 3; j++) {
    await later(0);
    fns.push(() => j); // var: one shared binding
  }
  log.push(`shared var ${fns.map((f) => f()).join(',')}`);
  let shadow = 'outer';
  {
    let shadow = await later('inner');
    log.push(`shadow ${shadow}`);
  }
  log.push(`shadow ${shadow}`);
  try {
    throw new Error('e1');
  } catch (shadow) {
    await later(0);
    log.push(`catch param shadows ${(shadow as Error).message}`);
  }
  log.push(`after catch ${shadow}`);
  return v;
}
