// Closures capture per-iteration `let` bindings and live variables across awaits.
import { later } from './_support';

export async function main(log: string[]) {
  const fns: (() => number)[] = [];
  for (let i = 0; i < 3; i++) {
    await later(0);
    fns.push(() => i);
    i += 0;
  }
  log.push(`per-iteration ${fns.map((f) => f()).join(',')}`);
  const late: (() => number)[] = [];
  for (let i = 0; i < 3; i++) {
    late.push(() => i); // captured before the await, then the binding is updated
    await later(0);
  }
  log.push(`captured before await ${late.map((f) => f()).join(',')}`);
  const ofs: (() => string)[] = [];
  for (const s of ['a', 'b']) {
    const upper = (await later(s)).toUpperCase();
    ofs.push(() => s + upper);
  }
  log.push(`for-of ${ofs.map((f) => f()).join(',')}`);
  let counter = 0;
  const inc = () => ++counter;
  await later(0);
  inc();
  const seen = await later(counter);
  inc();
  log.push(`shared ${seen} ${counter}`);
  const makers = [];
  for (let i = 0; i < 2; i++) {
    let captured = i * 10;
    makers.push(async () => {
      await later(0);
      return ++captured;
    });
  }
  log.push(`async closures ${await makers[0]!()} ${await makers[1]!()} ${await makers[0]!()}`);
  const lets: (() => number)[] = [];
  let j = 0;
  while (j < 3) {
    let copy = j;
    await later(0);
    lets.push(() => copy);
    j++;
  }
  log.push(`block let in while ${lets.map((f) => f()).join(',')}`);
  return counter;
}
