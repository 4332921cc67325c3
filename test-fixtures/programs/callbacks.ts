// Async callbacks handed to code that ignores what they return: each one runs to the end.
import { EventEmitter } from 'node:events';
import { sleep } from './_support';

const done: string[] = [];
const finish = (what: string) => done.push(what);

const emitter = new EventEmitter();
emitter.on('job', async (n: number) => {
  console.log(`emitter: got ${n}`);
  await sleep(2);
  finish(`emitter ${n}`);
});
emitter.emit('job', 1);
emitter.emit('job', 2);

[1, 2, 3].forEach(async (n) => {
  console.log(`forEach: ${n}`);
  await sleep(n);
  finish(`forEach ${n}`);
});

setTimeout(async () => {
  console.log('setTimeout: start');
  await sleep(1);
  finish('setTimeout');
}, 1);

queueMicrotask(async () => {
  console.log('queueMicrotask: start');
  await sleep(1);
  finish('queueMicrotask');
});

process.nextTick(async () => {
  console.log('nextTick: start');
  await sleep(1);
  finish('nextTick');
});

// An async Promise executor: the executor's result is ignored; resolve is what counts.
const viaExecutor = new Promise<string>(async (resolve) => {
  console.log('executor: start');
  await sleep(3);
  resolve('executor resolved');
});

console.log('sync part done');
console.log(await viaExecutor);
await sleep(30);
console.log(done.sort().join(', '));
