// Lowering one file's text: parse, run the lowering and the opt-out transformers, splice the
// result into the user's text, and check that what was generated parses (the parse guard).
// The API (index.ts) is a thin layer over `lowerSource`; tests reach it here to add
// transformers of their own.
import vm from 'node:vm';
import ts from 'typescript';
import type { SourceMap } from 'magic-string';
import { Codes, type Diagnostic, diagnosticAt, type LowerDiagnosticLike, type Severity, toDiagnostic } from './diagnostics.js';
import type { Emitted } from './emit.js';
import { type EarlyError, earlyErrors } from './grammar.js';
import { firstError, isAsyncFunction, parseAs } from './guard.js';
import { LowerCodes, MARK_NATIVE } from './lower/diagnostics.js';
import { createChunkedLowering, createLowerTransformer, type LowerOptions } from './lower/index.js';
import type { MachineDescription } from './machines.js';
import { DEFAULT_RUNTIME_MODULE, FILE_OPT_OUT, MAY_HAVE_ASYNC, projectPath } from './options.js';
import { optOutTransformers } from './optout.js';
import { type KeptNative, keptNative } from './report.js';
import { rewriteFile } from './rewrite.js';
import { parseDiagnostics } from './ts-internal.js';

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
  /**
   * What the lowering refuses (a construct it does not handle, TSP1xxx; an internal error,
   * TSP9000) leaves the function, or the file, native: a warning, unless `strict` makes it an
   * error (`tspoll --strict-lowering`, the plugin's `strict`). A syntax error is always one.
   */
  strict?: boolean;
  /**
   * @internal The most characters of top-level statements lowered and printed at once
   * (rewrite.ts); tests make it small to check that chunks change nothing in the output.
   */
  chunkSize?: number;
}

/**
 * Source characters of top-level statements lowered, printed and guarded at once. The lowered
 * tree is about 300 times the size of its source, so a 600 KB file lowered whole held 300 MB
 * of live heap. In chunks this small, a chunk's tree is printed and dropped before the next
 * scavenge, so it never reaches the old generation: peak RSS for that file was 210-220 MB
 * (without a source map) with 4 KB chunks, 380-520 MB with 16-64 KB chunks, 630 MB whole
 * (BENCHMARKS.md). The output does not depend on where the chunks fall (test/chunks.test.ts).
 */
const CHUNK_SIZE = 4 * 1024;

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

/**
 * `transformSource` (print) and `analyzeSource`. `extra` transformers run right after the
 * lowering (tests use them to stand in for a lowering bug).
 */
export function lowerSource(code: string, fileName: string, options: TransformOptions, print: boolean, extra: ts.TransformerFactory<ts.SourceFile>[] = []): TransformResult {
  const unchanged = (diagnostics: Diagnostic[] = [], machines: MachineDescription[] = [], kept: KeptNative[] = [], nativeFile = false): TransformResult => ({
    code,
    map: null,
    diagnostics,
    machines,
    kept,
    nativeFile,
    changed: false,
  });
  if (!MAY_HAVE_ASYNC.test(code)) return unchanged();
  if (FILE_OPT_OUT.test(code)) return unchanged([], [], [], true);
  // What the lowering refuses leaves the function native, so it is a warning unless `strict`.
  const refused: 'error' | 'warning' = options.strict ? 'error' : 'warning';
  let sf: ts.SourceFile | undefined;
  try {
    sf = parse(code, fileName);
    const syntax = syntaxErrors(sf, fileName);
    if (syntax.length > 0) {
      // A JavaScript script the engine parses, which TypeScript's parser rejects (`async function
      // await() {}` in a script, `in` inside an array pattern of a for head): valid code the
      // lowering cannot read, left as written with a warning.
      if (isJavaScript(fileName) && parsesAsScript(code)) {
        const d = syntax[0]!;
        return unchanged([{ ...d, code: LowerCodes.UnsupportedSyntax, severity: refused, message: `TypeScript's parser, which the lowering reads files with, rejects this valid JavaScript (${d.message.replace(/^syntax error: /, '')}); rewrite it, or mark the file with // @tspoll-native-file to keep it native` }]);
      }
      return unchanged(syntax);
    }
    const src = sf;
    // `async` only in comments, strings or names (most files of a build that mention it): the
    // lowering, the splice and the guard would all find nothing to do.
    if (!hasAsyncCode(src)) return unchanged();
    const moduleKind = resolveModuleKind(options.moduleKind ?? 'auto', sf, fileName);
    // Functions whose generated code did not parse: lowered again, they are left native.
    const keepNative = new Map<ts.Node, Diagnostic>();
    // Early errors the user's own code has are the engine's to report, not a lowering bug
    // (asked only once there is output to check).
    let checkGrammar: boolean | undefined;
    // Printing records where each node came from only for a source map, or to blame a function.
    let tracked = options.sourceMap !== false;
    for (;;) {
      const attempt = lowerOnce(src, fileName, options, moduleKind, print, keepNative, refused, extra, tracked);
      if (attempt.emitted === null) return unchanged(attempt.diagnostics, attempt.machines, attempt.kept);
      const { emitted } = attempt;
      // The parse guard: generated code that does not parse is a compiler bug. Name the
      // function behind the first error and lower the file again with it native.
      checkGrammar ??= earlyErrors(ts, src, 1).length === 0;
      const error = guardError(emitted, fileName, checkGrammar);
      if (error === undefined) {
        return { code: emitted.code, map: emitted.map, diagnostics: attempt.diagnostics, machines: attempt.machines, kept: attempt.kept, nativeFile: false, changed: true };
      }
      if (!tracked) {
        // Blaming needs to know which node printed what: the (rare) failing file is lowered
        // again with that bookkeeping on.
        tracked = true;
        continue;
      }
      const fn = enclosingAsyncFunction(src, emitted.origin(error.pos), keepNative);
      const why = error.message;
      if (fn === undefined) {
        // No function to blame: the whole file stays as written (and what the guard blamed
        // before is native anyway).
        const d = diagnosticAt(src, fileName, 0, Codes.InternalError, `internal compiler error: the generated code does not parse (${why}); please report it with the input file, and mark the file with // @tspoll-native-file to keep it native meanwhile`, refused);
        const guarded = new Set(keepNative.values());
        return unchanged([...attempt.diagnostics.filter((x) => !guarded.has(x)), d], attempt.machines, attempt.kept.filter((k) => k.reason !== Codes.InternalError));
      }
      keepNative.set(fn, diagnosticAt(src, fileName, fn.getStart(src), Codes.InternalError, `internal compiler error: the generated code of this function does not parse (${why}); please report it with the input file, and ${MARK_NATIVE} meanwhile`, refused));
    }
  } catch (e) {
    return unchanged([internalError(e, sf, fileName, refused)]);
  }
}

/**
 * The parse guard's first error in `emitted`, checked a piece (whole top-level statements) at
 * a time, so that the syntax tree of only one piece of a large output is alive at once. A
 * piece without edits is the user's text, which parsed (and `grammar` is only asked when the
 * input had no early error of its own).
 */
function guardError(emitted: Emitted, fileName: string, grammar: boolean): EarlyError | undefined {
  const { code } = emitted;
  for (const [start, end] of emitted.edited) {
    const text = start === 0 && end === code.length ? code : code.slice(start, end);
    const error = firstError(ts, parse(text, fileName), grammar);
    if (error !== undefined) return { pos: start + error.pos, message: error.message };
  }
  return undefined;
}

interface Attempt {
  emitted: Emitted | null;
  diagnostics: Diagnostic[];
  machines: MachineDescription[];
  kept: KeptNative[];
}

/** One lowering of the file, with the functions of `keepNative` left as written. */
function lowerOnce(
  sf: ts.SourceFile,
  fileName: string,
  options: TransformOptions,
  moduleKind: 'esm' | 'cjs',
  print: boolean,
  keepNative: ReadonlyMap<ts.Node, Diagnostic>,
  refused: 'error' | 'warning',
  extra: ts.TransformerFactory<ts.SourceFile>[],
  track: boolean,
): Attempt {
  const diagnostics: Diagnostic[] = [];
  const machines: MachineDescription[] = [];
  const kept: KeptNative[] = [];
  const runtimeModule = options.runtimeModule ?? DEFAULT_RUNTIME_MODULE;
  for (const [fn, d] of keepNative) {
    diagnostics.push(d);
    kept.push(keptNative(ts, sf, fn, d.code, d.message));
  }
  const lowerOptions: LowerOptions = {
    runtimeModule,
    moduleKind,
    runtimeGlobal: options.script ? SCRIPT_RUNTIME_GLOBAL : undefined,
    fileName: projectPath(fileName, options.root ?? process.cwd()),
    refusedSeverity: refused,
    keepNative: new Set(keepNative.keys()),
    onDiagnostic: (d) => {
      diagnostics.push(toDiagnostic(ts, sf, fileName, d as LowerDiagnosticLike));
      if (d.fn && d.severity !== 'info') kept.push(keptNative(ts, sf, d.fn, d.code, d.message));
    },
    onMachine: (m: unknown) => machines.push(m as MachineDescription),
  };
  const optOut = optOutTransformers(ts);
  const done = (emitted: Emitted | null): Attempt => {
    kept.push(...optOut.kept.map((fn) => keptNative(ts, sf, fn, '@tspoll-native')));
    kept.sort((a, b) => a.line - b.line || a.column - b.column);
    return { emitted, diagnostics, machines, kept };
  };
  if (!print) {
    // Lowering alone reports the machines; splicing and printing are not needed for them.
    ts.transform(sf, [optOut.before, createLowerTransformer(ts, lowerOptions)], compilerOptions(moduleKind)).dispose();
    return done(null);
  }
  const lowering = createChunkedLowering(ts, lowerOptions, sf);
  const emitted = rewriteFile(ts, sf, fileName, [optOut.before, lowering.transformer, ...extra, optOut.after], {
    sourceMap: options.sourceMap !== false,
    track,
    runtimeModule,
    compilerOptions: compilerOptions(moduleKind),
    chunkSize: options.chunkSize ?? CHUNK_SIZE,
    top: lowering.top,
    // A chunk is whole top-level statements, so every await it lowers sits in an async function
    // whose keyword is in the chunk too: one without the word is as written.
    mayChange: (text) => MAY_HAVE_ASYNC.test(text),
  });
  return done(emitted && emitted.code !== sf.text ? emitted : null);
}

/** Whether `sf` has an async function, method or arrow, or an `await` (all the lowering reads). */
function hasAsyncCode(sf: ts.SourceFile): boolean {
  const visit = (n: ts.Node): boolean | undefined => {
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier !== undefined)) return true;
    if (ts.isFunctionLike(n) && ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return true;
    return ts.forEachChild(n, visit);
  };
  return visit(sf) === true;
}

/** The innermost async function of `sf` around `pos` that is not in `skip`. */
function enclosingAsyncFunction(sf: ts.SourceFile, pos: number, skip: ReadonlyMap<ts.Node, unknown>): ts.Node | undefined {
  let found: ts.Node | undefined;
  if (pos < 0) return undefined;
  const visit = (n: ts.Node): void => {
    if (pos < n.getFullStart() || pos > n.end) return;
    if (isAsyncFunction(ts, n) && !skip.has(n)) found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function parse(code: string, fileName: string): ts.SourceFile {
  return parseAs(ts, code, fileName);
}

function isJavaScript(fileName: string): boolean {
  return /\.[cm]?jsx?$/i.test(fileName) && !/x$/i.test(fileName);
}

/** The engine's own parse of `code` as a classic script (compiled, not run). */
function parsesAsScript(code: string): boolean {
  try {
    new vm.Script(code);
    return true;
  } catch {
    return false;
  }
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

function internalError(e: unknown, sf: ts.SourceFile | undefined, fileName: string, severity: Severity): Diagnostic {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  const message = `internal compiler error: please report it with the input file, and mark the file with // @tspoll-native-file to keep it native meanwhile.\n${detail}`;
  if (sf) return diagnosticAt(sf, fileName, 0, Codes.InternalError, message, severity);
  return { code: Codes.InternalError, message, file: fileName, line: 1, column: 1, severity };
}
