// `stored` with calls that all finish at the call: what a call not awaited where it is made
// costs by itself (a native promise, and for tspoll the frame that ran it).
import { run } from './stored.ts';

export function main(e: Parameters<typeof run>[0], n: number): Promise<number> {
  return run(e, n, false);
}
