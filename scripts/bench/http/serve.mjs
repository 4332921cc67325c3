// Starting a service bundle in its own process, and checking its answers (run.mjs and the
// smoke test http.test.ts).
import { spawn } from 'node:child_process';

export const TOKEN = 'tok-bench-0001';

// What every connection sends, in a loop: 12 profiles and 4 feed pages.
export const PATHS = [
  ...Array.from({ length: 12 }, (_, i) => `/users/${i * 3 + 1}`),
  ...Array.from({ length: 4 }, (_, i) => `/feed?page=${i}`),
];
// Checked once per run, before the load: every path above and the error answers.
export const CHECKS = [
  ...PATHS.map((path) => ({ path, token: TOKEN })),
  { path: '/users/1', token: undefined }, // 401
  { path: '/users/x', token: TOKEN }, // 400
  { path: '/nowhere', token: TOKEN }, // 404
];

export class Misbehaved extends Error {}

/** Start a server bundle; resolves { child, port, stderr() } once it prints "listening <port>". */
export function startServer(file, flags = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0' } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Misbehaved(`${file}: no "listening" line within 20 s; stdout: ${out} stderr: ${err}`));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: +m[1], stderr: () => err });
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      child.exited = { code, sig };
      reject(new Misbehaved(`${file}: exited (${code ?? sig}) before listening; stderr: ${err.trim()}`));
    });
  });
}

export function stopServer(s) {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    const t = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
    s.child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    s.child.kill('SIGTERM');
  });
}

/** Fetch every CHECKS route once; returns [{ path, status, type, body }]. */
export async function answers(port) {
  const out = [];
  for (const c of CHECKS) {
    const ctl = new AbortController();
    const t = setTimeout(() => ctl.abort(), 5000);
    try {
      const r = await fetch(`http://127.0.0.1:${port}${c.path}`, {
        headers: c.token ? { 'x-token': c.token } : {},
        signal: ctl.signal,
      });
      out.push({ path: c.path, token: Boolean(c.token), status: r.status, type: r.headers.get('content-type'), body: await r.text() });
    } catch (e) {
      throw new Misbehaved(`GET ${c.path}: ${e.name === 'AbortError' ? 'no answer within 5 s (hang)' : e.message}`);
    } finally {
      clearTimeout(t);
    }
  }
  return out;
}
