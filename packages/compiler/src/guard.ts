// The parse guard's check, shared by the API (source.ts) and the ts-patch entry (transform.ts):
// lowered output is parsed again, and generated code that does not parse is a lowering bug.
import type ts from 'typescript';
import { type EarlyError, earlyErrors } from './grammar.js';
import { parseDiagnostics } from './ts-internal.js';

export function parseAs(tsi: typeof ts, code: string, fileName: string): ts.SourceFile {
  return tsi.createSourceFile(fileName, code, tsi.ScriptTarget.Latest, true, scriptKind(tsi, fileName));
}

function scriptKind(tsi: typeof ts, fileName: string): ts.ScriptKind {
  if (/\.[cm]?jsx?$/i.test(fileName)) return /x$/i.test(fileName) ? tsi.ScriptKind.JSX : tsi.ScriptKind.JS;
  return /\.tsx$/i.test(fileName) ? tsi.ScriptKind.TSX : tsi.ScriptKind.TS;
}

/**
 * The first syntax error of lowered output: TypeScript's parser's, else (with `grammar`: the
 * input had none of its own) an early error it leaves out.
 */
export function firstError(tsi: typeof ts, out: ts.SourceFile, grammar: boolean): EarlyError | undefined {
  const d = parseDiagnostics(out)[0];
  if (d !== undefined) return { pos: d.start ?? 0, message: tsi.flattenDiagnosticMessageText(d.messageText, ' ') };
  return grammar ? earlyErrors(tsi, out, 1)[0] : undefined;
}

/** Async functions with a body, the units the guard keeps native. */
export function isAsyncFunction(tsi: typeof ts, n: ts.Node): boolean {
  return tsi.isFunctionLike(n) && (tsi.getCombinedModifierFlags(n as ts.Declaration) & tsi.ModifierFlags.Async) !== 0 && (n as ts.FunctionLikeDeclaration).body !== undefined;
}
