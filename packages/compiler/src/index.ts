// @tspoll/compiler: the public API used by the bundler plugin, the CLI and the tests.
// Lowering itself lives in ./lower; this module parses, runs it, and splices its output
// back into the user's text so that only async functions change.
import ts from 'typescript';
import type { SourceMap } from 'magic-string';
import { Codes, type Diagnostic, diagnosticAt, type LowerDiagnosticLike, toDiagnostic } from './diagnostics.js';
import { createLowerTransformer } from './lower/index.js';
import type { MachineDescription } from './machines.js';
import { DEFAULT_RUNTIME_MODULE, FILE_OPT_OUT, MAY_HAVE_ASYNC, projectPath } from './options.js';
import { optOutTransformers } from './optout.js';
import { type KeptNative, keptNative } from './report.js';
import { rewriteFile } from './rewrite.js';
import { parseDiagnostics } from './ts-internal.js';

export { Codes, type Diagnostic, diagnosticText, formatDiagnostic, type Severity } from './diagnostics.js';
export {
  type MachineDescription,
  type MachineState,
  type MachineTransition,
  type SourceLoc,
  STATES_SCHEMA_VERSION,
  type StatesDocument,
} from './machines.js';

export { DEFAULT_RUNTIME_MODULE, projectPath } from './options.js';
export { type KeptNative, LoweringReport, type LoweringSummary, type ReportedFile } from './report.js';

export interface TransformOptions {
  /** The module generated code imports the ABI from. Default `@tspoll/runtime/abi`. */
  runtimeModule?: string;
  /** How the runtime is imported: `import` (esm), `require` (cjs), or guessed from the file. */
  moduleKind?: 'esm' | 'cjs' | 'auto';
  /** Produce a source map (default true). */
  sourceMap?: boolean;
  /**
   * The project root: the `loc` strings in generated code and the machine descriptions name
   * the file relative to it (default: the working directory). Diagnostics keep `fileName`.
   */
  root?: string;
  /**
   * The file is a classic script and stays one: generated code adds no `import` or `require`
   * and reads the runtime from the global `__tspoll` (SCRIPT_RUNTIME_GLOBAL), which
   * `@tspoll/runtime/global` (dist/tspoll-runtime.global.js) defines; load that script first.
   * Top-level `var`, function declarations and `this` stay the script's (global) ones.
   */
  script?: boolean;
}

/** The global a lowered script (`script: true`) reads the runtime from (ABI.md, section 9). */
export const SCRIPT_RUNTIME_GLOBAL = '__tspoll';

export interface TransformResult {
  code: string;
  /** High-resolution map from `code` to the input; null when unchanged or not asked for. */
  map: SourceMap | null;
  diagnostics: Diagnostic[];
  machines: MachineDescription[];
  /** Async functions left native: by `// @tspoll-native`, or by the error that kept each; in source order. */
  kept: KeptNative[];
  /** The file has `// @tspoll-native-file`: nothing in it is lowered. */
  nativeFile: boolean;
  /** False when `code` is the input, byte for byte. */
  changed: boolean;
}

/** Lower every async function in `code`; everything else stays byte-identical. */
export function transformSource(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
  return lowerSource(code, fileName, options, true);
}

/** The state machines `transformSource` would build, for `--emit-states` (nothing is printed). */
export function analyzeSource(code: string, fileName: string): MachineDescription[] {
  return lowerSource(code, fileName, { sourceMap: false }, false).machines;
}

function lowerSource(code: string, fileName: string, options: TransformOptions, print: boolean): TransformResult {
  const kept: KeptNative[] = [];
  const unchanged = (diagnostics: Diagnostic[] = [], machines: MachineDescription[] = [], nativeFile = false): TransformResult => ({
    code,
    map: null,
    diagnostics,
    machines,
    kept,
    nativeFile,
    changed: false,
  });
  if (!MAY_HAVE_ASYNC.test(code)) return unchanged();
  if (FILE_OPT_OUT.test(code)) return unchanged([], [], true);
  let sf: ts.SourceFile | undefined;
  const diagnostics: Diagnostic[] = [];
  try {
    sf = parse(code, fileName);
    const syntax = syntaxErrors(sf, fileName);
    if (syntax.length > 0) return unchanged(syntax);
    const runtimeModule = options.runtimeModule ?? DEFAULT_RUNTIME_MODULE;
    const moduleKind = resolveModuleKind(options.moduleKind ?? 'auto', sf, fileName);
    const machines: MachineDescription[] = [];
    const src = sf;
    const lower = createLowerTransformer(ts, {
      runtimeModule,
      moduleKind,
      runtimeGlobal: options.script ? SCRIPT_RUNTIME_GLOBAL : undefined,
      fileName: projectPath(fileName, options.root ?? process.cwd()),
      onDiagnostic: (d) => {
        diagnostics.push(toDiagnostic(ts, src, fileName, d as LowerDiagnosticLike));
        if (d.fn && d.severity === 'error') kept.push(keptNative(ts, src, d.fn, d.code, d.message));
      },
      onMachine: (m: unknown) => machines.push(m as MachineDescription),
    });
    const optOut = optOutTransformers(ts);
    const keptByComment = () => {
      kept.push(...optOut.kept.map((fn) => keptNative(ts, src, fn, '@tspoll-native')));
      kept.sort((a, b) => a.line - b.line || a.column - b.column);
    };
    if (!print) {
      // Lowering alone reports the machines; splicing and printing are not needed for them.
      ts.transform(sf, [optOut.before, lower], compilerOptions(moduleKind)).dispose();
      keptByComment();
      return unchanged(diagnostics, machines);
    }
    const emitted = rewriteFile(ts, sf, fileName, [optOut.before, lower, optOut.after], {
      sourceMap: options.sourceMap !== false,
      runtimeModule,
      compilerOptions: compilerOptions(moduleKind),
    });
    keptByComment();
    if (!emitted || emitted.code === code) return unchanged(diagnostics, machines);
    return { code: emitted.code, map: emitted.map, diagnostics, machines, kept, nativeFile: false, changed: true };
  } catch (e) {
    diagnostics.push(internalError(e, sf, fileName));
    return unchanged(diagnostics);
  }
}

function parse(code: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, scriptKind(fileName));
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.[cm]?jsx?$/i.test(fileName)) return /x$/i.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function syntaxErrors(sf: ts.SourceFile, fileName: string): Diagnostic[] {
  return parseDiagnostics(sf).map((d) =>
    diagnosticAt(sf, fileName, d.start, Codes.SyntaxError, `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
  );
}

/** `.cts`/`.cjs` are CommonJS; otherwise a file with no import/export that uses `require` is. */
export function resolveModuleKind(kind: 'esm' | 'cjs' | 'auto', sf: ts.SourceFile, fileName: string): 'esm' | 'cjs' {
  if (kind !== 'auto') return kind;
  if (/\.c[jt]s$/i.test(fileName)) return 'cjs';
  if (/\.m[jt]s$/i.test(fileName)) return 'esm';
  const esm = sf.statements.some(
    (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
  if (esm) return 'esm';
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sf.text) ? 'cjs' : 'esm';
}

function compilerOptions(moduleKind: 'esm' | 'cjs'): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ESNext,
    module: moduleKind === 'cjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
    noEmitHelpers: true,
  };
}

function internalError(e: unknown, sf: ts.SourceFile | undefined, fileName: string): Diagnostic {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  const message = `internal compiler error: please report it with the input file, and mark the file with // @tspoll-native-file to keep it native meanwhile.\n${detail}`;
  if (sf) return diagnosticAt(sf, fileName, 0, Codes.InternalError, message);
  return { code: Codes.InternalError, message, file: fileName, line: 1, column: 1, severity: 'error' };
}
