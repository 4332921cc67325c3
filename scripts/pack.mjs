// `npm run pack`: installable tarballs of the four packages, for installing 0.1 with npm
// before it is on the registry. pnpm pack writes the manifest as published: `workspace:`
// versions become real ones and `publishConfig` (the exports without the workspace's `source`
// condition) applies, which `npm pack` would not do. Usage: npm run pack [-- --out <dir>]
// (default: packs/); prints the tarballs' paths.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGES = ['runtime', 'compiler', 'unplugin', 'cli'];
const PNPM = ['-y', 'pnpm@10.34.8'];

/** Pack the built packages into `outDir`; returns the tarball paths in PACKAGES' order. */
export function packAll(outDir) {
  mkdirSync(outDir, { recursive: true });
  return PACKAGES.map((name) => {
    const dir = path.join(root, 'packages', name);
    const out = execFileSync('npx', [...PNPM, 'pack', '--pack-destination', outDir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    // pnpm lists the packed files, then the tarball's path.
    const tgz = out.trim().split('\n').reverse().find((l) => l.endsWith('.tgz'));
    if (!tgz) throw new Error(`pnpm pack wrote no tarball for @tspoll/${name}:\n${out}`);
    return path.resolve(outDir, tgz.trim());
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const outDir = path.resolve(i >= 0 ? process.argv[i + 1] : path.join(root, 'packs'));
  execFileSync(process.execPath, [path.join(root, 'scripts/bootstrap.mjs')], { stdio: 'inherit' }); // installed and built
  for (const file of packAll(outDir)) console.log(file);
}
