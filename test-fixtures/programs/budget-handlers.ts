// An await registers its handler on a promise at once, even when the runtime's cooperative
// budget has run out and the task yields to the host: otherwise a promise that rejects before
// the next host turn would be an unhandled rejection (the process's exit, by Node's default),
// and a `PromiseRejectionHandledWarning` once the handler came. p-queue's 10,000 aborted tasks
// found it: each `add()` returns a `new Promise` that an abort rejects.
const controller = new AbortController();
let unhandled = 0;
process.on('unhandledRejection', () => {
  unhandled++;
});

async function queued(i: number): Promise<string> {
  return new Promise<string>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error(`aborted ${i}`)), { once: true });
  });
}

async function waiter(p: Promise<string>): Promise<string> {
  try {
    return await p;
  } catch (e) {
    return (e as Error).message;
  }
}

const calls: Promise<string>[] = [];
for (let i = 0; i < 2000; i++) calls.push(queued(i).catch((e: Error) => `caught ${e.message}`));
const pending: Promise<string>[] = [];
const rejecters: ((e: Error) => void)[] = [];
for (let i = 0; i < 2000; i++) pending.push(waiter(new Promise<string>((_r, reject) => rejecters.push(reject))));
// A lowered call awaited by another, which fails before the next turn.
let fail = (_e: Error): void => {};
const gate = new Promise<void>((_r, reject) => {
  fail = reject;
});
async function failing(i: number): Promise<string> {
  await gate.catch(() => undefined);
  throw new Error(`failed ${i}`);
}
const joined: Promise<string>[] = [];
for (let i = 0; i < 2000; i++) joined.push(waiter(failing(i)));
controller.abort();
for (const [i, reject] of rejecters.entries()) reject(new Error(`rejected ${i}`));
fail(new Error('gate'));

Promise.all([...calls, ...pending, ...joined]).then((results) => {
  setTimeout(() => {
    console.log(results.length, results[0], results[1999], results[2000], results[3999], results[4000], results[5999]);
    console.log('unhandled rejections:', unhandled);
  }, 10);
});
