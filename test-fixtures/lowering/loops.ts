// Every loop form with awaits in test, update and body, plus labelled break and continue.
import { later } from './_support';

export async function main(log: string[]) {
  for (let i = await later(0); i < (await later(3)); i += await later(1)) log.push(`for ${i}`);
  let w = 0;
  while ((await later(w)) < 3) {
    w++;
    if (w === 2) continue;
    log.push(`while ${w}`);
  }
  let d = 0;
  do {
    log.push(`do ${d}`);
    d = await later(d + 1);
  } while (d < 3);
  outer: for (const a of [1, 2, 3]) {
    inner: for (const b of await later([1, 2, 3])) {
      if (b === 2) continue inner;
      if (a === 2) continue outer;
      if (a === 3 && b === 3) break outer;
      log.push(`labels ${a} ${b}`);
      await later(0);
    }
  }
  const obj: Record<string, number> = { x: 1, y: 2, z: 3 };
  for (const key in obj) {
    await later(0);
    if (key === 'y') delete obj.z; // deleted before being visited: skipped
    log.push(`in ${key}`);
  }
  for (const [k, v] of Object.entries(await later({ p: 1, q: 2 }))) log.push(`entries ${k}=${v}`);
  block: {
    await later(0);
    if (obj.x === 1) break block;
    log.push('not reached');
  }
  let n = 0;
  for (;;) {
    if ((await later(++n)) >= 4) break;
  }
  log.push(`infinite-for ${n}`);
  let total = 0;
  for (let i = 0, j = 10; i < j; i += 3, j -= await later(1)) total += i + j;
  log.push(`multi ${total}`);
  return n;
}
