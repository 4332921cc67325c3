// The seed's fetch_and_process, in TypeScript:
//
//   async fn fetch_and_process() -> Result<Data> {
//       let response = client.get("http://api.example.com").await?;
//       let data = response.json::<Data>().await?;
//       Ok(data)
//   }
//
// tspoll lowers it into an enum-state machine (Start, one state per await, Done). This program
// serves JSON on 127.0.0.1 itself, drives the machine, and prints each state it moves through.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Context, defaultRuntime, type Future, FutureBase, isLowered, lazy, machineInfo, type Pending, PENDING, pollSlot } from '@tspoll/runtime';

interface Data {
  id: number;
  name: string;
  tags: string[];
}

class HttpError extends Error {
  constructor(readonly status: number, url: string) {
    super(`HTTP ${status} for ${url}`);
  }
}

/** A tiny client over fetch(); `get` is itself an async function, so also a machine. */
class Client {
  async get(url: string): Promise<{ json<T>(): Promise<T> }> {
    const res = await fetch(url);
    if (!res.ok) throw new HttpError(res.status, url); // the `?` of the seed
    return { json: <T>() => res.json() as Promise<T> };
  }
}

async function fetch_and_process(client: Client, url: string): Promise<Data> {
  const response = await client.get(url);
  const data = await response.json<Data>();
  return data;
}

// ---------------------------------------------------------------- state tracing

/** A hand-written future around another: polls it and reports every state change. */
class Traced<T> extends FutureBase<T> {
  private polls = 0;
  /** The awaited future, under the name the runtime's introspection follows (`$aw`). */
  $aw: Future<T>;
  constructor(inner: Future<T>, private readonly report: (line: string) => void) {
    super();
    this.$aw = inner;
  }
  poll(cx: Context): T | Pending {
    const before = machineInfo(this.$aw)?.state ?? 'Start';
    let r: T | Pending;
    try {
      // Drive the child as an awaiting parent does: pollSlot claims it on the first poll.
      r = pollSlot(this, cx) as T | Pending;
    } catch (e) {
      this.report(`poll #${++this.polls}: ${before} -> Done (error: ${(e as Error).message})`);
      throw this.$fail(e);
    }
    const m = machineInfo(this.$aw); // a lazy call holds its machine from its first poll on
    if (this.polls === 0 && m !== undefined) this.report(`states: ${m.states.join(' -> ')} -> Done`);
    const after = r === PENDING ? m!.state : 'Done';
    this.report(`poll #${++this.polls}: ${before} -> ${after}${r === PENDING ? ' (Pending)' : ' (Ready)'}`);
    return r === PENDING ? PENDING : this.$ready(r);
  }
}

// ---------------------------------------------------------------- the local API server

function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/items/7') {
      // Answer a little later, so the machine really waits in its first await state.
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('connection', 'close');
        res.end(JSON.stringify({ id: 7, name: 'seven', tags: ['lazy', 'poll'] }));
      }, 20);
    } else {
      res.statusCode = 404;
      res.setHeader('connection', 'close');
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await startServer();
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new Client();
let exitCode = 0;

try {
  let data: Data;
  if (!isLowered(fetch_and_process)) {
    console.log('fetch_and_process is not lowered: run this file with `tspoll run`');
    data = await fetch_and_process(client, `${base}/items/7`);
  } else {
    let dumped = false;
    // lazy(): the call as a future that starts when first polled, so Traced sees every poll.
    // (A plain call starts at once and runs on its own, as a native async call does.)
    data = await new Traced(lazy(fetch_and_process, client, `${base}/items/7`), (l) => {
      console.log(l.startsWith('states: ') ? `fetch_and_process ${l}` : `  ${l}`);
      if (dumped || l.startsWith('states: ')) return;
      dumped = true;
      // While the machine waits for the server, show the runtime's view of the task:
      // its logical backtrace down through the nested machines (runtime.dump()).
      setTimeout(() => {
        const task = defaultRuntime().dump().tasks.find((t) => t.backtrace.some((f) => f.name === 'fetch_and_process'));
        for (const f of task?.backtrace ?? []) console.log(`    dump: ${f.name} ${f.state}${f.awaits ? `  await ${f.awaits}` : ''}`);
      }, 0);
    });
  }
  console.log(`result: ${JSON.stringify(data)}`);

  // The error path: the 404 propagates out of client.get like the seed's `?`.
  try {
    await fetch_and_process(client, `${base}/missing`);
    console.log('unexpected: no error');
    exitCode = 1;
  } catch (e) {
    console.log(`error: ${(e as Error).message.replace(base, '<server>')}`);
  }
} finally {
  server.closeAllConnections();
  server.close();
}
process.exitCode = exitCode;
