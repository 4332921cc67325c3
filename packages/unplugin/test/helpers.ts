import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Plugin as RollupPlugin } from 'rollup';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const fixture = (name: string): string => path.join(here, 'fixtures', name);
const tmpDirs: string[] = [];
export const tmp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'tspoll-unplugin-'));
  tmpDirs.push(d);
  return d;
};
/** For afterAll: remove the temp dirs made by `tmp()`. */
export function cleanTmp(): void {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function runNode(file: string, flags: string[] = []): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [...flags, file], { encoding: 'utf8', timeout: 20_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Bundles `entry` with esbuild (the runtime from its TypeScript sources), optionally with plugins. */
export async function esbuildBundle(entry: string, outfile: string, plugins: esbuild.Plugin[], extra: esbuild.BuildOptions = {}): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['source'],
    logLevel: 'silent',
    plugins,
    ...extra,
  });
  return readFile(outfile, 'utf8');
}

/**
 * For Rollup, which has no TypeScript or node_modules resolution of its own: resolve
 * `@tspoll/runtime/*` to the runtime's sources (through the `source` export condition),
 * map their `./x.js` imports to `./x.ts`, and strip types with esbuild.
 */
export function runtimeFromSource(): RollupPlugin {
  return {
    name: 'test-runtime-from-source',
    async resolveId(id, importer) {
      if (id.startsWith('@tspoll/runtime')) {
        const r = await esbuild.build({ stdin: { contents: `import ${JSON.stringify(id)}`, resolveDir: here }, bundle: true, write: false, metafile: true, conditions: ['source'], logLevel: 'silent', platform: 'node', format: 'esm' });
        const inputs = Object.keys(r.metafile.inputs).filter((k) => k.includes('runtime'));
        const want = id === '@tspoll/runtime' ? 'index.ts' : `${id.slice('@tspoll/runtime/'.length)}.ts`;
        const hit = inputs.find((k) => k.endsWith(`src/${want}`) || k.endsWith(`src/${want.replace(/\.ts$/, '/index.ts')}`));
        return hit ? path.resolve(hit) : null;
      }
      if (importer?.endsWith('.ts') && id.startsWith('.') && id.endsWith('.js')) {
        const ts = path.resolve(path.dirname(importer), id.replace(/\.js$/, '.ts'));
        if (existsSync(ts)) return ts;
      }
      return null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const r = await esbuild.transform(code, { loader: 'ts', sourcefile: id, sourcemap: true, format: 'esm' });
      return { code: r.code, map: r.map };
    },
  };
}
