// `npm test`: install and build if needed, run the whole vitest suite, and end with one
// plain summary line ("tests: N passed, N failed") that CI logs can be read by.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const bootstrap = spawnSync(process.execPath, ['scripts/bootstrap.mjs'], { stdio: 'inherit' });
if (bootstrap.status !== 0) process.exit(bootstrap.status ?? 1);

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let summary = 'tests: no report was written';
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  summary = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`;
  if (r.numTotalTests === 0) summary += ' (no test ran)';
} catch {}
console.log(summary);
process.exit(vitest.status ?? 1);
