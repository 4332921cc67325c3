// A call started on its own (its promise awaited later) that suspended: the lowered caller
// awaiting its promise goes on after the microtasks the call's last steps queued, as natively,
// since the runtime polls each woken task in a microtask of its own. Found by p-queue's tests:
// a job queues the next one with `queueMicrotask`, and the test checks the queue right after
// `await job`.
class Queue {
  size = 2;
  started: string[] = [];
  async add(tag: string): Promise<string> {
    return new Promise<string>((resolve) => {
      setTimeout(() => {
        resolve(tag);
        queueMicrotask(() => {
          this.size--;
          this.started.push(`next after ${tag}`);
        });
      }, 1);
    });
  }
  async run(tag: string): Promise<string> {
    try {
      return await new Promise<string>((r) => setTimeout(() => r(tag), 1));
    } finally {
      queueMicrotask(() => this.started.push(`finally of ${tag}`));
    }
  }
}

async function main(): Promise<void> {
  const q = new Queue();
  const a = q.add('a');
  await a;
  console.log(`after await a: size ${q.size}`);
  const both = await Promise.all([q.add('b'), q.run('s')]);
  console.log(`after both: ${both.join()}; size ${q.size}; ${q.started.join(', ')}`);
}

main();
