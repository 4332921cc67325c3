// Default, destructured and rest parameters; a parameter error rejects instead of throwing.
import { later } from './_support';

async function defaults(a: number, b = a * 2, { c = b + 1, d }: { c?: number; d?: number } = {}, ...rest: number[]) {
  await later(0);
  return `${a} ${b} ${c} ${d} [${rest.join(',')}]`;
}

async function destructured([x, y = 'y'] = ['x'], { z: { w } } = { z: { w: 'w' } }) {
  await later(0);
  return `${x} ${y} ${w}`;
}

async function badParam({ required }: { required: string }) {
  await later(0);
  return required;
}

async function fnLength(a: number, b: number, c = 1, ...r: number[]) {
  await later(0);
  return a + b + c + r.length;
}

async function shadowing(value: number) {
  await later(0);
  {
    const value = 'inner';
    await later(0);
    void value;
  }
  value += 1;
  await later(0);
  return value;
}

export async function main(log: string[]) {
  log.push(await defaults(1));
  log.push(await defaults(1, undefined, { d: 4 }, 5, 6));
  log.push(await destructured());
  log.push(await destructured(['X'], { z: { w: 'W' } }));
  let p: Promise<string> | undefined;
  try {
    p = badParam(undefined as never);
    log.push('call returned');
  } catch (e) {
    log.push(`sync throw ${(e as Error).name}`);
  }
  try {
    await p;
  } catch (e) {
    log.push(`rejected ${(e as Error).name}`);
  }
  log.push(`length ${fnLength.length} name ${fnLength.name} ${await fnLength(1, 2)}`);
  log.push(`shadowing ${await shadowing(41)}`);
  return defaults.length;
}
