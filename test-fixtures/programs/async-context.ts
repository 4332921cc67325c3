// AsyncLocalStorage across awaits: after an `await`, a function sees the store of the context
// it was called in (p-limit's test "propagates async execution context properly", with the test
// file lowered). Concurrent calls in different contexts, timers, a nested run, a lowered callback.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sleep } from './_support';

const store = new AsyncLocalStorage<string>();
// Lines of concurrent calls are printed sorted, after each phase: the timers' order is the
// machine's (a loaded machine fires a 1 ms and a 15 ms timer together), the stores are the test.
let lines: string[] = [];
const seen = (where: string, expected: string): void => {
  const got = store.getStore();
  lines.push(`${where}: ${got === expected ? 'ok' : `WRONG (expected ${expected}, got ${got})`}`);
};
const flush = (): void => {
  for (const line of lines.sort()) console.log(line);
  lines = [];
};

async function afterResolved(id: string): Promise<void> {
  await Promise.resolve();
  seen(`${id} after await Promise.resolve()`, id);
}

async function afterTimer(id: string, ms: number): Promise<void> {
  await sleep(ms);
  seen(`${id} after sleep(${ms})`, id);
  await sleep(1);
  seen(`${id} after a second sleep`, id);
}

async function nested(): Promise<void> {
  await store.run('inner', async () => {
    await sleep(1);
    seen('inner callback after sleep', 'inner');
  });
  seen('outer after the inner run', 'outer');
}

async function main(): Promise<void> {
  await Promise.all(['a', 'b', 'c'].map((id) => store.run(id, () => afterResolved(id))));
  flush();
  await Promise.all([['d', 15], ['e', 1], ['f', 8]].map(([id, ms]) => store.run(id as string, () => afterTimer(id as string, ms as number))));
  flush();
  await store.run('outer', () => nested());
  flush();
  const got = store.getStore();
  console.log(`main at the end: ${got === undefined ? 'ok, no store' : `WRONG (got ${got})`}`);
}

await main();
