// The sync-first copy of a machine (ABI.md, section 7; C#'s "run until the first real
// suspension"): the same states as the poll function, rewritten to keep the frame's fields in
// JS locals. `await f(x)` on such a function calls the copy on the caller's stack, so a call
// that completes without suspending allocates nothing. Only when an await really suspends does
// the copy build the frame, from its locals, in the await's state, and return PENDING: the
// frame then continues as an ordinary machine, through the poll function.
//
// The copy is made from the finished poll function rather than emitted alongside it, so both
// run exactly the same statements. Anything in the poll function the rewrite does not
// recognise (a frame reference inside a closure, a helper handed the frame) makes the
// function ineligible, and its copy is the plain fallback: call the wrapper, await the result.
import type ts from 'typescript';
import type { GenNames } from './emit.js';

export interface DirectInput {
  tsi: typeof ts;
  names: GenNames;
  pollName: string;
  directName: string;
  /** `this` nodes that name the frame (Emitter.frameThis). */
  frameThis: WeakSet<ts.Node>;
  /** The state clauses and the default clause of the poll function's switch (no unwind entry). */
  clauses: readonly ts.CaseOrDefaultClause[];
  /** The catch handler of the dispatch loop, or undefined when it only rethrows. */
  handler: { error: ts.Identifier; statements: readonly ts.Statement[] } | undefined;
  /** Label of the dispatch loop, when jumps name it. */
  loopLabel: string | undefined;
  /** Some awaited method call reads its object into `$d` (Emitter.awaitCall). */
  usesLookup: boolean;
  /** Frame fields in the wrapper's order: parameters first, then the rest with their initial value. */
  params: readonly string[];
  fields: readonly { field: string; init: ts.Expression }[];
  fresh(base: string): string;
  /**
   * Build the copy only if it is one straight body: a copy with a dispatch loop repeats the
   * whole machine, which pays only for calls of this file (an export no await here calls).
   */
  straightOnly?: boolean;
}

/** Frame fields the copy keeps in locals of the same role. */
const STATE = '$s';
const OPERAND = '$aw';

/** The sync-first copy of a lowered function, or undefined when its poll function does not allow one. */
export function buildDirect(input: DirectInput): ts.FunctionDeclaration | undefined {
  const { tsi, names } = input;
  const f = tsi.factory;
  const locals = new Map<string, string>();
  const used = identifierTexts(tsi, input.clauses, input.handler?.statements ?? []);
  // A field keeps its name as a local unless the body already uses that name.
  const localFor = (field: string) => {
    const name = used.has(field) ? input.fresh(field) : field;
    used.add(name);
    locals.set(field, name);
    return name;
  };
  const paramLocals = input.params.map(localFor);
  const fieldLocals = input.fields.map((x) => localFor(x.field));
  const s = localFor(STATE);
  const aw = localFor(OPERAND);
  const suspend = input.fresh('$suspend');

  const rewriter = new Rewriter(tsi, input, locals, suspend);
  const clauses = rewriter.clauses(input.clauses);
  const handler = input.handler && rewriter.statements(input.handler.statements);
  // A closure reading the locals is right only while they are the call's one storage: a copy
  // that can suspend would move them into a frame the closure never sees.
  if (!rewriter.ok || (rewriter.suspends && rewriter.closuresReadLocals)) return undefined;

  const cx = f.createIdentifier(names.cx);
  let run: ts.Statement[];
  const straight = !handler && !input.loopLabel && !clauses.some((c) => jumps(tsi, c));
  if (!straight && input.straightOnly) return undefined;
  if (straight) {
    // Nothing jumps between states: the copy, which only starts in Start, falls through them
    // in order, so they run as one straight body with no dispatch.
    run = clauses.filter((c) => tsi.isCaseClause(c)).flatMap((c) => c.statements);
  } else {
    const sw = f.createSwitchStatement(f.createIdentifier(s), f.createCaseBlock(clauses));
    const dispatch = handler ? f.createTryStatement(f.createBlock([sw], true), f.createCatchClause(f.createVariableDeclaration(input.handler!.error), f.createBlock(handler, true)), undefined) : sw;
    const loop: ts.Statement = f.createForStatement(undefined, undefined, undefined, f.createBlock([dispatch], true));
    run = [input.loopLabel ? f.createLabeledStatement(input.loopLabel, loop) : loop];
  }
  const decl = (name: string, init: ts.Expression | undefined) => f.createVariableDeclaration(name, undefined, undefined, init);
  // The state and the awaited operand are kept for the frame; a copy that never builds it
  // needs them only where its dispatch reads them.
  const runUses = rewriter.suspends ? undefined : identifierTexts(tsi, run);
  const kept = (name: string) => runUses === undefined || runUses.has(name);
  const lets = f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList(
      [
        decl(names.r, undefined),
        ...(input.usesLookup ? [decl(names.d, undefined)] : []),
        ...(kept(s) ? [decl(s, f.createNumericLiteral(0))] : []),
        ...(kept(aw) ? [decl(aw, undefined)] : []),
        ...input.fields.map((x, i) => decl(fieldLocals[i]!, x.init)),
      ],
      tsi.NodeFlags.Let,
    ),
  );
  // Suspended: the frame the wrapper would have built (or a recycled one), holding the locals,
  // in state $s.
  const frame = f.createIdentifier(input.fresh('$f'));
  const set = (field: string, value: ts.Expression) => f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(frame, field), value));
  const rt = (name: string) => f.createPropertyAccessExpression(f.createIdentifier(names.tp), name);
  const materialize = [
    f.createVariableStatement(undefined, f.createVariableDeclarationList([decl(frame.text, f.createCallExpression(rt('frameFor'), undefined, [f.createIdentifier(input.pollName)]))], tsi.NodeFlags.Const)),
    ...input.params.map((field, i) => set(field, f.createIdentifier(paramLocals[i]!))),
    ...input.fields.map((x, i) => set(x.field, f.createIdentifier(fieldLocals[i]!))),
    set(STATE, f.createIdentifier(s)),
    set(OPERAND, f.createIdentifier(aw)),
    f.createReturnStatement(f.createCallExpression(rt('suspended'), undefined, [frame, cx])),
  ];
  // A copy with no await that can suspend never builds the frame.
  const body = rewriter.suspends ? [lets, f.createLabeledStatement(suspend, f.createBlock(run, true)), ...materialize] : [lets, ...run];
  const params = [names.cx, ...paramLocals].map((p) => f.createParameterDeclaration(undefined, undefined, p));
  return f.createFunctionDeclaration(undefined, undefined, input.directName, undefined, params, undefined, f.createBlock(body, true));
}

/**
 * The copy of a function that cannot have a real one (its lowering failed, or its poll function
 * needs the frame), for same-file awaits that call it by name: call the function the way an
 * await of any lowered function does (`$tp.callv`: its frame, awaited inline).
 */
export function fallbackDirect(tsi: typeof ts, tp: string, fnName: string, directName: string): ts.FunctionDeclaration {
  const f = tsi.factory;
  const cx = f.createIdentifier(fnName === 'cx' ? 'cx1' : 'cx');
  const args = f.createIdentifier(fnName === 'args' ? 'args1' : 'args');
  const call = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(tp), 'callv'), undefined, [cx, f.createIdentifier(fnName), f.createVoidZero(), args]);
  return f.createFunctionDeclaration(
    undefined,
    undefined,
    directName,
    undefined,
    [f.createParameterDeclaration(undefined, undefined, cx), f.createParameterDeclaration(undefined, f.createToken(tsi.SyntaxKind.DotDotDotToken), args)],
    undefined,
    f.createBlock([f.createReturnStatement(call)], true),
  );
}

/** Whether a state leaves through the dispatch: an unlabelled `continue` or `break` of its own. */
function jumps(tsi: typeof ts, clause: ts.CaseOrDefaultClause): boolean {
  // Inside a user loop or switch (kept native in the state) they are that statement's.
  const visit = (n: ts.Node, inUserStatement: boolean): boolean => {
    if ((tsi.isContinueStatement(n) || tsi.isBreakStatement(n)) && n.label === undefined) return !inUserStatement;
    if (tsi.isFunctionLike(n) || tsi.isClassLike(n)) return false;
    const inner = inUserStatement || tsi.isIterationStatement(n, false) || tsi.isSwitchStatement(n);
    return tsi.forEachChild(n, (c) => (visit(c, inner) ? true : undefined)) === true;
  };
  return clause.statements.some((st) => visit(st, false));
}

/** Identifier texts a local of the copy must not shadow (property names excluded). */
function identifierTexts(tsi: typeof ts, ...lists: (readonly ts.Node[])[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (tsi.isIdentifier(n)) out.add(n.text);
    else if (tsi.isPropertyAccessExpression(n)) visit(n.expression);
    else tsi.forEachChild(n, visit);
  };
  for (const list of lists) for (const n of list) visit(n);
  return out;
}

class Rewriter {
  private readonly f: ts.NodeFactory;
  /** False once something needs the frame itself: the function gets the fallback copy. */
  ok = true;
  /** Some await may suspend: the copy then ends by building the frame from its locals. */
  suspends = false;
  /** Some closure reads frame fields, rewritten to the copy's locals. */
  closuresReadLocals = false;

  constructor(
    private readonly tsi: typeof ts,
    private readonly input: DirectInput,
    private readonly locals: ReadonlyMap<string, string>,
    private readonly suspend: string,
  ) {
    this.f = tsi.factory;
  }

  clauses(list: readonly ts.CaseOrDefaultClause[]): ts.CaseOrDefaultClause[] {
    const tsi = this.tsi;
    return list.map((c) => (tsi.isCaseClause(c) ? this.f.updateCaseClause(c, c.expression, this.statements(c.statements)) : this.f.updateDefaultClause(c, this.statements(c.statements))));
  }

  statements(list: readonly ts.Statement[]): ts.Statement[] {
    const out: ts.Statement[] = [];
    for (const s of list) {
      // Resuming a suspended await never happens here: the copy only runs from Start. Nor
      // does cancellation (`this.$cs > 0`), which only reaches a frame.
      if (this.isResume(s) || (this.tsi.isIfStatement(s) && this.isCancelling(s.expression))) continue;
      out.push(this.visit(s) as ts.Statement);
    }
    return out;
  }

  /** `this.$cs > 0` (cancelling) and `this.$cs === 0` (not cancelling). */
  private isCancelling(e: ts.Expression, not = false): boolean {
    const tsi = this.tsi;
    const K = tsi.SyntaxKind;
    return (
      tsi.isBinaryExpression(e) &&
      e.operatorToken.kind === (not ? K.EqualsEqualsEqualsToken : K.GreaterThanToken) &&
      tsi.isPropertyAccessExpression(e.left) &&
      this.isFrame(e.left.expression) &&
      e.left.name.text === '$cs' &&
      tsi.isNumericLiteral(e.right) &&
      e.right.text === '0'
    );
  }

  /** The node stays as it is (the copy is discarded anyway). */
  private fail(n: ts.Node): ts.Node {
    this.ok = false;
    return n;
  }

  private isFrame(n: ts.Node): boolean {
    return n.kind === this.tsi.SyntaxKind.ThisKeyword && this.input.frameThis.has(n);
  }

  /** `$tp.<name>`, made. */
  private rt(name: string): ts.Expression {
    return this.f.createPropertyAccessExpression(this.f.createIdentifier(this.input.names.tp), name);
  }

  /** `$tp.<name>` */
  private isRuntime(n: ts.Node, name: string): boolean {
    const tsi = this.tsi;
    return tsi.isPropertyAccessExpression(n) && tsi.isIdentifier(n.expression) && n.expression.text === this.input.names.tp && n.name.text === name;
  }

  /** `this.<name>(...)` on the frame. */
  private frameMethod(n: ts.CallExpression): string | undefined {
    const c = n.expression;
    return this.tsi.isPropertyAccessExpression(c) && this.isFrame(c.expression) ? c.name.text : undefined;
  }

  /** `if ($r === $tp.PENDING && ($r = $tp.pollSlot(this, cx)) === $tp.PENDING) return $tp.PENDING;` (or pollDirect) */
  private isResume(s: ts.Statement): boolean {
    const tsi = this.tsi;
    if (!tsi.isIfStatement(s) || s.elseStatement || !tsi.isBinaryExpression(s.expression)) return false;
    let found = false;
    const visit = (n: ts.Node): void => {
      if (tsi.isCallExpression(n) && (this.isRuntime(n.expression, 'pollSlot') || this.isRuntime(n.expression, 'pollDirect'))) found = true;
      else tsi.forEachChild(n, visit);
    };
    visit(s.expression);
    return found;
  }

  /** `return $tp.PENDING` and `return $tp.adoptHeld(this)`: leave through the materialisation. */
  private isSuspend(s: ts.ReturnStatement): boolean {
    const e = s.expression;
    if (e === undefined) return false;
    if (this.isRuntime(e, 'PENDING')) return true;
    return this.tsi.isCallExpression(e) && this.isRuntime(e.expression, 'adoptHeld') && e.arguments.length === 1 && this.isFrame(e.arguments[0]!);
  }

  private readonly visit = (n: ts.Node): ts.Node => {
    const tsi = this.tsi;
    const f = this.f;
    if (tsi.isReturnStatement(n) && this.isSuspend(n)) {
      this.suspends = true;
      const take = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.input.names.tp), 'takeHeld'), undefined, []);
      return f.createBlock([f.createExpressionStatement(f.createAssignment(f.createIdentifier(this.locals.get(OPERAND)!), take)), f.createBreakStatement(this.suspend)], true);
    }
    if (tsi.isBinaryExpression(n) && n.operatorToken.kind === tsi.SyntaxKind.AmpersandAmpersandToken && this.isCancelling(n.left, true)) return this.visit(n.right);
    if (tsi.isCallExpression(n)) {
      const method = this.frameMethod(n);
      // Settling is the caller's business: a value is returned, an error thrown.
      if (method === '$return' || method === '$throw') return n.arguments.length === 1 ? this.visit(n.arguments[0]!) : this.fail(n);
      if (method === '$unwound') return f.createVoidZero(); // only reached while cancelling a frame
      // The returned value may be a thenable: adopt it here, or suspend into a frame adopting it.
      // A primitive, the common case on this fast path, is returned without a call.
      if (method === '$resolve' && n.arguments.length === 2) {
        const r = () => f.createIdentifier(this.input.names.r);
        const typeIs = (e: ts.Expression, t: string) => f.createStrictEquality(f.createTypeOfExpression(e), f.createStringLiteral(t));
        const resolve = f.createCallExpression(this.rt('resolveDirect'), undefined, [r(), f.createIdentifier(this.input.names.cx), f.createIdentifier(this.input.pollName)]);
        const value = f.createParenthesizedExpression(f.createAssignment(r(), this.visit(n.arguments[0]!) as ts.Expression));
        return f.createConditionalExpression(f.createLogicalOr(typeIs(value, 'object'), typeIs(r(), 'function')), undefined, resolve, undefined, r());
      }
      // The copy runs from Start and returns at the end of the body: never past it.
      if (method === '$afterBody') return f.createCallExpression(this.rt('polledAfterCompletion'), undefined, []);
      if (this.isRuntime(n.expression, 'awaitStep')) return f.createCallExpression(this.rt('awaitValue'), undefined, [f.createIdentifier(this.locals.get(OPERAND)!), f.createIdentifier(this.input.names.cx)]);
    }
    if (tsi.isPropertyAccessExpression(n) && this.isFrame(n.expression)) return this.fieldLocal(n);
    if (this.isFrameRef(n)) return this.fail(n);
    if (tsi.isFunctionLike(n) || tsi.isClassLike(n)) {
      if (!this.reachesFrame(n)) return n;
      // Its frame fields become the copy's locals: right unless the copy suspends (checked
      // once the whole copy is rewritten).
      this.closuresReadLocals = true;
      return tsi.visitEachChild(n, this.visitClosure, undefined);
    }
    return tsi.visitEachChild(n, this.visit, undefined);
  };

  /** Inside a closure: only its reads of the frame change; its returns and calls are its own. */
  private readonly visitClosure = (n: ts.Node): ts.Node => {
    const tsi = this.tsi;
    if (tsi.isPropertyAccessExpression(n) && this.isFrameRef(n.expression)) return this.fieldLocal(n);
    if (this.isFrameRef(n)) return this.fail(n);
    return tsi.visitEachChild(n, this.visitClosure, undefined);
  };

  /** `this.<field>` or `$fr.<field>` of the frame, as the copy's local. */
  private fieldLocal(n: ts.PropertyAccessExpression): ts.Node {
    const f = this.f;
    const field = n.name.text;
    if (field === '$cs') return f.createNumericLiteral(0); // never cancelling here
    if (field === 'poll') return f.createIdentifier(this.input.pollName); // the TDZ sentinel
    const local = this.locals.get(field);
    return local === undefined ? this.fail(n) : this.tsi.setTextRange(f.createIdentifier(local), n);
  }

  /** The frame: the poll function's `this` (also in arrows), or its alias in nested functions. */
  private isFrameRef(n: ts.Node): boolean {
    return this.isFrame(n) || (this.tsi.isIdentifier(n) && n.text === this.input.names.fr);
  }

  private reachesFrame(n: ts.Node): boolean {
    return this.isFrameRef(n) || this.tsi.forEachChild(n, (c) => (this.reachesFrame(c) ? true : undefined)) === true;
  }
}
