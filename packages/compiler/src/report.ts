// What was lowered and what stayed native, and why: per file (TransformResult.kept) and summed
// over a build (LoweringReport), for `tspoll build --report` and the plugin's `report` option.
import type ts from 'typescript';
import { diagnosticText } from './diagnostics.js';

/** An async function left native: by `// @tspoll-native`, or by the error that kept it. */
export interface KeptNative {
  /** Its name (the declaration's, the variable's or property's it initialises), or `(anonymous)`. */
  name: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** `@tspoll-native`, or the diagnostic code (`TSP1004`). */
  reason: string;
  /** The diagnostic's message, when an error kept it. */
  message?: string;
}

/** The name a reader knows a function by. */
function functionName(tsi: typeof ts, fn: ts.Node): string {
  const named = (n: ts.Node | undefined): string | undefined => {
    const name = (n as { name?: ts.Node } | undefined)?.name;
    return name && (tsi.isIdentifier(name) || tsi.isPrivateIdentifier(name) || tsi.isStringLiteral(name) || tsi.isNumericLiteral(name)) ? name.text : undefined;
  };
  let p = fn.parent;
  while (p && (tsi.isParenthesizedExpression(p) || tsi.isAsExpression(p) || tsi.isSatisfiesExpression(p))) p = p.parent;
  const holder = p && (tsi.isVariableDeclaration(p) || tsi.isPropertyAssignment(p) || tsi.isPropertyDeclaration(p)) ? p : undefined;
  return named(fn) ?? named(holder) ?? '(anonymous)';
}

export function keptNative(tsi: typeof ts, sf: ts.SourceFile, fn: ts.Node, reason: string, message?: string): KeptNative {
  const lc = sf.getLineAndCharacterOfPosition(fn.pos >= 0 ? fn.getStart(sf) : 0);
  const out: KeptNative = { name: functionName(tsi, fn), line: lc.line + 1, column: lc.character + 1, reason };
  if (message !== undefined) out.message = message;
  return out;
}

/** What `LoweringReport.add` needs of a TransformResult. */
export interface ReportedFile {
  changed: boolean;
  machines: readonly unknown[];
  kept: readonly KeptNative[];
  /** The file has `// @tspoll-native-file`. */
  nativeFile: boolean;
  diagnostics: readonly { code: string; message: string; severity: string; line: number; column: number }[];
}

/** The diagnostic that kept the whole file from being lowered (a syntax error, an internal error, a script using `__tspoll`). */
function fileError(r: ReportedFile): ReportedFile['diagnostics'][number] | undefined {
  if (r.changed || r.machines.length > 0 || r.kept.length > 0) return undefined;
  return r.diagnostics.find((d) => d.severity === 'error') ?? r.diagnostics.find((d) => d.severity === 'warning');
}

export interface LoweringSummary {
  files: { lowered: number; native: number };
  functions: { lowered: number; native: number };
  /** Every function kept native, and every file kept native whole (`name: '*'`), by file and line. */
  native: Array<KeptNative & { file: string }>;
}

/** Sums the results of a build's files. Files without an async function are not counted. */
export class LoweringReport {
  private readonly files = new Map<string, ReportedFile>();

  add(file: string, result: ReportedFile): void {
    if (result.nativeFile || result.machines.length > 0 || result.kept.length > 0 || fileError(result)) this.files.set(file, result);
  }

  clear(): void {
    this.files.clear();
  }

  summary(): LoweringSummary {
    const s: LoweringSummary = { files: { lowered: 0, native: 0 }, functions: { lowered: 0, native: 0 }, native: [] };
    for (const [file, r] of [...this.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (r.changed) s.files.lowered++;
      else s.files.native++;
      s.functions.lowered += r.machines.length;
      s.functions.native += r.kept.length;
      if (r.nativeFile) s.native.push({ file, name: '*', line: 1, column: 1, reason: '@tspoll-native-file' });
      const error = fileError(r);
      if (error) s.native.push({ file, name: '*', line: error.line, column: error.column, reason: error.code, message: error.message });
      for (const k of r.kept) s.native.push({ file, ...k });
    }
    return s;
  }

  /**
   * ```
   * tspoll: lowered 5 async functions in 2 files; kept 2 functions native, and one whole file
   *   src/legacy.ts  whole file (// @tspoll-native-file)
   *   src/main.ts:12:1  handler  (// @tspoll-native)
   *   src/main.ts:20:3  withEval  TSP1004: direct eval can read ...
   * ```
   * `display` turns a file name into what to print (e.g. relative to the working directory).
   */
  format(display: (file: string) => string = (f) => f): string {
    const s = this.summary();
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const nativeFiles = s.native.filter((k) => k.name === '*').length;
    let head = `tspoll: lowered ${plural(s.functions.lowered, 'async function')} in ${plural(s.files.lowered, 'file')}; kept ${plural(s.functions.native, 'function')} native`;
    if (nativeFiles > 0) head += `, and ${nativeFiles === 1 ? 'one whole file' : `${nativeFiles} whole files`}`;
    const lines = [head];
    for (const k of s.native) {
      const why = k.message === undefined ? `(// ${k.reason})` : diagnosticText({ code: k.reason, message: k.message.split('\n')[0]! });
      if (k.name === '*' && k.message === undefined) lines.push(`  ${display(k.file)}  whole file ${why}`);
      else lines.push(`  ${display(k.file)}:${k.line}:${k.column}  ${k.name === '*' ? 'whole file' : k.name}  ${why}`);
    }
    return lines.join('\n') + '\n';
  }
}
