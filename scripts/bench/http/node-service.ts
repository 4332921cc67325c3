// A raw node:http service whose request handler is an async function (the work is in app.ts).
// Routes: GET /users/:id and GET /feed?page=N, with the token in the x-token header. Listens
// on 127.0.0.1 (PORT, default: any free port) and prints "listening <port>" when it is ready.
import { createServer } from 'node:http';
import { authenticate, audit, feedBody, HttpError, profileBody } from './app.ts';

const server = createServer(async (req, res) => {
  try {
    const session = await authenticate(req.headers['x-token'] as string | undefined);
    await audit();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    let body: unknown;
    if (req.method === 'GET' && path.startsWith('/users/')) {
      body = await profileBody(session, Number(path.slice(7)));
    } else if (req.method === 'GET' && path === '/feed') {
      body = await feedBody(session, Number(new URLSearchParams(q < 0 ? '' : url.slice(q + 1)).get('page') ?? '0'));
    } else {
      throw new HttpError(404, 'not found');
    }
    const json = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    const json = JSON.stringify({ error: e instanceof Error ? e.message : String(e) });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : addr}\n`);
});
// Exit on a signal through process.exit, so that --cpu-prof writes its profile.
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0));
