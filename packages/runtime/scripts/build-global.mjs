// The runtime's second build step (after tsc): dist/tspoll-runtime.global.js, the ABI entry as
// a classic script (an IIFE, like regenerator-runtime) that defines globalThis.__tspoll for
// lowered scripts (ABI.md, section 9). `globalBuildOptions` is shared with the test262 runner,
// which builds the same script from the sources in memory.
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

/** The global script's text, built from the sources. */
export async function buildGlobalText() {
  const r = await esbuild.build({ ...globalBuildOptions, write: false });
  return r.outputFiles[0].text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await esbuild.build({ ...globalBuildOptions, outfile: GLOBAL_OUTFILE });
}
