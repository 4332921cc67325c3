// The parse guard's second half. TypeScript's parser accepts some programs the language
// rejects and leaves those errors to its type checker, which the guard cannot afford to run;
// these are the ones generated code could contain (parameter lists, patterns and declarations
// are what the lowering builds), found in one walk over the parsed output.
import type ts from 'typescript';

export interface EarlyError {
  pos: number;
  message: string;
}

/** Early errors in `sf` that TypeScript's parser does not report (the first few). */
export function earlyErrors(tsi: typeof ts, sf: ts.SourceFile, limit = 5): EarlyError[] {
  const out: EarlyError[] = [];
  const report = (n: ts.Node | ts.NodeArray<ts.Node>, message: string) => {
    if (out.length < limit) out.push({ pos: 'kind' in n ? n.getStart(sf) : n.pos, message });
  };
  /** A rest element must be the last one, with no trailing comma after it. */
  const restLast = (list: ts.NodeArray<ts.Node>, isRest: (n: ts.Node) => boolean, what: string) => {
    list.forEach((el, i) => {
      if (!isRest(el)) return;
      if (i < list.length - 1) report(el, `${what} must be last`);
      else if (list.hasTrailingComma) report(el, `${what} may not have a trailing comma`);
    });
  };
  /** Object and array literals that are assignment patterns (`({ a = 1 } = o)`, for-of heads). */
  const patterns = new Set<ts.Node>();
  const markPattern = (e: ts.Expression): void => {
    while (tsi.isParenthesizedExpression(e)) e = e.expression;
    if (!tsi.isObjectLiteralExpression(e) && !tsi.isArrayLiteralExpression(e)) return;
    patterns.add(e);
    const targets = tsi.isObjectLiteralExpression(e)
      ? e.properties.map((p) => (tsi.isPropertyAssignment(p) ? p.initializer : tsi.isSpreadAssignment(p) ? p.expression : undefined))
      : e.elements.map((x) => (tsi.isSpreadElement(x) ? x.expression : x));
    for (let t of targets) {
      if (t === undefined) continue;
      if (tsi.isBinaryExpression(t) && t.operatorToken.kind === tsi.SyntaxKind.EqualsToken) t = t.left;
      markPattern(t);
    }
  };
  const K = tsi.SyntaxKind;
  const visit = (n: ts.Node): void => {
    if (out.length >= limit) return;
    if (tsi.isBinaryExpression(n) && n.operatorToken.kind === K.EqualsToken) markPattern(n.left);
    if ((tsi.isForOfStatement(n) || tsi.isForInStatement(n)) && !tsi.isVariableDeclarationList(n.initializer)) markPattern(n.initializer as ts.Expression);
    if (tsi.isFunctionLike(n)) restLast(n.parameters, (p) => (p as ts.ParameterDeclaration).dotDotDotToken !== undefined, 'a rest parameter');
    if (tsi.isArrayBindingPattern(n) || tsi.isObjectBindingPattern(n)) {
      restLast(n.elements as ts.NodeArray<ts.Node>, (e) => tsi.isBindingElement(e) && e.dotDotDotToken !== undefined, 'a rest element');
    }
    if (patterns.has(n)) {
      if (tsi.isArrayLiteralExpression(n)) restLast(n.elements, (e) => tsi.isSpreadElement(e), 'a rest element');
      if (tsi.isObjectLiteralExpression(n)) restLast(n.properties, (p) => tsi.isSpreadAssignment(p), 'a rest property');
    } else if (tsi.isObjectLiteralExpression(n)) {
      for (const p of n.properties) if (tsi.isShorthandPropertyAssignment(p) && p.objectAssignmentInitializer) report(p, 'invalid shorthand property initializer');
    }
    if (tsi.isVariableDeclaration(n) && !tsi.isIdentifier(n.name) && n.initializer === undefined) {
      const list = n.parent;
      const head = list && list.parent && (tsi.isForOfStatement(list.parent) || tsi.isForInStatement(list.parent)) && list.parent.initializer === list;
      if (!head) report(n, 'missing initializer in destructuring declaration');
    }
    if (tsi.isVariableStatement(n) && n.declarationList.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const)) {
      const p = n.parent;
      if (p && !(tsi.isBlock(p) || tsi.isSourceFile(p) || tsi.isCaseOrDefaultClause(p) || tsi.isModuleBlock(p))) report(n, 'lexical declaration cannot appear in a single-statement context');
    }
    tsi.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
