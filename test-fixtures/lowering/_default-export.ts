// A default-exported anonymous async function (lowered too: support modules of the lowered
// build go through the compiler).
import { later } from './_support';

export default async function (n: number) {
  await later(0);
  return `default export ${n * 2}`;
}
