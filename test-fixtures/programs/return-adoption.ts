// `return v` of an async function resolves its promise with v: a thenable is adopted after the
// body has finished (its finally blocks ran, its catch blocks do not see a rejection, a `then`
// getter that throws rejects the call). An async generator's `return v` awaits v in the body
// instead, where its own catch sees a rejection.

const log: string[] = [];
const say = (s: string): void => {
  log.push(s);
};
const later = <T>(v: T, ms = 1): Promise<T> => new Promise((r) => setTimeout(() => r(v), ms));
const thenable = (tag: string, v: number) => ({
  then(resolve: (x: number) => void) {
    say(`${tag}: then called`);
    resolve(v);
  },
});

async function passOn<T>(p: T): Promise<Awaited<T>> {
  return p as Awaited<T>;
}

async function withFinally(): Promise<number> {
  try {
    say('withFinally: body');
    return thenable('withFinally', 1) as unknown as number;
  } finally {
    say('withFinally: finally');
  }
}

async function notCaught(): Promise<number> {
  try {
    return Promise.reject(new Error('rejected after the body')) as unknown as number;
  } catch {
    say('notCaught: caught (wrong)');
    return 0;
  }
}

async function throwingThen(): Promise<unknown> {
  const o = {
    get then() {
      throw new Error('then getter threw');
    },
  };
  try {
    return o;
  } catch {
    say('throwingThen: caught (wrong)');
    return 0;
  }
}

async function fails(): Promise<number> {
  throw new Error('failed at the call');
}

async function returnsFailedCall(): Promise<number> {
  try {
    return fails();
  } catch {
    say('returnsFailedCall: caught (wrong)');
    return 0;
  }
}

async function* gen(p: Promise<number>): AsyncGenerator<number, number> {
  try {
    return await Promise.resolve(0).then(() => p);
  } catch (e) {
    say(`gen: caught ${(e as Error).message}`);
  }
  try {
    return p;
  } catch (e) {
    say(`gen: caught again ${(e as Error).message}`);
    yield 9;
    return 1;
  } finally {
    say('gen: finally');
  }
}

async function main(): Promise<void> {
  // Awaited where it is called (the sync-first path) and stored first.
  say(`passOn(later): ${await passOn(later(5))}`);
  const stored = passOn(later(6));
  say('stored: called');
  say(`stored: ${await stored}`);
  say(`passOn(plain): ${await passOn(7)}`);
  say(`passOn(thenable): ${await passOn(thenable('passOn', 8))}`);
  say(`withFinally: ${await withFinally()}`);
  await notCaught().catch((e: Error) => say(`notCaught: rejected with ${e.message}`));
  await throwingThen().catch((e: Error) => say(`throwingThen: rejected with ${e.message}`));
  await returnsFailedCall().catch((e: Error) => say(`returnsFailedCall: rejected with ${e.message}`));
  const g = gen(Promise.reject(new Error('no')));
  for (let i = 0; i < 3; i++) {
    const r = await g.next().catch((e: Error) => `next threw ${e.message}`);
    say(`gen: ${JSON.stringify(r)}`);
  }
  // Many in flight at once, each adopting a timer's promise.
  const all = await Promise.all([1, 2, 3].map((i) => passOn(later(i * 10, 3 - i))));
  say(`all: ${all.join(',')}`);
}

main().then(() => console.log(log.join('\n')));
