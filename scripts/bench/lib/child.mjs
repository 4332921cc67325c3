// One measured process: import a bundle, run warm-up iterations, then measured ones, and
// print the times, the suite's own metrics and the GCs seen (a PerformanceObserver).
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [file, json] = process.argv.slice(2);
const { n, warmup = 1, iters = 3, ops = 0, forceGc = false } = JSON.parse(json);
const { main, env } = await import(pathToFileURL(file).href);

let scavenges = 0;
let majors = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind ?? e.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
    else majors++;
  }
});
obs.observe({ entryTypes: ['gc'] });
const gc = globalThis.gc ?? (() => {});
// GC entries reach the observer asynchronously: let them arrive before reading the counters.
const tick = () => new Promise((r) => setTimeout(r, 50));

const unwrap = (r) => (r !== null && typeof r === 'object' && 'checksum' in r ? r : { checksum: r, metrics: {} });

for (let i = 0; i < warmup; i++) await main(env, n);
const times = [];
const metrics = [];
const gcs = [];
let checksum;
let bytesPerOp = null;
for (let i = 0; i < iters; i++) {
  // Forced collections only where memory is measured: a forced full GC also flushes
  // bytecode and feedback, which penalises JS-heavy code (the runtime) in the next timed run.
  if (forceGc) {
    gc();
    gc();
  }
  await tick(); // deliver GC entries of earlier collections before counting
  const s0 = scavenges;
  const m0 = majors;
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = unwrap(await main(env, n));
  const t = performance.now() - t0;
  const h1 = process.memoryUsage().heapUsed;
  await tick();
  times.push(t);
  metrics.push(r.metrics);
  gcs.push({ scavenges: scavenges - s0, majors: majors - m0 });
  checksum = r.checksum;
  // Heap growth per operation means something only when no GC ran in between.
  if (ops && scavenges === s0 && majors === m0) bytesPerOp = (h1 - h0) / ops;
}
obs.disconnect();
process.stdout.write('\n@@RESULT@@' + JSON.stringify({ times, metrics, gcs, checksum, bytesPerOp }) + '\n', () => process.exit(0));
