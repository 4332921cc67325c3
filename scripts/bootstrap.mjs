// Installs the workspace with pnpm 10 (fetched through npx, so a machine with only
// Node and npm works) and builds every package. Safe to run repeatedly: pnpm and
// `tsc -b` both skip work that is already done.
import { execFileSync } from 'node:child_process';

const PNPM = ['-y', 'pnpm@10.34.8'];
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

run('npx', [...PNPM, 'install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);
run('npx', [...PNPM, 'run', 'build']);
