// Control flow mixed in one body: try inside switch inside a labelled loop, continue and
// break from finally, for await with labels, and a do-while whose test awaits.
import { asyncRange, later } from './_support';

export async function main(log: string[]) {
  outer: for (let round = 0; round < 3; round++) {
    switch (await later(round)) {
      case 0:
        try {
          await later(0);
          continue outer;
        } finally {
          log.push(`finally in case 0 (round ${round})`);
        }
      case 1:
        try {
          if ((await later(1)) === 1) throw new Error('in case 1');
        } catch (e) {
          log.push(`caught ${(e as Error).message}`);
          break;
        } finally {
          log.push('finally in case 1');
        }
        log.push('not reached');
        break;
      default:
        log.push(`default round ${round}`);
        break outer;
    }
    log.push(`after switch round ${round}`);
  }
  items: for await (const v of asyncRange(4, log)) {
    for (const w of [10, 20]) {
      if (v === 1) continue items;
      if (v === 3) break items;
      log.push(`pair ${v} ${w} ${await later(v + w)}`);
    }
  }
  let n = 0;
  do {
    n++;
    if (n === 2) continue;
    log.push(`do ${n}`);
  } while ((await later(n)) < 4);
  let attempts = 0;
  while (true) {
    try {
      attempts++;
      if (attempts < 3) throw new Error('retry');
      break;
    } catch {
      await later(0);
      continue;
    } finally {
      log.push(`attempt ${attempts}`);
    }
  }
  return attempts;
}
