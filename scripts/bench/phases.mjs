// Where transformSource spends its time and its memory, phase by phase: parse, lowering
// (ts.transform), printing, the parse guard. It runs an instrumented copy of the built compiler
// (packages/compiler/dist, so run `npm run build` first), with a hook call inserted at each
// phase boundary; the copy lives in packages/compiler/.phases and is rebuilt on every run.
//   node scripts/bench/phases.mjs time <file>...       wall ms per phase, summed over the
//                                                      files, mean of 5 warm passes (source maps on)
//   node --expose-gc scripts/bench/phases.mjs heap <file> [--map]   live heap after a full GC
//                                                      at each phase of one transform (a source
//                                                      map only with --map)
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const compiler = join(dirname(fileURLToPath(import.meta.url)), '../../packages/compiler');
const copy = join(compiler, '.phases');

/** Each insertion: the file, the exact line of code, and the text that replaces it. */
const hooks = [
  ['source.js', 'sf = parse(code, fileName);', "sf = parse(code, fileName); globalThis.__phase?.('parse');"],
  ['source.js', 'const error = guardError(emitted, fileName, checkGrammar);', "globalThis.__phase?.('after printing'); const error = guardError(emitted, fileName, checkGrammar);"],
  // Once per piece of the output (a large file's output is guarded a chunk at a time).
  ['source.js', 'const error = firstError(ts, parse(text, fileName), grammar);', "const guarded = parse(text, fileName); globalThis.__phase?.('guard parse'); const error = firstError(ts, guarded, grammar);"],
  // Once per chunk of top-level statements (a large file is lowered and printed a chunk at a time).
  ['rewrite.js', 'const result = tsi.transform(input, transformers, options.compilerOptions);', "globalThis.__phase?.('before lowering'); const result = tsi.transform(input, transformers, options.compilerOptions); globalThis.__phase?.('lowering');"],
  ['rewrite.js', 'result.dispose();', "globalThis.__phase?.('printing'); result.dispose();"],
];

rmSync(copy, { recursive: true, force: true });
cpSync(join(compiler, 'dist'), copy, { recursive: true });
for (const [file, line, replacement] of hooks) {
  const path = join(copy, file);
  const text = readFileSync(path, 'utf8');
  if (text.split(line).length !== 2) throw new Error(`phases.mjs: "${line}" is not once in dist/${file}; update the hooks`);
  writeFileSync(path, text.replace(line, replacement));
}
const { transformSource } = await import(join(copy, 'index.js'));
const [mode, ...args] = process.argv.slice(2);
const files = args.filter((a) => a !== '--map');
const withMap = args.includes('--map');
const sources = files.map((f) => [f, readFileSync(f, 'utf8')]);
try {
  if (mode === 'time') {
    const sums = new Map();
    let last = 0;
    globalThis.__phase = (name) => {
      const now = performance.now();
      sums.set(name, (sums.get(name) ?? 0) + now - last);
      last = now;
    };
    for (let pass = 0; pass < 6; pass++) {
      if (pass === 1) sums.clear(); // the first pass warms up
      for (const [f, src] of sources) {
        last = performance.now();
        transformSource(src, f, { sourceMap: true });
        globalThis.__phase('grammar check and the rest');
      }
    }
    let total = 0;
    for (const [name, ms] of sums) {
      console.log(`${name.padEnd(28)} ${(ms / 5).toFixed(1).padStart(8)} ms`);
      total += ms / 5;
    }
    console.log(`${'total'.padEnd(28)} ${total.toFixed(1).padStart(8)} ms per pass over ${sources.length} files`);
  } else if (mode === 'heap') {
    if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
    const show = (name) => {
      gc();
      gc();
      const m = process.memoryUsage();
      console.log(`${name.padEnd(28)} ${(m.heapUsed / 1048576).toFixed(0).padStart(5)} MB live heap ${(m.rss / 1048576).toFixed(0).padStart(5)} MB rss`);
      return m.heapUsed / 1048576;
    };
    let peak = 0;
    let peakAt = '';
    globalThis.__phase = (name) => {
      const used = show(name);
      if (used > peak) [peak, peakAt] = [used, name];
    };
    show('start');
    const out = transformSource(sources[0][1], sources[0][0], { sourceMap: withMap });
    show('done (output held)');
    console.log(`output ${(out.code.length / 1e6).toFixed(2)} MB; most live heap ${peak.toFixed(0)} MB (at "${peakAt}"); peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (the GCs forced here lower it)`);
  } else {
    throw new Error('usage: phases.mjs time <file>... | phases.mjs heap <file>');
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
