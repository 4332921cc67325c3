// The program the core-size benchmark bundles (issue 12 goal 4): it uses spawn, sleep, timeout,
// join and select, and nothing else of the runtime. Lowered by @tspoll/compiler, it also calls
// the ABI ($tp); the benchmark measures every runtime module such a bundle contains.
import { join, select, sleep, spawn, timeout } from '@tspoll/runtime';

async function worker(id: number, ms: number): Promise<number> {
  await sleep(ms);
  return id * 2;
}

export async function main(): Promise<string> {
  const a = spawn(worker(1, 5));
  const b = spawn(worker(2, 1));
  const [x, y] = await join(a, b);
  const first = await select(worker(3, 10), sleep(1));
  let late = 'finished';
  try {
    await timeout(worker(4, 50), 5);
  } catch (e) {
    late = (e as Error).name;
  }
  return `${x} ${y} ${first.index} ${late}`;
}
