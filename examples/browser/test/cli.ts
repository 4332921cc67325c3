// Runs the example through the built `tspoll` command, as a user would (`npm start`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.TSPOLL_CLI_BIN ?? path.join(exampleDir, 'node_modules/@tspoll/cli/bin/tspoll.js');

export function tspoll(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: exampleDir, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
