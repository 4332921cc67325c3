// Deep recursion through lowered calls whose awaits are ready at once (no real suspension),
// and through real suspensions: both must finish and agree with native.
import { later } from './_support';

async function depth(n: number): Promise<number> {
  if (n === 0) return 0;
  return 1 + (await depth(n - 1));
}

async function depthSuspending(n: number): Promise<number> {
  if (n === 0) return later(0);
  return 1 + (await depthSuspending(n - 1));
}

export async function main(log: string[]) {
  log.push(`ready ${await depth(2000)}`);
  log.push(`suspending ${await depthSuspending(500)}`);
  return 'ok';
}
