#!/usr/bin/env node
// tspoll benchmarks. Every benchmark is one async/await source (suites/<name>.ts) built as
// native, tspoll and TypeScript-ES5 (plus suites/<name>.sync.ts where a synchronous version
// exists). Variants alternate, each run in a fresh process; the report gives medians and the
// ratio of each pair measured in the same round (median over rounds).
//
//   node scripts/bench/run.mjs                  all benchmarks
//   node scripts/bench/run.mjs fib pipeline     some of them
//   options: --rounds N   --quick (smaller sizes, for a smoke run)   --json FILE
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH, buildVariant, hasVariant } from './lib/build.mjs';
import { buildTime, coreSize, generatedSize, transformScale } from './lib/static.mjs';
import { fmt, table } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const quick = argv.includes('--quick');
const names = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--rounds', '--json'].includes(argv[i - 1])));

const fibCalls = (n) => {
  let a = 1;
  let b = 1; // calls(0) = calls(1) = 1, calls(n) = calls(n-1) + calls(n-2) + 1
  for (let i = 2; i <= n; i++) [a, b] = [b, a + b + 1];
  return n < 1 ? 1 : b;
};

/**
 * The benchmark set. `metric` names what the table shows: 'ms' (median time of one run), or
 * a metric the suite reports itself. `lower` says whether smaller is better.
 */
export const BENCHMARKS = [
  {
    name: 'fib',
    title: 'async recursion fib(27), sync-completing',
    suite: 'fib',
    n: quick ? 22 : 27,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['sync', 'native', 'tspoll', 'es5'],
    goal: 'tspoll ≤1.5× sync and ≥10× faster than native',
    check: (r) => ratio(r, 'tspoll', 'sync') <= 1.5 && ratio(r, 'native', 'tspoll') >= 10,
  },
  {
    name: 'fib-alloc',
    title: `allocation: fib(${quick ? 25 : 33}), ${fibCalls(quick ? 25 : 33) - 1} awaits, one run`,
    suite: 'fib',
    n: quick ? 25 : 33,
    ops: fibCalls(quick ? 25 : 33) - 1,
    warmup: 1,
    iters: 1,
    rounds: 1,
    variants: ['sync', 'native', 'tspoll'],
    metric: 'scavenges',
    extra: ['bytesPerOp', 'majors', 'ms'],
    goal: '0 scavenges over ≥10⁷ awaits (a zero-allocation claim)',
    check: (r) => r.variants.tspoll?.scavenges === 0,
  },
  {
    name: 'fib-bytes',
    title: 'bytes allocated per await: fib(25) with a 512 MB semi-space (no GC during the run)',
    suite: 'fib',
    n: 25,
    ops: fibCalls(25) - 1,
    warmup: 1,
    iters: 1,
    rounds: 1,
    flags: ['--min-semi-space-size=512', '--max-semi-space-size=512'],
    variants: ['sync', 'native', 'tspoll', 'es5'],
    metric: 'bytesPerOp',
    goal: '(context for the zero-allocation claim; reference: native ≈250 B, TS ES5 ≈340 B per await)',
    check: null,
  },
  {
    name: 'pipeline',
    title: 'request pipeline, 20k requests, 1 in 16 waits for setImmediate',
    suite: 'pipeline',
    n: quick ? 2000 : 20000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: 'tspoll ≥3× faster than native',
    check: (r) => ratio(r, 'native', 'tspoll') >= 3,
  },
  {
    name: 'doxbee',
    title: 'doxbee-style workflow, 2000 concurrent uploads, 2 real I/O waits each',
    suite: 'doxbee',
    n: quick ? 500 : 2000,
    warmup: 2,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: 'tspoll faster than native',
    check: (r) => ratio(r, 'native', 'tspoll') > 1,
  },
  {
    name: 'parked',
    title: '200k tasks parked on one event',
    suite: 'parked',
    n: quick ? 20000 : 200000,
    warmup: 1,
    iters: 3,
    rounds: 3,
    variants: ['native', 'tspoll', 'es5'],
    metric: 'bytesPerTask',
    extra: ['drainMs'],
    goal: 'tspoll ≤½ native bytes per pending task, drained faster',
    check: (r) => ratio(r, 'tspoll', 'native', 'bytesPerTask') <= 0.5 && ratio(r, 'tspoll', 'native', 'drainMs') < 1,
  },
  {
    name: 'sleeps',
    title: '1M concurrent sleeps (10 s each)',
    suite: 'sleeps',
    n: quick ? 50000 : 1000000,
    warmup: 0,
    iters: 1,
    rounds: 3,
    flags: ['--max-old-space-size=6144'],
    variants: ['native', 'tspoll'],
    metric: 'bytesPerTask',
    extra: ['setupMs', 'lateMs'],
    goal: 'tspoll ≤½ the memory of one setTimeout per task, faster',
    check: (r) =>
      ratio(r, 'tspoll', 'native', 'bytesPerTask') <= 0.5 &&
      ratio(r, 'tspoll', 'native', 'setupMs') < 1 &&
      ratio(r, 'tspoll', 'native', 'lateMs') < 1,
  },
  {
    name: 'pingpong',
    title: 'ping-pong over a channel, 200k round trips',
    suite: 'pingpong',
    n: quick ? 20000 : 200000,
    warmup: 2,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: 'tspoll (runtime channel) ≥2× faster than a Promise-based channel (native)',
    check: (r) => ratio(r, 'native', 'tspoll') >= 2,
  },
  {
    name: 'echo',
    title: 'TCP echo on loopback, 64 MB through one connection, 64 KB writes',
    suite: 'echo',
    n: quick ? 16 : 64,
    warmup: 1,
    iters: 3,
    rounds: 3,
    variants: ['native', 'tspoll'],
    metric: 'mbPerSec',
    lower: false,
    goal: 'tspoll ≥ native net with async/await',
    check: (r) => ratio(r, 'tspoll', 'native', 'mbPerSec') >= 1,
  },
  {
    name: 'all',
    title: 'Promise.all(xs.map(f)) over 20k calls, 100 per batch, 1 in 16 waits for setImmediate',
    suite: 'all',
    n: quick ? 2000 : 20000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: 'tspoll ≤1× native (calls not awaited where they are made)',
    check: (r) => ratio(r, 'tspoll', 'native') <= 1,
  },
  {
    name: 'shared',
    title: '100k calls awaiting one shared pending call',
    suite: 'shared',
    n: quick ? 10000 : 100000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: '(no goal: a shape that was quadratic; recorded so it stays linear)',
    check: null,
  },
  {
    name: 'stored',
    title: 'stored then awaited: const p = f(i), q = g(i); await p, await q; 100k rounds, 1 in 16 waits',
    suite: 'stored',
    n: quick ? 10000 : 100000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: 'tspoll ≤1× native (calls not awaited where they are made)',
    check: (r) => ratio(r, 'tspoll', 'native') <= 1,
  },
  {
    name: 'stored-ready',
    title: 'stored then awaited, every call finishing at the call: 100k rounds',
    suite: 'stored-ready',
    n: quick ? 10000 : 100000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: 'tspoll ≤1× native (calls not awaited where they are made)',
    check: (r) => ratio(r, 'tspoll', 'native') <= 1,
  },
  {
    name: 'closures',
    title: 'a fresh async arrow per round, awaited once: 100k rounds',
    suite: 'closures',
    n: quick ? 10000 : 100000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: '(the per-closure cost of AsyncFunction identity: no goal)',
    check: null,
  },
  {
    name: 'spawn',
    title: 'spawn and join 100k tasks',
    suite: 'spawn',
    n: quick ? 10000 : 100000,
    warmup: 3,
    iters: 5,
    rounds: 5,
    variants: ['native', 'tspoll', 'es5'],
    goal: '(runtime-level: no goal)',
    check: null,
  },
];

function metricOf(b, variant, m) {
  return b.variants[variant]?.[m ?? b.metric ?? 'ms'];
}

/** Median over rounds of a/b measured in the same round. */
function ratio(b, a, c, m) {
  const key = m ?? b.metric ?? 'ms';
  const rs = [];
  for (const round of b.rounds) {
    const x = round[a]?.[key];
    const y = round[c]?.[key];
    if (typeof x === 'number' && typeof y === 'number' && y !== 0) rs.push(x / y);
  }
  if (!rs.length) {
    const x = metricOf(b, a, key);
    const y = metricOf(b, c, key);
    return typeof x === 'number' && typeof y === 'number' && y !== 0 ? x / y : NaN;
  }
  return median(rs);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function runChild(file, params, flags) {
  const gcFlags = params.forceGc ? ['--expose-gc'] : [];
  return new Promise((res) => {
    const child = spawn(process.execPath, [...gcFlags, ...(flags ?? []), join(here, 'lib/child.mjs'), file, JSON.stringify(params)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const i = out.lastIndexOf('\n@@RESULT@@');
      const text = (err || out).trim();
      const first = text.match(/^\w*Error\b.*$/m)?.[0];
      if (i < 0) res({ error: `exit ${code}: ${first ?? text.split('\n').slice(-3).join(' | ')}` });
      else res(JSON.parse(out.slice(i + 11)));
    });
  });
}

async function runBenchmark(def, dir, log) {
  const b = { ...def, variants: {}, rounds: [], errors: {}, checksums: {} };
  const built = [];
  for (const v of def.variants) {
    if (!hasVariant(def.suite, v)) continue;
    try {
      built.push([v, await buildVariant(def.suite, v, join(dir, `${def.name}.${v}.mjs`))]);
    } catch (e) {
      b.errors[v] = 'build failed: ' + String(e.message ?? e).split('\n').slice(0, 3).join(' | ');
      log(`  ${def.name}/${v}: ${b.errors[v]}`);
    }
  }
  const rounds = +opt('--rounds', def.rounds);
  const samples = {};
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...built].reverse() : built; // alternate, so no variant always goes first
    const row = {};
    for (const [v, file] of order) {
      if (b.errors[v]) continue;
      const forceGc = (def.metric ?? 'ms') !== 'ms' && def.metric !== 'mbPerSec';
      const r = await runChild(file, { n: def.n, warmup: def.warmup, iters: def.iters, ops: def.ops, forceGc }, def.flags);
      if (r.error) {
        b.errors[v] = r.error;
        log(`  ${def.name}/${v}: ${r.error}`);
        continue;
      }
      b.checksums[v] = r.checksum;
      const rec = { ms: median(r.times), scavenges: sum(r.gcs.map((g) => g.scavenges)), majors: sum(r.gcs.map((g) => g.majors)) };
      if (r.bytesPerOp !== null) rec.bytesPerOp = r.bytesPerOp;
      for (const k of Object.keys(r.metrics[0] ?? {})) rec[k] = median(r.metrics.map((m) => m[k]));
      row[v] = rec;
      (samples[v] ??= []).push(rec);
    }
    b.rounds.push(row);
    log(`  ${def.name} round ${round + 1}/${rounds}: ${Object.entries(row).map(([v, r]) => `${v} ${fmt(r[def.metric ?? 'ms'])}`).join(', ')}`);
  }
  for (const [v, rs] of Object.entries(samples)) {
    const agg = {};
    for (const k of Object.keys(rs[0])) agg[k] = median(rs.map((r) => r[k]));
    b.variants[v] = agg;
  }
  const sums = new Set(Object.values(b.checksums).map((c) => JSON.stringify(c)));
  if (sums.size > 1) b.errors.checksum = `variants disagree: ${JSON.stringify(b.checksums)}`;
  b.ratios = {};
  const pairs = [
    ['tspoll', 'native'],
    ['tspoll', 'sync'],
    ['tspoll', 'es5'],
    ['es5', 'native'],
    ['native', 'sync'],
  ];
  for (const [x, y] of pairs) {
    if (!b.variants[x] || !b.variants[y]) continue;
    b.ratios[`${x}/${y}`] = ratio(b, x, y);
    for (const e of def.extra ?? []) b.ratios[`${x}/${y} ${e}`] = ratio(b, x, y, e);
  }
  b.met = def.check && b.variants.tspoll ? Boolean(def.check(b)) : null;
  delete b.check;
  return b;
}

const sum = (xs) => xs.reduce((a, x) => a + x, 0);

async function main() {
  const all = [
    ...BENCHMARKS,
    { name: 'size', static: true, run: coreSize },
    { name: 'buildtime', static: true, run: buildTime },
    { name: 'gensize', static: true, run: generatedSize },
    { name: 'scale', static: true, run: (log) => transformScale(log, { lines: quick ? 2000 : 20000, rounds: quick ? 1 : 3 }) },
  ];
  const chosen = names.length ? all.filter((b) => names.includes(b.name)) : all;
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'tspoll-bench-'));
  const log = (m) => console.error(m);
  log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}`);
  const results = [];
  try {
    for (const def of chosen) {
      log(`${def.name}…`);
      results.push(def.static ? await def.run(log) : await runBenchmark(def, dir, log));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n' + table(results));
  for (const b of results) {
    for (const [k, e] of Object.entries(b.errors ?? {})) console.log(`- ${b.name} ${k}: ${e}`);
    if (b.notes) console.log(`- ${b.name}: ${b.notes}`);
  }
  const out = opt('--json', join(BENCH, 'results', quick ? 'quick.json' : 'latest.json'));
  mkdirSync(dirname(out), { recursive: true });
  // A run of some benchmarks replaces their entries and keeps the others'.
  let merged = results;
  if (existsSync(out)) {
    try {
      const old = JSON.parse(readFileSync(out, 'utf8')).results ?? [];
      const fresh = new Map(results.map((b) => [b.name, b]));
      merged = [...old.map((b) => fresh.get(b.name) ?? b), ...results.filter((b) => !old.some((o) => o.name === b.name))];
    } catch {}
  }
  for (const b of results) b.date = new Date().toISOString();
  writeFileSync(
    out,
    JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, quick, results: merged }, null, 1) + '\n',
  );
  console.log(`\nraw results: ${out}`);
}

await main();
