#!/usr/bin/env node
// Allocation probes, deterministic where timings on a shared machine are not.
//
//   node scripts/bench/alloc.mjs pingpong 200000        bytes allocated per op, tspoll and native
//   node scripts/bench/alloc.mjs parked 20000 --census  what a pending task holds, by constructor
//
// Bytes per op: one warm-up run, then the used-heap delta over one run, divided by n, in a child
// with a 512 MB semi-space (no GC may run; the row says so if one did). The census diffs two
// heap snapshots taken at the suite's own two `measure.gc()` calls (before spawning, after
// parking) and lists the constructors with at least n/2 new objects, per task.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { buildVariant } from './lib/build.mjs';

const [suite, n, ...rest] = process.argv.slice(2);
const census = rest.includes('--census');

if (suite === '--child') {
  const [mode, file, count] = process.argv.slice(3);
  const { main, env } = await import(pathToFileURL(file).href);
  const run = () => (env.rt ? env.rt.spawn(main(env, +count)) : main(env, +count));
  if (mode === 'census') await censusOf(main, env, +count);
  else {
    await run();
    globalThis.gc();
    let gcs = 0;
    const { PerformanceObserver } = await import('node:perf_hooks');
    const obs = new PerformanceObserver((l) => void (gcs += l.getEntries().length));
    obs.observe({ entryTypes: ['gc'] });
    const h0 = process.memoryUsage().heapUsed;
    await run();
    const h1 = process.memoryUsage().heapUsed;
    await new Promise((r) => setTimeout(r, 20)); // GC entries arrive asynchronously
    obs.disconnect();
    console.log(JSON.stringify({ bytesPerOp: (h1 - h0) / +count, gcs }));
  }
  process.exit(0);
}

if (!suite || !n) {
  console.error('usage: node scripts/bench/alloc.mjs <suite> <n> [--census]');
  process.exit(2);
}
const self = fileURLToPath(import.meta.url);
for (const variant of ['tspoll', 'native']) {
  const file = await buildVariant(suite, variant, join(tmpdir(), `tspoll-alloc-${suite}-${variant}.mjs`));
  const flags = census ? ['--expose-gc'] : ['--expose-gc', '--min-semi-space-size=512', '--max-semi-space-size=512'];
  const r = spawnSync(process.execPath, [...flags, self, '--child', census ? 'census' : 'bytes', file, n], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  if (census) console.log(`${variant}:\n${r.stdout}`);
  else {
    const { bytesPerOp, gcs } = JSON.parse(r.stdout);
    console.log(`${suite} ${variant}: ${gcs === 0 ? bytesPerOp.toFixed(1) + ' B allocated per op' : `– (${gcs} GCs ran)`}`);
  }
}

async function censusOf(main, env, count) {
  const snaps = [];
  env.measure.gc = () => void snaps.push(snapshot());
  await main(env, count);
  const [a, b] = snaps;
  const rows = [];
  for (const [k, [c, size]] of b) {
    const [c0, s0] = a.get(k) ?? [0, 0];
    if (c - c0 >= count / 2) rows.push([k, (c - c0) / count, (size - s0) / count]);
  }
  rows.sort((x, y) => y[2] - x[2]);
  for (const [k, objects, bytes] of rows) console.log(`  ${k.padEnd(44)} ${objects.toFixed(2).padStart(5)} objects ${bytes.toFixed(1).padStart(7)} B`);
}

function snapshot() {
  globalThis.gc();
  const s = JSON.parse(readFileSync(v8.writeHeapSnapshot(join(tmpdir(), `tspoll-census-${process.pid}.heapsnapshot`)), 'utf8'));
  const m = s.snapshot.meta;
  const width = m.node_fields.length;
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((f) => m.node_fields.indexOf(f));
  const by = new Map();
  for (let i = 0; i < s.nodes.length; i += width) {
    const key = `${m.node_types[0][s.nodes[i + ti]]}:${s.strings[s.nodes[i + ni]].slice(0, 36)}`;
    const e = by.get(key) ?? [0, 0];
    e[0]++;
    e[1] += s.nodes[i + si];
    by.set(key, e);
  }
  return by;
}
