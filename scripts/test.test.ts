// `npm test` itself (scripts/test.mjs): its summary line counts test files that fail outside
// a test, and it installs the system packages the suite needs when they are missing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { provision } from './provision.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(tmpdir(), 'tspoll-test-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/test.mjs', { timeout: 120_000 }, () => {
  it('a file failing in beforeAll or at import counts as a failure in the summary line, and the run fails', () => {
    const r = spawnSync(process.execPath, ['scripts/test.mjs', '--config', 'scripts/fixtures/suite-failure/vitest.config.mjs'], { cwd: root, encoding: 'utf8', timeout: 110_000 });
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('tests: 1 passed, 2 failed, 2 skipped');
    expect(r.stdout).toMatch(/failed outside a test \(counted as one failure\): .*before-all\.check\.ts/);
    expect(r.stdout).toMatch(/failed outside a test \(counted as one failure\): .*import\.check\.ts/);
    expect(r.status).toBe(1);
  });

  it('installs missing system packages with apt-get, or says why it cannot', () => {
    // A stand-in apt-get on the PATH that records its arguments and "installs" a marker file.
    const marker = path.join(dir, 'installed');
    const calls = path.join(dir, 'calls');
    const apt = path.join(dir, 'apt-get');
    writeFileSync(apt, `#!/bin/sh\necho "$*" >> '${calls}'\ncase "$1" in install) touch '${marker}';; esac\n`);
    chmodSync(apt, 0o755);
    const log: string[] = [];
    const needed = [{ pkg: 'fake-pkg', present: () => existsSync(marker), for: 'a test' }];
    const still = provision({ needed, log: (l: string) => log.push(l), env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
    if (process.getuid?.() === 0) {
      expect(still).toEqual([]);
      expect(readFileSync(calls, 'utf8')).toContain('install -y -qq --no-install-recommends fake-pkg');
      expect(log).toEqual(['test: installing fake-pkg with apt-get (for a test)']);
      expect(provision({ needed, log: (l: string) => log.push(l) })).toEqual([]); // present now: nothing to do
      expect(log).toHaveLength(1);
    } else {
      expect(still).toEqual(['fake-pkg']);
      expect(log.at(-1)).toMatch(/fake-pkg is missing and cannot be installed here/);
    }
  });
});
