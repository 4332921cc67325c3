// The compiler's CPU time per pass of transformSource (with source maps, as the bundler plugin
// runs it) over the .ts files of the build-time benchmark's packages and examples that mention
// `async`: five passes in one process, the first one JIT-cold.
//   node scripts/bench/lib/compile-cpu.mjs [root] [nomap]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { loadCompiler } = await import(join(root, 'scripts/fuzz/build.mjs'));
const c = await loadCompiler();
const walk = (d) => readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : /\.m?ts$/.test(f) && !/\.d\.ts$/.test(f) ? [p] : []; });
const files = ['packages/runtime/src','packages/compiler/src','packages/cli/src', ...readdirSync(join(root,'examples')).map(e=>`examples/${e}/src`)].flatMap(d=>{try{return walk(join(root,d))}catch{return []}}).map(f=>[f, readFileSync(f,'utf8')]).filter(([,s])=>/\basync\b/.test(s));
const out = [];
for (let round = 0; round < 5; round++) {
  const cpu = process.cpuUsage();
  for (const [f, s] of files) c.transformSource(s, f, { sourceMap: process.argv[3] !== 'nomap' });
  const u = process.cpuUsage(cpu); out.push((u.user + u.system) / 1000);
}
console.log(root, files.length, 'files; CPU ms per pass (first cold):', out.map(x=>x.toFixed(0)).join(' '));
