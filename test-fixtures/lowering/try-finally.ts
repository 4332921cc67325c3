// finally across awaits: await inside finally; return, break, continue and throw through
// finally; a return inside finally overrides the pending completion.
import { failLater, later } from './_support';

async function returnThrough(log: string[]) {
  try {
    await later(1);
    return 'from try';
  } finally {
    log.push('finally after return');
    await later(2);
    log.push('finally resumed');
  }
}

async function overrideReturn(log: string[]) {
  try {
    await later(1);
    return 'original';
  } finally {
    await later(2);
    log.push('overriding');
    // eslint-disable-next-line no-unsafe-finally
    return 'override';
  }
}

async function overrideThrow(log: string[]) {
  try {
    await failLater(new Error('lost'));
  } finally {
    log.push('finally sees the throw');
    // eslint-disable-next-line no-unsafe-finally
    return 'swallowed';
  }
}

async function throwFromFinally(log: string[]) {
  try {
    return await later('pending return');
  } finally {
    await later(0);
    log.push('finally throws');
    // eslint-disable-next-line no-unsafe-finally
    throw new Error('from finally');
  }
}

export async function main(log: string[]) {
  log.push(await returnThrough(log));
  log.push(await overrideReturn(log));
  log.push(await overrideThrow(log));
  try {
    await throwFromFinally(log);
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
  }
  outer: for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      try {
        await later(j);
        if (j === 1) continue;
        if (i === 1) break outer;
        log.push(`body ${i} ${j}`);
      } finally {
        log.push(`finally ${i} ${j}`);
        await later(0);
      }
    }
  }
  try {
    try {
      await later(1);
      throw new Error('thrown through');
    } finally {
      log.push('inner finally');
      await later(1);
    }
  } catch (e) {
    log.push(`outer caught ${(e as Error).message}`);
  } finally {
    log.push('outer finally');
  }
  let k = 0;
  while (true) {
    try {
      if (++k > 2) break;
    } finally {
      await later(k);
      log.push(`loop finally ${k}`);
    }
  }
  return k;
}
