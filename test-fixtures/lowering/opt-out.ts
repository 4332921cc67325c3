// `@tspoll-native` keeps one function native (a real Promise); its neighbours are lowered.
import { later } from './_support';

/** @tspoll-native */
async function keptNative() {
  await later(0);
  return 'native';
}

// @tspoll-native
const keptArrow = async () => {
  await later(0);
  return 'native arrow';
};

export async function main(log: string[]) {
  const p = keptNative();
  log.push(`instanceof Promise ${p instanceof Promise}`);
  log.push(await p);
  const q = keptArrow();
  log.push(`arrow instanceof Promise ${q instanceof Promise}`);
  log.push(await q);
  return 'ok';
}
