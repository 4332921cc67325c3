// `@tspoll-native` per function. The lowering only lowers `async` functions, so the opt-out
// hides the keyword from it: a transformer before the lowering drops `async` from opted-out
// functions, and one after it puts the original modifiers back. Functions nested inside an
// opted-out one are still lowered (the opt-out is per function, as documented).
import type ts from 'typescript';

const MARK = /@tspoll-native(?![-\w])/;

export interface OptOut {
  before: ts.TransformerFactory<ts.SourceFile>;
  after: ts.TransformerFactory<ts.SourceFile>;
  /** The functions `before` kept native (for the lowering report). */
  kept: ts.Node[];
}

/** A pair of transformers to put around the lowering; cheap when nothing is marked. */
export function optOutTransformers(tsi: typeof ts): OptOut {
  const hidden = new WeakSet<ts.Node>(); // the original nodes we took `async` from
  const kept: ts.Node[] = [];
  const isAsync = (m: ts.ModifierLike) => m.kind === tsi.SyntaxKind.AsyncKeyword;
  // Asked once per chunk of a large file (rewrite.ts), of the same text.
  let lastText: string | undefined;
  let lastMarked = false;
  const hasMark = (text: string) => {
    if (text !== lastText) [lastText, lastMarked] = [text, MARK.test(text)];
    return lastMarked;
  };

  const marked = (fn: ts.Node, sf: ts.SourceFile): boolean => {
    // The comment may sit on the function itself or on what holds it (`const f = async () =>`).
    for (let n: ts.Node | undefined = fn; n && !tsi.isSourceFile(n) && !tsi.isBlock(n); n = n.parent) {
      const ranges = tsi.getLeadingCommentRanges(sf.text, n.getFullStart()) ?? [];
      if (ranges.some((r) => MARK.test(sf.text.slice(r.pos, r.end)))) return true;
      if (!(tsi.isVariableDeclaration(n) || tsi.isVariableDeclarationList(n) || tsi.isVariableStatement(n) ||
        tsi.isPropertyAssignment(n) || tsi.isPropertyDeclaration(n) || tsi.isExportAssignment(n) || n === fn)) {
        return false;
      }
    }
    return false;
  };

  const withModifiers = (f: ts.NodeFactory, node: ts.Node, modifiers: readonly ts.ModifierLike[] | undefined): ts.Node => {
    if (tsi.isFunctionDeclaration(node)) {
      return f.updateFunctionDeclaration(node, modifiers, node.asteriskToken, node.name, node.typeParameters, node.parameters, node.type, node.body);
    }
    if (tsi.isFunctionExpression(node)) {
      return f.updateFunctionExpression(node, modifiers as readonly ts.Modifier[] | undefined, node.asteriskToken, node.name, node.typeParameters, node.parameters, node.type, node.body);
    }
    if (tsi.isArrowFunction(node)) {
      return f.updateArrowFunction(node, modifiers as readonly ts.Modifier[] | undefined, node.typeParameters, node.parameters, node.type, node.equalsGreaterThanToken, node.body);
    }
    if (tsi.isMethodDeclaration(node)) {
      return f.updateMethodDeclaration(node, modifiers, node.asteriskToken, node.name, node.questionToken, node.typeParameters, node.parameters, node.type, node.body);
    }
    return node;
  };

  const isFunctionLike = (n: ts.Node) =>
    tsi.isFunctionDeclaration(n) || tsi.isFunctionExpression(n) || tsi.isArrowFunction(n) || tsi.isMethodDeclaration(n);

  const before: ts.TransformerFactory<ts.SourceFile> = (ctx) => (sf) => {
    if (!hasMark(sf.text)) return sf;
    const visit = (node: ts.Node): ts.Node => {
      const out = tsi.visitEachChild(node, visit, ctx);
      if (!isFunctionLike(node) || !tsi.canHaveModifiers(node)) return out;
      const mods = tsi.getModifiers(node as ts.HasModifiers);
      if (!mods?.some(isAsync) || !marked(node, sf)) return out;
      hidden.add(node);
      kept.push(node);
      const all = (node as ts.HasModifiers).modifiers?.filter((m) => !isAsync(m));
      return withModifiers(ctx.factory, out, all && all.length > 0 ? all : undefined);
    };
    return tsi.visitEachChild(sf, visit, ctx);
  };

  const after: ts.TransformerFactory<ts.SourceFile> = (ctx) => (sf) => {
    if (!hasMark(tsi.getOriginalNode(sf).getSourceFile().text)) return sf;
    const visit = (node: ts.Node): ts.Node => {
      const out = tsi.visitEachChild(node, visit, ctx);
      const original = tsi.getOriginalNode(node);
      if (!hidden.has(original)) return out;
      return withModifiers(ctx.factory, out, (original as ts.HasModifiers).modifiers);
    };
    return tsi.visitEachChild(sf, visit, ctx);
  };

  return { before, after, kept };
}
