// Lowered tasks resumed while native promise chains run: each task goes on where its native
// continuation would, between the chains' steps, and all of them before the next host turn,
// however many there are. Found by p-map's tests (ava runs a file's tests at once): a task
// queued behind others waited for a round of everybody's microtasks per task ahead of it, and
// the executor let timers in after 61 polls, so a mapper began 25 to 70 ms late.
const log: string[] = [];

function chain(name: string, steps: number): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < steps; i++) p = p.then(() => void log.push(`${name}${i}`));
  return p;
}

let release!: () => void;
const gate = new Promise<void>((r) => (release = r));

async function waiter(name: string): Promise<void> {
  await gate;
  log.push(`${name} woke`);
  await child(name);
  log.push(`${name} joined`);
}

async function child(name: string): Promise<void> {
  await Promise.resolve();
  log.push(`${name} child`);
  await new Promise<void>((r) => setTimeout(r, 0));
  log.push(`${name} child timer`);
}

async function relay(from: Promise<void>, name: string): Promise<void> {
  await from;
  log.push(name);
}

async function main(): Promise<void> {
  const few = ['w1', 'w2', 'w3'].map(waiter);
  const a = waiter('a');
  const r2 = relay(relay(a, 'r1'), 'r2');
  const chains = [chain('x', 8), chain('y', 8)];
  release();
  await Promise.all([...few, r2, ...chains]);
  console.log(log.join(' '));

  // More woken tasks than a Tokio event interval (61): none may wait for a host turn.
  log.length = 0;
  let open!: () => void;
  const door = new Promise<void>((r) => (open = r));
  const many = Array.from({ length: 100 }, async (_, i) => {
    await door;
    log.push(`m${i}`);
    await Promise.resolve();
    log.push(`n${i}`);
  });
  setTimeout(() => log.push('timer'), 0);
  const flushed = new Promise((r) => setImmediate(r)).then(() => log.push('flushed'));
  open();
  const c = chain('z', 4);
  await Promise.all([...many, c, flushed]);
  console.log(log.join(' '));
}

main();
