// The runtime's second build step (after tsc): dist/tspoll-runtime.global.js, the ABI entry as
// a classic script (an IIFE, like regenerator-runtime) that defines globalThis.__tspoll for
// lowered scripts (ABI.md, section 9). `globalBuildOptions` is shared with the test262 runner,
// which builds the same script from the sources in memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GLOBAL_OUTFILE = path.join(dir, 'dist/tspoll-runtime.global.js');

export const globalBuildOptions = {
  entryPoints: [path.join(dir, 'src/global.ts')],
  bundle: true,
  format: 'iife',
  platform: 'neutral',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'silent',
  banner: { js: '/* @tspoll/runtime: the ABI for classic scripts, as globalThis.__tspoll (ABI.md, section 9) */' },
};

/**
 * The global script's text, built from the sources. The runtime is strict code, but its
 * "use strict" goes inside the IIFE: a directive at the top would make a script the file is
 * prepended to (`tspoll build --script`) strict too.
 */
export async function buildGlobalText() {
  const r = await esbuild.build({ ...globalBuildOptions, write: false });
  const text = r.outputFiles[0].text;
  const at = text.indexOf('"use strict";\n');
  const open = text.indexOf('(() => {\n');
  if (at < 0 || open < at) throw new Error('build-global: unexpected esbuild output (no "use strict" before the IIFE)');
  return text.slice(0, at) + text.slice(at + '"use strict";\n'.length, open) + '(() => {\n  "use strict";\n' + text.slice(open + '(() => {\n'.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  mkdirSync(path.dirname(GLOBAL_OUTFILE), { recursive: true });
  writeFileSync(GLOBAL_OUTFILE, await buildGlobalText());
}
