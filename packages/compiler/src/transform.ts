// The ts-patch 4 entry: `{ "plugins": [{ "transform": "@tspoll/compiler/transform" }] }` with
// `tspc`. It is a "program"-type source transformer (ts-patch's default): it runs during emit,
// after type checking, so tsc checks the user's code as written (declared `Promise<T>` stays,
// and so do the .d.ts files), and diagnostics go through ts-patch's `addDiagnostic`.
// TypeScript 7 has no transformer API: TS 7 users use the bundler plugin or the CLI.
import path from 'node:path';
import tsDefault from 'typescript';
import type ts from 'typescript';
import { Codes, type LowerDiagnosticLike, toDiagnostic } from './diagnostics.js';
import { earlyErrors } from './grammar.js';
import { firstError, isAsyncFunction, parseAs } from './guard.js';
import { MARK_NATIVE } from './lower/diagnostics.js';
import { createLowerTransformer } from './lower/index.js';
import { DEFAULT_RUNTIME_MODULE, FILE_OPT_OUT, MAY_HAVE_ASYNC, projectPath } from './options.js';
import { optOutTransformers } from './optout.js';

/** Options accepted in the tsconfig plugin entry, next to `transform`. */
export interface TspollPluginConfig {
  runtimeModule?: string;
  /**
   * What the lowering refuses keeps the function native; tsc cannot show warnings (it fails a
   * build on any diagnostic it prints), so those stay silent unless `strict` makes them errors.
   */
  strict?: boolean;
}

/** What ts-patch passes as the third argument (see ts-patch's `TransformerExtras`). */
export interface TransformerExtras {
  ts: typeof ts;
  addDiagnostic(diagnostic: ts.Diagnostic): number;
}

/**
 * The number tsc prints for a `TSPnnnn` code: 90000 + nnnn (TSP1005 -> TS91005), a range
 * TypeScript does not use, so it cannot be mistaken for one of tsc's own errors.
 */
export function tscCode(code: string): number {
  const n = Number(code.replace(/^TSP/, ''));
  return 90_000 + (Number.isInteger(n) ? n : 9000);
}

/** The directory of the tsconfig the program was built from (else tsc's working directory). */
function projectRoot(program: ts.Program | undefined): string {
  const config = (program?.getCompilerOptions() as { configFilePath?: unknown } | undefined)?.configFilePath;
  if (typeof config === 'string') return path.dirname(config);
  return program?.getCurrentDirectory() ?? process.cwd();
}

export default function tspollTransformer(
  program: ts.Program,
  config: TspollPluginConfig = {},
  extras?: TransformerExtras,
  /** @internal Transformers run right after the lowering (tests stand in a lowering bug with one). */
  extra: ts.TransformerFactory<ts.SourceFile>[] = [],
): ts.TransformerFactory<ts.SourceFile> {
  const tsi = extras?.ts ?? tsDefault;
  // Generated `loc` strings name files relative to the project, never by a path of this machine.
  const root = projectRoot(program);
  const category = { error: tsi.DiagnosticCategory.Error, warning: tsi.DiagnosticCategory.Warning, info: tsi.DiagnosticCategory.Message };
  const report = (sf: ts.SourceFile, code: string, message: string, start: number, length: number, severity: keyof typeof category) => {
    extras?.addDiagnostic({
      file: sf,
      start,
      length,
      category: category[severity],
      code: tscCode(code),
      source: 'tspoll',
      messageText: `${code}: ${message}`,
    });
  };
  return (context) => (sf) => {
    if (sf.isDeclarationFile || !MAY_HAVE_ASYNC.test(sf.text) || FILE_OPT_OUT.test(sf.text)) return sf;
    const options = context.getCompilerOptions();
    const cjs = options.module === tsi.ModuleKind.CommonJS || sf.impliedNodeFormat === tsi.ModuleKind.CommonJS;
    const internalError = (message: string) => report(sf, Codes.InternalError, `internal compiler error: ${message}`, 0, 0, 'error');
    try {
      /** One lowering of the file with the functions of `keepNative` as written; its diagnostics are held back. */
      const lowerWith = (keepNative: ReadonlySet<ts.Node>) => {
        const held: Parameters<typeof report>[] = [];
        const lower = createLowerTransformer(tsi, {
          runtimeModule: config.runtimeModule ?? DEFAULT_RUNTIME_MODULE,
          moduleKind: cjs ? 'cjs' : 'esm',
          fileName: projectPath(sf.fileName, root),
          refusedSeverity: config.strict ? 'error' : 'warning',
          keepNative: new Set(keepNative),
          onDiagnostic(raw: unknown) {
            const lowered = raw as LowerDiagnosticLike;
            const d = toDiagnostic(tsi, sf, sf.fileName, lowered);
            const start = sf.getPositionOfLineAndCharacter(d.line - 1, d.column - 1);
            const node = lowered.node ? tsi.getOriginalNode(lowered.node) : undefined;
            const length = node && node.pos >= 0 ? Math.max(0, node.end - start) : 0;
            // tsc fails the build on any diagnostic it prints, whatever its category, so only
            // errors go through; warnings and notes (e.g. TSP1007) are for the CLI and plugin.
            if (d.severity !== 'error') return;
            held.push([sf, d.code, d.fix ? `${d.message} (fix: ${d.fix})` : d.message, start, length, d.severity]);
          },
        });
        const optOut = optOutTransformers(tsi);
        let out = lower(context)(optOut.before(context)(sf));
        for (const t of extra) out = t(context)(out);
        out = optOut.after(context)(out);
        // The parse guard, as for the API (source.ts): the printed result must parse.
        const error = out === sf ? undefined : firstError(tsi, parseAs(tsi, tsi.createPrinter().printFile(out), sf.fileName), checkGrammar);
        return { out, held, error };
      };
      // Early errors the user's own code has are the engine's to report, not a lowering bug.
      const checkGrammar = earlyErrors(tsi, sf, 1).length === 0;
      let attempt = lowerWith(new Set());
      const broken = new Set<ts.Node>();
      if (attempt.error !== undefined) {
        // Printed output has no map back to the functions: each one is tried alone (the
        // others native) to find those whose generated code does not parse, a compiler bug.
        const all: ts.Node[] = [];
        const collect = (n: ts.Node): void => {
          if (isAsyncFunction(tsi, n)) all.push(n);
          tsi.forEachChild(n, collect);
        };
        collect(sf);
        for (const fn of all) if (lowerWith(new Set(all.filter((x) => x !== fn))).error !== undefined) broken.add(fn);
        const why = attempt.error.message;
        attempt = lowerWith(broken);
        if (broken.size === 0 || attempt.error !== undefined) {
          internalError(`the generated code does not parse (${why}); please report it with the input file, and mark the file with // @tspoll-native-file to keep it native meanwhile`);
          return sf;
        }
      }
      for (const d of attempt.held) report(...d);
      // Only errors reach tsc (above): a function the guard kept native is one with strict lowering.
      if (config.strict) {
        for (const fn of broken) {
          const start = fn.getStart(sf);
          report(sf, Codes.InternalError, `internal compiler error: the generated code of this function does not parse; please report it with the input file, and ${MARK_NATIVE} meanwhile`, start, 0, 'error');
        }
      }
      return attempt.out;
    } catch (e) {
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      internalError(`please report it with the input file, and mark the file with // @tspoll-native-file to keep it native meanwhile.\n${detail}`);
      return sf;
    }
  };
}
