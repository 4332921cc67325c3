// Stable diagnostic codes and their one formatter. The catalogue (DIAGNOSTICS.md) is the
// contract: a code never changes meaning once released, so tooling may match on it.
import type ts from 'typescript';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** `TSP1xxx` lowering, `TSP9000` internal error (DIAGNOSTICS.md). */
  code: string;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like every TypeScript position. */
  column: number;
  /** A one-line suggestion the user can apply, when there is one. */
  fix?: string;
  severity: Severity;
}

/** Codes raised by the front end itself; the lowering's codes live next to its code. */
export const Codes = {
  /** The file does not parse; it is returned unchanged. */
  SyntaxError: 'TSP1000',
  /** Anything thrown by the compiler itself. The file is returned unchanged. */
  InternalError: 'TSP9000',
} as const;

/** `TSP1001: message (fix: …)`: the text without a location, for tools that place it themselves
 * (bundlers attach the location to their own message; the CLI lays out paths its way). */
export function diagnosticText(d: Pick<Diagnostic, 'code' | 'message' | 'fix'>): string {
  return `${d.code}: ${d.message}${d.fix ? ` (fix: ${d.fix})` : ''}`;
}

/** `file:line:col - error TSP1001: message` (tsc's pretty=false layout, so editors link it). */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`;
  return d.fix ? `${head}\n  fix: ${d.fix}` : head;
}

/**
 * What the lowering may report. Its exact type belongs to `lower/`; the front end accepts
 * any of the usual ways to say where (a node, an offset, or a line/column), so the two
 * sides can evolve independently.
 */
export interface LowerDiagnosticLike {
  code: string;
  message: string;
  severity?: Severity;
  fix?: string;
  node?: ts.Node;
  pos?: number;
  start?: number;
  line?: number;
  column?: number;
  col?: number;
  loc?: { line: number; col?: number; column?: number };
}

/** Turn a lowering diagnostic into the public shape, resolving its position in `sf`. */
export function toDiagnostic(
  tsi: typeof ts,
  sf: ts.SourceFile,
  fileName: string,
  d: LowerDiagnosticLike,
): Diagnostic {
  let line = 1;
  let column = 1;
  const offset = d.node ? safeStart(tsi, d.node, sf) : (d.pos ?? d.start);
  if (typeof offset === 'number' && offset >= 0) {
    const lc = sf.getLineAndCharacterOfPosition(Math.min(offset, sf.text.length));
    line = lc.line + 1;
    column = lc.character + 1;
  } else if (d.loc) {
    line = d.loc.line;
    column = d.loc.col ?? d.loc.column ?? 1;
  } else if (typeof d.line === 'number') {
    line = d.line;
    column = d.column ?? d.col ?? 1;
  }
  const out: Diagnostic = {
    code: d.code,
    message: d.message,
    file: fileName,
    line,
    column,
    severity: d.severity ?? 'error',
  };
  if (d.fix) out.fix = d.fix;
  return out;
}

/** The start of a node without its trivia; synthesized nodes fall back to their original. */
function safeStart(tsi: typeof ts, node: ts.Node, sf: ts.SourceFile): number | undefined {
  const original = tsi.getOriginalNode(node);
  if (original.pos < 0 || original.end > sf.text.length) return undefined;
  return original.getStart(sf);
}

/** A diagnostic for an offset in `sf` raised by the front end itself. */
export function diagnosticAt(
  sf: ts.SourceFile,
  fileName: string,
  offset: number,
  code: string,
  message: string,
  severity: Severity = 'error',
): Diagnostic {
  const lc = sf.getLineAndCharacterOfPosition(Math.max(0, Math.min(offset, sf.text.length)));
  return { code, message, file: fileName, line: lc.line + 1, column: lc.character + 1, severity };
}
