// Smoke test of the HTTP benchmark's services (behaviour only, nothing timed): each service,
// built natively and lowered by tspoll, answers every route with the same status, content
// type and body, also with 400 requests in flight 50 at a time (so the 1-in-8 host turns and
// the cold cache's misses interleave). The benchmark itself: node scripts/bench/http/run.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs modules without declarations
import { buildService, SERVICES } from './build.mjs';
// @ts-expect-error plain .mjs modules without declarations
import { answers, PATHS, startServer, stopServer, TOKEN } from './serve.mjs';

interface Answer {
  path: string;
  token: boolean;
  status: number;
  type: string | null;
  body: string;
}
interface Server {
  port: number;
  child: { pid: number };
  stderr(): string;
}

const dir = mkdtempSync(join(tmpdir(), 'tspoll-http-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** n requests over PATHS, `width` in flight at once; returns [path, status, body][]. */
async function burst(port: number, n: number, width: number): Promise<[string, number, string][]> {
  const out: [string, number, string][] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const path = PATHS[next++ % PATHS.length];
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-token': TOKEN } });
      out.push([path, r.status, await r.text()]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

describe.each(SERVICES as string[])('HTTP benchmark service: %s', (service) => {
  it('answers the same natively and lowered by tspoll, one request at a time and 50 at once', async () => {
    const got: Record<string, { answers: Answer[]; burst: [string, number, string][] }> = {};
    for (const variant of ['native', 'tspoll']) {
      const { file } = await buildService(service, variant, join(dir, `${service}.${variant}.mjs`));
      const s: Server = await startServer(file);
      try {
        got[variant] = { answers: await answers(s.port), burst: await burst(s.port, 400, 50) };
      } finally {
        await stopServer(s);
      }
    }
    const { native, tspoll } = got;
    expect(tspoll.answers).toEqual(native.answers);
    // The checks cover the routes and the error answers, with ~1 KB bodies on the routes.
    expect(native.answers.map((a) => a.status)).toEqual([...PATHS.map(() => 200), 401, 400, 404]);
    for (const a of native.answers.slice(0, PATHS.length)) expect(a.body.length).toBeGreaterThan(900);
    // Under concurrency every answer is the one that path gave alone.
    const alone = new Map(native.answers.slice(0, PATHS.length).map((a) => [a.path, a.body]));
    for (const v of [native, tspoll]) {
      expect(v.burst.length).toBe(400);
      const wrong = v.burst.filter(([path, status, body]) => status !== 200 || body !== alone.get(path));
      expect(wrong).toEqual([]);
    }
  }, 60_000);
});
