// What the pipeline's host turns cost: its tspoll and native builds timed as they are, and with
// `env.io.immediate` (the 1-in-16 miss's setImmediate) replaced by a settled promise, alternated,
// medians of 30 runs after 10 of warm-up. Both bundles come from `lib/build.mjs`:
//   node scripts/bench/pipeline-split.mjs [n]
import { buildVariant } from './lib/build.mjs';
const n = process.argv[2] ?? '20000';
const tsFile = await buildVariant('pipeline', 'tspoll', '/tmp/tspoll-pipeline-split-tspoll.mjs');
const natFile = await buildVariant('pipeline', 'native', '/tmp/tspoll-pipeline-split-native.mjs');
const T = await import(tsFile), N = await import(natFile);
const realT = T.env.io.immediate, realN = N.env.io.immediate;
const runT = () => T.env.rt.defaultRuntime().spawn(T.main(T.env, +n));
const runN = () => N.main(N.env, +n);
const time = async (f) => { const t = performance.now(); await f(); return performance.now() - t; };
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const res = { tsReal: [], natReal: [], tsResolved: [], natResolved: [] };
for (let r = 0; r < 40; r++) {
  T.env.io.immediate = realT; N.env.io.immediate = realN;
  res.tsReal.push(await time(runT)); res.natReal.push(await time(runN));
  T.env.io.immediate = () => Promise.resolve(); N.env.io.immediate = () => Promise.resolve();
  res.tsResolved.push(await time(runT)); res.natResolved.push(await time(runN));
}
for (const k in res) res[k] = med(res[k].slice(10)).toFixed(2);
console.log(`with setImmediate: tspoll ${res.tsReal} ms, native ${res.natReal} ms (${(res.tsReal / res.natReal).toFixed(2)}x)`);
console.log(`settled instead:   tspoll ${res.tsResolved} ms, native ${res.natResolved} ms (${(res.tsResolved / res.natResolved).toFixed(2)}x)`);
console.log(`host turns: tspoll ${(res.tsReal - res.tsResolved).toFixed(2)} ms, native ${(res.natReal - res.natResolved).toFixed(2)} ms`);
