// Binding resolution inside one async function, without a type checker: the transformer
// runs on trees that earlier lowering (of nested functions) already rewrote, so this walks
// children explicitly and never relies on `parent` pointers or source text.
import type ts from 'typescript';

export type BindingKind = 'var' | 'let' | 'const' | 'param' | 'function' | 'class' | 'catch' | 'enum';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The scope node that declares it (the function, a block, a loop head, a catch clause...). */
  scopeNode: ts.Node;
  /** Declared in a scope nested in a loop of the lowered function (per-iteration bindings). */
  inLoop: boolean;
  /** Referenced from a nested function or class body: a closure may observe it later. */
  captured: boolean;
  /** Every identifier (declarations included) resolving to this binding. */
  ids: ts.Identifier[];
  /** The declaring identifier. */
  declId: ts.Identifier;
}

export interface ScopeInfo {
  bindings: Binding[];
  /** Identifier node (by identity) to the binding of the lowered function it names. */
  byId: Map<ts.Identifier, Binding>;
  /**
   * References inside a function declaration nested in the lowered function: hoisted, it may
   * run before the code around it (a let or const it reads may be uninitialised).
   */
  inHoistedFunction: Set<ts.Identifier>;
  /** Every identifier text that occurs in the function (for collision-free naming). */
  names: Set<string>;
  /** Names referenced that resolve outside the function (outer scopes, globals). */
  free: Set<string>;
  /** The identifiers behind `free`: references no binding of the function (or a nested one) captures. */
  freeIds: Set<ts.Identifier>;
  /** `arguments` identifiers that mean the lowered function's arguments. */
  argumentsIds: Set<ts.Identifier>;
  usesThis: boolean;
  usesArguments: boolean;
  usesNewTarget: boolean;
  usesSuper: boolean;
}

interface Scope {
  parent: Scope | undefined;
  names: Map<string, Binding | null>; // null: a binding of a nested function (shadows only)
  own: boolean; // belongs to the lowered function (not to a nested function)
}

/** Resolve every binding the async function `fn` declares and every reference to them. */
export function analyzeScopes(tsi: typeof ts, fn: ts.FunctionLikeDeclaration): ScopeInfo {
  const info: ScopeInfo = {
    bindings: [],
    byId: new Map(),
    inHoistedFunction: new Set(),
    names: new Set(),
    free: new Set(),
    freeIds: new Set(),
    argumentsIds: new Set(),
    usesThis: false,
    usesArguments: false,
    usesNewTarget: false,
    usesSuper: false,
  };
  const K = tsi.SyntaxKind;

  const declare = (scope: Scope, id: ts.Identifier, kind: BindingKind, scopeNode: ts.Node, inLoop: boolean) => {
    if (!scope.own) {
      scope.names.set(id.text, null);
      return;
    }
    const existing = scope.names.get(id.text);
    if (existing) {
      existing.ids.push(id);
      info.byId.set(id, existing);
      return;
    }
    const b: Binding = { name: id.text, kind, scopeNode, inLoop, captured: false, ids: [id], declId: id };
    scope.names.set(id.text, b);
    info.bindings.push(b);
    info.byId.set(id, b);
  };

  const bindingNames = (name: ts.BindingName, out: ts.Identifier[]) => {
    if (tsi.isIdentifier(name)) out.push(name);
    else for (const el of name.elements) if (!tsi.isOmittedExpression(el)) bindingNames(el.name, out);
  };

  /** `var` declarations and (in sloppy blocks) nothing else hoist to the function scope. */
  const collectVars = (node: ts.Node, scope: Scope, scopeNode: ts.Node, inLoop: boolean) => {
    const visit = (n: ts.Node, loop: boolean): void => {
      if (tsi.isFunctionLike(n) || tsi.isClassLike(n)) return;
      if (tsi.isVariableDeclarationList(n) && !(n.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const | tsi.NodeFlags.Using))) {
        for (const d of n.declarations) {
          const ids: ts.Identifier[] = [];
          bindingNames(d.name, ids);
          for (const id of ids) declare(scope, id, 'var', scopeNode, inLoop);
        }
      }
      const isLoop = tsi.isIterationStatement(n, false);
      tsi.forEachChild(n, (c) => visit(c, loop || isLoop));
    };
    visit(node, inLoop);
  };

  /** Lexical declarations directly in a statement list. */
  const collectLexical = (stmts: readonly ts.Statement[], scope: Scope, scopeNode: ts.Node, inLoop: boolean) => {
    for (const s of stmts) {
      if (tsi.isVariableStatement(s) && s.declarationList.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const | tsi.NodeFlags.Using)) {
        const kind = s.declarationList.flags & tsi.NodeFlags.Let ? 'let' : 'const';
        for (const d of s.declarationList.declarations) {
          const ids: ts.Identifier[] = [];
          bindingNames(d.name, ids);
          for (const id of ids) declare(scope, id, kind, scopeNode, inLoop);
        }
      } else if (tsi.isFunctionDeclaration(s) && s.name && s.body) {
        declare(scope, s.name, 'function', scopeNode, inLoop);
      } else if (tsi.isClassDeclaration(s) && s.name) {
        declare(scope, s.name, 'class', scopeNode, inLoop);
      } else if (tsi.isEnumDeclaration(s) && !(tsi.getCombinedModifierFlags(s) & tsi.ModifierFlags.Ambient)) {
        declare(scope, s.name, 'enum', scopeNode, inLoop);
      }
    }
  };

  const lookup = (scope: Scope | undefined, name: string): Binding | null | undefined => {
    for (let s = scope; s; s = s.parent) {
      if (s.names.has(name)) return s.names.get(name);
    }
    return undefined;
  };

  const newScope = (parent: Scope | undefined, own: boolean): Scope => ({ parent, names: new Map(), own });

  /** Is `id` (child of `parent`) used as a value reference? */
  const isReference = (id: ts.Identifier, parent: ts.Node): boolean => {
    if (tsi.isShorthandPropertyAssignment(parent)) return parent.name === id;
    if (tsi.isLabeledStatement(parent) || tsi.isBreakOrContinueStatement(parent)) return parent.label !== id;
    if (tsi.isMetaProperty(parent) || tsi.isQualifiedName(parent)) return false;
    if (tsi.isPropertyAccessExpression(parent)) return parent.name !== id;
    if (tsi.isBindingElement(parent)) return parent.initializer === id;
    const named = parent as { name?: ts.Node; propertyName?: ts.Node; tagName?: ts.Node };
    if (named.name === id || named.propertyName === id) return false;
    if (named.tagName === id) return /^[A-Z_$]/.test(id.text);
    return true;
  };

  /** How many function declarations the walk is inside. */
  let hoisted = 0;

  // Walks with an explicit parent, a scope, and whether we are inside a nested function
  // (`fnDepth`) and inside a nested non-arrow function (`thisDepth`).
  const walk = (node: ts.Node, parent: ts.Node, scope: Scope, nested: boolean, ownThis: boolean, loop: boolean): void => {
    if (tsi.isTypeNode(node) && node.kind !== K.ExpressionWithTypeArguments) return;
    if (
      tsi.isInterfaceDeclaration(node) ||
      tsi.isTypeAliasDeclaration(node) ||
      tsi.isTypeParameterDeclaration(node) ||
      tsi.isHeritageClause(node) && node.token === K.ImplementsKeyword
    ) {
      return;
    }
    if (tsi.isIdentifier(node)) {
      info.names.add(node.text);
      if (info.byId.has(node)) return; // a declaration, already registered
      if (!isReference(node, parent)) return;
      const b = lookup(scope, node.text);
      if (b === undefined) {
        info.free.add(node.text);
        info.freeIds.add(node);
        if (node.text === 'arguments' && !ownThis) {
          info.usesArguments = true;
          info.argumentsIds.add(node);
        }
      }
      if (b) {
        b.ids.push(node);
        info.byId.set(node, b);
        if (nested) b.captured = true;
        if (hoisted > 0) info.inHoistedFunction.add(node);
      }
      return;
    }
    if (tsi.isPrivateIdentifier(node)) return;
    if (node.kind === K.ThisKeyword) {
      if (!ownThis) info.usesThis = true;
      return;
    }
    if (node.kind === K.SuperKeyword) {
      if (!ownThis) info.usesSuper = true;
      return;
    }
    if (tsi.isMetaProperty(node)) {
      if (node.keywordToken === K.NewKeyword && !ownThis) info.usesNewTarget = true;
      return;
    }
    if (tsi.isShorthandPropertyAssignment(node)) {
      walk(node.name, node, scope, nested, ownThis, loop);
      if (node.objectAssignmentInitializer) walk(node.objectAssignmentInitializer, node, scope, nested, ownThis, loop);
      return;
    }
    if (tsi.isFunctionLike(node) && node !== (fn as ts.Node)) {
      // An object-literal method's computed key is evaluated here, not in the method.
      const key = (node as ts.FunctionLikeDeclaration).name;
      if (key && tsi.isComputedPropertyName(key)) walk(key, node, scope, nested, ownThis, loop);
      const decl = tsi.isFunctionDeclaration(tsi.getOriginalNode(node));
      if (decl) hoisted++;
      walkFunction(node as ts.SignatureDeclaration, scope, ownThis || !tsi.isArrowFunction(node));
      if (decl) hoisted--;
      return;
    }
    if (tsi.isClassLike(node)) {
      walkClass(node, parent, scope, nested, ownThis, loop);
      return;
    }
    const own = scope.own && !nested;
    if (tsi.isBlock(node) || tsi.isCaseBlock(node) || tsi.isModuleBlock(node)) {
      const s = newScope(scope, scope.own);
      const stmts = tsi.isCaseBlock(node) ? node.clauses.flatMap((c) => [...c.statements]) : node.statements;
      collectLexical(stmts, s, node, loop && own);
      tsi.forEachChild(node, (c) => walk(c, node, s, nested, ownThis, loop));
      return;
    }
    if (tsi.isForStatement(node) || tsi.isForInStatement(node) || tsi.isForOfStatement(node)) {
      const s = newScope(scope, scope.own);
      const init = tsi.isForStatement(node) ? node.initializer : node.initializer;
      if (init && tsi.isVariableDeclarationList(init) && init.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const | tsi.NodeFlags.Using)) {
        for (const d of init.declarations) {
          const ids: ts.Identifier[] = [];
          bindingNames(d.name, ids);
          for (const id of ids) declare(s, id, init.flags & tsi.NodeFlags.Let ? 'let' : 'const', node, own);
        }
      }
      tsi.forEachChild(node, (c) => walk(c, node, s, nested, ownThis, true));
      return;
    }
    if (tsi.isIterationStatement(node, false)) {
      tsi.forEachChild(node, (c) => walk(c, node, scope, nested, ownThis, true));
      return;
    }
    if (tsi.isCatchClause(node)) {
      const s = newScope(scope, scope.own);
      if (node.variableDeclaration) {
        const ids: ts.Identifier[] = [];
        bindingNames(node.variableDeclaration.name, ids);
        for (const id of ids) declare(s, id, 'catch', node, loop && own);
      }
      tsi.forEachChild(node, (c) => walk(c, node, s, nested, ownThis, loop));
      return;
    }
    tsi.forEachChild(node, (c) => walk(c, node, scope, nested, ownThis, loop));
  };

  const walkClass = (node: ts.ClassLikeDeclaration, parent: ts.Node, scope: Scope, nested: boolean, ownThis: boolean, loop: boolean) => {
    void parent;
    let s = scope;
    if (node.name && tsi.isClassExpression(node)) {
      s = newScope(scope, false);
      s.names.set(node.name.text, null);
    }
    if (node.name) info.names.add(node.name.text);
    for (const h of node.heritageClauses ?? []) walk(h, node, s, nested, ownThis, loop);
    for (const m of node.members) {
      if (m.name && tsi.isComputedPropertyName(m.name)) walk(m.name, m, s, nested, ownThis, loop);
      if (tsi.isFunctionLike(m)) walkFunction(m, s, true);
      else if (tsi.isPropertyDeclaration(m) && m.initializer) walk(m.initializer, m, s, true, true, loop);
      else if (tsi.isClassStaticBlockDeclaration(m)) walk(m.body, m, s, true, true, loop);
    }
  };

  const walkFunction = (node: ts.SignatureDeclaration, scope: Scope, ownThis: boolean) => {
    const s = newScope(scope, false);
    if (tsi.isFunctionExpression(node) && node.name) s.names.set(node.name.text, null);
    if (!tsi.isArrowFunction(node)) s.names.set('arguments', null);
    for (const p of node.parameters) {
      const ids: ts.Identifier[] = [];
      bindingNames(p.name, ids);
      for (const id of ids) {
        s.names.set(id.text, null);
        info.names.add(id.text);
      }
    }
    // As for the lowered function: defaults do not see the body's declarations.
    for (const p of node.parameters) {
      if (p.initializer) walk(p.initializer, p, s, true, ownThis, false);
      if (!tsi.isIdentifier(p.name)) walkPatternDefaults(p.name, s, true, ownThis);
    }
    const body = (node as ts.FunctionLikeDeclaration).body;
    if (body) {
      collectVars(body, s, node, false);
      if (tsi.isBlock(body)) collectLexical(body.statements, s, node, false);
    }
    if (body) {
      if (tsi.isBlock(body)) tsi.forEachChild(body, (c) => walk(c, body, s, true, ownThis, false));
      else walk(body, node, s, true, ownThis, false);
    }
  };

  const walkPatternDefaults = (pattern: ts.BindingPattern, scope: Scope, nested: boolean, ownThis: boolean) => {
    for (const el of pattern.elements) {
      if (tsi.isOmittedExpression(el)) continue;
      if (el.propertyName && tsi.isComputedPropertyName(el.propertyName)) walk(el.propertyName, el, scope, nested, ownThis, false);
      if (el.initializer) walk(el.initializer, el, scope, nested, ownThis, false);
      if (!tsi.isIdentifier(el.name)) walkPatternDefaults(el.name, scope, nested, ownThis);
    }
  };

  // The lowered function itself.
  const top = newScope(undefined, true);
  for (const p of fn.parameters) {
    if (tsi.isIdentifier(p.name) && p.name.text === 'this') continue;
    const ids: ts.Identifier[] = [];
    bindingNames(p.name, ids);
    for (const id of ids) declare(top, id, 'param', fn, false);
  }
  // Defaults are resolved before the body's declarations exist: they see the parameters and
  // the outer scopes, never a body `var` or `let` of the same name (a separate environment).
  for (const p of fn.parameters) {
    if (p.initializer) walk(p.initializer, p, top, false, false, false);
    if (!tsi.isIdentifier(p.name)) walkPatternDefaults(p.name, top, false, false);
  }
  const body = fn.body!;
  collectVars(body, top, fn, false);
  if (tsi.isBlock(body)) collectLexical(body.statements, top, fn, false);
  if (tsi.isBlock(body)) tsi.forEachChild(body, (c) => walk(c, body, top, false, false, false));
  else walk(body, fn, top, false, false, false);
  for (const b of info.bindings) info.names.add(b.name);
  return info;
}
