// Diagnosis helper: run one suite's tspoll build on the default runtime and on a Runtime
// with another eventInterval, in this process.  node scripts/bench/diag.mjs spawn 100000 1000000000
import { buildVariant } from './lib/build.mjs';
const [suite, n, interval] = process.argv.slice(2);
const f = await buildVariant(suite, 'tspoll', `/tmp/diag-${suite}.mjs`);
const { main, env } = await import(f);
const run = async (opts) => {
  const r = opts ? new env.rt.Runtime(opts) : env.rt.defaultRuntime();
  const t = performance.now();
  await r.spawn(main(env, +n));
  return performance.now() - t;
};
for (let i = 0; i < 3; i++) await run();
console.log('default runtime', (await run()).toFixed(1), 'ms');
for (let i = 0; i < 3; i++) await run({ eventInterval: +interval });
console.log(`eventInterval ${interval}`, (await run({ eventInterval: +interval })).toFixed(1), 'ms');
