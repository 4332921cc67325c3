// Runs this example's own test suite the way its README says (`npm test`: vitest with the
// tspoll plugin in vitest.config.ts), and once more without the plugin, to show what the
// recipe is for: unlowered, abort() and timeout run no finally block and virtual time hangs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'tspoll-vitest-example-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

function vitest(args: string[]): Report {
  const out = path.join(tmp, `report-${args.length}.json`);
  const r = spawnSync('npm', ['test', '--', '--reporter=json', `--outputFile=${out}`, ...args], { cwd: exampleDir, encoding: 'utf8', timeout: 60_000 });
  expect(r.error).toBeUndefined();
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

const results = (r: Report) => Object.fromEntries(r.testResults.flatMap((f) => f.assertionResults.map((a) => [a.title, a.status])));

describe('examples/vitest', { timeout: 120_000 }, () => {
  it('npm test: with the plugin, abort and timeout run finally blocks and virtual time works', () => {
    const r = vitest([]);
    expect(results(r)).toEqual({
      'abort() runs the finally block of the suspended function': 'passed',
      'timeout cancels the loser, finally included': 'passed',
      'an hour of sleeps passes at once on a paused clock': 'passed',
      'advance() moves the clock by hand; a task spawned here and not yet polled sees its sleeps fire': 'passed',
    });
  });

  it('the same tests without the plugin fail: the recipe is what makes them work', () => {
    const config = path.join(tmp, 'no-plugin.config.mjs');
    writeFileSync(config, "export default { test: { include: ['src/**/*.test.ts'], testTimeout: 1000 } };\n");
    const r = vitest(['--config', config, '--root', exampleDir]);
    expect(r.numPassedTests).toBe(0);
    expect(r.numFailedTests).toBe(4);
  });
});
