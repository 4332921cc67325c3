// The main demo (`npm run demo`, after install + build): builds the examples with the tspoll
// plugin, runs fetch-and-process and the echo server, and prints the state diagram of
// fetch_and_process. Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Builds go to examples/<name>/out/ unless TSPOLL_DEMO_OUT names another directory (tests).
const outRoot = process.env.TSPOLL_DEMO_OUT ? path.resolve(process.env.TSPOLL_DEMO_OUT) : null;
const outDir = (name) => (outRoot ? path.join(outRoot, name) : path.join(root, 'examples', name, 'out'));
const cli = path.join(root, 'packages/cli/bin/tspoll.js');
const rel = (p) => path.relative(root, p);
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function run(args, { quiet = false } = {}) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    console.error(`demo: '${args.map((a) => (a.startsWith(root) ? rel(a) : a)).join(' ')}' failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  if (!quiet) process.stdout.write(r.stdout.replace(/^(?=.)/gm, '    '));
  return r.stdout;
}

console.log(bold('1. Build the examples with the tspoll plugin (esbuild)'));
const builds = [
  ['fetch-and-process', 'node'],
  ['echo-server', 'node'],
  ['timeouts-and-select', 'node'],
  ['browser', 'browser'],
];
for (const [name, platform] of builds) {
  const entry = path.join(root, 'examples', name, 'src/main.ts');
  const out = path.join(outDir(name), platform === 'node' ? 'main.mjs' : 'main.js');
  run([cli, 'build', entry, '--outfile', out, '--platform', platform, '--sourcemap'], { quiet: true });
  console.log(`    ${rel(out).padEnd(44)} ${(statSync(out).size / 1024).toFixed(1)} KB`);
}

console.log(bold('\n2. fetch-and-process: the seed\'s fetch_and_process against a local HTTP server'));
run(['--enable-source-maps', path.join(outDir('fetch-and-process'), 'main.mjs')]);

console.log(bold('\n3. echo-server: the seed\'s read_and_write(TcpStream) on loopback'));
run(['--enable-source-maps', path.join(outDir('echo-server'), 'main.mjs')]);

console.log(bold('\n4. tspoll --emit-states examples/fetch-and-process/src/main.ts --fn fetch_and_process --format mermaid'));
run([cli, '--emit-states', path.join(root, 'examples/fetch-and-process/src/main.ts'), '--fn', 'fetch_and_process', '--format', 'mermaid']);

console.log(`\nMore: examples/README.md (timeouts-and-select, the browser page), packages/cli/README.md.`);
