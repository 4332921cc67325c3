// `tspoll build`: esbuild with the tspoll plugin, and the runtime resolved from the CLI's own
// dependencies when the user's project does not have it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import tspoll from '@tspoll/unplugin/esbuild';
import { CliError, EXIT_ERRORS } from './errors.js';
import { formatLocated, printReport } from './io.js';

export interface BuildOptions {
  entry: string;
  outfile: string;
  platform: 'node' | 'browser';
  format: 'esm' | 'cjs';
  minify?: boolean;
  sourcemap?: boolean | 'inline';
  /**
   * Leave packages from node_modules out of the bundle and import them by absolute URL
   * (used by `tspoll run`, whose output lives in a temp dir).
   */
  externalPackages?: boolean;
  /** Extra export conditions (tests use `source` to run the workspace from src/). */
  conditions?: string[];
  /** Print what was lowered and what stayed native (`--report`), to stderr. */
  report?: boolean;
  /** What the lowering refuses fails the build (`--strict-lowering`) instead of a warning. */
  strict?: boolean;
}

const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNTIME_RE = /^@tspoll\/runtime(?:\/.*)?$/;
// esbuild filters are Go regexps (no lookahead): pick bare-looking specifiers, refine in JS.
const BARE_RE = /^[^./]/;
const NOT_PACKAGE_RE = /^(?:[a-zA-Z]:|[a-z]+:)/;

/** Resolves `@tspoll/runtime[/...]` (also the import the compiler adds) and, if asked, externalizes packages. */
function resolverPlugin(opts: BuildOptions): esbuild.Plugin {
  return {
    name: 'tspoll-resolve',
    setup(build) {
      const again = { tspollResolving: true };
      build.onResolve({ filter: BARE_RE }, async (args) => {
        if ((args.pluginData as typeof again | undefined)?.tspollResolving || NOT_PACKAGE_RE.test(args.path)) return undefined;
        const isRuntime = RUNTIME_RE.test(args.path);
        if (!isRuntime && !opts.externalPackages) return undefined;
        let r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: again });
        if (r.errors.length && isRuntime) {
          // The user's project does not depend on the runtime: use the CLI's copy.
          r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: CLI_DIR, pluginData: again });
        }
        if (r.errors.length) return { errors: r.errors };
        if (opts.externalPackages && !r.external) {
          return { path: pathToFileURL(r.path).href, external: true };
        }
        return r.external ? { path: r.path, external: true } : { path: r.path, sideEffects: r.sideEffects };
      });
    },
  };
}

export function formatMessage(m: esbuild.Message, severity: 'error' | 'warning'): string {
  const loc = m.location;
  const text = m.text.replace(/^\[unplugin\] tspoll: /, '');
  return formatLocated(loc?.file ? path.resolve(loc.file) : undefined, loc?.line, loc ? loc.column + 1 : undefined, severity, text);
}

function isBuildFailure(e: unknown): e is esbuild.BuildFailure {
  return typeof e === 'object' && e !== null && Array.isArray((e as esbuild.BuildFailure).errors);
}

export async function bundle(opts: BuildOptions): Promise<{ warnings: string[] }> {
  const esm = opts.format === 'esm';
  try {
    const result = await esbuild.build({
      entryPoints: [opts.entry],
      outfile: opts.outfile,
      bundle: true,
      platform: opts.platform,
      format: opts.format,
      target: opts.platform === 'node' ? 'node20' : 'es2022',
      minify: !!opts.minify,
      sourcemap: opts.sourcemap,
      conditions: opts.conditions,
      logLevel: 'silent',
      // CommonJS dependencies bundled into an ES module still call require() for built-ins.
      banner:
        opts.platform === 'node' && esm
          ? { js: "import { createRequire as __tspollCreateRequire } from 'node:module'; const require = __tspollCreateRequire(import.meta.url);" }
          : undefined,
      plugins: [resolverPlugin(opts), tspoll({ report: opts.report ? printReport : undefined, strict: opts.strict })],
    });
    return { warnings: result.warnings.map((w) => formatMessage(w, 'warning')) };
  } catch (e) {
    if (isBuildFailure(e)) {
      const lines = e.errors.map((m) => formatMessage(m, 'error'));
      throw new CliError(`build failed with ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}`, EXIT_ERRORS, lines);
    }
    throw e;
  }
}

/** Syntax check with esbuild's parser, which gives precise one-line messages. */
export function checkSyntax(code: string, file: string): void {
  const ext = path.extname(file).toLowerCase();
  const loader: esbuild.Loader = ext === '.tsx' ? 'tsx' : ext === '.jsx' ? 'jsx' : /^\.[cm]?ts$/.test(ext) ? 'ts' : 'js';
  try {
    esbuild.transformSync(code, { loader, sourcefile: file, logLevel: 'silent' });
  } catch (e) {
    if (isBuildFailure(e)) {
      throw new CliError(`syntax error in ${path.basename(file)}`, EXIT_ERRORS, e.errors.map((m) => formatMessage({ ...m, location: m.location && { ...m.location, file } }, 'error')));
    }
    throw e;
  }
}

export interface ScriptBuildOptions {
  /** The lowered script (`transformSource(..., { script: true })`) and its map. */
  code: string;
  map: { toString(): string } | null;
  /** The user's file: its extension picks the loader; the runtime resolves from its directory. */
  file: string;
  outfile: string;
  minify?: boolean;
  sourcemap?: boolean;
}

/** `@tspoll/runtime/global`: the user's project's copy, else the CLI's own. */
export function globalRuntimePath(fromDir: string): string {
  for (const dir of [fromDir, CLI_DIR]) {
    try {
      return createRequire(path.join(dir, 'noop.js')).resolve('@tspoll/runtime/global');
    } catch {}
  }
  throw new CliError('cannot find @tspoll/runtime/global (dist/tspoll-runtime.global.js): install @tspoll/runtime', EXIT_ERRORS);
}

/**
 * `tspoll build --script`: a classic script stays one. The lowered script is compiled by
 * esbuild on its own (types stripped, minified if asked; no bundling, no wrapper, so top-level
 * declarations stay global) and gets the global runtime at its head, so the output runs alone.
 */
export function buildScript(opts: ScriptBuildOptions): void {
  const runtime = readFileSync(globalRuntimePath(path.dirname(opts.file)), 'utf8').replace(/\n?$/, '\n');
  const ext = path.extname(opts.file).toLowerCase();
  const loader: esbuild.Loader = ext === '.tsx' ? 'tsx' : ext === '.jsx' ? 'jsx' : /^\.[cm]?ts$/.test(ext) ? 'ts' : 'js';
  // The lowering's map goes in inline, so esbuild's map points at the user's file.
  const input = opts.sourcemap && opts.map ? `${opts.code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(opts.map.toString()).toString('base64')}\n` : opts.code;
  let out: esbuild.TransformResult;
  try {
    out = esbuild.transformSync(input, {
      loader,
      sourcefile: opts.file,
      minify: !!opts.minify,
      target: 'es2022',
      sourcemap: opts.sourcemap ? 'external' : false,
      banner: runtime,
      logLevel: 'silent',
    });
  } catch (e) {
    if (isBuildFailure(e)) throw new CliError(`build failed with ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}`, EXIT_ERRORS, e.errors.map((m) => formatMessage({ ...m, location: m.location && { ...m.location, file: opts.file } }, 'error')));
    throw e;
  }
  mkdirSync(path.dirname(opts.outfile), { recursive: true });
  let code = out.code;
  if (opts.sourcemap) {
    const mapFile = `${opts.outfile}.map`;
    // Everything maps to the one file the script came from.
    const map = JSON.parse(out.map) as { sources: string[] };
    map.sources = map.sources.map(() => path.relative(path.dirname(opts.outfile), path.resolve(opts.file)).split(path.sep).join('/'));
    writeFileSync(mapFile, JSON.stringify(map));
    code = `${code.replace(/\n?$/, '\n')}//# sourceMappingURL=${path.basename(mapFile)}\n`;
  }
  writeFileSync(opts.outfile, code);
}
