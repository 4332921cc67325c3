// A call's synchronous part runs at the call, before the caller goes on; a stored promise
// awaited later, Promise.all over calls, then() on a call.
import { sleep } from './_support';

const log: string[] = [];

async function f(name: string, ms: number): Promise<string> {
  log.push(`${name}: sync part`);
  await sleep(ms);
  log.push(`${name}: resumed`);
  return name;
}

async function g(): Promise<number> {
  log.push('g: sync, no await');
  return 42;
}

async function main(): Promise<void> {
  const p = f('stored', 5);
  log.push('after the call');
  const q = g();
  log.push('after g');
  log.push(`awaited: ${await p}, ${await q}`);
  const all = await Promise.all(['a', 'b', 'c'].map((n, i) => f(n, 6 - i * 2)));
  log.push(`all: ${all.join()}`);
  const viaThen = await f('then', 1).then((v) => v.toUpperCase());
  log.push(`then: ${viaThen}`);
  const raced = await Promise.race([f('slow', 20), f('fast', 2)]);
  log.push(`race: ${raced}`);
  await sleep(30);
  log.push(`Promise.resolve keeps it: ${Promise.resolve(p) === p}`);
}

await main();
console.log(log.join('\n'));
