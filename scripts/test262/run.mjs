#!/usr/bin/env node
// The test262 runner's command line (README.md here). Runs the async part of test262 natively
// and lowered (classic scripts, each in a realm of its own), prints the pass counts per folder
// and writes every failing run, with the first line of its error, to a file.
import { writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TEST262_DIR, failureLines, formatTable, listTests, matcher, readKnownFailures, ROOT, runTests, sample, summarize, verdict } from './lib.mjs';

const USAGE = `Usage: node scripts/test262/run.mjs [options]

Options:
  --filter <s>      only tests whose path (relative to test/) contains <s>, or matches it
                    as a glob (*, **, ?); repeatable
  --sample <n>      a fixed deterministic sample of <n> of the selected tests
  --jobs <n>        worker processes (default: ${availableParallelism()})
  --timeout <ms>    how long an async test may take to call $DONE (default 5000)
  --native-only     run natively only (checks the harness)
  --depth <n>       folder depth of the summary (default 3: language/statements/class)
  --failures <file> where the failure list goes (default .tmp/test262-failures.txt)
  --json <file>     also write every result as JSON
  --test262 <dir>   the test262 copy (default $TEST262_DIR or ${DEFAULT_TEST262_DIR})
  --check           exit 1 unless lowered runs pass wherever native ones do, except the known
                    failures (known-failures.txt), and every known failure that ran still fails
  -h, --help        this help
`;

const { values } = parseArgs({
  options: {
    filter: { type: 'string', multiple: true },
    sample: { type: 'string' },
    jobs: { type: 'string' },
    timeout: { type: 'string' },
    'native-only': { type: 'boolean' },
    depth: { type: 'string' },
    failures: { type: 'string' },
    json: { type: 'string' },
    test262: { type: 'string' },
    check: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const int = (v, name) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`test262: --${name} takes a whole number (got '${v}')`);
    process.exit(2);
  }
  return n;
};

const dir = path.resolve(values.test262 ?? DEFAULT_TEST262_DIR);
const match = matcher(values.filter);
const files = sample(listTests(dir).filter(match), int(values.sample, 'sample'));
const modes = values['native-only'] ? ['native'] : ['native', 'lowered'];
const started = Date.now();
let lastLine = 0;
const results = await runTests(files, {
  dir,
  jobs: int(values.jobs, 'jobs'),
  timeout: int(values.timeout, 'timeout'),
  modes,
  onResult(_r, done, total) {
    if (process.stderr.isTTY && (Date.now() - lastLine > 200 || done === total)) {
      lastLine = Date.now();
      process.stderr.write(`\r${done}/${total}`);
      if (done === total) process.stderr.write('\n');
    }
  },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const summary = summarize(results, int(values.depth, 'depth') ?? 3);
process.stdout.write(formatTable(summary, modes.includes('lowered')));
const t = summary.total;
console.log(`\n${t.total} tests in ${seconds} s: ${t.native} pass natively${modes.includes('lowered') ? `, ${t.lowered} lowered, ${t.regressions} fail lowered but pass natively` : ''}`);

const failuresFile = path.resolve(values.failures ?? path.join(ROOT, '.tmp/test262-failures.txt'));
mkdirSync(path.dirname(failuresFile), { recursive: true });
const lines = failureLines(results, modes);
writeFileSync(failuresFile, lines.join('\n') + (lines.length ? '\n' : ''));
console.log(`${lines.length} failing runs listed in ${path.relative(process.cwd(), failuresFile) || failuresFile}`);
if (values.json) writeFileSync(path.resolve(values.json), JSON.stringify(results, null, 1));

if (values.check && modes.includes('lowered')) {
  const known = readKnownFailures();
  const problems = [];
  for (const r of results) {
    if (!verdict(r, 'native').ok) continue;
    const lowered = verdict(r, 'lowered');
    if (!lowered.ok && !known.has(r.file)) problems.push(`fails lowered: ${r.file} [${lowered.scenario}]: ${lowered.error}`);
    if (lowered.ok && known.has(r.file)) problems.push(`passes now, remove it from known-failures.txt: ${r.file}`);
  }
  for (const p of problems) console.log(p);
  if (problems.length > 0) process.exit(1);
}
