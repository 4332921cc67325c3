// The per-request work of both HTTP services (fastify-service.ts, node-service.ts), written
// once as ordinary async TypeScript: no tspoll API, so it runs natively as it is. run.mjs
// builds it twice, as written (native) and lowered by @tspoll/compiler (tspoll).
//
// Per request: an awaited session lookup (a cache that always hits after the first request),
// an awaited user lookup (a cache that usually hits: it is dropped every 1024 lookups, and a
// miss waits for the "store", a real host turn), an awaited body build that awaits two more
// helpers, and on one request in 8 an awaited real host turn (setImmediate) for an "audit
// log" write. The handler then JSON.stringify's a body of about 1 KB. Nothing in a body
// depends on timing or on the request count, so both builds answer the same bytes.

export interface Session {
  token: string;
  user: number;
  scopes: string[];
}

export interface User {
  id: number;
  name: string;
  email: string;
  plan: 'free' | 'team' | 'enterprise';
  roles: string[];
  createdAt: string;
  settings: { locale: string; theme: string; notifications: boolean };
}

export interface Item {
  id: number;
  title: string;
  price: number;
  tags: string[];
  inStock: boolean;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const hostTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const sessions = new Map<string, Session>();
const users = new Map<number, User>();
const catalog: Item[] = [];
for (let i = 0; i < 64; i++) {
  catalog.push({
    id: 1000 + i,
    title: `Item number ${i} of the catalog`,
    price: Math.round((9.99 + i * 3.17) * 100) / 100,
    tags: ['tag' + (i % 5), 'tag' + (i % 7)],
    inStock: i % 3 !== 0,
  });
}
let lookups = 0;
let requests = 0;

/** The session for a token: a cache lookup that always hits after a token's first request. */
export async function authenticate(token: string | undefined): Promise<Session> {
  if (token === undefined || token === '') throw new HttpError(401, 'no token');
  let s = sessions.get(token);
  if (s === undefined) {
    s = { token, user: token.length % 7, scopes: token.startsWith('admin') ? ['read', 'write'] : ['read'] };
    sessions.set(token, s);
  }
  return s;
}

/** One request in 8 writes an audit record, which waits for a real host turn. */
export async function audit(): Promise<void> {
  if (++requests % 8 === 0) await hostTurn();
}

/** The backing store behind the user cache: a miss costs a real host turn. */
async function loadUser(id: number): Promise<User> {
  await hostTurn();
  return {
    id,
    name: `User ${id}`,
    email: `user${id}@example.com`,
    plan: id % 3 === 0 ? 'enterprise' : id % 3 === 1 ? 'team' : 'free',
    roles: id % 5 === 0 ? ['admin', 'member'] : ['member'],
    createdAt: new Date(Date.UTC(2024, id % 12, 1 + (id % 28))).toISOString(),
    settings: { locale: id % 2 ? 'en-GB' : 'de-DE', theme: id % 4 ? 'light' : 'dark', notifications: id % 2 === 0 },
  };
}

/** A cache lookup that usually hits: the cache is dropped every 1024 lookups. */
export async function getUser(id: number): Promise<User> {
  if (++lookups % 1024 === 0) users.clear();
  const hit = users.get(id);
  if (hit !== undefined) return hit;
  const u = await loadUser(id);
  users.set(id, u);
  return u;
}

async function itemsFor(seed: number, n: number): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < n; i++) out.push(catalog[(seed * 7 + i * 13) % catalog.length]);
  return out;
}

async function totals(items: Item[]): Promise<{ count: number; sum: number; inStock: number }> {
  let sum = 0;
  let inStock = 0;
  for (const it of items) {
    sum += it.price;
    if (it.inStock) inStock++;
  }
  return { count: items.length, sum: Math.round(sum * 100) / 100, inStock };
}

/** GET /users/:id: the user's profile and recent orders. */
export async function profileBody(session: Session, id: number) {
  if (!Number.isInteger(id) || id < 0) throw new HttpError(400, 'bad user id');
  const user = await getUser(id);
  const orders = await itemsFor(id, 7);
  const sum = await totals(orders);
  return { user, viewer: { user: session.user, scopes: session.scopes }, orders, totals: sum };
}

/** GET /feed?page=N: one page of the catalog, as the viewer sees it. */
export async function feedBody(session: Session, page: number) {
  if (!Number.isInteger(page) || page < 0) throw new HttpError(400, 'bad page');
  const viewer = await getUser(session.user);
  const items = await itemsFor(page, 9);
  const sum = await totals(items);
  return {
    page,
    next: `/feed?page=${page + 1}`,
    viewer: { id: viewer.id, name: viewer.name, plan: viewer.plan },
    items,
    totals: sum,
  };
}
