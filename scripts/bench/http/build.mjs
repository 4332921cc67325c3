// Builds one HTTP service (scripts/bench/http/<name>-service.ts) into one esbuild bundle, the
// same way lib/build.mjs builds a benchmark suite:
//   native  the source as written (esbuild strips the types)
//   tspoll  every .ts file of this folder lowered by @tspoll/compiler's transformSource, then
//           esbuild; the runtime is bundled from its sources
// fastify stays external (loaded from node_modules, the same copy in both builds), so the two
// bundles differ only in the service's own code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { lowerer, workspacePlugin } from '../../fuzz/build.mjs';
import { ROOT } from '../lib/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// fastify is imported by its absolute path, so a bundle runs from any folder (os.tmpdir()).
const fastifyPath = createRequire(join(ROOT, 'package.json')).resolve('fastify');

export const SERVICES = ['node', 'fastify'];

export function serviceFile(service) {
  return join(here, `${service}-service.ts`);
}

/** Bundle `service` as `variant` ('native' | 'tspoll') into `outFile`; returns outFile. */
export async function buildService(service, variant, outFile) {
  const lower = await lowerer(variant);
  const kept = [];
  const plugin = {
    name: 'bench-http',
    setup(b) {
      b.onResolve({ filter: /^fastify$/ }, () => ({ path: fastifyPath, external: true }));
      b.onLoad({ filter: /[\\/]scripts[\\/]bench[\\/]http[\\/][^\\/]+\.ts$/ }, (a) => {
        const r = lower(readFileSync(a.path, 'utf8'), a.path);
        if (r.error) return { errors: [{ text: r.error }] };
        if (r.diagnostics?.length) kept.push(`${a.path}: ${r.diagnostics.join(', ')}`);
        return { contents: r.code, loader: 'ts', resolveDir: dirname(a.path) };
      });
    },
  };
  await esbuild.build({
    entryPoints: [serviceFile(service)],
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
  return { file: outFile, diagnostics: kept };
}
