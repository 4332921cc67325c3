// The workspace's own settings: npm commands run in it without warnings about pnpm-only
// config, and pnpm is still told never to switch to another version of itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('workspace settings', { timeout: 120_000 }, () => {
  it('npm runs in the repository without a config warning', () => {
    const r = run('npm', ['--version']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const dir of ['.', 'examples/tsc-build']) expect(existsSync(path.join(root, dir, '.npmrc')), dir).toBe(false);
  });

  it('pnpm does not manage (switch) its own version', () => {
    const r = run('npx', ['-y', 'pnpm@10.34.8', 'config', 'get', 'manage-package-manager-versions']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('false');
  });
});
