// Benchmarks that need no variants: the runtime core's size, the plugin's build time, the
// size of generated code, and the transform of one large file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { importTs, loadCompiler, ROOT, workspacePlugin } from '../../fuzz/build.mjs';
import { bigFile } from './bigfile.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The program whose runtime the size benchmark measures: spawn, sleep, timeout, join, select. */
const CORE_PROGRAM = join(ROOT, 'scripts/bench/size/core-program.ts');
const TIMERS = ['sleep', 'timeout'];
const COMBINATORS = ['join', 'select'];

/**
 * Minified + gzipped size of the runtime a lowered program bundles when it uses spawn, sleep,
 * timeout, join and select (size/core-program.ts): the program is lowered, and the bindings it
 * imports, `$tp.*` from @tspoll/runtime/abi and its named imports from @tspoll/runtime, are
 * bundled with esbuild, minified and tree-shaken. The package is resolved as installed (through
 * a node_modules link), so its `exports` and `sideEffects` apply as in a user's build. Steps:
 * the executor and the ABI (with spawn), + the timers, + the combinators (the whole program).
 */
export async function coreSize(log) {
  const compiler = await loadCompiler();
  const lowered = compiler.transformSource(readFileSync(CORE_PROGRAM, 'utf8'), CORE_PROGRAM, { sourceMap: false }).code;
  const abi = [...new Set([...lowered.matchAll(/\$tp\.(\w+)/g)].map((m) => m[1]))].sort();
  const imported = /import \{([^}]*)\} from '@tspoll\/runtime'/.exec(lowered)[1].split(',').map((s) => s.trim()).filter(Boolean);
  const executor = imported.filter((n) => !TIMERS.includes(n) && !COMBINATORS.includes(n));
  const bundleOf = async (contents, loader) => {
    const r = await esbuild.build({
      stdin: { contents, resolveDir: join(ROOT, 'packages/cli'), sourcefile: 'program.ts', loader },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['source'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = r.outputFiles[0].contents;
    const inputs = Object.values(r.metafile.outputs)[0].inputs;
    const modules = Object.entries(inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .map(([f, v]) => [f.replace(/^.*packages\/runtime\/src\//, ''), v.bytesInOutput]);
    return { min: code.length, gz: gzipSync(code, { level: 9 }).length, modules };
  };
  const sizeOf = (api) => bundleOf(`export { ${abi.join(', ')} } from '@tspoll/runtime/abi';\nexport { ${api.join(', ')} } from '@tspoll/runtime';\n`, 'js');
  const steps = {
    'executor + ABI': await sizeOf(executor),
    '+ timers': await sizeOf([...executor, ...TIMERS]),
    '+ combinators': await sizeOf(imported),
  };
  const program = await bundleOf(lowered, 'ts'); // the runtime plus the program's own code
  const { min, gz, modules } = steps['+ combinators'];
  const breakdown = Object.entries(steps).map(([k, v]) => `${k}: ${v.gz} B`).join(', ');
  const byModule = (s) => s.modules.map(([f, b]) => `${f} ${b}`).join(', ');
  log(`  core of a program using ${imported.join(', ')} (+ ABI ${abi.join(', ')}) → ${min} B min, ${gz} B min+gz (${breakdown}); the whole program bundle ${program.gz} B min+gz`);
  log(`  minified bytes by module: ${byModule(steps['+ combinators'])}`);
  log(`  executor alone: ${byModule(steps['executor + ABI'])}`);
  return {
    name: 'size',
    static: true,
    title: 'runtime core of a program using spawn, sleep, timeout, join, select; minified+gzipped',
    metricLabel: 'bytes',
    value: gz,
    minified: min,
    exports: [...abi, ...imported],
    goal: '≤4 KB (4096 B)',
    met: gz <= 4096,
    breakdown: steps,
    notes: `${breakdown}; the whole program bundle (runtime + program) ${program.gz} B; minified bytes by module: ${byModule(steps['+ combinators'])}; executor alone: ${byModule(steps['executor + ABI'])}; ABI bindings: ${abi.join(', ')}; API: ${imported.join(', ')}`,
  };
}

/** esbuild with the tspoll plugin vs plain esbuild, over the examples and the packages. */
export async function buildTime(log) {
  const entries = [];
  for (const ex of readdirSync(join(ROOT, 'examples'))) {
    const src = join(ROOT, 'examples', ex, 'src');
    if (!existsSync(src)) continue;
    for (const f of readdirSync(src)) if (/\.(ts|mts)$/.test(f)) entries.push(join(src, f));
  }
  for (const p of ['runtime/src/index.ts', 'runtime/src/node/index.ts', 'compiler/src/index.ts', 'cli/src/index.ts']) {
    if (existsSync(join(ROOT, 'packages', p))) entries.push(join(ROOT, 'packages', p));
  }
  let plugin;
  try {
    const mod = await importTs(join(ROOT, 'packages/unplugin/src/esbuild.ts'), join(ROOT, 'packages/unplugin/package.json'));
    plugin = mod.default;
  } catch (e) {
    return {
      name: 'buildtime',
      static: true,
      title: 'build time of examples + packages with the plugin',
      metricLabel: 'ms',
      value: null,
      goal: '≤3× plain esbuild',
      met: null,
      errors: { tspoll: 'the unplugin could not be loaded: ' + String(e.message ?? e).split('\n')[0] },
    };
  }
  const build = (plugins) =>
    esbuild.build({
      entryPoints: entries,
      bundle: true,
      platform: 'node',
      format: 'esm',
      outdir: '/tmp/tspoll-buildtime-out',
      conditions: ['source'],
      packages: 'external',
      write: false,
      logLevel: 'silent',
      plugins,
    });
  const plain = [];
  const withPlugin = [];
  // This process's CPU time per build: esbuild works in its own process, so with the plugin it
  // is mostly the plugin's (the lowering's) work, which a busy machine inflates less than wall time.
  const pluginCpu = [];
  const cpuMs = (u) => (u.user + u.system) / 1000;
  await build([]);
  await build([plugin()]); // warm: TypeScript's first parse is JIT-cold
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    await build([]);
    plain.push(performance.now() - t);
    t = performance.now();
    const cpu = process.cpuUsage();
    await build([plugin()]);
    withPlugin.push(performance.now() - t);
    pluginCpu.push(cpuMs(process.cpuUsage(cpu)));
  }
  const p = median(plain);
  const w = median(withPlugin);
  const c = median(pluginCpu);
  log(`  ${entries.length} entries: plain ${p.toFixed(0)} ms, with plugin ${w.toFixed(0)} ms (${c.toFixed(0)} ms CPU in this process)`);
  return {
    name: 'buildtime',
    static: true,
    title: `build time, ${entries.length} entry points (examples + packages), with the plugin vs plain esbuild (warm, median of 7)`,
    metricLabel: 'ms',
    baseline: p.toFixed(0),
    value: w.toFixed(0),
    ratio: w / p,
    pluginCpuMs: c.toFixed(0),
    notes: `${c.toFixed(0)} ms CPU per build with the plugin in the benchmark's own process (the lowering; esbuild runs in its own)`,
    goal: '≤3× plain esbuild',
    met: w / p <= 3,
  };
}

const BENCH_DIR = join(ROOT, 'scripts/bench');

/** The real-library sources the size benchmark lowers (vendored, MIT: see vendor/README.md). */
const LIBRARY_FILES = ['vendor/p-queue/index.ts', 'vendor/p-queue/priority-queue.ts', 'vendor/p-map/index.js'];

/** Minified and gzipped size of one module on its own (imports stay imports). */
async function minGz(code, file) {
  const r = await esbuild.transform(code, { loader: /\.js$/.test(file) ? 'js' : 'ts', minify: true, format: 'esm', target: 'es2022', logLevel: 'silent' });
  return { min: r.code.length, gz: gzipSync(r.code, { level: 9 }).length };
}

/**
 * Generated code size: each benchmark suite and a real library's modules, lowered vs as
 * written, each minified and gzipped alone (the runtime is not counted: see `coreSize`).
 */
export async function generatedSize(log) {
  const { transformSource } = await importTs(join(ROOT, 'packages/compiler/src/index.ts'), join(ROOT, 'packages/compiler/package.json'));
  const suites = readdirSync(join(BENCH_DIR, 'suites')).filter((f) => /^[^.]+\.ts$/.test(f)).map((f) => `suites/${f}`);
  const measure = async (files) => {
    const rows = [];
    for (const rel of files) {
      const file = join(BENCH_DIR, rel);
      const src = readFileSync(file, 'utf8');
      const out = transformSource(src, file, { sourceMap: false });
      const native = await minGz(src, file);
      const lowered = await minGz(out.code, file);
      rows.push({ file: rel, native, lowered, ratio: lowered.gz / native.gz, minRatio: lowered.min / native.min });
    }
    const sum = (k, m) => rows.reduce((s, r) => s + r[k][m], 0);
    return { rows, native: sum('native', 'gz'), lowered: sum('lowered', 'gz'), ratio: sum('lowered', 'gz') / sum('native', 'gz'), minRatio: sum('lowered', 'min') / sum('native', 'min') };
  };
  const bench = await measure(suites);
  const library = await measure(LIBRARY_FILES);
  for (const [name, m] of [['suites', bench], ['library (p-queue, p-map)', library]]) {
    log(`  ${name}: ${m.lowered} B vs ${m.native} B min+gz: ${m.ratio.toFixed(2)}× (min alone ${m.minRatio.toFixed(2)}×)`);
    log(`    ${m.rows.map((r) => `${r.file.replace(/^\w+\//, '')} ${r.ratio.toFixed(2)}×`).join(', ')}`);
  }
  const worst = Math.max(bench.ratio, library.ratio);
  return {
    name: 'gensize',
    static: true,
    title: 'generated code, min+gz, lowered vs native: bench suites and p-queue + p-map',
    metricLabel: '×',
    value: worst.toFixed(2),
    suites: bench,
    library,
    goal: '≤2× native min+gz',
    met: worst <= 2,
    notes: `suites ${bench.lowered} vs ${bench.native} B (${bench.ratio.toFixed(2)}×, min ${bench.minRatio.toFixed(2)}×); library ${library.lowered} vs ${library.native} B (${library.ratio.toFixed(2)}×, min ${library.minRatio.toFixed(2)}×)`,
  };
}

/** One run of transform-child.mjs: time and peak RSS of one transform in a fresh process. */
function transformChild(file, mode) {
  const r = spawnSync(process.execPath, [join(BENCH_DIR, 'lib/transform-child.mjs'), file, mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`transform-child ${mode}: ${r.stderr.split('\n').slice(0, 6).join(' | ')}`);
  return JSON.parse(r.stdout);
}

/**
 * A generated 20k-line service file (lib/bigfile.mjs): one transformSource, with and without
 * a source map, in a fresh process each, vs esbuild's transform of the same file.
 */
export async function transformScale(log, { lines = 20000, rounds = 3 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tspoll-scale-'));
  const file = join(dir, 'service.ts');
  try {
    writeFileSync(file, bigFile(lines));
    const runs = { tspoll: [], 'tspoll-map': [], esbuild: [] };
    for (let i = 0; i < rounds; i++) for (const mode of Object.keys(runs)) runs[mode].push(transformChild(file, mode));
    const med = (mode, k) => median(runs[mode].map((r) => r[k]));
    const ms = med('tspoll', 'ms');
    const mapMs = med('tspoll-map', 'ms');
    const rss = Math.max(med('tspoll', 'rssMB'), med('tspoll-map', 'rssMB'));
    const esb = med('esbuild', 'ms');
    const cpu = med('tspoll', 'cpuMs');
    const mapCpu = med('tspoll-map', 'cpuMs');
    log(`  ${lines} lines: transform ${ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (with map ${mapMs.toFixed(0)} ms wall, ${mapCpu.toFixed(0)} ms CPU), peak RSS ${rss.toFixed(0)} MB (${med('tspoll', 'loadedRssMB').toFixed(0)} MB after loading), esbuild ${esb.toFixed(0)} ms; output ${runs.tspoll[0].bytes} B vs esbuild's ${runs.esbuild[0].bytes} B`);
    return {
      name: 'scale',
      static: true,
      title: `transform of a generated ${lines}-line file (lib/bigfile.mjs), fresh process, median of ${rounds}`,
      metricLabel: 'ms',
      value: ms.toFixed(0),
      withMapMs: mapMs.toFixed(0),
      cpuMs: cpu.toFixed(0),
      withMapCpuMs: mapCpu.toFixed(0),
      rssMB: rss.toFixed(0),
      baseline: esb.toFixed(0),
      ratio: ms / esb,
      outBytes: runs.tspoll[0].bytes,
      esbuildBytes: runs.esbuild[0].bytes,
      goal: '<10 s and <300 MB peak RSS',
      notes: `CPU time ${cpu.toFixed(0)} ms (with map ${mapCpu.toFixed(0)} ms); output ${runs.tspoll[0].bytes} B vs esbuild's ${runs.esbuild[0].bytes} B`,
      met: Math.max(ms, mapMs) < 10_000 && rss < 300,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
