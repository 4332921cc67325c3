// The test262 runner (README.md here): finds the tests, picks a sample, runs them natively and
// lowered in a pool of worker processes (worker.mjs), and sums the results per folder.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
/** The test262 copy: $TEST262_DIR, else the shared one of this workplace. */
export const DEFAULT_TEST262_DIR = process.env.TEST262_DIR ?? '/work/shared/test262';
export const KNOWN_FAILURES_FILE = path.join(here, 'known-failures.txt');

// ---- tests and their front matter ------------------------------------------------------

/** Every test file under `<dir>/test`, as paths relative to it with `/` separators, sorted. */
export function listTests(dir) {
  const base = path.join(dir, 'test');
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(base, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.js') && !e.name.includes('_FIXTURE')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** `includes` and `flags` of a test's `/*--- … ---*\/` block (the YAML subset test262 uses). */
export function frontMatter(source) {
  const m = /\/\*---([\s\S]*?)---\*\//.exec(source);
  const meta = { includes: [], flags: [] };
  if (!m) return meta;
  const yaml = m[1];
  for (const key of ['includes', 'flags']) {
    const inline = new RegExp(`^${key}:[ \\t]*\\[([^\\]]*)\\]`, 'm').exec(yaml);
    if (inline) {
      meta[key] = inline[1].split(',').map((s) => s.trim()).filter(Boolean);
      continue;
    }
    const block = new RegExp(`^${key}:[ \\t]*\\n((?:[ \\t]+-[^\\n]*\\n?)+)`, 'm').exec(yaml);
    if (block) meta[key] = block[1].split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean);
  }
  return meta;
}

/**
 * The runs a test needs (INTERPRETING.md): `onlyStrict` strict, `noStrict` and `raw` sloppy,
 * others both. `raw` tests run unmodified, without the harness.
 */
export function scenarios(flags) {
  if (flags.includes('raw')) return ['raw'];
  if (flags.includes('onlyStrict')) return ['strict'];
  if (flags.includes('noStrict')) return ['sloppy'];
  return ['sloppy', 'strict'];
}

/** The folder a test is counted in: its first `depth` path segments (language/statements/class). */
export function folderOf(file, depth = 3) {
  const parts = file.split('/').slice(0, -1);
  return parts.slice(0, depth).join('/');
}

// ---- selection -------------------------------------------------------------------------

/** `--filter`: a glob (`*`, `**`, `?`) matched against the whole path, else a substring. */
export function matcher(filters) {
  if (!filters || filters.length === 0) return () => true;
  const tests = filters.map((f) => {
    if (!/[*?]/.test(f)) return (file) => file.includes(f);
    let re = '';
    for (let i = 0; i < f.length; i++) {
      const c = f[i];
      if (c === '*' && f[i + 1] === '*') {
        re += '.*';
        i++;
        if (f[i + 1] === '/') i++;
      } else if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    const rx = new RegExp(`^(?:test/)?${re}$`);
    return (file) => rx.test(file);
  });
  return (file) => tests.some((t) => t(file));
}

/** FNV-1a of a string: the sample order, fixed by the file names alone. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A fixed sample of `n` files: the ones with the smallest hashes, in path order. */
export function sample(files, n) {
  if (n === undefined || n >= files.length) return files;
  const picked = new Set([...files].sort((a, b) => hash(a) - hash(b) || (a < b ? -1 : 1)).slice(0, n));
  return files.filter((f) => picked.has(f));
}

// ---- known failures ----------------------------------------------------------------------

/** `path  # reason` lines (blank lines and `#` comments ignored): Map path → reason. */
export function readKnownFailures(file = KNOWN_FAILURES_FILE) {
  const known = new Map();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return known;
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('#');
    const name = (at < 0 ? line : line.slice(0, at)).trim();
    const reason = at < 0 ? '' : line.slice(at + 1).trim();
    known.set(name, reason);
  }
  return known;
}

// ---- what the workers load -----------------------------------------------------------------

/**
 * The compiler and the global runtime, built from the workspace sources (so a run always tests
 * the code as it is, built or not): the compiler bundled into a temporary module (TypeScript
 * left external), the runtime as the classic script packages/runtime builds into dist/.
 */
export async function buildArtifacts() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tspoll-test262-'));
  const compiler = path.join(dir, 'compiler.mjs');
  const runtime = path.join(dir, 'tspoll-runtime.global.js');
  const compilerDir = path.join(ROOT, 'packages/compiler');
  const tsPath = (await import('node:module')).createRequire(path.join(compilerDir, 'package.json')).resolve('typescript');
  await esbuild.build({
    entryPoints: [path.join(compilerDir, 'src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: compiler,
    logLevel: 'silent',
    plugins: [{ name: 'ts-external', setup: (b) => b.onResolve({ filter: /^typescript$/ }, () => ({ path: tsPath, external: true })) }],
    banner: { js: "import { createRequire as $cr } from 'node:module'; const require = $cr(import.meta.url);" },
  });
  const { buildGlobalText } = await import(pathToFileURL(path.join(ROOT, 'packages/runtime/scripts/build-global.mjs')).href);
  writeFileSync(runtime, await buildGlobalText());
  return { compiler, runtime, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---- running -------------------------------------------------------------------------------

/**
 * Run `files` (relative to `<dir>/test`). Options: dir, jobs, timeout (ms an async test may
 * take), hardTimeout (ms before a worker that does not answer is killed), modes (['native',
 * 'lowered']), artifacts (from buildArtifacts, to share between runs), onResult(result). Resolves to the results
 * in the order of `files`: { file, folder, scenarios: [{ scenario, native?, lowered? }] }, each
 * run `{ ok, error?, changed?, codes? }`.
 */
export async function runTests(files, options = {}) {
  const dir = options.dir ?? DEFAULT_TEST262_DIR;
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length || 1));
  const timeout = options.timeout ?? 5000;
  const modes = options.modes ?? ['native', 'lowered'];
  const artifacts = options.artifacts ?? (await buildArtifacts());
  const results = new Array(files.length);
  let next = 0;
  let finished = 0;
  try {
    await new Promise((resolve, reject) => {
      if (files.length === 0) return resolve();
      const start = () => {
        const child = fork(path.join(here, 'worker.mjs'), [], {
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          env: { ...process.env, TSPOLL_T262_COMPILER: artifacts.compiler, TSPOLL_T262_RUNTIME: artifacts.runtime, TSPOLL_T262_DIR: dir },
        });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
        let current = -1;
        let watchdog;
        const dispatch = () => {
          clearTimeout(watchdog);
          if (next >= files.length) {
            current = -1;
            child.send({ type: 'exit' });
            return;
          }
          current = next++;
          child.send({ type: 'run', index: current, file: files[current], timeout, modes });
          // A lowered run that never yields to the event loop cannot be stopped from inside.
          watchdog = setTimeout(() => child.kill('SIGKILL'), options.hardTimeout ?? timeout * 4 + 20_000);
        };
        child.on('message', (m) => {
          if (m.type === 'ready') return dispatch();
          if (m.type !== 'result') return;
          results[m.index] = m.result;
          finished++;
          options.onResult?.(m.result, finished, files.length);
          if (finished === files.length) resolve();
          dispatch();
        });
        child.on('exit', (code, signal) => {
          clearTimeout(watchdog);
          if (current < 0) return;
          // The worker died in a test: that test fails in the mode it was in; go on with a new one.
          const file = files[current];
          const why = signal === 'SIGKILL' ? 'hang: the worker did not answer and was killed' : `worker exited (code ${code}, signal ${signal}): ${stderr.trim().split('\n').pop() ?? ''}`;
          const meta = frontMatter(readFileSync(path.join(dir, 'test', file), 'utf8'));
          const r = { file, folder: folderOf(file), scenarios: scenarios(meta.flags).map((scenario) => ({ scenario, ...Object.fromEntries(modes.map((mode) => [mode, { ok: false, error: why }])) })) };
          results[current] = r;
          finished++;
          options.onResult?.(r, finished, files.length);
          if (finished === files.length) resolve();
          else start();
        });
        child.on('error', reject);
      };
      for (let i = 0; i < jobs; i++) start();
    });
  } finally {
    if (!options.artifacts) artifacts.dispose();
  }
  return results;
}

// ---- summing up ----------------------------------------------------------------------------

/** A run's verdict over all its scenarios: ok only if every scenario passed. */
export function verdict(result, mode) {
  const failed = result.scenarios.find((s) => !s[mode]?.ok);
  return failed ? { ok: false, scenario: failed.scenario, error: failed[mode]?.error ?? 'not run' } : { ok: true };
}

/** Per folder: total, native passes, lowered passes, lowered failures of tests passing natively. */
export function summarize(results, depth = 3) {
  const folders = new Map();
  const row = (name) => {
    let r = folders.get(name);
    if (!r) folders.set(name, (r = { folder: name, total: 0, native: 0, lowered: 0, regressions: 0, unchanged: 0 }));
    return r;
  };
  const total = { folder: 'total', total: 0, native: 0, lowered: 0, regressions: 0, unchanged: 0 };
  for (const r of results) {
    const n = verdict(r, 'native').ok;
    const l = verdict(r, 'lowered').ok;
    const unchanged = r.scenarios.every((s) => s.lowered && s.lowered.changed === false);
    for (const row_ of [row(folderOf(r.file, depth)), total]) {
      row_.total++;
      if (n) row_.native++;
      if (l) row_.lowered++;
      if (n && !l) row_.regressions++;
      if (unchanged) row_.unchanged++;
    }
  }
  return { folders: [...folders.values()].sort((a, b) => (a.folder < b.folder ? -1 : 1)), total };
}

/** The summary as a Markdown table (`lowered`: false for a native-only run). */
export function formatTable(summary, lowered = true) {
  const lines = lowered
    ? ['| folder | tests | native | lowered | lowered fails (native passes) | left unchanged |', '|---|---:|---:|---:|---:|---:|']
    : ['| folder | tests | native |', '|---|---:|---:|'];
  for (const r of [...summary.folders, summary.total]) {
    const name = r.folder === 'total' ? '**total**' : r.folder;
    lines.push(lowered ? `| ${name} | ${r.total} | ${r.native} | ${r.lowered} | ${r.regressions} | ${r.unchanged} |` : `| ${name} | ${r.total} | ${r.native} |`);
  }
  return lines.join('\n') + '\n';
}

/** One line per failing run: `file [scenario] mode: first line of the error`. */
export function failureLines(results, modes = ['native', 'lowered']) {
  const out = [];
  for (const r of results) {
    for (const s of r.scenarios) {
      for (const mode of modes) {
        const run = s[mode];
        if (run && !run.ok) out.push(`${r.file} [${s.scenario}] ${mode}: ${run.error}`);
      }
    }
  }
  return out;
}
