// `main();` at the bottom of a file, with nothing awaiting it: the body runs, all of it.
import { sleep } from './_support';

async function main(): Promise<void> {
  console.log('main: start');
  await sleep(5);
  console.log('main: after sleep');
  for (let i = 0; i < 3; i++) await step(i);
  console.log('main: end');
}

async function step(i: number): Promise<void> {
  await sleep(1);
  console.log(`step ${i}`);
}

main();
console.log('after the call');
