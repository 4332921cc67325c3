// Function-name inference (NamedEvaluation) where the lowering moves the target: locals that
// live on the frame, destructuring defaults of parameters and of patterns that await, logical
// assignments and for-of heads. `x = function () {}` names the function "x" only while x is an
// identifier; a class with a static `name` member and a named function keep their own.
import { later } from './_support';

const names = (...fns: unknown[]) => fns.map((f) => (typeof f === 'function' ? (typeof f.name === 'string' ? f.name : typeof f.name) : String(f))).join(',');

async function params([fn = function () {}, arrow = () => {}, cls = class {}, own = function itself() {}, stat = class { static name() {} }] = [], { obj = () => {}, renamed: alias = class {} } = {}) {
  await later(0);
  return names(fn, arrow, cls, own, stat, obj, alias);
}

async function locals() {
  const fn = function () {};
  let arrow = () => {};
  var cls = class {};
  const paren = (function () {});
  let __proto__ = () => {};
  await later(0);
  return names(fn, arrow, cls, paren, __proto__);
}

async function assignments() {
  let a: unknown, b: unknown = 0, c: unknown = 1, d: unknown, e: unknown;
  await later(0);
  a = function () {};
  b ||= () => {};
  c &&= class {};
  d ??= function () {};
  [e = () => {}] = [];
  let g: unknown;
  ({ g = class {} } = {} as { g?: unknown });
  await later(0);
  return names(a, b, c, d, e, g);
}

async function awaitingPatterns() {
  const [x = await later('x'), fn = function () {}] = [];
  const { y = await later('y'), arrow = () => {} } = {} as { y?: string; arrow?: () => void };
  let p: unknown, q: unknown;
  [p = await later('p'), q = class {}] = [];
  return `${x}${y}${String(p)} ${names(fn, arrow, q)}`;
}

async function loopHeads() {
  const out: string[] = [];
  for (const [fn = () => {}] of [[], [function named() {}]]) {
    await later(0);
    out.push(names(fn));
  }
  let h: unknown;
  for ([h = function () {}] of [[]]) {
    await later(0);
    out.push(names(h));
  }
  return out.join(' ');
}

/** Module code is strict: writing a named function expression's own name throws TypeError. */
const ownName = async function own() {
  await later(0);
  const out: string[] = [];
  for (const write of [() => ((own as unknown) = 1), () => ([own as unknown] = [2])]) {
    try {
      write();
    } catch (e) {
      out.push((e as Error).constructor.name);
    }
  }
  return `${out.join(',')} ${typeof own}`;
};

export async function main(log: string[]) {
  log.push(await ownName());
  log.push(await params());
  log.push(await locals());
  log.push(await assignments());
  log.push(await awaitingPatterns());
  log.push(await loopHeads());
  return names(params, locals);
}
