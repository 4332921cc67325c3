// The part of a lowered file that belongs to one async function, for `--emit-states --fn`:
// its wrapper (the user's name), its poll function (`name$poll`, ABI.md section 3) and the
// statements that register it (`defineMachine(...)`).
import ts from 'typescript';

function nameOf(node: ts.Node): string | undefined {
  const n = (node as { name?: ts.Node }).name;
  return n && (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n)) ? n.text : undefined;
}

const isFunctionLike = (n: ts.Node): boolean =>
  ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isFunctionExpression(n) || ts.isGetAccessorDeclaration(n);

/** Returns the generated code of `fn`, or undefined when it cannot be told apart. */
export function extractFunction(code: string, fileName: string, fn: string): string | undefined {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?jsx?$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const related = (name: string | undefined) => name !== undefined && (name === fn || name.startsWith(`${fn}$`));
  const spans: [number, number][] = [];
  const take = (n: ts.Node): void => {
    spans.push([n.getStart(sf), n.end]);
  };
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) && related(nameOf(n))) return take(n);
    if (ts.isVariableStatement(n) && n.declarationList.declarations.some((d) => related(nameOf(d)))) return take(n);
    if (ts.isExpressionStatement(n)) {
      const text = n.getText(sf);
      if (/defineMachine\s*\(/.test(text) && new RegExp(`\\b${fn.replace(/\$/g, '\\$')}\\$`).test(text)) return take(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (spans.length === 0) return undefined;
  return spans.map(([a, b]) => code.slice(a, b)).join('\n\n') + '\n';
}
