// The seed's read_and_write on loopback:
//
//   async fn read_and_write(s: TcpStream) {
//       let (mut r, mut w) = s.split();
//       let mut buffer = r.read().await.unwrap();
//       buffer.append("Hello,world");
//       w.write_all(buffer.as_bytes()).await.unwrap();
//   }
//
// A server task accepts connections and spawns read_and_write for each; clients send a
// message and check that they get it back followed by "Hello,world". Every async function
// here is lowered to a poll machine that waits on the runtime's TCP readiness futures.
import { spawn } from '@tspoll/runtime';
import { read, readToEnd, shutdown, TcpListener, TcpStream, writeAll } from '@tspoll/runtime/node';

const SUFFIX = 'Hello,world';

async function read_and_write(s: TcpStream): Promise<void> {
  const buffer = await read(s); // r.read().await.unwrap()
  if (buffer === null) throw new Error('connection closed before any data');
  const reply = Buffer.concat([buffer, Buffer.from(SUFFIX)]); // buffer.append("Hello,world")
  await writeAll(s, reply); // w.write_all(buffer.as_bytes()).await.unwrap()
  await shutdown(s);
}

async function serve(listener: TcpListener, connections: number): Promise<number> {
  const handlers = [];
  for (let i = 0; i < connections; i++) {
    const stream = await listener.accept();
    handlers.push(spawn(read_and_write(stream)));
  }
  for (const h of handlers) await h;
  return connections;
}

async function client(port: number, message: string): Promise<string> {
  const s = await TcpStream.connect(port);
  try {
    await writeAll(s, Buffer.from(message));
    const reply = await readToEnd(s);
    return reply.toString();
  } finally {
    s.close();
  }
}

const messages = ['ping', 'tspoll says hi, ', 'x'.repeat(1000)];
const listener = await TcpListener.bind(0);
const port = listener.localAddr.port;
console.log(`echo server on 127.0.0.1:${port}`);

let failures = 0;
try {
  const server = spawn(serve(listener, messages.length));
  const replies = await Promise.all(messages.map((m) => client(port, m)));
  replies.forEach((reply, i) => {
    const ok = reply === messages[i] + SUFFIX;
    if (!ok) failures++;
    const shown = reply.length > 40 ? `${reply.slice(0, 20)}…${reply.slice(-14)} (${reply.length} bytes)` : JSON.stringify(reply);
    console.log(`client ${i}: ${ok ? 'ok' : 'MISMATCH'} ${shown}`);
  });
  console.log(`server handled ${await server} connections`);
} finally {
  listener.close();
}
console.log(failures === 0 ? 'all echoes verified' : `${failures} echo(es) wrong`);
process.exitCode = failures === 0 ? 0 : 1;
