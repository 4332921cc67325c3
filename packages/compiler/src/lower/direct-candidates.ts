// Which functions of a file get a sync-first copy (lower/direct.ts), and which awaits call one.
// A same-file `await f(x)` is rewritten by name, so the name must mean the function everywhere
// in the file: a top-level async function declaration whose name nothing else binds, shadows or
// assigns (and no direct eval could). An exported function's copy is its entry (`$tp.asyncFn`)
// for other files, whose awaits find it at run time (`$tp.callN`). The copy takes
// the arguments as its own parameters, so only functions that never look at `this`,
// `arguments`, `super` or `new.target`, with plain identifier parameters, qualify.
import type ts from 'typescript';

export interface DirectPlan {
  /** The functions that get a copy. */
  copies: ts.FunctionDeclaration[];
  /** Names whose `await f(...)` calls the copy by name: awaited here, and never rebound. */
  local: Set<string>;
  /** Names of copied functions other files can import: the wrapper is linked to its copy. */
  exported: Set<string>;
  /** Names the file exports by `export { … }` or `export default <name>` (and declarations with `export`). */
  exportedNames: Set<string>;
  /** Names some `await name(...)` of the file calls: worth a copy when a function gets them. */
  awaited: Set<string>;
}

export function planDirectCalls(tsi: typeof ts, sf: ts.SourceFile): DirectPlan {
  const plan: DirectPlan = { copies: [], local: new Set(), exported: new Set(), exportedNames: new Set(), awaited: new Set() };
  const byName = new Map<string, ts.FunctionDeclaration | null>(); // null: not eligible
  const declIds = new Map<string, ts.Identifier>(); // the one declaration each name may have
  const exportedNames = plan.exportedNames;
  for (const s of sf.statements) {
    if (tsi.isImportDeclaration(s) && s.importClause && !s.importClause.isTypeOnly) {
      const { name, namedBindings } = s.importClause;
      if (name) declIds.set(name.text, name);
      if (namedBindings && tsi.isNamedImports(namedBindings)) for (const e of namedBindings.elements) if (!e.isTypeOnly) declIds.set(e.name.text, e.name);
    } else if (tsi.isExportDeclaration(s) && !s.moduleSpecifier && !s.isTypeOnly && s.exportClause && tsi.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) exportedNames.add((e.propertyName ?? e.name).text);
    } else if (tsi.isExportAssignment(s) && tsi.isIdentifier(s.expression)) {
      exportedNames.add(s.expression.text);
    }
    if (!tsi.isFunctionDeclaration(s) || !s.name) continue;
    const name = s.name.text;
    if (s.modifiers?.some((m) => m.kind === tsi.SyntaxKind.ExportKeyword)) exportedNames.add(name);
    // Overloads and duplicate declarations: not one function.
    byName.set(name, byName.has(name) || !isEligibleShape(tsi, s) ? null : s);
    declIds.set(name, s.name);
  }
  const functions = new Map([...byName].filter((e): e is [string, ts.FunctionDeclaration] => e[1] !== null));
  const rebound = new Set<string>();
  const awaited = plan.awaited;
  const visit = (n: ts.Node, parent: ts.Node | undefined, writing: boolean): void => {
    // A copy is only worth its code when some `await f(...)` of the file will call it.
    if (tsi.isAwaitExpression(n) && tsi.isCallExpression(n.expression) && tsi.isIdentifier(n.expression.expression)) awaited.add(n.expression.expression.text);
    if (tsi.isIdentifier(n)) {
      // A direct eval can assign any name of its scope chain.
      if (n.text === 'eval' && parent !== undefined && tsi.isCallExpression(parent) && parent.expression === n) for (const name of declIds.keys()) rebound.add(name);
      if (parent !== undefined && tsi.isPropertyAccessExpression(parent) && parent.name === n) return; // `x.f = …`
      const decl = declIds.get(n.text);
      if (decl !== undefined && parent !== undefined && n !== decl && (writing || bindsName(tsi, parent, n))) rebound.add(n.text);
      return;
    }
    tsi.forEachChild(n, (c) => visit(c, n, writing || isWriteTarget(tsi, n, c)));
  };
  visit(sf, undefined, false);
  for (const [name, fn] of functions) {
    const local = awaited.has(name) && !rebound.has(name);
    // Linking works by identity, so an exported function qualifies even if a name is rebound.
    const exported = exportedNames.has(name);
    if (local) plan.local.add(name);
    if (exported) plan.exported.add(name);
    if (local || exported) plan.copies.push(fn);
  }
  return plan;
}

/** A function whose copy can take the call's arguments as its own parameters. */
export function isEligibleShape(tsi: typeof ts, fn: ts.FunctionLikeDeclaration): boolean {
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
