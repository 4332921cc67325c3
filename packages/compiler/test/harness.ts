// Differential harness: every fixture runs natively and lowered, and the two runs must agree.
// All fixtures are bundled in ONE esbuild call (native and lowered entries, plus the runtime as
// a shared chunk), then imported with Node's own loader so the code runs exactly as shipped.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { type Diagnostic, transformSource } from '../src/index.js';

export const COMPILER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(COMPILER_DIR, '../..');
export const TMP_DIR = path.join(COMPILER_DIR, '.tmp');

/** Fixture files in `dir`: `*.ts`, except `_`-prefixed support modules. */
export function listFixtures(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function fixtureName(file: string): string {
  return path.basename(file).replace(/\.ts$/, '');
}

export interface LoweredFile {
  file: string;
  code: string;
  changed: boolean;
  diagnostics: Diagnostic[];
  /** Set when the compiler's output does not parse. */
  syntaxError?: string;
}

export interface Bundle {
  /** Absolute path of each fixture's native and lowered module, by fixture name. */
  native: Map<string, string>;
  lowered: Map<string, string>;
  /** `@tspoll/runtime` from the same chunks the lowered code uses (one copy of the runtime). */
  runtime: string;
  /** What the compiler did with each source file it lowered. */
  compiled: Map<string, LoweredFile>;
  /** Remove the bundle's directory (call from afterAll). */
  dispose(): void;
}

const LOWERED = 'lowered:';

/** esbuild plugin: `lowered:<path>` entries, and their relative imports, go through the compiler. */
function loweringPlugin(compiled: Map<string, LoweredFile>): esbuild.Plugin {
  return {
    name: 'tspoll-lower',
    setup(build) {
      build.onResolve({ filter: /^lowered:/ }, (args) => ({ path: args.path.slice(LOWERED.length), namespace: 'lowered' }));
      build.onResolve({ filter: /^\.\.?\//, namespace: 'lowered' }, async (args) => {
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind });
        if (r.errors.length > 0) return { errors: r.errors };
        return { path: r.path, namespace: 'lowered' };
      });
      // Fixtures live outside any package; the runtime resolves from the compiler package,
      // with the `source` condition, exactly as the tests see it.
      build.onResolve({ filter: /^@tspoll\/runtime(\/|$)/ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        const r = await build.resolve(args.path, { resolveDir: COMPILER_DIR, kind: args.kind, pluginData: 'inner' });
        return r.errors.length > 0 ? { errors: r.errors } : { path: r.path };
      });
      build.onLoad({ filter: /.*/, namespace: 'lowered' }, async (args) => {
        const code = await readFile(args.path, 'utf8');
        const out = transformSource(code, args.path, { sourceMap: true });
        const entry: LoweredFile = { file: args.path, code: out.code, changed: out.changed, diagnostics: out.diagnostics };
        compiled.set(args.path, entry);
        const loader = args.path.endsWith('x') ? 'tsx' : 'ts';
        // Output that does not parse would fail the whole bundle; instead that one module
        // throws when loaded, so only its fixture fails, with the reason.
        entry.syntaxError = await esbuild.transform(out.code, { loader }).then(
          () => undefined,
          (e: esbuild.TransformFailure) => e.errors.map((x) => `${x.text} at ${x.location?.line}:${x.location?.column}: ${x.location?.lineText.trim()}`).join('; '),
        );
        if (entry.syntaxError !== undefined) {
          const message = `lowered output of ${path.basename(args.path)} does not parse: ${entry.syntaxError}`;
          return { contents: `throw new Error(${JSON.stringify(message)});\nexport {};\n`, loader: 'js' };
        }
        const contents = out.map ? `${out.code}\n//# sourceMappingURL=${out.map.toUrl()}\n` : out.code;
        return { contents, loader, resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** Bundle `files` natively and lowered into `.tmp/<label>/`, in one esbuild call. */
export async function bundleFixtures(files: string[], label: string): Promise<Bundle> {
  const outdir = path.join(TMP_DIR, `${label}-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  const compiled = new Map<string, LoweredFile>();
  const entryPoints: { in: string; out: string }[] = [{ in: '@tspoll/runtime', out: 'runtime' }];
  for (const f of files) {
    entryPoints.push({ in: f, out: `native/${fixtureName(f)}` }, { in: LOWERED + f, out: `lowered/${fixtureName(f)}` });
  }
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // Node 20 has no `using`: esbuild downlevels it for the native runs.
    target: 'node20',
    conditions: ['source'],
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [loweringPlugin(compiled)],
  });
  const at = (kind: string) => new Map(files.map((f) => [fixtureName(f), path.join(outdir, kind, `${fixtureName(f)}.mjs`)]));
  return {
    native: at('native'),
    lowered: at('lowered'),
    runtime: path.join(outdir, 'runtime.mjs'),
    compiled,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * Load a bundle with Node's own loader, not vitest's module runner (which would transform it
 * again, and whose vm context has no dynamic-import hook). Node 20.19+ can `require()` ES
 * modules without top-level await, which is what esbuild emits here.
 */
const nodeRequire = createRequire(import.meta.url);

export async function importFile(file: string): Promise<Record<string, unknown>> {
  return nodeRequire(file) as Record<string, unknown>;
}

export interface RunOutcome {
  log: string[];
  result?: unknown;
  error?: { name: string; message: string };
  /** `main` is a lowered function (the runtime's `isLowered`). */
  lowered: boolean;
  /** `main()` returned a native Promise, as an async function does. */
  promise: boolean;
}

/** Run a fixture module's `main(log)` to completion (or `timeoutMs`). */
export async function runMain(file: string, isLowered: (fn: unknown) => boolean, timeoutMs = 5_000): Promise<RunOutcome> {
  const mod = await importFile(file);
  const log: string[] = [];
  const main = mod.main as (log: string[]) => unknown;
  let timer: NodeJS.Timeout | undefined;
  const lowered = isLowered(main);
  let promise = false;
  try {
    const ret = main(log);
    promise = ret instanceof Promise;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const result = await Promise.race([ret, timeout]);
    return { log, result, lowered, promise };
  } catch (e) {
    return { log, error: describeError(e), lowered, promise };
  } finally {
    clearTimeout(timer);
  }
}

export function describeError(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: typeof e, message: String(e) };
}

/** The source of a fixture, for tests that read their own expectations out of comments. */
export function readSource(file: string): string {
  return readFileSync(file, 'utf8');
}
