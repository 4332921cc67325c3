#!/usr/bin/env node
// The differential fuzzer's command line.
//   node scripts/fuzz/run.mjs --seeds 1000-5000        fuzz a range (mismatches are shrunk
//                                                      and saved to test-fixtures/fuzz/<seed>.ts)
//   node scripts/fuzz/run.mjs --seeds 1-200 --mode es5 check the harness against TS's downlevel
//   node scripts/fuzz/run.mjs --show 42                print the program of seed 42
// Options: --batch N (programs per esbuild call), --no-shrink, --no-save,
//   --features spawn,all,join,select,sleep,iter,forAwait,superCalls,args (default: all of them),
//   --control (favour jumps, loops, try/finally across awaits; adds to the features)
import { fuzzSeeds } from './fuzz.mjs';
import { DEFAULT_FEATURES, generate, render } from './gen.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const flag = (name) => argv.includes(name);

function parseSeeds(s) {
  const out = [];
  for (const part of s.split(',')) {
    const m = /^(\d+)-(\d+)$/.exec(part);
    if (m) for (let i = +m[1]; i <= +m[2]; i++) out.push(i);
    else out.push(+part);
  }
  return out;
}

let features = DEFAULT_FEATURES;
if (opt('--features')) {
  features = Object.fromEntries(Object.keys(DEFAULT_FEATURES).map((k) => [k, false]));
  for (const f of opt('--features').split(',')) features[f] = true;
}
if (flag('--control')) features = { ...features, control: true };

if (opt('--show')) {
  process.stdout.write(render(generate(+opt('--show'), features)));
  process.exit(0);
}

const seeds = parseSeeds(opt('--seeds', '1-200'));
const mode = opt('--mode', 'tspoll');
const started = Date.now();
const { total, failures, skipped, declined } = await fuzzSeeds(seeds, {
  mode,
  features,
  batch: +opt('--batch', 250),
  save: !flag('--no-save') && mode === 'tspoll',
  shrinkFailures: !flag('--no-shrink'),
  log: (m) => console.log(m),
});
console.log(`\n${total} programs (${mode}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${failures.length} mismatches, ${skipped.length} skipped`);
for (const s of skipped) console.log(`  seed ${s.seed} skipped: ${s.reason}`);
if (Object.keys(declined ?? {}).length) {
  console.log('programs where the compiler kept a function native (a diagnostic; the rest was lowered and compared):', declined);
}
const byKind = {};
for (const f of failures) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
if (failures.length) console.log('by kind:', byKind);
for (const f of failures) console.log(`  seed ${f.seed} [${f.kind}] ${f.diff}${f.fixture ? `\n    -> ${f.fixture}` : ''}`);
process.exit(failures.length ? 1 : 0);
