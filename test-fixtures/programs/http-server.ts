// A raw node:http server with an async handler answers real requests.
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from './_support';

const server = createServer(async (req, res) => {
  await sleep(2);
  const body = await readBody(req);
  res.end(`hello ${req.url} ${body.length}`);
});

async function readBody(req: AsyncIterable<Buffer>): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk.toString();
  return s;
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let s = '';
      res.on('data', (c) => (s += c));
      res.on('end', () => resolve(`${res.statusCode} ${s}`));
    }).on('error', reject);
  });
}

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const answers = await Promise.all(['/a', '/b', '/c'].map((p) => fetchText(base + p)));
console.log(answers.join('\n'));
server.close();
