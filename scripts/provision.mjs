// The system packages the test suite uses, installed when missing: Debian's chromium (the
// browser test drives it through playwright-core; a downloaded browser is never used) and
// graphviz (`tspoll --emit-states --out x.svg` renders with its `dot`). `npm test` calls this,
// so a fresh machine with only Node and npm gets them as root with apt-get, as CI does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const NEEDED = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium'), for: 'the browser test (examples/browser)' },
  { pkg: 'graphviz', present: () => spawnSync('dot', ['-V']).error === undefined, for: 'the diagram rendering tests (--emit-states --out x.svg)' },
];

/**
 * Install what is missing with apt-get (as root on Debian/Ubuntu); returns the packages still
 * missing, each reported through `log`. `needed` and `env` (apt-get is looked up on its PATH)
 * are for tests.
 */
export function provision({ needed = NEEDED, log = (line) => console.error(line), env = process.env } = {}) {
  const missing = needed.filter((n) => !n.present());
  if (missing.length === 0) return [];
  const pkgs = missing.map((n) => n.pkg);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args, stdio = ['ignore', 'ignore', 'inherit']) => spawnSync('apt-get', args, { stdio, env: aptEnv });
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && apt(['--version'], 'ignore').error === undefined;
  if (canApt) {
    log(`test: installing ${pkgs.join(' ')} with apt-get (for ${missing.map((n) => n.for).join('; ')})`);
    if (apt(['update', '-qq']).status !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', ...pkgs]).status !== 0) log('test: apt-get failed');
  }
  const still = missing.filter((n) => !n.present());
  for (const n of still) log(`test: ${n.pkg} is missing and cannot be installed here (needs root and apt-get): install it (apt-get install -y ${n.pkg}); ${n.for} will fail without it`);
  return still.map((n) => n.pkg);
}
