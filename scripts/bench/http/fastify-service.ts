// A fastify service with async route handlers and an async onRequest hook (the work is in
// app.ts). Same routes and answers as node-service.ts: GET /users/:id and GET /feed?page=N,
// with the token in the x-token header. Listens on 127.0.0.1 (PORT, default: any free port)
// and prints "listening <port>" when it is ready.
import Fastify from 'fastify';
import { authenticate, audit, feedBody, HttpError, profileBody, type Session } from './app.ts';

const sessionOf = new WeakMap<object, Session>();

const app = Fastify({ logger: false });

app.addHook('onRequest', async (request) => {
  sessionOf.set(request, await authenticate(request.headers['x-token'] as string | undefined));
  await audit();
});

app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
  const body = await profileBody(sessionOf.get(request)!, Number(request.params.id));
  reply.header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify(body);
});

app.get<{ Querystring: { page?: string } }>('/feed', async (request, reply) => {
  const body = await feedBody(sessionOf.get(request)!, Number(request.query.page ?? '0'));
  reply.header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify(body);
});

app.setErrorHandler(async (error, _request, reply) => {
  const status = error instanceof HttpError ? error.status : 500;
  reply.code(status).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
});

app.setNotFoundHandler(async (_request, reply) => {
  reply.code(404).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify({ error: 'not found' });
});

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then(() => {
  const addr = app.server.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : addr}\n`);
});
// Exit on a signal through process.exit, so that --cpu-prof writes its profile.
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0));
