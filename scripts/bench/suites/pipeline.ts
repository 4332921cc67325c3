// A request pipeline: middleware, session and data caches. Most awaits hit a cache; one
// request in 16 misses the session cache and waits for setImmediate (a real host turn).
interface Env {
  io: { immediate(): PromiseLike<void> };
}
interface Req {
  id: number;
  sid: number;
  path: string;
  body: string;
}
interface Session {
  sid: number;
  user: number;
  roles: string[];
}

const sessions = new Map<number, Session>();
const users = new Map<number, { id: number; name: string }>();
const templates = new Map<string, (x: string) => string>();
let env: Env;

async function loadSession(sid: number): Promise<Session> {
  const hit = sessions.get(sid);
  if (hit !== undefined) return hit;
  await env.io.immediate();
  const s = { sid, user: sid % 97, roles: sid % 5 === 0 ? ['admin'] : ['user'] };
  sessions.set(sid, s);
  return s;
}

async function loadUser(id: number) {
  let u = users.get(id);
  if (u === undefined) {
    u = { id, name: 'user' + id };
    users.set(id, u);
  }
  return u;
}

async function template(path: string) {
  let t = templates.get(path);
  if (t === undefined) {
    t = (x: string) => `<p>${path}:${x}</p>`;
    templates.set(path, t);
  }
  return t;
}

async function authenticate(req: Req): Promise<Session> {
  const s = await loadSession(req.sid);
  if (s.roles.length === 0) throw new Error('forbidden');
  return s;
}

async function parseBody(req: Req): Promise<number> {
  return req.body.length;
}

async function rateLimit(s: Session): Promise<boolean> {
  return s.user >= 0;
}

async function handler(req: Req, s: Session, size: number): Promise<string> {
  const user = await loadUser(s.user);
  const t = await template(req.path);
  return t(user.name + size);
}

async function handle(req: Req): Promise<number> {
  const s = await authenticate(req);
  if (!(await rateLimit(s))) return 0;
  const size = await parseBody(req);
  const html = await handler(req, s, size);
  return html.length;
}

export async function main(e: Env, n: number): Promise<number> {
  env = e;
  sessions.clear();
  let total = 0;
  for (let i = 0; i < n; i++) {
    // Every 16th request brings a new session id: a cache miss that waits a host turn.
    const sid = i % 16 === 0 ? 1_000_000 + i : i % 64;
    if (i % 16 !== 0 && !sessions.has(sid)) sessions.set(sid, { sid, user: sid % 97, roles: ['user'] });
    total += await handle({ id: i, sid, path: '/p' + (i % 8), body: 'x'.repeat(i % 32) });
  }
  return total;
}
