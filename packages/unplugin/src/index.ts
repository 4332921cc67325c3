// The tspoll bundler plugin: lowers `async` functions into poll state machines while a
// bundler loads each module. One definition serves esbuild, Vite and Rollup (unplugin).
import { createRequire } from 'node:module';
import path from 'node:path';
import { createUnplugin, type FilterPattern, type UnpluginInstance } from 'unplugin';
import { diagnosticText, LoweringReport, projectPath, transformSource } from '@tspoll/compiler';
import { LoweredFiles, setupRemap } from './esbuild-messages.js';

export interface TspollPluginOptions {
  /**
   * Modules to lower (ids/paths; RegExp or picomatch globs).
   * Default: files ending in `.ts`, `.tsx`, `.mts`, `.js` or `.mjs`.
   */
  include?: FilterPattern;
  /**
   * Modules to leave alone, checked before `include`.
   * Default: anything under `node_modules` and the tspoll runtime itself.
   */
  exclude?: FilterPattern;
  /** The module generated code imports the ABI from. Default: `@tspoll/runtime/abi`. */
  runtimeModule?: string;
  /** Emit source maps for lowered modules (default true). */
  sourceMap?: boolean;
  /**
   * The project root that generated code names files relative to (`loc` in `defineMachine`).
   * Default: Vite's `root`, esbuild's `absWorkingDir`, else the working directory.
   */
  root?: string;
  /**
   * At the end of each build, say what was lowered: `true` prints the counts of files and
   * functions lowered and kept native, and each one kept native with its reason, to stderr;
   * a function receives the report instead (`report.summary()`, `report.format()`).
   */
  report?: boolean | ((report: LoweringReport) => void);
  /**
   * What the lowering refuses (TSP1xxx, TSP9000) keeps the function native with a warning; with
   * `strict: true` it is an error that fails the build.
   */
  strict?: boolean;
}

export const DEFAULT_INCLUDE: RegExp[] = [/\.(?:ts|tsx|mts|js|mjs)(?:\?.*)?$/];
export const DEFAULT_EXCLUDE: RegExp[] = [/[\\/]node_modules[\\/]/];

/** Cheap pre-check on the module text: no `async` keyword, nothing to lower. */
export const ASYNC_CODE_FILTER = /\basync\b/;

/** `TSP1001: message (fix: ...)`, the text shown by every bundler (the compiler's own). */
export { diagnosticText };

/** The directory of the runtime package, whose own sources are never lowered. */
function runtimeRoot(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@tspoll/runtime');
    // .../runtime/dist/index.js or .../runtime/src/index.ts → .../runtime/
    return path.dirname(path.dirname(entry)) + path.sep;
  } catch {
    return undefined;
  }
}

function toArray(p: FilterPattern | undefined): (string | RegExp)[] {
  if (p === undefined || p === null) return [];
  return Array.isArray(p) ? [...p] : [p as string | RegExp];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function resolveFilters(options: TspollPluginOptions): { include: (string | RegExp)[]; exclude: (string | RegExp)[] } {
  const include = options.include === undefined ? DEFAULT_INCLUDE : toArray(options.include);
  const exclude = options.exclude === undefined ? [...DEFAULT_EXCLUDE] : toArray(options.exclude);
  // The runtime is excluded whatever the user configures: lowering it would make it import itself.
  exclude.push(/[\\/]@tspoll[\\/]runtime[\\/]/);
  const root = runtimeRoot();
  if (root) {
    exclude.push(new RegExp('^' + escapeRegExp(root.split(path.sep).join('/'))));
  }
  return { include, exclude };
}

export const unplugin: UnpluginInstance<TspollPluginOptions | undefined, false> = createUnplugin(
  (rawOptions: TspollPluginOptions | undefined, meta) => {
    const options = rawOptions ?? {};
    const { include, exclude } = resolveFilters(options);
    // esbuild reports positions in the code it was given: keep each lowered file's map to
    // move them back onto the user's lines (esbuild-messages.ts).
    const lowered = meta.framework === 'esbuild' ? new LoweredFiles() : undefined;
    let root = options.root ?? process.cwd();
    const report = options.report ? new LoweringReport() : undefined;
    return {
      name: 'tspoll',
      enforce: 'pre',
      buildStart() {
        report?.clear();
      },
      buildEnd() {
        if (!report) return;
        if (typeof options.report === 'function') options.report(report);
        else process.stderr.write(report.format((file) => projectPath(file, root)));
      },
      esbuild: {
        // esbuild calls into JS for every file its onLoad filter matches: keep it to source files.
        onLoadFilter: /\.(?:[cm]?[jt]sx?)$/,
        setup(build) {
          root = options.root ?? build.initialOptions.absWorkingDir ?? root;
          setupRemap(build, lowered!);
        },
      },
      vite: {
        configResolved(config) {
          root = options.root ?? config.root;
        },
      },
      transform: {
        filter: { id: { include, exclude }, code: ASYNC_CODE_FILTER },
        handler(code: string, id: string) {
          const file = id.replace(/[?#].*$/, '');
          const result = transformSource(code, file, {
            runtimeModule: options.runtimeModule,
            moduleKind: 'auto',
            sourceMap: options.sourceMap !== false || lowered !== undefined,
            root,
            strict: options.strict,
          });
          report?.add(file, result);
          let failed = false;
          for (const d of result.diagnostics) {
            const message = {
              id: file,
              message: diagnosticText(d),
              loc:
                d.line !== undefined
                  ? { file: d.file ?? file, line: d.line, column: Math.max(0, (d.column ?? 1) - 1) }
                  : undefined,
              // Rollup's RollupError / esbuild's Message both carry the code along.
              code: String(d.code),
            };
            if (d.severity === 'warning' || d.severity === 'info') this.warn(message);
            else {
              failed = true;
              this.error(message); // throws in Rollup/Vite; collected by esbuild
            }
          }
          if (failed || !result.changed) return null;
          if (lowered && result.map) lowered.add(file, code, result.map);
          return { code: result.code, map: options.sourceMap === false ? null : (result.map as never) };
        },
      },
    };
  },
);

export default unplugin;
