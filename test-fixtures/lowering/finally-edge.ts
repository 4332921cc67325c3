// Completion corners: break and continue out of finally discard a pending throw or return;
// nested finally blocks with awaits each see the right pending completion.
import { failLater, later } from './_support';

async function breakDiscardsThrow(log: string[]) {
  for (let i = 0; i < 2; i++) {
    try {
      await failLater(new Error('discarded'));
    } finally {
      log.push(`finally ${i}`);
      await later(0);
      // eslint-disable-next-line no-unsafe-finally
      if (i === 0) continue;
      // eslint-disable-next-line no-unsafe-finally
      break;
    }
  }
  return 'loop left normally';
}

async function nestedReturns(log: string[]) {
  try {
    try {
      return await later('inner return');
    } finally {
      log.push('inner finally');
      await later(0);
    }
  } finally {
    log.push('outer finally');
    await later(0);
  }
}

async function throwReplacesReturn(log: string[]) {
  try {
    try {
      return 'never seen';
    } finally {
      await later(0);
      throw new Error('replaced');
    }
  } catch (e) {
    log.push(`caught ${(e as Error).message}`);
    return 'from catch';
  } finally {
    log.push('last finally');
  }
}

async function labelledBreakFromFinally(log: string[]) {
  let result = 'none';
  outer: {
    try {
      result = await later('set in try');
      throw new Error('will be discarded');
    } finally {
      await later(0);
      log.push('leaving block from finally');
      // eslint-disable-next-line no-unsafe-finally
      break outer;
    }
  }
  return result;
}

export async function main(log: string[]) {
  log.push(await breakDiscardsThrow(log));
  log.push(await nestedReturns(log));
  log.push(await throwReplacesReturn(log));
  log.push(await labelledBreakFromFinally(log));
  let caught = 0;
  for (const v of [1, 2, 3]) {
    try {
      try {
        if ((await later(v)) === 2) throw v;
      } finally {
        await later(0);
        log.push(`inner ${v}`);
      }
    } catch (e) {
      caught += e as number;
      log.push(`caught ${e}`);
    } finally {
      log.push(`outer ${v}`);
    }
  }
  return caught;
}
