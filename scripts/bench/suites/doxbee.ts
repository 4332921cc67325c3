// doxbee-style (bluebird's benchmark): many concurrent upload workflows, each a sequence of
// steps where some wait for real I/O (a stat through libuv's thread pool) and the rest meet
// values that are already there (caches, in-memory bookkeeping).
interface Env {
  io: { stat(path: string): PromiseLike<unknown> };
  all<T>(xs: PromiseLike<T>[]): PromiseLike<T[]>;
}
let env: Env;
const FILE = import.meta.url.startsWith('file:') ? new URL(import.meta.url).pathname : '/';
const blobs = new Map<number, number>();

async function blobCreate(id: number): Promise<number> {
  await env.io.stat(FILE); // the blob store
  blobs.set(id, id * 7);
  return id * 7;
}
async function query(kind: string, id: number): Promise<{ kind: string; id: number; version: number }> {
  return { kind, id, version: id & 3 };
}
async function byUuidOrPath(id: number) {
  const f = await query('file', id);
  return f.version === 0 ? null : f;
}
async function execWithin(tx: { log: string[] }, what: string): Promise<void> {
  tx.log.push(what);
}
async function insert(tx: { log: string[] }, what: string): Promise<void> {
  await env.io.stat(FILE); // the database write
  tx.log.push(what);
}

async function upload(id: number): Promise<number> {
  const blobId = await blobCreate(id);
  const tx = { log: [] as string[] };
  try {
    const file = await byUuidOrPath(id);
    const previous = file ? file.version : null;
    await execWithin(tx, 'version ' + previous);
    if (!file) await execWithin(tx, 'file node');
    await insert(tx, 'file version ' + blobId);
    const q = await query('commit', id);
    await execWithin(tx, 'commit ' + q.id);
    await insert(tx, 'audit');
    return tx.log.length;
  } catch (e) {
    tx.log.length = 0;
    throw e;
  }
}

export async function main(e: Env, n: number): Promise<number> {
  env = e;
  blobs.clear();
  const all: PromiseLike<number>[] = [];
  for (let i = 0; i < n; i++) all.push(upload(i));
  const rs = await env.all(all);
  let s = 0;
  for (const r of rs) s += r;
  return s;
}
