// Which functions of a file get a sync-first copy (lower/direct.ts) that `await f(x)` in the
// same file calls instead of `f(x)`. The call site is rewritten by name, so the name must
// mean the function everywhere in the file: a top-level async function declaration whose name
// nothing else binds, shadows or assigns (and no direct eval in the file could). And the copy takes the arguments as its own
// parameters, so only functions that never look at `this`, `arguments`, `super` or
// `new.target`, with plain identifier parameters, qualify.
import type ts from 'typescript';

export function directCandidates(tsi: typeof ts, sf: ts.SourceFile): ts.FunctionDeclaration[] {
  const byName = new Map<string, ts.FunctionDeclaration | null>(); // null: not eligible
  for (const s of sf.statements) {
    if (!tsi.isFunctionDeclaration(s) || !s.name) continue;
    const name = s.name.text;
    // Overloads and duplicate declarations: not one function.
    byName.set(name, byName.has(name) || !isEligibleShape(tsi, s) ? null : s);
  }
  const names = new Map([...byName].filter((e): e is [string, ts.FunctionDeclaration] => e[1] !== null));
  if (names.size === 0) return [];
  const rebound = new Set<string>();
  const awaited = new Set<string>();
  const visit = (n: ts.Node, parent: ts.Node | undefined, writing: boolean): void => {
    // A copy is only worth its code when some `await f(...)` of the file will call it.
    if (tsi.isAwaitExpression(n) && tsi.isCallExpression(n.expression) && tsi.isIdentifier(n.expression.expression)) awaited.add(n.expression.expression.text);
    if (tsi.isIdentifier(n)) {
      // A direct eval can assign any name of its scope chain.
      if (n.text === 'eval' && parent !== undefined && tsi.isCallExpression(parent) && parent.expression === n) for (const name of names.keys()) rebound.add(name);
      if (parent !== undefined && tsi.isPropertyAccessExpression(parent) && parent.name === n) return; // `x.f = …`
      const fn = names.get(n.text);
      if (fn !== undefined && parent !== undefined && n !== fn.name && (writing || bindsName(tsi, parent, n))) rebound.add(n.text);
      return;
    }
    tsi.forEachChild(n, (c) => visit(c, n, writing || isWriteTarget(tsi, n, c)));
  };
  visit(sf, undefined, false);
  return [...names].filter(([name]) => awaited.has(name) && !rebound.has(name)).map(([, fn]) => fn);
}

function isEligibleShape(tsi: typeof ts, fn: ts.FunctionDeclaration): boolean {
  if (!fn.body || fn.asteriskToken || !fn.modifiers?.some((m) => m.kind === tsi.SyntaxKind.AsyncKeyword)) return false;
  if (fn.modifiers.some((m) => m.kind === tsi.SyntaxKind.DeclareKeyword)) return false;
  if (!fn.parameters.every((p) => tsi.isIdentifier(p.name) && p.name.text !== 'this' && !p.initializer && !p.dotDotDotToken)) return false;
  const K = tsi.SyntaxKind;
  const usesCallContext = (n: ts.Node): boolean =>
    n.kind === K.ThisKeyword || n.kind === K.SuperKeyword || tsi.isMetaProperty(n) || (tsi.isIdentifier(n) && n.text === 'arguments') || tsi.forEachChild(n, (c) => (usesCallContext(c) ? true : undefined)) === true;
  return !usesCallContext(fn.body);
}

/** `n` is the name a declaration under `parent` binds (a variable, parameter, import, …). */
function bindsName(tsi: typeof ts, parent: ts.Node, n: ts.Identifier): boolean {
  const named = parent as ts.Node & { name?: ts.Node };
  if (named.name !== n) return false;
  return (
    tsi.isVariableDeclaration(parent) ||
    tsi.isParameter(parent) ||
    tsi.isBindingElement(parent) ||
    tsi.isFunctionDeclaration(parent) ||
    tsi.isFunctionExpression(parent) ||
    tsi.isClassDeclaration(parent) ||
    tsi.isClassExpression(parent) ||
    tsi.isImportClause(parent) ||
    tsi.isNamespaceImport(parent) ||
    tsi.isImportSpecifier(parent) ||
    tsi.isImportEqualsDeclaration(parent) ||
    tsi.isEnumDeclaration(parent) ||
    tsi.isModuleDeclaration(parent)
  );
}

/** Whether `child` of `n` is (or contains) an assignment target: conservative on purpose. */
function isWriteTarget(tsi: typeof ts, n: ts.Node, child: ts.Node): boolean {
  const K = tsi.SyntaxKind;
  if (tsi.isBinaryExpression(n)) return n.left === child && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment;
  if (tsi.isPrefixUnaryExpression(n) || tsi.isPostfixUnaryExpression(n)) return n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken;
  if (tsi.isForInStatement(n) || tsi.isForOfStatement(n)) return n.initializer === child;
  return false;
}
