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
  await bundle({
    entry: 'bench-entry',
    outFile,
    lower,
    lowered: /[\\/]scripts[\\/]bench[\\/]suites[\\/][^\\/]+\.ts$/,
    setup(b) {
      b.onResolve({ filter: /^bench-entry$/ }, () => ({ path: 'entry', namespace: 'bench' }));
      b.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
        contents: `export { main } from ${JSON.stringify(file)};\nexport { env } from ${JSON.stringify(envFile)};\n`,
        loader: 'js',
        resolveDir: BENCH,
      }));
    },
  });
  return outFile;
}

/**
 * One benchmark bundle: `entry` with the workspace packages from their sources, the files
 * matching `lowered` put through `lower` (a `lowerer` from the fuzzer's build, or null for the
 * native build), and the caller's own `setup` for the rest. Returns the diagnostics of the files
 * it lowered (functions kept native); throws when a file cannot be lowered or bundled.
 */
export async function bundle({ entry, outFile, lower, lowered, setup }) {
  const diagnostics = [];
  const plugin = {
    name: 'bench',
    setup(b) {
      setup?.(b);
      if (!lower) return;
      b.onLoad({ filter: lowered }, (a) => {
        const r = lower(readFileSync(a.path, 'utf8'), a.path);
        if (r.error) return { errors: [{ text: r.error }] };
        if (r.diagnostics?.length) diagnostics.push(`${a.path}: ${r.diagnostics.join(', ')}`);
        return { contents: r.code, loader: 'ts', resolveDir: dirname(a.path) };
      });
    },
  };
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    outfile: outFile,
    conditions: ['source'],
    absWorkingDir: ROOT,
    plugins: [workspacePlugin(), plugin],
    logLevel: 'silent',
  });
  return diagnostics;
}
