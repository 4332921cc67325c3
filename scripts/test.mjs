// `npm test`: install and build if needed, install the system packages the tests use
// (scripts/provision.mjs), run the whole vitest suite, and end with one plain summary line
// ("tests: N passed, N failed") that CI logs can be read by.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { provision } from './provision.mjs';
import { summaryLines } from './test-summary.mjs';

const bootstrap = spawnSync(process.execPath, ['scripts/bootstrap.mjs'], { stdio: 'inherit' });
if (bootstrap.status !== 0) process.exit(bootstrap.status ?? 1);
provision();

mkdirSync('.tmp', { recursive: true });
const report = path.resolve(`.tmp/vitest-report-${process.pid}.json`); // absolute: --root/--config may move vitest's root
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let parsed;
try {
  parsed = JSON.parse(readFileSync(report, 'utf8'));
} catch {}
rmSync(report, { force: true });
for (const line of summaryLines(parsed, vitest.status ?? 1)) console.log(line);
process.exit(vitest.status ?? 1);
