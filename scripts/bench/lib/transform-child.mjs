// One transform of one file in a fresh process, for the transform-scale benchmark: prints
// { ms, cpuMs, rssMB, loadedRssMB, bytes } as JSON (`cpuMs`: user + system time of the
// transform, which a machine busy with other work inflates less than the wall time `ms`). `rssMB` is the process's peak resident set
// (getrusage maxRSS), which includes TypeScript itself (`loadedRssMB`, before the transform).
//   node transform-child.mjs <file> tspoll|tspoll-map|esbuild [chunkSize]
// (chunkSize: the compiler's internal option, source characters lowered at once; default 4 KB)
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { loadCompiler } from '../../fuzz/build.mjs';

const [file, mode, chunk] = process.argv.slice(2);
const src = readFileSync(file, 'utf8');
const compiler = mode === 'esbuild' ? null : await loadCompiler();
const loadedRssMB = process.resourceUsage().maxRSS / 1024;
const t = performance.now();
const cpu = process.cpuUsage();
let code;
if (compiler) {
  const out = compiler.transformSource(src, file, { sourceMap: mode === 'tspoll-map', ...(chunk ? { chunkSize: Number(chunk) } : {}) });
  const fatal = out.diagnostics.filter((d) => d.severity === 'error' || d.code === 'TSP9000');
  if (fatal.length) throw new Error(`${file}: ${fatal.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`).join('; ')}`);
  code = out.code;
} else {
  code = (await esbuild.transform(src, { loader: 'ts', sourcemap: false })).code;
}
const ms = performance.now() - t;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
process.stdout.write(JSON.stringify({ ms, cpuMs, rssMB: process.resourceUsage().maxRSS / 1024, loadedRssMB, bytes: code.length }) + '\n');
