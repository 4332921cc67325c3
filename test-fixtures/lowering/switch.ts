// switch with awaits in the discriminant, the case tests and the bodies; fall-through,
// default in the middle, break and continue out of a switch inside a loop.
import { later, tracer } from './_support';

async function classify(log: string[], v: number) {
  const t = tracer(log);
  const out: string[] = [];
  switch (await later(v)) {
    case t('case 1', 1):
      out.push('one');
    // falls through
    case await later(2):
      out.push('two-ish');
      await later(0);
      break;
    default:
      out.push('default');
    // falls through
    case 3:
      out.push('three');
      await later(0);
    // falls through
    case 4: {
      const local = await later('four');
      out.push(local);
      break;
    }
  }
  return out.join('+');
}

export async function main(log: string[]) {
  for (const v of [1, 2, 3, 4, 5]) log.push(`${v}: ${await classify(log, v)}`);
  let i = 0;
  loop: while (i < 5) {
    i++;
    switch (i % 3) {
      case 0:
        await later(0);
        continue loop;
      case 1:
        if ((await later(i)) > 3) break loop;
        break;
    }
    log.push(`after switch ${i}`);
  }
  switch (await later('empty')) {
  }
  return i;
}
