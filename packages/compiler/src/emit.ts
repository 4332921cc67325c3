// Applies the splice's edits with magic-string, so every byte outside them is the user's,
// and refines the source map inside them with the printer's per-node positions.
import MagicString, { SourceMap, type SourceMapSegment } from 'magic-string';
import type ts from 'typescript';
import type { NodePrinter, Segment } from './print.js';
import type { Edit } from './splice.js';

export interface Emitted {
  code: string;
  map: SourceMap | null;
  /**
   * The offset in the input that output offset `offset` came from: outside the edits the text
   * is the input's; inside one, the nearest node the printer placed before it, else the start
   * of what the edit replaced (-1 for text an insertion added before any such node). For
   * naming the user's code behind a generated position.
   */
  origin(offset: number): number;
  /**
   * The [start, end) ranges of `code` that hold edits, each made of whole top-level statements
   * (a chunk of rewrite.ts), so the parse guard can check one piece at a time, and only what
   * the edits changed.
   */
  edited: [number, number][];
}

/** An edit once printed: where it goes, and its text. It holds no node (see renderEdit). */
export interface Rendered {
  edit: Pick<Edit, 'kind' | 'start' | 'end'>;
  text: string;
  segments: Segment[];
}

/**
 * Apply rendered edits to `sf` and (if asked) map them. `chunkStarts` are the input offsets
 * where the pieces of Emitted.edited begin. Of edits of the same kind at the same place, the
 * one earlier in `unsorted` comes first.
 */
export function applyRendered(sf: ts.SourceFile, fileName: string, unsorted: Rendered[], sourceMap: boolean, chunkStarts: number[] = [0]): Emitted {
  const rendered = unsorted.slice().sort(byOutputOrder);
  const s = new MagicString(sf.text, { filename: fileName });
  // Overwrites first: magic-string keeps inserts (intro/outro) made after an overwrite.
  for (const r of rendered) {
    if (r.edit.kind !== 'overwrite') continue;
    if (r.text === '') s.remove(r.edit.start, r.edit.end);
    else s.overwrite(r.edit.start, r.edit.end, r.text);
  }
  for (const r of rendered) {
    if (r.edit.kind === 'after') s.appendLeft(r.edit.start, r.text);
    else if (r.edit.kind === 'before') s.appendRight(r.edit.start, r.text);
  }
  const code = s.toString();
  const origin = (offset: number) => originOf(sf.text, rendered, offset);
  const edited = editedPieces(rendered, chunkStarts, code.length);
  if (!sourceMap) return { code, map: null, origin, edited };
  const decoded = s.generateDecodedMap({ hires: true, includeContent: true, source: fileName, file: fileName });
  delete decoded.rangeMappings;
  const starts = outputStarts(sf.text, rendered);
  // The bookkeeping must agree with magic-string; if it ever does not, the coarse map stays.
  if (starts && code === rebuild(sf.text, rendered)) {
    decoded.mappings = refine(decoded.mappings, code, sf, rendered, starts);
  }
  return { code, map: new SourceMap(decoded), origin, edited };
}

/**
 * Emitted.edited: the output range of each piece (input [chunkStarts[k], chunkStarts[k + 1]))
 * that an edit falls in. Text inserted `after` what ends at a boundary belongs to the piece
 * before it; `rendered` is in output order.
 */
function editedPieces(rendered: Rendered[], chunkStarts: number[], outputLength: number): [number, number][] {
  const starts: number[] = []; // output offset of each piece
  const hasEdit: boolean[] = [];
  let delta = 0;
  let r = 0;
  for (let k = 0; k < chunkStarts.length; k++) {
    const end = chunkStarts[k + 1] ?? Infinity;
    // Edits before this piece's start were counted with the piece before.
    starts.push(chunkStarts[k]! + delta);
    let edits = false;
    for (; r < rendered.length; r++) {
      const e = rendered[r]!.edit;
      if (e.start > end || (e.start === end && e.kind !== 'after')) break;
      edits = true;
      delta += rendered[r]!.text.length - (e.end - e.start);
    }
    hasEdit.push(edits);
  }
  const out: [number, number][] = [];
  for (let k = 0; k < starts.length; k++) if (hasEdit[k]) out.push([starts[k]!, starts[k + 1] ?? outputLength]);
  return out;
}

/** Emitted.origin: walk the edits in output order, as `rebuild` lays them out. */
function originOf(original: string, rendered: Rendered[], offset: number): number {
  let at = 0; // input offset
  let out = 0; // output offset of `at`
  for (const r of rendered) {
    const plain = r.edit.start - at;
    if (offset < out + plain) return at + (offset - out);
    out += plain;
    if (offset < out + r.text.length) {
      const gen = offset - out;
      // Inserted text before any node the printer placed came from nowhere in the input.
      let src = r.edit.kind === 'overwrite' ? r.edit.start : -1;
      for (const seg of r.segments) if (seg.gen <= gen) src = seg.src;
      return src;
    }
    out += r.text.length;
    at = r.edit.end;
  }
  return Math.min(original.length, at + (offset - out));
}

/**
 * Print an edit's nodes with its indentation and separators, shifting segments to match. The
 * result holds no node, so the printed tree can be collected while the rest is printed.
 */
export function renderEdit(edit: Edit, printer: NodePrinter): Rendered {
  let text = '';
  const segments: Segment[] = [];
  const sep = '\n' + edit.indent;
  edit.nodes.forEach((node, i) => {
    if (i > 0) text += sep;
    const printed = printer.print(node);
    const open = edit.parens ? '(' : '';
    const body = indentLines(printer.tsi, printed.text, edit.indent);
    for (const seg of printed.segments) segments.push({ gen: text.length + open.length + body.shift(seg.gen), src: seg.src });
    text += open + body.text + (edit.parens ? ')' : '');
  });
  if (edit.kind === 'after' && text) {
    for (const seg of segments) seg.gen += sep.length;
    text = sep + text;
  } else if (edit.kind === 'before' && text) {
    text += sep;
  }
  return { edit: { kind: edit.kind, start: edit.start, end: edit.end }, text: flatten(text), segments };
}

/**
 * The printer builds its text with `+=`, one piece per token, and V8 keeps such a string as a
 * tree of its pieces (32 bytes a piece) until something reads it whole: held until the file
 * is done, the rendered edits of a 20k-line file took 50 MB that way. A regular expression
 * needs its subject flat, so testing one flattens the string in place.
 */
function flatten(text: string): string {
  ANY.test(text);
  return text;
}
const ANY = /^/;

/**
 * Indent every non-empty line after the first, except lines that start inside a token (a
 * template literal, a string continued with a backslash), whose text is the value;
 * `shift` maps old offsets to new ones.
 */
function indentLines(tsi: typeof ts, text: string, indent: string): { text: string; shift(offset: number): number } {
  if (!indent || !text.includes('\n')) return { text, shift: (o) => o };
  const lines = text.split('\n');
  const inToken = linesInsideTokens(tsi, text);
  const added: number[] = []; // characters added before line i
  let total = 0;
  const out = lines.map((line, i) => {
    const indented = i > 0 && line.length > 0 && !inToken.has(i);
    if (indented) total += indent.length;
    added.push(total);
    return indented ? indent + line : line;
  });
  const lineStarts: number[] = [];
  let pos = 0;
  for (const line of lines) {
    lineStarts.push(pos);
    pos += line.length + 1;
  }
  return {
    text: out.join('\n'),
    shift(offset) {
      return offset + added[lineOf(lineStarts, offset)]!;
    },
  };
}

/** Lines (by index) that begin inside a multi-line token: only templates and strings can. */
function linesInsideTokens(tsi: typeof ts, text: string): Set<number> {
  const out = new Set<number>();
  if (!text.includes('`') && !/\\\r?\n/.test(text)) return out;
  const K = tsi.SyntaxKind;
  const scanner = tsi.createScanner(tsi.ScriptTarget.Latest, true, tsi.LanguageVariant.Standard, text);
  // Braces open inside `${...}` of a template: at the matching `}` the template goes on.
  const braces: boolean[] = [];
  let line = 0;
  let lineStart = 0;
  const protect = (start: number, end: number) => {
    for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) {
      while (lineStart <= at) {
        lineStart = text.indexOf('\n', lineStart) + 1;
        line++;
      }
      out.add(line);
    }
  };
  // A `/` after what cannot end an operand starts a regular expression (which may hold a `).
  const endsOperand = (t: ts.SyntaxKind) =>
    t === K.Identifier || t === K.CloseParenToken || t === K.CloseBracketToken || t === K.CloseBraceToken || t === K.ThisKeyword ||
    t === K.NumericLiteral || t === K.BigIntLiteral || t === K.StringLiteral || t === K.NoSubstitutionTemplateLiteral || t === K.TemplateTail ||
    t === K.RegularExpressionLiteral || t === K.PlusPlusToken || t === K.MinusMinusToken || t === K.TrueKeyword || t === K.FalseKeyword || t === K.NullKeyword;
  let prev: ts.SyntaxKind = K.Unknown;
  for (let t = scanner.scan(); t !== K.EndOfFileToken; prev = t, t = scanner.scan()) {
    if ((t === K.SlashToken || t === K.SlashEqualsToken) && !endsOperand(prev)) t = scanner.reScanSlashToken();
    if (t === K.OpenBraceToken) braces.push(false);
    else if (t === K.TemplateHead) braces.push(true);
    else if (t === K.CloseBraceToken && braces.length > 0 && braces[braces.length - 1]) {
      t = scanner.reScanTemplateToken(false);
      if (t === K.TemplateTail) braces.pop();
    } else if (t === K.CloseBraceToken) braces.pop();
    if (t === K.StringLiteral || t === K.NoSubstitutionTemplateLiteral || t === K.TemplateHead || t === K.TemplateMiddle || t === K.TemplateTail) {
      protect(scanner.getTokenStart(), scanner.getTokenEnd());
    }
  }
  return out;
}

/** The line (index into `lineStarts`) holding `offset`: the last start at or before it. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const RANK = { after: 0, before: 1, overwrite: 2 } as const;

/** The order in which edits' texts appear in the output. */
function byOutputOrder(a: Rendered, b: Rendered): number {
  return a.edit.start - b.edit.start || RANK[a.edit.kind] - RANK[b.edit.kind];
}

/** Output offset where each edit's text starts; null if edits overlap (then no refinement). */
function outputStarts(original: string, rendered: Rendered[]): number[] | null {
  const starts: number[] = [];
  let delta = 0;
  let lastEnd = 0;
  for (const r of rendered) {
    if (r.edit.start < lastEnd || r.edit.end > original.length) return null;
    starts.push(r.edit.start + delta);
    delta += r.text.length - (r.edit.end - r.edit.start);
    lastEnd = r.edit.end;
  }
  return starts;
}

/** The output by plain concatenation, to cross-check magic-string. */
function rebuild(original: string, rendered: Rendered[]): string {
  let out = '';
  let at = 0;
  for (const r of rendered) {
    out += original.slice(at, r.edit.start) + r.text;
    at = r.edit.end;
  }
  return out + original.slice(at);
}

/** Replace magic-string's coarse segments inside each edit with the printer's. */
function refine(
  mappings: SourceMapSegment[][],
  code: string,
  sf: ts.SourceFile,
  rendered: Rendered[],
  starts: number[],
): SourceMapSegment[][] {
  // A large file has hundreds of thousands of segments: built straight into each line's final
  // array, with no per-segment position object and no per-line set (they made the source map
  // the peak of a 20k-line file's memory).
  const outLines = computeLineStarts(code);
  const srcLines = sf.getLineStarts();
  let line = -1;
  let added: SourceMapSegment[] = [];
  const flush = () => {
    if (added.length === 0) return;
    while (mappings.length <= line) mappings.push([]);
    mappings[line] = mergeByColumn(mappings[line]!, added);
    added = [];
  };
  rendered.forEach((r, i) => {
    for (const seg of r.segments) {
      const out = starts[i]! + seg.gen;
      const at = lineOf(outLines, out);
      if (at !== line) {
        flush();
        line = at;
      }
      const srcLine = lineOf(srcLines, seg.src);
      added.push([out - outLines[at]!, 0, srcLine, seg.src - srcLines[srcLine]!]);
    }
  });
  flush();
  return mappings;
}

/** Both sorted by column: one list, where `added` replaces what `existing` has at the same column. */
function mergeByColumn(existing: SourceMapSegment[], added: SourceMapSegment[]): SourceMapSegment[] {
  if (existing.length === 0) return added;
  const out: SourceMapSegment[] = [];
  let i = 0;
  for (const a of added) {
    while (i < existing.length && existing[i]![0] < a[0]) out.push(existing[i++]!);
    while (i < existing.length && existing[i]![0] === a[0]) i++;
    out.push(a);
  }
  while (i < existing.length) out.push(existing[i++]!);
  return out;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
