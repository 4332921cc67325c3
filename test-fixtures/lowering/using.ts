// `using` and `await using` across awaits: disposal order, and errors from disposers.
import { later } from './_support';

function resource(log: string[], name: string, failOnDispose = false) {
  return {
    name,
    [Symbol.dispose]() {
      log.push(`dispose ${name}`);
      if (failOnDispose) throw new Error(`dispose ${name} failed`);
    },
  };
}

function asyncResource(log: string[], name: string) {
  return {
    name,
    async [Symbol.asyncDispose]() {
      await later(1);
      log.push(`async dispose ${name}`);
    },
  };
}

async function scoped(log: string[]) {
  using a = resource(log, 'a');
  await later(0);
  await using b = asyncResource(log, 'b');
  using c = resource(log, 'c');
  log.push(`body ${a.name}${b.name}${c.name}`);
  await later(0);
  return 'scoped done';
}

async function throwing(log: string[]) {
  using a = resource(log, 'ta');
  await using b = asyncResource(log, 'tb');
  await later(0);
  throw new Error(`body failed with ${a.name}${b.name}`);
}

async function failingDispose(log: string[]) {
  using x = resource(log, 'fx', true);
  await later(0);
  return x.name;
}

export async function main(log: string[]) {
  log.push(await scoped(log));
  try {
    await throwing(log);
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  try {
    await failingDispose(log);
  } catch (e) {
    log.push(`dispose error ${(e as Error).message}`);
  }
  for (let i = 0; i < 2; i++) {
    using r = resource(log, `loop${i}`);
    await later(0);
    if (i === 1) break;
    log.push(`loop body ${r.name}`);
  }
  {
    await using nullish = null;
    log.push(`null resource ${nullish}`);
  }
  return 'ok';
}
