// Facts about nodes of one async function: which subtrees contain an await (and so must be
// split into states), and the source text used to name states.
import type ts from 'typescript';
import { neverThenable } from './emit.js';

/**
 * Memoised "does this subtree suspend?" (nested functions do not count: they are lowered on
 * their own). In an async generator, `return v` does: it awaits v (unless v is of a form that
 * is never a thenable, whose await would continue at once).
 */
export class AwaitFinder {
  private memo = new Map<ts.Node, boolean>();

  constructor(
    private readonly tsi: typeof ts,
    private readonly generator = false,
  ) {}

  has(node: ts.Node | undefined): boolean {
    if (!node) return false;
    const cached = this.memo.get(node);
    if (cached !== undefined) return cached;
    const tsi = this.tsi;
    let result: boolean;
    if (tsi.isAwaitExpression(node) || tsi.isYieldExpression(node)) result = true; // a yield suspends too (async generators)
    else if (tsi.isForOfStatement(node) && node.awaitModifier) result = true;
    else if (this.generator && tsi.isReturnStatement(node) && node.expression !== undefined && !neverThenable(tsi, node.expression)) result = true;
    else if (tsi.isVariableDeclarationList(node) && (node.flags & tsi.NodeFlags.Using) !== 0) result = true;
    else if (tsi.isFunctionLike(node)) result = false;
    else if (tsi.isClassLike(node)) {
      // Only the parts evaluated in the enclosing function: heritage and computed keys.
      result =
        (node.heritageClauses ?? []).some((h) => this.has(h)) ||
        node.members.some((m) => m.name !== undefined && tsi.isComputedPropertyName(m.name) && this.has(m.name));
    } else result = tsi.forEachChild(node, (c) => (this.has(c) ? true : undefined)) === true;
    this.memo.set(node, result);
    return result;
  }
}

/** Source text of a node, or of the node it was made from, for state names and `awaits`. */
export function sourceText(tsi: typeof ts, sf: ts.SourceFile, node: ts.Node): string {
  const o = tsi.getOriginalNode(node);
  if (o.pos >= 0 && o.end <= sf.text.length && (o.getSourceFile?.() === sf || o.pos < sf.text.length)) {
    try {
      return sf.text.slice(o.getStart(sf), o.end);
    } catch {
      return sf.text.slice(o.pos, o.end).trim();
    }
  }
  return '';
}

/** 1-based line/column of a node's original position, if it has one. */
export function sourceLoc(tsi: typeof ts, sf: ts.SourceFile, node: ts.Node): { line: number; col: number } | undefined {
  const o = tsi.getOriginalNode(node);
  if (o.pos < 0 || o.end > sf.text.length) return undefined;
  let start: number;
  try {
    start = o.getStart(sf);
  } catch {
    start = o.pos;
  }
  const lc = sf.getLineAndCharacterOfPosition(start);
  return { line: lc.line + 1, col: lc.character + 1 };
}
