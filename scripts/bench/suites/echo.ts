// TCP echo over loopback: one connection, a writer task and a reader, MB/s of echoed data.
interface Tcp {
  listen(): PromiseLike<unknown>;
  port(l: unknown): number;
  accept(l: unknown): PromiseLike<unknown>;
  connect(port: number): PromiseLike<unknown>;
  read(s: unknown): PromiseLike<Buffer | null>;
  writeAll(s: unknown, b: Buffer): unknown;
  shutdown(s: unknown): unknown;
  close(s: unknown): void;
  closeListener(l: unknown): void;
}
interface Env {
  spawn<T>(f: PromiseLike<T>): PromiseLike<T>;
  tcp: Tcp;
  measure: { now(): number };
}
const CHUNK = Buffer.alloc(64 * 1024, 7);

async function serve(tcp: Tcp, l: unknown): Promise<number> {
  const s = await tcp.accept(l);
  let n = 0;
  for (;;) {
    const b = await tcp.read(s);
    if (b === null) break;
    n += b.length;
    await tcp.writeAll(s, b);
  }
  await tcp.shutdown(s);
  return n;
}

async function writer(tcp: Tcp, s: unknown, total: number): Promise<number> {
  let sent = 0;
  while (sent < total) {
    await tcp.writeAll(s, CHUNK);
    sent += CHUNK.length;
  }
  await tcp.shutdown(s);
  return sent;
}

export async function main(env: Env, mb: number) {
  const tcp = env.tcp;
  const total = mb * 1024 * 1024;
  const l = await tcp.listen();
  const server = env.spawn(serve(tcp, l));
  const s = await tcp.connect(tcp.port(l));
  const t0 = env.measure.now();
  const w = env.spawn(writer(tcp, s, total));
  let got = 0;
  for (;;) {
    const b = await tcp.read(s);
    if (b === null) break;
    got += b.length;
  }
  const ms = env.measure.now() - t0;
  await w;
  await server;
  tcp.close(s);
  tcp.closeListener(l);
  return { checksum: got, metrics: { mbPerSec: (got / 1048576 / ms) * 1000 } };
}
