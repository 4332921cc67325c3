// Benchmarks that need no variants: the runtime core's size and the plugin's build time.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { importTs, ROOT, workspacePlugin } from '../../fuzz/build.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Minified + gzipped size of the runtime core a program uses: the executor (tasks, runtime,
 * machines, the promise bridge), timers (sleep, timeout) and the combinators, tree-shaken.
 */
export async function coreSize(log) {
  const rt = await importTs(join(ROOT, 'packages/runtime/src/index.ts'), join(ROOT, 'packages/runtime/package.json'));
  const wanted = [
    // executor and the ABI generated code calls
    'Runtime', 'spawn', 'defaultRuntime', 'Machine', 'awaitStep', 'defineMachine', 'PENDING', 'fromPromise',
    // timers
    'sleep', 'timeout',
    // combinators
    'select', 'join', 'joinAll', 'tryJoin', 'race', 'all', 'JoinSet',
  ];
  const names = wanted.filter((n) => n in rt);
  const missing = wanted.filter((n) => !(n in rt));
  const sizeOf = async (list) => {
    const r = await esbuild.build({
      stdin: { contents: `export { ${list.join(', ')} } from '@tspoll/runtime';`, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['source'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [workspacePlugin()],
    });
    const code = r.outputFiles[0].contents;
    const inputs = Object.values(r.metafile.outputs)[0].inputs;
    const modules = Object.entries(inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .map(([f, v]) => [f.replace(/^.*packages\/runtime\/src\//, ''), v.bytesInOutput]);
    return { min: code.length, gz: gzipSync(code, { level: 9 }).length, modules };
  };
  const executor = names.filter((n) => wanted.indexOf(n) < 8);
  const timers = names.filter((n) => n === 'sleep' || n === 'timeout');
  const steps = {
    'executor + ABI': await sizeOf(executor),
    '+ timers': await sizeOf([...executor, ...timers]),
    '+ combinators (all)': await sizeOf(names),
  };
  const { min, gz } = steps['+ combinators (all)'];
  const breakdown = Object.entries(steps).map(([k, v]) => `${k}: ${v.gz} B`).join(', ');
  log(`  core: ${names.join(', ')} → ${min} B min, ${gz} B min+gz (${breakdown})${missing.length ? ` (not in the runtime: ${missing.join(', ')})` : ''}`);
  const code = { length: min };
  log(`  minified bytes by module (executor only): ${steps['executor + ABI'].modules.map(([f, b]) => `${f} ${b}`).join(', ')}`);
  return {
    name: 'size',
    static: true,
    title: 'runtime core, minified+gzipped',
    metricLabel: 'bytes',
    value: gz,
    minified: code.length,
    exports: names,
    goal: '≤4 KB (4096 B)',
    met: gz <= 4096,
    breakdown: steps,
    notes: `${breakdown}; minified bytes by module for the executor alone: ${steps['executor + ABI'].modules.map(([f, b]) => `${f} ${b}`).join(', ')}; exports measured: ${names.join(', ')}${missing.length ? `; not found in the runtime (so not counted): ${missing.join(', ')}` : ''}`,
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
  await build([]);
  await build([plugin()]); // warm: TypeScript's first parse is JIT-cold
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    await build([]);
    plain.push(performance.now() - t);
    t = performance.now();
    await build([plugin()]);
    withPlugin.push(performance.now() - t);
  }
  const p = median(plain);
  const w = median(withPlugin);
  log(`  ${entries.length} entries: plain ${p.toFixed(0)} ms, with plugin ${w.toFixed(0)} ms`);
  return {
    name: 'buildtime',
    static: true,
    title: `build time, ${entries.length} entry points (examples + packages), with the plugin vs plain esbuild (warm, median of 7)`,
    metricLabel: 'ms',
    baseline: p.toFixed(0),
    value: w.toFixed(0),
    ratio: w / p,
    goal: '≤3× plain esbuild',
    met: w / p <= 3,
  };
}
