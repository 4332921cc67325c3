// Builds one benchmark source into its variants, each one bundle:
//   sync    the plain synchronous version (suites/<name>.sync.ts), where one exists
//   native  the async source as written (esbuild strips the types)
//   tspoll  the source lowered by @tspoll/compiler's transformSource, then esbuild
//   es5     TypeScript 6's own ES5 downlevel (__awaiter + __generator), then esbuild
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { lowerer, workspacePlugin } from '../../fuzz/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const BENCH = resolve(here, '..');
export const ROOT = resolve(BENCH, '../..');
const SUITES = join(BENCH, 'suites');

export function suiteFile(suite, variant) {
  return join(SUITES, variant === 'sync' ? `${suite}.sync.ts` : `${suite}.ts`);
}

export function hasVariant(suite, variant) {
  return existsSync(suiteFile(suite, variant));
}

/** Bundle `suite` as `variant` into `outFile`. Throws with the reason when it cannot. */
export async function buildVariant(suite, variant, outFile) {
  const file = suiteFile(suite, variant);
  const envFile = join(BENCH, 'env', variant === 'tspoll' ? 'tspoll.ts' : 'native.ts');
  const lower = variant === 'tspoll' || variant === 'es5' ? await lowerer(variant) : null;
  const problems = [];
  const plugin = {
    name: 'bench',
    setup(b) {
      b.onResolve({ filter: /^bench-entry$/ }, () => ({ path: 'entry', namespace: 'bench' }));
      b.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
        contents: `export { main } from ${JSON.stringify(file)};\nexport { env } from ${JSON.stringify(envFile)};\n`,
        loader: 'js',
        resolveDir: BENCH,
      }));
      if (lower) {
        b.onLoad({ filter: /[\\/]scripts[\\/]bench[\\/]suites[\\/][^\\/]+\.ts$/ }, (a) => {
          const r = lower(readFileSync(a.path, 'utf8'), a.path);
          if (r.error) {
            problems.push(r.error);
            return { errors: [{ text: r.error }] };
          }
          return { contents: r.code, loader: 'ts', resolveDir: dirname(a.path) };
        });
      }
    },
  };
  await esbuild.build({
    entryPoints: ['bench-entry'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    outfile: outFile,
    conditions: ['source'],
    absWorkingDir: ROOT,
    plugins: [workspacePlugin(), plugin],
    logLevel: 'silent',
    // Keep import.meta.url meaningful for suites that stat their own file.
    define: {},
  });
  return outFile;
}
