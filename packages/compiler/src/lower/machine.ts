// Lowering of one async function: runs the analysis, the statement emitter and the
// hoister, then assembles the poll function, the wrapper body and the machine's info.
import type ts from 'typescript';
import { AwaitFinder, sourceLoc, sourceText } from './analyze.js';
import { describeMachine, type MachineDescription } from './describe.js';
import { buildDirect, fallbackDirect } from './direct.js';
import { Emitter, type GenNames } from './emit.js';
import { ExpressionLowerer } from './expressions.js';
import { YieldLowerer } from './generator.js';
import { Hoister } from './hoist.js';
import { LeapManager } from './leap.js';
import { analyzeScopes } from './scope.js';
import { StatementLowerer } from './statements.js';
import { KEEP_NATIVE, MARK_NATIVE, LowerCodes, Unsupported } from './diagnostics.js';

export interface LoweredFunction {
  /** `function <pollName>(cx) {...}` */
  poll: ts.FunctionDeclaration;
  /** Wrapper parameters and body (the caller builds the declaration/expression/method). */
  params: ts.ParameterDeclaration[];
  wrapperBody: ts.Block;
  /** `$tp.defineMachine(<pollRef>, info)`, given the expression that reaches the poll function. */
  defineMachine(pollRef: ts.Expression): ts.Statement;
  /** The sync-first copy (lower/direct.ts), when one was asked for. */
  direct?: ts.FunctionDeclaration;
  /** Its name when it is a real copy, the function's entry for other callers (`$tp.asyncFn`). */
  entry?: string;
  description: MachineDescription;
}

export interface LowerContext {
  tsi: typeof ts;
  /** The file's top level is strict code (an ES module, or a "use strict" prologue). */
  strictFile: boolean;
  ctx: ts.TransformationContext;
  sf: ts.SourceFile;
  fileName: string;
  tp: string;
  /** Names used anywhere in the file, for generated names that must not clash. */
  fileNames: Set<string>;
  /** Which awaits call a sync-first copy (lower/direct-candidates.ts). */
  directCalls: DirectCalls;
}

/** A sync-first copy to build (lowerFunction). */
export interface DirectRequest {
  name: string;
  /** Same-file awaits call it by name: a function that cannot have a real copy gets the plain one. */
  local: boolean;
  /** Only other files' awaits may call it: worth a copy only in its straight form (lower/direct.ts). */
  straightOnly?: boolean;
}

export interface DirectCalls {
  /** Same-file functions called by name: function name → copy name. */
  byName: ReadonlyMap<string, string>;
}

/**
 * Direct `eval` and `with` look locals up by name at run time; once locals move to the frame
 * those lookups would miss them, so such functions stay native.
 */
function rejectDynamicScope(tsi: typeof ts, fn: ts.FunctionLikeDeclaration): void {
  const visit = (n: ts.Node): void => {
    if (tsi.isWithStatement(n)) throw new Unsupported(LowerCodes.UnsupportedSyntax, `a 'with' statement hides which locals the function uses; ${MARK_NATIVE}`, n);
    if (tsi.isVariableStatement(n) && n.declarationList.flags & tsi.NodeFlags.Let && n.parent !== undefined && !(tsi.isBlock(n.parent) || tsi.isSourceFile(n.parent) || tsi.isCaseOrDefaultClause(n.parent) || tsi.isModuleBlock(n.parent))) {
      // `if (a) let // newline {}` is the identifier `let` and a block (a declaration cannot
      // stand there), which TypeScript's parser reads as a `let` declaration.
      throw new Unsupported(LowerCodes.UnsupportedSyntax, `the identifier 'let' as a statement of its own in a single-statement position is not lowered; write (let) or put the statement in a block, ${KEEP_NATIVE}`, n);
    }
    if (tsi.isCallExpression(n) && tsi.isIdentifier(n.expression) && n.expression.text === 'eval') {
      throw new Unsupported(LowerCodes.UnsupportedSyntax, `direct eval can read the function's locals by name, which the lowering moves; use indirect eval ((0, eval)(...)), ${KEEP_NATIVE}`, n);
    }
    tsi.forEachChild(n, visit);
  };
  // Parameter defaults too: `(a = eval("var a"))` declares in the parameters' scope.
  for (const p of fn.parameters) visit(p);
  visit(fn.body!);
}

/** A `"use strict"` directive in a statement list's prologue. */
export function hasUseStrict(tsi: typeof ts, stmts: readonly ts.Statement[]): boolean {
  for (const st of stmts) {
    if (!tsi.isExpressionStatement(st) || !tsi.isStringLiteral(st.expression)) return false;
    // The directive is the exact source text 'use strict' (no escapes).
    const o = tsi.getOriginalNode(st.expression);
    const raw = o.pos >= 0 && o.getSourceFile?.() ? o.getText() : `'${st.expression.text}'`;
    if (raw.slice(1, -1) === 'use strict') return true;
  }
  return false;
}

/** The function's own body starts with "use strict". */
function ownDirective(tsi: typeof ts, fn: ts.FunctionLikeDeclaration): boolean {
  return fn.body !== undefined && tsi.isBlock(fn.body) && hasUseStrict(tsi, fn.body.statements);
}

/** Whether `fn`'s code is strict: its own directive, an enclosing one or class, or a strict file. */
function isStrictCode(tsi: typeof ts, fn: ts.FunctionLikeDeclaration, strictFile: boolean): boolean {
  if (strictFile || ownDirective(tsi, fn)) return true;
  for (let n: ts.Node | undefined = tsi.getOriginalNode(fn).parent; n; n = n.parent) {
    if (tsi.isClassLike(n)) return true;
    if (tsi.isFunctionLike(n) && ownDirective(tsi, n as ts.FunctionLikeDeclaration)) return true;
    if (tsi.isSourceFile(n)) return hasUseStrict(tsi, n.statements);
  }
  return false;
}

/** With `direct`, also build the function's sync-first copy (lower/direct.ts). */
export function lowerFunction(
  lc: LowerContext,
  fn: ts.FunctionLikeDeclaration,
  name: string,
  pollName: string,
  pollRef: () => ts.Expression,
  direct?: DirectRequest,
): LoweredFunction {
  const directName = direct?.name;
  const { tsi, ctx, sf } = lc;
  const f = tsi.factory;
  rejectDynamicScope(tsi, fn);
  const scope = analyzeScopes(tsi, fn);
  // Looked up in place, not copied: a copy of the file's names per function is quadratic.
  const taken = new Set<string>();
  const isTaken = (n: string) => taken.has(n) || scope.names.has(n) || lc.fileNames.has(n);
  const fresh = (base: string) => {
    let n = base;
    for (let i = 1; isTaken(n); i++) n = `${base}${i}`;
    taken.add(n);
    return n;
  };
  const names: GenNames = { tp: lc.tp, cx: fresh('cx'), r: fresh('$r'), fr: fresh('$fr'), loop: fresh('$loop'), d: fresh('$d') };
  const em = new Emitter(tsi, names);
  // An async generator's frame is a GenMachine (a Stream); yields are states too.
  const generator = fn.asteriskToken !== undefined;
  const aw = new AwaitFinder(tsi, generator);
  const ex = new ExpressionLowerer(tsi, em, aw, sf);
  ex.directCalls = lc.directCalls;
  const leap = new LeapManager(em);
  const perIterationScopes = new Set(scope.bindings.filter((b) => b.inLoop && b.kind !== 'var').map((b) => b.scopeNode));
  const st = new StatementLowerer(tsi, em, leap, ex, aw, ctx, (n) => perIterationScopes.has(n));
  if (generator) ex.yields = new YieldLowerer(tsi, em, ex, leap, sf);
  em.generator = generator;

  // Start: bind complex parameters (an error there rejects the future, as natively). The
  // frame's status is the runtime's (ABI.md): whoever first awaits it claims it.
  const params = fn.parameters.filter((p) => !(tsi.isIdentifier(p.name) && p.name.text === 'this'));
  const simpleParams = params.every((p) => tsi.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken);
  if (!simpleParams) {
    const pattern = f.createArrayBindingPattern(params.map((p) => f.createBindingElement(p.dotDotDotToken, undefined, p.name, p.initializer)));
    em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(pattern, undefined, undefined, em.field('$a'))], tsi.NodeFlags.Let)));
    em.emit(em.assign(em.field('$a'), f.createVoidZero()));
    if (generator) {
      // A generator binds its parameters at the call, as natively (an error there throws from
      // the call): the wrapper runs this state by itself (bindParams), which stops here.
      const bound = em.newLabel('ParamsBound');
      em.emit(em.assign(em.field('$s'), f.createNumericLiteral(em.cases.length)));
      em.emitTerminal(f.createReturnStatement(em.rt('BOUND')));
      em.transitions.push({ from: 0, to: em.cases.length, kind: 'normal' });
      em.mark(bound, 'label', true);
    }
  }
  const body = fn.body!;
  if (tsi.isBlock(body)) st.list(body.statements);
  else {
    const v = ex.explode(body);
    for (const s of leap.leapStmts({ type: 'return', value: v }, false)) em.emitTerminal(s);
  }
  // Falling off the end returns undefined.
  if (!em.isTerminated) em.emitTerminal(em.returnStmt(undefined));
  em.finish();

  // A named function expression's own name is an immutable binding: writing it does nothing
  // in sloppy code and throws TypeError in strict code. (The lowering binds it with a const,
  // which bundlers refuse to see assigned, so the writes are rewritten either way.)
  const ownName = tsi.isFunctionExpression(fn) && fn.name ? { name: fn.name.text, strict: isStrictCode(tsi, fn, lc.strictFile) } : undefined;
  // Sloppy code with a simple parameter list maps `arguments[i]` to the parameters (both ways),
  // which only the engine's own parameters do: those stay the wrapper's (Storage.mapped).
  const mappedParams = scope.usesArguments && simpleParams && !tsi.isArrowFunction(fn) && !isStrictCode(tsi, fn, lc.strictFile);
  const hoister = new Hoister(tsi, em, scope, ctx, new Set(Object.values(names)), ownName, mappedParams);
  hoister.decide();
  hoister.rewriteAll();
  const storage = hoister.storage;

  // ---- poll function -----------------------------------------------------------------
  const self = () => em.self();
  const clauses: ts.CaseOrDefaultClause[] = em.cases.map((c) => {
    const lit = f.createNumericLiteral(c.id);
    tsi.addSyntheticTrailingComment(lit, tsi.SyntaxKind.MultiLineCommentTrivia, ` ${c.name} `, false);
    return f.createCaseClause(lit, c.stmts);
  });
  const finallyRegions = em.regions.filter((r) => r.kind === 'finally');
  const bySize = <T extends { start: { id: number }; end: { id: number }; kind: string }>(rs: T[]) =>
    rs.filter((r) => r.end.id > r.start.id).sort((a, b) => a.end.id - a.start.id - (b.end.id - b.start.id) || (a.kind === 'catch' ? -1 : 1));
  const inRange = (v: ts.Expression, r: { start: { id: number }; end: { id: number } }) =>
    f.createLogicalAnd(f.createGreaterThanEquals(v, f.createNumericLiteral(r.start.id)), f.createLessThan(v, f.createNumericLiteral(r.end.id)));
  // The unwind entry: the innermost finally around the suspended state, with a cancel completion.
  const unwind: ts.Statement[] = [];
  for (const r of bySize(finallyRegions)) {
    unwind.push(
      f.createIfStatement(
        inRange(em.field('$cs'), r),
        f.createBlock([em.assign(em.field(r.c!), f.createNumericLiteral(4)), em.assign(em.field('$s'), f.createNumericLiteral(r.target.id)), f.createContinueStatement()], true),
      ),
    );
    em.transitions.push({ from: -2, to: r.target, kind: 'cancel' });
  }
  unwind.push(f.createReturnStatement(f.createCallExpression(f.createPropertyAccessExpression(self(), '$unwound'), undefined, [])));
  const unwindLit = f.createPrefixMinus(f.createNumericLiteral(2));
  tsi.addSyntheticTrailingComment(unwindLit, tsi.SyntaxKind.MultiLineCommentTrivia, ' Unwind ', false);
  // Past the body: an async function's may be adopting what it returned (ABI.md section 3).
  const pastBody = em.adopts
    ? f.createCallExpression(f.createPropertyAccessExpression(self(), '$afterBody'), undefined, [f.createIdentifier(names.cx)])
    : f.createCallExpression(em.rt('polledAfterCompletion'), undefined, []);
  const stateClauses = [...clauses, f.createDefaultClause([f.createReturnStatement(pastBody)])];
  clauses.push(f.createCaseClause(unwindLit, unwind), stateClauses[stateClauses.length - 1]!);
  const sw = f.createSwitchStatement(em.field('$s'), f.createCaseBlock(clauses));

  const e = f.createIdentifier(fresh('e'));
  const handler: ts.Statement[] = [
    f.createIfStatement(f.createStrictEquality(em.field('$s'), f.createPrefixMinus(f.createNumericLiteral(1))), f.createThrowStatement(e)),
  ];
  const regions = bySize(em.regions);
  if (regions.length > 0) {
    handler.push(em.assign(em.field('$aw'), f.createVoidZero()));
    const s = f.createIdentifier(fresh('s'));
    handler.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(s, undefined, undefined, em.field('$s'))], tsi.NodeFlags.Const)));
    for (const r of regions) {
      let cond: ts.Expression = inRange(s, r);
      let action: ts.Statement[];
      if (r.kind === 'catch') {
        // catch blocks around the cancelled await do not run while cancel() unwinds.
        if (!r.whileUnwinding) cond = f.createLogicalAnd(f.createStrictEquality(em.field('$cs'), f.createNumericLiteral(0)), cond);
        action = [em.assign(em.r(), e)];
      } else {
        action = [em.assign(em.field(r.c!), f.createNumericLiteral(2)), em.assign(em.field(r.v!), e)];
      }
      em.transitions.push({ from: r.start.id, to: r.target, kind: 'throw' });
      handler.push(f.createIfStatement(cond, f.createBlock([...action, em.assign(em.field('$s'), f.createNumericLiteral(r.target.id)), f.createContinueStatement()], true)));
    }
  }
  if (finallyRegions.length > 0) {
    // A finally that throws while cancel() unwinds: settle as cancelled, report the error.
    handler.push(
      f.createIfStatement(
        f.createGreaterThan(em.field('$cs'), f.createNumericLiteral(0)),
        f.createBlock([f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(self(), '$unwound'), undefined, [])), f.createThrowStatement(e)], true),
      ),
    );
  }
  handler.push(f.createThrowStatement(f.createCallExpression(f.createPropertyAccessExpression(self(), '$throw'), undefined, [e])));
  const tryStmt = f.createTryStatement(f.createBlock([sw], true), f.createCatchClause(f.createVariableDeclaration(e), f.createBlock(handler, true)), undefined);
  let loop: ts.Statement = f.createForStatement(undefined, undefined, undefined, f.createBlock([tryStmt], true));
  if (em.usesLoopLabel) loop = f.createLabeledStatement(names.loop, loop);
  const pollLets = [f.createVariableDeclaration(names.r, undefined, undefined, em.rt('PENDING')), ...(em.usesLookup ? [f.createVariableDeclaration(names.d)] : [])];
  const pollStmts: ts.Statement[] = [f.createVariableStatement(undefined, f.createVariableDeclarationList(pollLets, tsi.NodeFlags.Let))];
  if (storage.needsFrameAlias) pollStmts.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(names.fr, undefined, undefined, self())], tsi.NodeFlags.Const)));
  pollStmts.push(loop);
  // A function strict by its own "use strict" keeps it in every function it becomes (its
  // parameters are simple, as the directive requires); strict by its context, it is already.
  const directive = (): ts.Statement[] => (ownDirective(tsi, fn) ? [f.createExpressionStatement(f.createStringLiteral('use strict'))] : []);
  const poll = f.createFunctionDeclaration(undefined, undefined, pollName, undefined, [f.createParameterDeclaration(undefined, undefined, names.cx)], undefined, f.createBlock([...directive(), ...pollStmts], true));

  // ---- wrapper -----------------------------------------------------------------------
  const fv = f.createIdentifier(fresh('$f'));
  const wrapperStmts: ts.Statement[] = [
    ...directive(),
    f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(fv, undefined, undefined, generator
            ? f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(lc.tp), 'genFrame'), undefined, [pollRef(), f.createThis()])
            : f.createNewExpression(f.createPropertyAccessExpression(f.createIdentifier(lc.tp), 'Machine'), undefined, [pollRef(), f.createThis()]))], tsi.NodeFlags.Const),
    ),
  ];
  const setField = (field: string, value: ts.Expression) => wrapperStmts.push(f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(fv, field), value)));
  let wrapperParams: ts.ParameterDeclaration[];
  const thisParam = fn.parameters.filter((p) => tsi.isIdentifier(p.name) && p.name.text === 'this');
  const paramFields = new Set<string>();
  if (simpleParams) {
    // Sloppy `(a, a)`: the last one is the binding (and the one arguments maps); a method-shaped
    // wrapper may not repeat a name, so the others get names of their own, which nothing reads.
    const text = (p: ts.ParameterDeclaration) => (p.name as ts.Identifier).text;
    const shadowed = (i: number) => params.some((q, j) => j > i && text(q) === text(params[i]!));
    wrapperParams = [...thisParam, ...params.map((p, i) => f.createParameterDeclaration(undefined, undefined, shadowed(i) ? fresh(`${text(p)}$`) : text(p), p.questionToken, p.type))];
    const accessors: ts.ObjectLiteralElementLike[] = [];
    for (const [i, p] of params.entries()) {
      if (shadowed(i)) continue;
      const name = text(p);
      const b = scope.byId.get(p.name as ts.Identifier)!;
      if (storage.mapped.has(b)) {
        const v = f.createIdentifier(fresh('v'));
        accessors.push(
          f.createGetAccessorDeclaration(undefined, name, [], undefined, f.createBlock([f.createReturnStatement(f.createIdentifier(name))])),
          f.createSetAccessorDeclaration(undefined, name, [f.createParameterDeclaration(undefined, undefined, v)], f.createBlock([f.createExpressionStatement(f.createAssignment(f.createIdentifier(name), v))])),
        );
        continue;
      }
      const field = storage.frame.get(b)!;
      paramFields.add(field);
      setField(field, f.createIdentifier(name));
    }
    if (accessors.length > 0) setField('$pm', f.createObjectLiteralExpression(accessors));
  } else {
    // The native `length`: parameters before the first default or rest.
    let length = params.findIndex((p) => p.initializer !== undefined || p.dotDotDotToken !== undefined);
    if (length < 0) length = params.length;
    const placeholders = params.slice(0, length).map((_, i) => fresh(`$p${i}`));
    const restName = fresh('$rest');
    wrapperParams = [
      ...thisParam,
      ...placeholders.map((p) => f.createParameterDeclaration(undefined, undefined, p)),
      f.createParameterDeclaration(undefined, f.createToken(tsi.SyntaxKind.DotDotDotToken), restName),
    ];
    setField('$a', f.createArrayLiteralExpression([...placeholders.map((p) => f.createIdentifier(p)), f.createSpreadElement(f.createIdentifier(restName))]));
    paramFields.add('$a');
  }
  const tdzFields = new Set([...storage.tdz].filter((b) => storage.frame.has(b)).map((b) => storage.frame.get(b)!));
  // The other fields, in the order every frame of this machine gets them (one hidden class).
  // The TDZ sentinel is the poll function itself: no user value can be it by accident.
  const otherFields = [...storage.fields.filter((field) => !paramFields.has(field)).map((field) => ({ field, tdz: tdzFields.has(field) })), ...[...em.temps, ...em.finallyFields].map((field) => ({ field, tdz: false }))];
  for (const { field, tdz } of otherFields) setField(field, tdz ? f.createPropertyAccessExpression(fv, 'poll') : f.createVoidZero());
  if (scope.usesArguments) setField('$args', f.createIdentifier('arguments'));
  if (scope.usesNewTarget) setField('$nt', f.createMetaProperty(tsi.SyntaxKind.NewKeyword, f.createIdentifier('target')));
  if (scope.usesSuper) {
    const k = f.createIdentifier('k');
    const v = f.createIdentifier('v');
    setField('$sg', f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, k)], undefined, undefined, f.createElementAccessExpression(f.createSuper(), k)));
    setField(
      '$ss',
      f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, k), f.createParameterDeclaration(undefined, undefined, v)], undefined, undefined, f.createBlock([f.createExpressionStatement(f.createAssignment(f.createElementAccessExpression(f.createSuper(), k), v))])),
    );
  }
  // An async function starts at the call (ABI.md, section 8); a generator's body waits for next().
  const tpCall = (helper: string) => f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(lc.tp), helper), undefined, [fv]);
  wrapperStmts.push(f.createReturnStatement(!generator ? tpCall('start') : simpleParams ? fv : tpCall('bindParams')));

  // ---- sync-first copy -----------------------------------------------------------------
  let copy: ts.FunctionDeclaration | undefined;
  let entry: string | undefined;
  if (directName !== undefined) {
    const eligible = !generator && simpleParams && !scope.usesThis && !scope.usesArguments && !scope.usesNewTarget && !scope.usesSuper;
    const onlyRethrows = regions.length === 0 && finallyRegions.length === 0;
    copy = eligible
      ? buildDirect({
          tsi,
          names,
          pollName,
          directName,
          frameThis: em.frameThis,
          clauses: stateClauses,
          handler: onlyRethrows ? undefined : { error: e, statements: handler },
          loopLabel: em.usesLoopLabel ? names.loop : undefined,
          usesLookup: em.usesLookup,
          params: [...paramFields],
          fields: otherFields.map(({ field, tdz }) => ({ field, init: tdz ? f.createIdentifier(pollName) : f.createVoidZero() })),
          fresh,
          straightOnly: direct!.straightOnly,
        })
      : undefined;
    if (copy !== undefined) {
      entry = directName;
      if (directive().length > 0) copy = f.updateFunctionDeclaration(copy, copy.modifiers, copy.asteriskToken, copy.name, copy.typeParameters, copy.parameters, copy.type, f.updateBlock(copy.body!, [...directive(), ...copy.body!.statements]));
    }
    else if (direct!.local) copy = fallbackDirect(tsi, lc.tp, name, directName);
  }
  // ---- info and description -----------------------------------------------------------
  const loc = sourceLoc(tsi, sf, fn) ?? { line: 0, col: 0 };
  const description = describeMachine(tsi, sf, lc.fileName, name, loc, em, storage);
  const stateNames = em.cases.map((c) => c.name);
  const awaits = em.cases.map((c) => (c.awaited ? sourceText(tsi, sf, tsi.isAwaitExpression(c.awaited) ? c.awaited.expression : c.awaited) : ''));
  const defineMachine = (ref: ts.Expression) =>
    f.createExpressionStatement(
      f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(lc.tp), 'defineMachine'), undefined, [
        ref,
        f.createObjectLiteralExpression(
          [
            f.createPropertyAssignment('name', f.createStringLiteral(name)),
            f.createPropertyAssignment('states', f.createArrayLiteralExpression(stateNames.map((s) => f.createStringLiteral(s)))),
            f.createPropertyAssignment('awaits', f.createArrayLiteralExpression(awaits.map((s) => f.createStringLiteral(s)))),
            f.createPropertyAssignment('loc', f.createStringLiteral(`${lc.fileName}:${loc.line}:${loc.col}`)),
          ],
          false,
        ),
        ...(copy ? [f.createIdentifier(copy.name!.text)] : []),
      ]),
    );
  return { poll, params: wrapperParams, wrapperBody: f.createBlock(wrapperStmts, true), defineMachine, description, direct: copy, entry };
}
