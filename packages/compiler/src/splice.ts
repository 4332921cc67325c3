// Finds the smallest set of text edits that turns the original file into the transformed
// tree. Nodes the transformer kept (same object) keep their original bytes; nodes it updated
// (`node.original` points back) are descended into; only genuinely new code is printed. So a
// lowered file differs from its source in the async functions' spans and nowhere else.
import type ts from 'typescript';
import { originalOf } from './ts-internal.js';

export type EditKind =
  /** Replace `[start, end)`. */
  | 'overwrite'
  /** Insert at `start` (== end), after whatever ends there. */
  | 'after'
  /** Insert at `start` (== end), before whatever starts there. */
  | 'before';

export interface Edit {
  kind: EditKind;
  start: number;
  end: number;
  /** The new nodes; printed later, so the splice stays independent of printing. */
  nodes: ts.Node[];
  /** Text placed between the nodes and around them (newlines and indentation). */
  indent: string;
  /** Replacement of an expression inside a larger one: print in parentheses. */
  parens?: boolean;
}

/** Properties that are bookkeeping, not syntax. */
const IGNORED = new Set([
  'parent', 'original', 'emitNode', 'symbol', 'localSymbol', 'flowNode', 'nextContainer', 'locals',
  'jsDoc', 'jsDocCache', 'endFlowNode', 'returnFlowNode', 'pos', 'end', 'flags', 'modifierFlagsCache',
  'transformFlags', 'id', 'resolvedSymbol', 'contextualType', 'inferenceContext', 'fallthroughFlowNode',
  'nodeCount', 'identifierCount', 'symbolCount', 'parseDiagnostics', 'bindDiagnostics',
  'bindSuggestionDiagnostics', 'lineMap', 'externalModuleIndicator', 'commonJsModuleIndicator',
  'identifiers', 'imports', 'moduleAugmentations', 'ambientModuleNames', 'classifiableNames',
  'pragmas', 'referencedFiles', 'typeReferenceDirectives', 'libReferenceDirectives',
  'amdDependencies', 'checkJsDirective', 'hasNoDefaultLib', 'languageVersion', 'scriptKind',
  'languageVariant', 'isDeclarationFile', 'fileName', 'path', 'resolvedPath', 'originalFileName',
  'text', 'endOfFileToken', 'hasExtendedUnicodeEscape', 'jsDocParsingMode', 'setExternalModuleIndicator',
  'impliedNodeFormat', 'packageJsonLocations', 'packageJsonScope', 'redirectInfo', 'version',
  'scriptSnapshot', 'commentDirectives', 'nodeCountCache', 'jsGlobalAugmentations', 'exportedModulesFromDeclarationEmit',
]);

function isNode(v: unknown): v is ts.Node {
  return typeof v === 'object' && v !== null && typeof (v as ts.Node).kind === 'number' && !Array.isArray(v);
}

function isNodeArray(v: unknown): v is ts.NodeArray<ts.Node> {
  return Array.isArray(v) && typeof (v as unknown as ts.NodeArray<ts.Node>).pos === 'number';
}

/** True when the transformer built `n` from `o` (possibly through several steps). */
function derivesFrom(n: ts.Node, o: ts.Node): boolean {
  for (let x: ts.Node | undefined = n; x; x = originalOf(x)) if (x === o) return true;
  return false;
}

export class Splicer {
  private readonly syntaxFlags: number;

  constructor(
    private readonly tsi: typeof ts,
    private readonly sf: ts.SourceFile,
  ) {
    const F = tsi.NodeFlags;
    this.syntaxFlags = F.Let | F.Const | F.Using | F.AwaitUsing | F.Namespace | F.NestedNamespace | F.GlobalAugmentation;
  }

  /**
   * The edits turning the file's top-level statements [from, to) into `result`'s statements
   * (rewrite.ts transforms a file a chunk of statements at a time).
   */
  diffStatements(from: number, to: number, statements: readonly ts.Statement[]): Edit[] {
    const sf = this.sf;
    if (statements === sf.statements) return [];
    // A statement list always diffs (only a list that did not exist gives null).
    return this.diffList(sf, 'statements', sf.statements, statements as ts.NodeArray<ts.Statement>, from, to)!;
  }

  /** An edit inserting `nodes` before the file's top-level statement `index` (after its directives, at 0). */
  insertBefore(index: number, nodes: ts.Node[]): Edit {
    return this.insertion(this.sf.statements, index, nodes, this.sf);
  }

  /** Edits turning `o` into `n`; null when `o` must be printed whole. */
  private diffNode(o: ts.Node, n: ts.Node): Edit[] | null {
    if (o === n) return [];
    if (o.kind !== n.kind || !derivesFrom(n, o)) return null;
    // Flags that are syntax (let/const/using, namespace/module) must match to keep the text.
    if ((o.flags ^ n.flags) & this.syntaxFlags) return null;
    const edits: Edit[] = [];
    const keys = new Set([...Object.keys(o), ...Object.keys(n)]);
    let sawChild = false;
    for (const key of keys) {
      if (IGNORED.has(key)) continue;
      const ov = (o as unknown as Record<string, unknown>)[key];
      const nv = (n as unknown as Record<string, unknown>)[key];
      if (ov === nv) {
        if (isNode(ov) || isNodeArray(ov)) sawChild = true;
        continue;
      }
      if (isNodeArray(ov) || isNodeArray(nv) || (key === 'modifiers' && (ov || nv))) {
        sawChild = true;
        const sub = this.diffList(o, key, ov as ts.NodeArray<ts.Node> | undefined, nv as ts.NodeArray<ts.Node> | undefined);
        if (!sub) return null;
        edits.push(...sub);
      } else if (isNode(ov) && isNode(nv)) {
        sawChild = true;
        edits.push(...this.replaceOrDiff(ov, nv));
      } else {
        // A child appeared or vanished, or a token/name/operator changed: print `o` anew.
        return null;
      }
    }
    // A leaf the transformer re-created is new text even if nothing we compare differs.
    return sawChild ? edits : null;
  }

  private replaceOrDiff(o: ts.Node, n: ts.Node): Edit[] {
    return this.diffNode(o, n) ?? [this.overwrite(o, n)];
  }

  private overwrite(o: ts.Node, n: ts.Node): Edit {
    return {
      kind: 'overwrite',
      start: o.getStart(this.sf),
      end: o.end,
      nodes: [n],
      indent: this.indentAt(o.getStart(this.sf)),
      parens: this.needsParens(o, n),
    };
  }

  /**
   * Diff a child list. Statement-like lists allow inserts and removals; comma lists do not.
   * With `from`/`to`, `nv` replaces only the elements [from, to) of `ov`.
   */
  private diffList(
    parent: ts.Node,
    key: string,
    ov: ts.NodeArray<ts.Node> | undefined,
    nv: ts.NodeArray<ts.Node> | undefined,
    from = 0,
    to = ov?.length ?? 0,
  ): Edit[] | null {
    const olds = ov === undefined ? [] : from === 0 && to === ov.length ? ov : ov.slice(from, to);
    const news = nv ?? [];
    if (key === 'modifiers') return this.diffModifiers(olds, news);
    if (!this.isStatementList(parent, key)) {
      if (olds.length !== news.length) return null;
      // The old list's trailing comma stays in the text: wrong where the new one has none
      // (after a rest parameter `...$rest` a comma does not parse).
      if ((ov?.hasTrailingComma ?? false) !== (nv?.hasTrailingComma ?? false)) return null;
      const edits: Edit[] = [];
      for (let i = 0; i < olds.length; i++) edits.push(...this.replaceOrDiff(olds[i]!, news[i]!));
      return edits;
    }
    if (!ov) return null; // a list that did not exist has no position to insert at
    // Anchors: new elements that are, or derive from, old elements, in the same order.
    const match: number[] = [];
    let next = 0;
    for (const n of news) {
      let found = -1;
      for (let i = next; i < olds.length; i++) {
        if (n === olds[i] || derivesFrom(n, olds[i]!)) {
          found = i;
          break;
        }
      }
      match.push(found);
      if (found >= 0) next = found + 1;
    }
    const edits: Edit[] = [];
    let oi = 0; // first old element not yet accounted for
    let pending: ts.Node[] = [];
    const flush = (upTo: number) => {
      // Old elements [oi, upTo) were dropped; `pending` new ones take their place.
      const removed = olds.slice(oi, upTo);
      if (removed.length > 0) {
        const start = removed[0]!.getStart(this.sf);
        const indent = this.indentAt(start);
        edits.push({ kind: 'overwrite', start, end: removed.at(-1)!.end, nodes: pending, indent });
      } else if (pending.length > 0) {
        edits.push(this.insertion(ov, from + oi, pending, parent));
      }
      pending = [];
    };
    news.forEach((n, j) => {
      const i = match[j]!;
      if (i < 0) {
        pending.push(n);
        return;
      }
      flush(i);
      oi = i + 1;
      if (n !== olds[i]) {
        const sub = this.diffNode(olds[i]!, n);
        edits.push(...(sub ?? [this.overwrite(olds[i]!, n)]));
      }
    });
    flush(olds.length);
    return edits;
  }

  /** Where to put new elements that go before old element `index` (after `index - 1`). */
  private insertion(list: ts.NodeArray<ts.Node>, index: number, nodes: ts.Node[], parent: ts.Node): Edit {
    const tsi = this.tsi;
    // Keep a directive prologue ('use strict') first: imports and helpers go after it.
    let at = index;
    if (tsi.isSourceFile(parent) && index === 0) while (at < list.length && isPrologue(tsi, list[at]!)) at++;
    if (at > 0) {
      const prev = list[at - 1]!;
      return { kind: 'after', start: prev.end, end: prev.end, nodes, indent: this.indentAt(prev.getStart(this.sf)) };
    }
    if (list.length > 0) {
      const first = this.beforeAttachedComments(list[0]!);
      return { kind: 'before', start: first, end: first, nodes, indent: this.indentAt(first) };
    }
    // An empty list: just inside the braces (a NodeArray's pos is right after the `{`).
    return { kind: 'after', start: list.pos, end: list.pos, nodes, indent: this.indentAt(list.pos) + '  ' };
  }

  /**
   * Where to insert before `node` without separating it from its own comments (a JSDoc or a
   * `// @tspoll-native` line stays attached) while a file header stays on top: after the last
   * leading comment that a blank line detaches from what follows, and after a shebang.
   */
  private beforeAttachedComments(node: ts.Node): number {
    const text = this.sf.text;
    let at = node.getFullStart();
    if (at === 0 && text.startsWith('#!')) at = text.indexOf('\n') + 1 || text.length;
    for (const c of this.tsi.getLeadingCommentRanges(text, at) ?? []) {
      const rest = text.slice(c.end, this.sf.text.length);
      const gap = /^[ \t]*\r?\n[ \t]*\r?\n/.exec(rest);
      if (gap) at = c.end + gap[0].length;
    }
    while (at < text.length && /\s/.test(text[at]!) && at < node.getStart(this.sf)) at++;
    return at;
  }

  /** Modifiers may only be dropped (`async` goes away); anything else reprints the owner. */
  private diffModifiers(olds: readonly ts.Node[], news: readonly ts.Node[]): Edit[] | null {
    const edits: Edit[] = [];
    let j = 0;
    for (const o of olds) {
      const n = news[j];
      if (n && (n === o || (n.kind === o.kind && derivesFrom(n, o)))) {
        j++;
        continue;
      }
      if (n && n.kind === o.kind) {
        j++; // the same keyword re-created: nothing to change in the text
        continue;
      }
      // Drop the modifier and the blanks after it.
      const start = o.getStart(this.sf);
      let end = o.end;
      while (end < this.sf.text.length && /[ \t]/.test(this.sf.text[end]!)) end++;
      edits.push({ kind: 'overwrite', start, end, nodes: [], indent: '' });
    }
    return j === news.length ? edits : null;
  }

  private isStatementList(parent: ts.Node, key: string): boolean {
    const tsi = this.tsi;
    if (key === 'statements' || key === 'clauses') return true;
    return key === 'members' && tsi.isClassLike(parent);
  }

  /** An expression printed into an operand position needs parentheses unless it is primary. */
  private needsParens(o: ts.Node, n: ts.Node): boolean {
    const tsi = this.tsi;
    if (!tsi.isExpression(n) || tsi.isLeftHandSideExpression(n)) return false;
    const p = o.parent;
    if (!p) return false;
    if (
      tsi.isExpressionStatement(p) || tsi.isParenthesizedExpression(p) || tsi.isReturnStatement(p) ||
      tsi.isVariableDeclaration(p) || tsi.isPropertyAssignment(p) || tsi.isPropertyDeclaration(p) ||
      tsi.isParameter(p) || tsi.isExportAssignment(p) || tsi.isThrowStatement(p)
    ) {
      return tsi.isBinaryExpression(n) && n.operatorToken.kind === tsi.SyntaxKind.CommaToken;
    }
    return true;
  }

  /** The indentation of the line holding `offset`. */
  private indentAt(offset: number): string {
    const text = this.sf.text;
    let lineStart = offset;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    let end = lineStart;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return text.slice(lineStart, end);
  }
}

function isPrologue(tsi: typeof ts, s: ts.Node): boolean {
  return tsi.isExpressionStatement(s) && tsi.isStringLiteral(s.expression);
}
