// The temporal dead zone survives lowering: reading a `let`/`const` before its declaration
// throws a ReferenceError, even when an await sits between.
import { later } from './_support';

async function readBeforeDeclare(log: string[]) {
  await later(0);
  try {
    log.push(`value ${value}`);
  } catch (e) {
    log.push(`tdz ${(e as Error).name}`);
  }
  const value = await later('declared');
  return value;
}

async function closureBeforeInit(log: string[]) {
  const read = () => late;
  try {
    read();
  } catch (e) {
    log.push(`closure tdz ${(e as Error).name}`);
  }
  await later(0);
  let late = 'ok';
  return read();
}

async function selfReference(log: string[]) {
  try {
    // @ts-expect-error: used before being assigned, on purpose
    const x: number = (await later(1)) + x;
    log.push(`unreachable ${x}`);
  } catch (e) {
    log.push(`self tdz ${(e as Error).name}`);
  }
}

// The point that initialises a binding is the end of its declaration, not of its name: its own
// initializer, a pattern's initializer, a for-of's iterable and a class's heritage run before.
async function ownInitializer(log: string[]) {
  const attempt = (read: () => unknown, what: string) => {
    try {
      return read();
    } catch (e) {
      return `${what} tdz ${(e as Error).name}`;
    }
  };
  await later(0);
  let x: unknown = attempt(() => x, 'initializer');
  const [first] = attempt(() => [first], 'pattern') as unknown[];
  const heritage = attempt(() => Base, 'heritage');
  class Base extends (typeof heritage === 'string' ? Object : (heritage as typeof Object)) {}
  let iterated = '';
  for (const item of attempt(() => [item], 'iterable') as string[]) iterated = item;
  await later(0);
  log.push(String(x), String(first), `${heritage}`, iterated);
}

// A function declaration is hoisted: it may run before a binding it reads is initialised, where
// a function expression made after the declaration cannot.
async function hoistedReader(log: string[]) {
  try {
    log.push(`hoisted ${readLate()}`);
  } catch (e) {
    log.push(`hoisted tdz ${(e as Error).name}`);
  }
  await later(0);
  const late = 'late';
  const reader = function () {
    return late;
  };
  await later(0);
  log.push(`hoisted ${readLate()} ${reader()}`);
  function readLate() {
    return late;
  }
}

export async function main(log: string[]) {
  await ownInitializer(log);
  await hoistedReader(log);
  log.push(await readBeforeDeclare(log));
  log.push(await closureBeforeInit(log));
  await selfReference(log);
  for (let i = 0; i < 2; i++) {
    try {
      if (i === 1) log.push(`loop ${scoped}`);
    } catch (e) {
      log.push(`loop tdz ${(e as Error).name}`);
    }
    await later(0);
    const scoped = i;
    log.push(`scoped ${scoped}`);
  }
  return 'done';
}
