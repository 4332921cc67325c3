// Parameters are bound left to right, each after its default: a default that reads a later
// parameter, or its own, throws ReferenceError (the call rejects, the body never runs). Defaults
// see the parameters and the outer scopes, never the body's declarations of the same name.
import { later } from './_support';

let x = 'outer';
let bodyRuns = 0;

async function later_(a = b, b = 1) {
  bodyRuns++;
  await later(0);
  return [a, b];
}

async function self(a = a) {
  bodyRuns++;
  await later(0);
  return a;
}

async function inPattern({ p = q, q } = { q: 2 } as { p?: number; q: number }) {
  bodyRuns++;
  await later(0);
  return [p, q];
}

async function closure(read = () => c, c = 3) {
  await later(0);
  return [read(), c];
}

async function earlier(a = 1, b = a + 1, [c = b + 1] = []) {
  await later(0);
  return [a, b, c];
}

async function shadowedByBody(a = x, read = () => x) {
  var x = 'body var';
  await later(0);
  return [a, read(), x];
}

async function shadowedByLet(a = x) {
  let x = 'body let';
  await later(0);
  return [a, x];
}

async function nestedDefault() {
  const y = 'lowered local';
  await later(0);
  function inner(a = y) {
    var y = 'inner var';
    return [a, y];
  }
  return inner();
}

async function caught(run: () => Promise<unknown>) {
  try {
    return await run();
  } catch (e) {
    return `${(e as Error).constructor.name}`;
  }
}

export async function main(log: unknown[]) {
  log.push(await caught(() => later_()));
  log.push(await caught(() => later_(0)));
  log.push(await caught(() => (self as (a?: number) => Promise<number>)()));
  log.push(await caught(() => self(5)));
  log.push(await caught(() => inPattern({ q: 7 })));
  log.push(await caught(() => inPattern({ p: 1, q: 7 })));
  log.push(await caught(() => closure()));
  log.push(await caught(() => earlier()));
  log.push(await caught(() => shadowedByBody()));
  log.push(await caught(() => shadowedByLet()));
  log.push(await caught(() => nestedDefault()));
  x = 'changed';
  log.push(await caught(() => shadowedByBody()));
  return bodyRuns;
}
