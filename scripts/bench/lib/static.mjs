// Benchmarks that need no variants: the runtime core's size and the plugin's build time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { importTs, loadCompiler, ROOT } from '../../fuzz/build.mjs';

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
