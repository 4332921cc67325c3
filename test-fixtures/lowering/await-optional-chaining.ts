// Optional chaining around awaits: a nullish base skips the rest, including its awaits.
import { later, tracer } from './_support';

type Box = { v: number; m(n: number): number; inner?: Box } | null | undefined;

export async function main(log: string[]) {
  const t = tracer(log);
  const box: Box = { v: 1, m: (n) => n + 1 };
  const none: Box = null;
  log.push(`a ${(await later(box))?.v}`);
  log.push(`b ${(await later(none))?.v}`);
  log.push(`c ${box?.m(await later(5))}`);
  log.push(`d ${none?.m(await later(t('skipped arg', 5)))}`);
  log.push(`e ${box?.[await later('v' as const)]}`);
  log.push(`f ${box?.inner?.m(await later(t('skipped too', 1)))}`);
  const fn: ((n: number) => number) | undefined = await later(undefined);
  log.push(`g ${fn?.(await later(t('not evaluated', 1)))}`);
  return box?.v;
}
