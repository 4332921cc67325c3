// Two tasks bounce a counter over a pair of channels.
interface Chan {
  send(v: number): unknown;
  recv(): PromiseLike<number | undefined>;
}
interface Env {
  spawn<T>(f: PromiseLike<T>): PromiseLike<T>;
  channel(): [Chan, Chan];
}

async function pong(rx: Chan, tx: Chan, n: number): Promise<number> {
  for (let i = 0; i < n; i++) {
    const v = (await rx.recv()) as number;
    await tx.send(v + 1);
  }
  return n;
}

async function ping(tx: Chan, rx: Chan, n: number): Promise<number> {
  let s = 0;
  for (let i = 0; i < n; i++) {
    await tx.send(i);
    s += ((await rx.recv()) as number) - i;
  }
  return s;
}

export async function main(env: Env, n: number): Promise<number> {
  const [atx, arx] = env.channel();
  const [btx, brx] = env.channel();
  const p = env.spawn(pong(arx, btx, n));
  const s = await ping(atx, brx, n);
  return s + (await p);
}
