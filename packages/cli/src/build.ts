// `tspoll build`: esbuild with the tspoll plugin, and the runtime resolved from the CLI's own
// dependencies when the user's project does not have it.
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
      plugins: [resolverPlugin(opts), tspoll({ report: opts.report ? printReport : undefined })],
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
