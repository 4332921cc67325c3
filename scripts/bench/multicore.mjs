#!/usr/bin/env node
// Throughput of the multi-thread runtime (packages/runtime/src/node/multicore) against
// piscina, in the same run, at 1 and 2 threads (or --threads a,b,...), on three task sizes:
// tiny tasks (dispatch overhead dominates), medium and coarse ones (CPU dominates).
// Every task is a CPU-bound fib(n) named by module URL and export, submitted all at once.
//
//   node scripts/bench/multicore.mjs [--rounds 3] [--threads 1,2] [--quick]
//
// Prints tasks/s (median over rounds, variants alternating within each round) and the
// ratios: multicore/piscina at equal threads, and each pool's scaling from 1 thread; then
// the same from the best round of each variant, which on a machine shared with other work
// is the closest to the uncontended figure.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Piscina } from 'piscina';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const quick = argv.includes('--quick');
const rounds = Number(opt('--rounds', quick ? 1 : 3));
const threadCounts = opt('--threads', '1,2').split(',').map(Number);

// Build the runtime's multicore module for plain node (the sources are TypeScript).
const out = join(root, 'packages/runtime/node_modules/.cache/tspoll-bench-multicore');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'packages/runtime/src/node/multicore/runtime.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: join(out, 'multicore.mjs'),
  logLevel: 'silent',
});
copyFileSync(join(root, 'packages/runtime/src/node/multicore/worker.mjs'), join(out, 'worker.mjs'));
const taskFile = join(out, 'tasks.mjs');
writeFileSync(
  taskFile,
  `export function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
export function fibTask(n) { return fib(n); }
// piscina passes one argument
export function fibPiscina(n) { return fib(n); }
`,
);
const taskUrl = pathToFileURL(taskFile).href;
const { MultiThreadRuntime } = await import(pathToFileURL(join(out, 'multicore.mjs')).href);
const { fib } = await import(taskUrl);

const workloads = [
  { name: 'tiny   fib(8)', n: 8, count: quick ? 5000 : 20000 },
  { name: 'medium fib(20)', n: 20, count: quick ? 500 : 2000 },
  { name: 'coarse fib(27)', n: 27, count: quick ? 16 : 96 },
];

function inline(w) {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < w.count; i++) s += fib(w.n);
  if (s < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

async function runPool(submit, w) {
  const t0 = performance.now();
  const hs = new Array(w.count);
  for (let i = 0; i < w.count; i++) hs[i] = submit(w.n);
  await Promise.all(hs);
  return performance.now() - t0;
}

const pools = [];
for (const t of threadCounts) {
  const mt = new MultiThreadRuntime({ workers: t });
  pools.push({ kind: 'multicore', threads: t, submit: (n) => mt.spawn(taskUrl, 'fibTask', n), close: () => mt.shutdown() });
  const pp = new Piscina({ filename: taskFile, name: 'fibPiscina', minThreads: t, maxThreads: t, idleTimeout: 10_000 });
  pools.push({ kind: 'piscina', threads: t, submit: (n) => pp.run(n), close: () => pp.destroy() });
}
// Warm up: start threads, load the task module, let the JIT see the code.
for (const p of pools) await runPool(p.submit, { n: 15, count: 400 });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fastest = (xs) => Math.min(...xs);
const results = {};
const bests = {};
for (const w of workloads) {
  const times = { inline: [] };
  for (const p of pools) times[`${p.kind}@${p.threads}`] = [];
  for (let r = 0; r < rounds; r++) {
    times.inline.push(inline(w));
    const order = r % 2 === 0 ? pools : [...pools].reverse();
    for (const p of order) times[`${p.kind}@${p.threads}`].push(await runPool(p.submit, w));
  }
  results[w.name] = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, w.count / (median(v) / 1000)]));
  bests[w.name] = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, w.count / (fastest(v) / 1000)]));
}
for (const p of pools) await p.close();

const fmt = (x) => (x >= 1000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));
function report(title, table) {
  console.log(`multicore vs piscina: ${cpus()[0]?.model ?? '?'} (${availableParallelism()} cores), node ${process.version}, ${rounds} round(s), tasks/s (${title})`);
  for (const [name, r] of Object.entries(table)) {
    const cols = [`inline ${fmt(r.inline)}`];
    for (const t of threadCounts) cols.push(`mc@${t} ${fmt(r[`multicore@${t}`])}`, `piscina@${t} ${fmt(r[`piscina@${t}`])}`);
    console.log(`${name.padEnd(15)} ${cols.join('  ')}`);
    const ratios = [];
    for (const t of threadCounts) ratios.push(`mc/piscina@${t} ${(r[`multicore@${t}`] / r[`piscina@${t}`]).toFixed(2)}x`);
    const lo = threadCounts[0];
    for (const t of threadCounts.slice(1)) {
      ratios.push(`scaling ${lo}->${t}: mc ${(r[`multicore@${t}`] / r[`multicore@${lo}`]).toFixed(2)}x, piscina ${(r[`piscina@${t}`] / r[`piscina@${lo}`]).toFixed(2)}x`);
    }
    ratios.push(`mc@${threadCounts.at(-1)}/inline ${(r[`multicore@${threadCounts.at(-1)}`] / r.inline).toFixed(2)}x`);
    console.log(`${''.padEnd(15)} ${ratios.join('  ')}`);
  }
}
report('median', results);
report('best round', bests);
if (argv.includes('--json')) console.log(JSON.stringify({ median: results, best: bests }));
