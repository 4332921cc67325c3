// Awaits of this file's own async functions call their sync-first copies (ABI.md, section 7):
// the callee runs on the caller's stack and builds its frame only when an await in it really
// suspends. Every shape must behave as natively: finishing at once, suspending at any depth,
// throwing before and after a suspension, finally blocks on both paths, loops, and the
// functions that get no copy or only the plain one.
import { failLater, later, tracer } from './_support';

async function leaf(n: number) {
  return n;
}

async function slowLeaf<T>(v: T) {
  return await later(v);
}

async function fib(n: number): Promise<number> {
  if (n < 2) return n;
  return (await fib(n - 1)) + (await fib(n - 2));
}

/** Suspends at some leaves only: frames are built for those chains, mid-expression. */
async function fibSometimesSlow(n: number): Promise<number> {
  if (n < 2) return n === 1 ? await later(1) : 0;
  return (await fibSometimesSlow(n - 1)) + (await fibSometimesSlow(n - 2));
}

async function thrower(log: string[], when: string) {
  log.push(`thrower ${when}`);
  if (when === 'after a suspension') await later(0);
  if (when === 'from a rejection') await failLater(new RangeError('rejected'));
  throw new Error(`thrown ${when}`);
}

async function guarded(log: string[], when: string) {
  try {
    await thrower(log, when);
    log.push('unreachable');
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
    await leaf(1);
    return `recovered ${when}`;
  } finally {
    log.push(`finally ${when}`);
    await slowLeaf(0);
    log.push(`finally ${when} resumed`);
  }
}

/** A returned thenable is adopted, with or without a suspension before it. */
async function returnsPromise(v: number, suspendFirst: boolean) {
  if (suspendFirst) await later(0);
  return later(v);
}

async function loopOfCalls(log: string[], n: number) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (i === 3) continue;
    total += await leaf(i);
    if (i % 100 === 50) total += await slowLeaf(1);
  }
  let j = 0;
  do total -= await leaf(j);
  while (++j < 10);
  for (const k of [1, 2, 3]) total += await leaf(k);
  for (const key in { a: 1, b: 2 }) log.push(`key ${await leaf(key)}`);
  log.push(`loop total ${total}`);
  return total;
}

async function deep(log: string[], depth: number): Promise<number> {
  try {
    if (depth === 0) {
      await later(0);
      return 0;
    }
    return 1 + (await deep(log, depth - 1));
  } finally {
    if (depth % 3 === 0) log.push(`deep finally ${depth}`);
  }
}

async function order(log: string[]) {
  const t = tracer(log);
  const r = t('a', 1) + (await leaf(t('arg', 2))) + t('b', 3);
  log.push(`order ${r}`);
  return [await leaf(t('x', 'x')), await slowLeaf(t('y', 'y')), await leaf(t('z', 'z'))].join('');
}

async function tdz(log: string[], suspend: boolean) {
  try {
    if (suspend) await later(0);
    log.push(`read ${await leaf(late)}`);
  } catch (e) {
    log.push(`tdz ${(e as Error).name}`);
  }
  const late = 1;
  return late;
}

async function extraAndMissingArgs(a?: number, b?: number) {
  return `${a}/${b}`;
}

// No copy at all: these use the call's `this`, its arguments object, or a default parameter.
async function usesThis(this: unknown) {
  await leaf(0);
  return typeof this;
}

async function usesArguments(a: number) {
  await leaf(0);
  return arguments.length + a;
}

async function withDefault(a: number, b = 10) {
  await leaf(0);
  return a + b;
}

/** The plain copy: a closure reaches a local the frame keeps. */
async function capturing(n: number) {
  let count = n;
  const bump = () => ++count;
  await later(0);
  bump();
  await leaf(0);
  return count;
}

// Function expressions: the copy is linked to each wrapper, and awaits of these names look it up.
const arrowLeaf = async (n: number) => n;
const arrowSlow = async (n: number) => {
  await later(0);
  return n * 2;
};
let rebindable = async (n: number) => n + 1;
const countdown = async function down(n: number): Promise<number> {
  return n === 0 ? 0 : 1 + (await down(n - 1));
};

async function sharedFuture(log: string[]) {
  const p = slowLeaf(9);
  log.push(`twice ${await p} ${await p}`);
  const q = leaf(8);
  log.push(`ready twice ${await q} ${await q}`);
}

export async function main(log: string[]) {
  log.push(`leaf ${await leaf(1)}`);
  log.push(`fib ${await fib(15)}`);
  log.push(`sometimes slow ${await fibSometimesSlow(7)}`);
  for (const when of ['at once', 'after a suspension', 'from a rejection']) log.push(await guarded(log, when));
  try {
    await thrower(log, 'uncaught');
  } catch (e) {
    log.push(`main caught ${(e as Error).message}`);
  }
  log.push(`adopted ${await returnsPromise(4, false)} ${await returnsPromise(5, true)}`);
  await loopOfCalls(log, 300);
  log.push(`deep ${await deep(log, 10)}`);
  log.push(await order(log));
  log.push(`tdz ${await tdz(log, false)} ${await tdz(log, true)}`);
  log.push(`args ${await extraAndMissingArgs()} ${await extraAndMissingArgs(1)} ${await extraAndMissingArgs(1, 2)}`);
  log.push(`this ${await usesThis()} ${await usesThis.call('s')}`);
  log.push(`arguments ${await usesArguments(1)}`);
  log.push(`default ${await withDefault(1)}`);
  log.push(`capturing ${await capturing(1)}`);
  await sharedFuture(log);
  log.push(`arrows ${await arrowLeaf(1)} ${await arrowSlow(2)} ${await countdown(50)} ${await rebindable(5)}`);
  rebindable = async (n: number) => n - 1;
  log.push(`rebound ${await rebindable(5)}`);
  const [a, b] = await Promise.all([fibSometimesSlow(6), deep(log, 4)]);
  log.push(`together ${a} ${b}`);
  return 'done';
}
