// Builds one HTTP service (scripts/bench/http/<name>-service.ts) into one esbuild bundle, the
// same way lib/build.mjs builds a benchmark suite:
//   native  the source as written (esbuild strips the types)
//   tspoll  every .ts file of this folder lowered by @tspoll/compiler's transformSource, then
//           esbuild; the runtime is bundled from its sources
// fastify stays external (loaded from node_modules, the same copy in both builds), so the two
// bundles differ only in the service's own code.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowerer } from '../../fuzz/build.mjs';
import { bundle, ROOT } from '../lib/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// fastify is imported by its absolute path, so a bundle runs from any folder (os.tmpdir()).
const fastifyPath = createRequire(join(ROOT, 'package.json')).resolve('fastify');

export const SERVICES = ['node', 'fastify'];

export function serviceFile(service) {
  return join(here, `${service}-service.ts`);
}

/** Bundle `service` as `variant` ('native' | 'tspoll') into `outFile`. */
export async function buildService(service, variant, outFile) {
  const diagnostics = await bundle({
    entry: serviceFile(service),
    outFile,
    lower: await lowerer(variant),
    lowered: /[\\/]scripts[\\/]bench[\\/]http[\\/][^\\/]+\.ts$/,
    setup(b) {
      b.onResolve({ filter: /^fastify$/ }, () => ({ path: fastifyPath, external: true }));
    },
  });
  return { file: outFile, diagnostics };
}
