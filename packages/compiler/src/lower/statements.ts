// Statement lowering: statements that contain an await are taken apart into states with
// explicit jumps; every other statement is emitted as written, with only the jumps that
// leave it (break/continue/return to a split construct) redirected through the dispatch loop.
import type ts from 'typescript';
import type { AwaitFinder } from './analyze.js';
import { KEEP_NATIVE, MARK_NATIVE, LowerCodes, Unsupported } from './diagnostics.js';
import { type Emitter, type Label, neverThenable } from './emit.js';
import type { ExpressionLowerer } from './expressions.js';
import { PatternLowerer } from './patterns.js';
import { emitDisposal, emitRegister } from './using.js';
import { Completion, type FinallyEntry, type LeapManager } from './leap.js';
import { closeStreamOnCancel } from './generator.js';

export class StatementLowerer {
  private readonly f: ts.NodeFactory;
  private readonly patterns: PatternLowerer;

  constructor(
    private readonly tsi: typeof ts,
    private readonly em: Emitter,
    private readonly leap: LeapManager,
    private readonly ex: ExpressionLowerer,
    private readonly aw: AwaitFinder,
    private readonly ctx: ts.TransformationContext,
    /** Does this scope node declare let/const bindings inside a loop (per-iteration ones)? */
    private readonly perIteration: (scope: ts.Node) => boolean,
  ) {
    this.f = tsi.factory;
    this.patterns = new PatternLowerer(tsi, em, ex, aw, (it, done, body) => this.closingIterator(it, done, body));
    ex.patterns = this.patterns;
  }

  /** A statement list of a split block: function declarations first (they are hoisted). */
  list(stmts: readonly ts.Statement[]): void {
    for (const s of stmts) if (this.tsi.isFunctionDeclaration(s)) this.stmt(s);
    if (stmts.some((s) => this.isUsing(s))) return this.usingBlock(stmts);
    for (const s of stmts) if (!this.tsi.isFunctionDeclaration(s)) this.stmt(s);
  }

  private isUsing(s: ts.Statement): s is ts.VariableStatement {
    return this.tsi.isVariableStatement(s) && (s.declarationList.flags & this.tsi.NodeFlags.Using) !== 0;
  }

  /** A block with using declarations: try { statements } finally { dispose the stack }. */
  private usingBlock(stmts: readonly ts.Statement[]): void {
    const tsi = this.tsi;
    const em = this.em;
    const f = this.f;
    const stack = em.longTemp();
    const { c, v } = em.finallyFieldsFor();
    const start = em.newLabel('Using');
    const fin = em.newLabel('DisposeResources');
    const entry: FinallyEntry = { kind: 'finally', fin, c, v, returns: false, cancels: true, jumps: [] };
    em.emit(em.assign(em.field(stack), f.createArrayLiteralExpression([])));
    em.endStatement();
    this.leap.push(entry);
    em.mark(start);
    for (const s of stmts) {
      if (tsi.isFunctionDeclaration(s)) continue;
      if (!this.isUsing(s)) {
        this.stmt(s);
        continue;
      }
      // AwaitUsing is Using | Const.
      const isAwait = (s.declarationList.flags & tsi.NodeFlags.AwaitUsing) === tsi.NodeFlags.AwaitUsing;
      for (const d of s.declarationList.declarations) {
        const value = em.spill(this.ex.explode(d.initializer!));
        em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(d.name, undefined, undefined, value)], tsi.NodeFlags.Const)));
        emitRegister(em, stack, value, isAwait);
      }
    }
    em.emit(em.assign(em.field(c), f.createNumericLiteral(Completion.Normal)));
    this.leap.pop();
    em.mark(fin);
    em.addRegion({ kind: 'finally', start, end: fin, target: fin, c, v });
    emitDisposal(em, stack, c, v);
    em.emit(em.assign(em.field(stack), f.createVoidZero()));
    this.leap.emitFinallyExit(entry);
    em.emit(em.assign(em.field(v), f.createVoidZero()));
    em.release(stack);
  }

  stmt(s: ts.Statement, labels: string[] = []): void {
    const outer = this.em.source;
    this.em.source = s;
    try {
      this.lowerStatement(s, labels);
    } finally {
      this.em.source = outer;
    }
  }

  private lowerStatement(s: ts.Statement, labels: string[]): void {
    const tsi = this.tsi;
    const em = this.em;
    const f = this.f;
    if (!this.aw.has(s)) {
      const out = this.unsplit(s);
      // A jump or return at the statement list's own level: emit its statements flat, and
      // nothing falls through after it.
      let flat = out;
      while (flat.length === 1 && tsi.isBlock(flat[0]!) && flat[0] !== s) flat = [...(flat[0] as ts.Block).statements];
      const terminal = tsi.isReturnStatement(s) || tsi.isThrowStatement(s) || tsi.isBreakOrContinueStatement(s);
      for (const o of flat) {
        if (terminal) em.emitTerminal(o);
        else em.emit(o);
      }
      em.endStatement();
      return;
    }
    if (tsi.isBlock(s)) {
      if (this.perIteration(s)) em.envMarker(s, 'init');
      return this.list(s.statements);
    }
    if (tsi.isExpressionStatement(s)) {
      const e = this.ex.explode(s.expression, true);
      if (!(tsi.isIdentifier(e) && e.pos < 0)) em.emit(f.updateExpressionStatement(s, e));
      em.endStatement();
      return;
    }
    if (tsi.isVariableStatement(s)) return this.variableStatement(s);
    if (tsi.isReturnStatement(s)) {
      // An async generator's `return v` awaits v in the body, where its handlers see a rejection.
      const awaits = this.em.generator && s.expression !== undefined && !neverThenable(tsi, s.expression);
      const v = s.expression ? (awaits ? this.ex.awaited(s.expression) : this.ex.explode(s.expression)) : undefined;
      for (const out of this.leap.leapStmts({ type: 'return', value: v }, false)) em.emitTerminal(out);
      em.endStatement();
      return;
    }
    if (tsi.isThrowStatement(s)) {
      em.emitTerminal(f.updateThrowStatement(s, this.ex.explode(s.expression)));
      em.endStatement();
      return;
    }
    if (tsi.isIfStatement(s)) return this.ifStatement(s);
    if (tsi.isLabeledStatement(s)) return this.labeled(s, labels);
    if (tsi.isWhileStatement(s)) return this.whileStatement(s, labels);
    if (tsi.isDoStatement(s)) return this.doStatement(s, labels);
    if (tsi.isForStatement(s)) return this.forStatement(s, labels);
    if (tsi.isForOfStatement(s)) return s.awaitModifier ? this.forAwait(s, labels) : this.forOf(s, labels);
    if (tsi.isForInStatement(s)) return this.forIn(s, labels);
    if (tsi.isSwitchStatement(s)) return this.switchStatement(s, labels);
    if (tsi.isTryStatement(s)) return this.tryStatement(s);
    if (tsi.isClassDeclaration(s)) {
      em.emit(this.ex.classWithAwaits(s));
      em.endStatement();
      return;
    }
    throw new Unsupported(LowerCodes.UnsupportedSyntax, `this statement (${tsi.SyntaxKind[s.kind]}) is not lowered; ${MARK_NATIVE}`, s);
  }

  private variableStatement(s: ts.VariableStatement): void {
    const tsi = this.tsi;
    const f = this.f;
    const list = s.declarationList;
    if (list.flags & tsi.NodeFlags.Using) {
      // Only a block's own statement list can hold them (handled by usingBlock).
      throw new Unsupported(LowerCodes.UsingDeclaration, `a 'using' declaration outside a block's statement list (e.g. in a for head) is not lowered; ${MARK_NATIVE}`, s);
    }
    for (const d of list.declarations) {
      if (!tsi.isIdentifier(d.name) && this.aw.has(d.name)) {
        const value = this.em.spill(this.ex.explode(d.initializer!));
        this.patterns.bind(d.name, value, list.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const));
        this.em.endStatement();
        continue;
      }
      const init = d.initializer ? this.ex.explode(d.initializer) : undefined;
      const decl = f.updateVariableDeclaration(d, d.name, d.exclamationToken, d.type, init);
      this.em.emit(f.createVariableStatement(s.modifiers, f.createVariableDeclarationList([decl], list.flags)));
      this.em.endStatement();
    }
  }

  private ifStatement(s: ts.IfStatement): void {
    const em = this.em;
    const f = this.f;
    const cond = this.ex.explode(s.expression);
    if (!this.aw.has(s.thenStatement) && !this.aw.has(s.elseStatement)) {
      em.emit(f.updateIfStatement(s, cond, this.unsplitAsStatement(s.thenStatement), s.elseStatement && this.unsplitAsStatement(s.elseStatement)));
      em.endStatement();
      return;
    }
    em.endStatement();
    const end = em.newLabel('AfterIf');
    const elseL = s.elseStatement ? em.newLabel('Else') : end;
    em.jumpIf(f.createLogicalNot(cond), elseL);
    this.stmt(s.thenStatement);
    if (s.elseStatement) {
      em.jump(end);
      em.mark(elseL);
      this.stmt(s.elseStatement);
    }
    em.mark(end);
  }

  private labeled(s: ts.LabeledStatement, labels: string[]): void {
    const all = [...labels, s.label.text];
    const inner = s.statement;
    if (this.tsi.isIterationStatement(inner, false)) return this.stmt(inner, all);
    const end = this.em.newLabel('AfterLabel');
    this.leap.push({ kind: 'labeled', breakL: end, labels: all });
    this.stmt(inner);
    this.leap.pop();
    this.em.mark(end);
  }

  private loopBody(body: ts.Statement, breakL: Label, continueL: Label, labels: string[]): void {
    this.leap.push({ kind: 'loop', breakL, continueL, labels });
    this.stmt(body);
    this.leap.pop();
  }

  private whileStatement(s: ts.WhileStatement, labels: string[]): void {
    const em = this.em;
    const head = em.newLabel('While');
    const end = em.newLabel('AfterWhile');
    em.mark(head);
    em.budgetCheck();
    em.jumpIf(this.f.createLogicalNot(this.ex.explode(s.expression)), end);
    em.endStatement();
    this.loopBody(s.statement, end, head, labels);
    em.jump(head);
    em.mark(end);
  }

  private doStatement(s: ts.DoStatement, labels: string[]): void {
    const em = this.em;
    const body = em.newLabel('Do');
    const test = em.newLabel('DoTest');
    const end = em.newLabel('AfterDo');
    em.mark(body);
    this.loopBody(s.statement, end, test, labels);
    em.mark(test);
    em.budgetCheck();
    em.jumpIf(this.ex.explode(s.expression), body);
    em.endStatement();
    em.mark(end);
  }

  private forStatement(s: ts.ForStatement, labels: string[]): void {
    const tsi = this.tsi;
    const em = this.em;
    const f = this.f;
    const init = s.initializer;
    const perIteration = this.perIteration(s);
    if (init) {
      if (perIteration) em.envMarker(s, 'init');
      if (tsi.isVariableDeclarationList(init)) this.variableStatement(f.createVariableStatement(undefined, init));
      else {
        em.emit(f.createExpressionStatement(this.ex.explode(init, true)));
        em.endStatement();
      }
    }
    const head = em.newLabel('For');
    const update = em.newLabel('ForNext');
    const end = em.newLabel('AfterFor');
    em.mark(head);
    em.budgetCheck();
    if (s.condition) {
      em.jumpIf(f.createLogicalNot(this.ex.explode(s.condition)), end);
      em.endStatement();
    }
    this.loopBody(s.statement, end, s.incrementor || perIteration ? update : head, labels);
    if (s.incrementor || perIteration) em.mark(update);
    // Each iteration gets a copy of the head's let bindings before the update runs.
    if (perIteration) em.envMarker(s, 'copy');
    if (s.incrementor) {
      const inc = this.ex.explode(s.incrementor, true);
      em.emit(f.createExpressionStatement(inc));
      em.endStatement();
    }
    em.jump(head);
    em.mark(end);
  }

  /** The loop variable binding of for-of/for-in: a declaration, or an assignment target. */
  private bindLoopValue(s: ts.ForOfStatement | ts.ForInStatement, init: ts.ForInitializer, value: ts.Expression): void {
    const tsi = this.tsi;
    const f = this.f;
    if (this.perIteration(s)) this.em.envMarker(s, 'init');
    if (tsi.isVariableDeclarationList(init) && init.flags & tsi.NodeFlags.Using) {
      throw new Unsupported(LowerCodes.UsingDeclaration, `a 'using' declaration in a for-of head is not lowered when the loop awaits; declare it inside the loop body, ${KEEP_NATIVE}`, init);
    }
    if (tsi.isVariableDeclarationList(init)) {
      const d = init.declarations[0]!;
      if (this.aw.has(d.name)) {
        this.patterns.bind(d.name, this.em.spill(value), init.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const));
        this.em.endStatement();
        return;
      }
      const decl = f.createVariableDeclaration(d.name, undefined, undefined, value);
      this.em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([decl], init.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const))));
    } else if (this.aw.has(init) && isPattern(tsi, init)) {
      // `for ([a = await x] of xs)`, `for ([a = yield] of xs)`: taken apart, each default
      // awaited only when it is needed (the pattern closes its iterator however it is left).
      this.patterns.assign(init, this.em.spill(value));
    } else {
      const target = this.ex.explodeReference(init, false);
      this.em.emit(f.createExpressionStatement(f.createAssignment(target, value)));
    }
    this.em.endStatement();
  }

  private forOf(s: ts.ForOfStatement, labels: string[]): void {
    const em = this.em;
    const f = this.f;
    const it = em.longTemp();
    const next = em.longTemp();
    const iterable = this.ex.explode(s.expression);
    em.emit(em.assign(em.field(it), f.createCallExpression(f.createElementAccessExpression(iterable, f.createPropertyAccessExpression(f.createIdentifier('Symbol'), 'iterator')), undefined, [])));
    this.checkObject(em.field(it), 'Result of the Symbol.iterator method is not an object');
    // The iterator record keeps `next`: read once, called on the iterator each step.
    em.emit(em.assign(em.field(next), f.createPropertyAccessExpression(em.field(it), 'next')));
    em.endStatement();
    this.iterationLoop(s, labels, it, (done) => {
      // $r = next.call(it); if ($r.done) exit; value = $r.value
      em.emit(em.assign(em.r(), this.callNext(next, it)));
      this.checkObject(em.r(), 'iterator result is not an object');
      em.jumpIf(f.createPropertyAccessExpression(em.r(), 'done'), done);
      return f.createPropertyAccessExpression(em.r(), 'value');
    }, false);
    em.release(it);
    em.release(next);
  }

  /** `next.call(it)`. */
  private callNext(next: string, it: string): ts.Expression {
    const f = this.f;
    return f.createCallExpression(f.createPropertyAccessExpression(this.em.field(next), 'call'), undefined, [this.em.field(it)]);
  }

  /** `if (Object(v) !== v) throw new TypeError(message)`. */
  private objectCheck(v: ts.Expression, message: string): ts.Statement {
    const f = this.f;
    return f.createIfStatement(
      f.createStrictInequality(f.createCallExpression(f.createIdentifier('Object'), undefined, [v]), v),
      f.createThrowStatement(f.createNewExpression(f.createIdentifier('TypeError'), undefined, [f.createStringLiteral(message)])),
    );
  }

  private checkObject(v: ts.Expression, message: string): void {
    this.em.emit(this.objectCheck(v, message));
  }

  private forAwait(s: ts.ForOfStatement, labels: string[]): void {
    const em = this.em;
    const f = this.f;
    const it = em.longTemp();
    const mode = em.longTemp();
    const next = em.longTemp();
    const sym = (name: string) => f.createPropertyAccessExpression(f.createIdentifier('Symbol'), name);
    const modeIs = (m: number) => f.createStrictEquality(em.field(mode), f.createNumericLiteral(m));
    const setMode = (m: number) => em.assign(em.field(mode), f.createNumericLiteral(m));
    // 2: a runtime stream, polled directly; 1: a sync iterable, whose values are awaited
    // (CreateAsyncFromSyncIterator); 0: an async iterable. GetIterator(obj, async) reads
    // Symbol.asyncIterator once, then (if it is null or undefined) Symbol.iterator once, calls
    // the method on obj, and keeps the iterator's `next`.
    em.emit(em.assign(em.r(), this.ex.explode(s.expression)));
    const isStream = f.createStrictEquality(f.createTypeOfExpression(f.createPropertyAccessChain(em.r(), f.createToken(this.tsi.SyntaxKind.QuestionDotToken), 'pollNext')), f.createStringLiteral('function'));
    const method = em.field(next);
    em.emit(
      f.createIfStatement(
        isStream,
        f.createBlock([setMode(2), em.assign(em.field(it), em.r())], true),
        f.createBlock(
          [
            setMode(0),
            em.assign(method, f.createElementAccessExpression(em.r(), sym('asyncIterator'))),
            f.createIfStatement(f.createEquality(method, f.createNull()), f.createBlock([setMode(1), em.assign(em.field(next), f.createElementAccessExpression(em.r(), sym('iterator')))], true)),
            em.assign(em.field(it), f.createCallExpression(f.createPropertyAccessExpression(method, 'call'), undefined, [em.r()])),
          ],
          true,
        ),
      ),
    );
    em.emit(
      f.createIfStatement(
        f.createLogicalNot(modeIs(2)),
        f.createBlock([this.objectCheck(em.field(it), 'Result of the Symbol.asyncIterator method is not an object'), em.assign(em.field(next), f.createPropertyAccessExpression(em.field(it), 'next'))], true),
      ),
    );
    em.endStatement();
    this.iterationLoop(s, labels, it, (done) => {
      const value = em.temp();
      const viaIterator = em.newLabel('ForAwaitNext');
      const viaSync = em.newLabel('ForAwaitSyncNext');
      const have = em.newLabel('ForAwaitValue');
      em.jumpIf(f.createLogicalNot(modeIs(2)), viaIterator);
      // Stream: pollNext(cx) is the await (budgeted like awaitStep).
      const waitL = em.newLabel('WaitingForNext');
      em.markAwait(waitL, s.expression);
      const cx = f.createIdentifier(em.names.cx);
      em.emit(
        f.createIfStatement(
          f.createLogicalOr(
            f.createLogicalNot(f.createCallExpression(em.rt('consumeBudget'), undefined, [cx])),
            f.createStrictEquality(
              f.createParenthesizedExpression(f.createAssignment(em.r(), f.createCallExpression(f.createPropertyAccessExpression(em.field(it), 'pollNext'), undefined, [f.createIdentifier(em.names.cx)]))),
              em.rt('PENDING'),
            ),
          ),
          f.createReturnStatement(em.rt('PENDING')),
        ),
      );
      em.jumpIf(f.createStrictEquality(em.r(), em.rt('END')), done);
      em.emit(em.assign(em.field(value), em.r()));
      em.jump(have);
      closeStreamOnCancel(em, this.leap, it, waitL);
      em.mark(viaIterator);
      em.jumpIf(modeIs(1), viaSync);
      // An async iterator: await next(); a result that is not an object is a TypeError.
      const step = em.await(this.callNext(next, it), s.expression, 'next()');
      this.checkObject(step, 'iterator result is not an object');
      em.jumpIf(f.createPropertyAccessExpression(em.r(), 'done'), done);
      em.emit(em.assign(em.field(value), f.createPropertyAccessExpression(em.r(), 'value')));
      em.jump(have);
      // A sync iterator (AsyncFromSyncIteratorContinuation): next(), then `done`, then `value`,
      // which is awaited whether or not the iterator is done.
      em.mark(viaSync);
      const isDone = em.temp();
      em.emit(em.assign(em.r(), this.callNext(next, it)));
      this.checkObject(em.r(), 'iterator result is not an object');
      em.emit(em.assign(em.field(isDone), f.createLogicalNot(f.createLogicalNot(f.createPropertyAccessExpression(em.r(), 'done')))));
      em.emit(em.assign(em.field(value), f.createPropertyAccessExpression(em.r(), 'value')));
      em.emit(em.assign(em.field(value), em.await(em.field(value), s.expression, 'value')));
      em.jumpIf(em.field(isDone), done);
      em.mark(have);
      return em.field(value);
    }, true, mode);
    em.release(it);
    em.release(mode);
    em.release(next);
  }

  /**
   * The shared shape of for-of, for-await-of and for-in: head (step), body inside a
   * finally-like region that closes the iterator when the loop is left early.
   */
  private iterationLoop(
    s: ts.ForOfStatement | ts.ForInStatement,
    labels: string[],
    it: string | undefined,
    step: (done: Label) => ts.Expression,
    isAsync: boolean,
    mode?: string,
  ): void {
    const em = this.em;
    const f = this.f;
    const head = em.newLabel(isAsync ? 'ForAwait' : this.tsi.isForInStatement(s) ? 'ForIn' : 'ForOf');
    const end = em.newLabel('AfterLoop');
    em.mark(head);
    em.budgetCheck();
    const value = step(end);
    if (!it) {
      this.bindLoopValue(s, s.initializer, value);
      this.loopBody(s.statement, end, head, labels);
      em.jump(head);
      em.mark(end);
      return;
    }
    // Leaving the body by break/return/throw/cancel closes the iterator (IteratorClose).
    const { c, v } = em.finallyFieldsFor();
    const bodyStart = em.newLabel('ForBody');
    const fin = em.newLabel('CloseIterator');
    const breakL = em.newLabel('BreakLoop');
    const entry: FinallyEntry = { kind: 'finally', fin, c, v, returns: false, cancels: true, jumps: [] };
    em.mark(bodyStart);
    this.leap.push(entry);
    this.bindLoopValue(s, s.initializer, value);
    this.loopBody(s.statement, breakL, head, labels);
    this.leap.pop();
    em.jump(head);
    em.addRegion({ kind: 'finally', start: bodyStart, end: fin, target: fin, c, v });
    // break: close normally, then leave.
    em.mark(fin);
    this.emitClose(it, isAsync, c, mode);
    this.leap.emitFinallyExit(entry);
    em.jump(end);
    em.mark(breakL);
    em.emit(em.assign(em.field(c), f.createNumericLiteral(Completion.Normal)));
    this.emitClose(it, isAsync, undefined, mode);
    em.mark(end);
  }

  /**
   * `body` (the elements of an array pattern) inside a finally-like region: leaving it in any
   * way (its end, a throw, a generator's return at a yield, cancel) closes the iterator `it`
   * unless the field `done` says it is done, with that completion (IteratorClose).
   */
  private closingIterator(it: string, done: string, body: () => void): void {
    const em = this.em;
    const f = this.f;
    const { c, v } = em.finallyFieldsFor();
    const start = em.newLabel('Destructure');
    const fin = em.newLabel('CloseIterator');
    const entry: FinallyEntry = { kind: 'finally', fin, c, v, returns: false, cancels: true, jumps: [] };
    em.mark(start);
    this.leap.push(entry);
    body();
    this.leap.pop();
    em.emit(em.assign(em.field(c), f.createNumericLiteral(Completion.Normal)));
    em.mark(fin);
    em.addRegion({ kind: 'finally', start, end: fin, target: fin, c, v });
    const closed = em.newLabel('Closed');
    em.jumpIf(em.field(done), closed);
    this.emitClose(it, false, c, undefined);
    em.mark(closed);
    this.leap.emitFinallyExit(entry);
    em.emit(em.assign(em.field(v), f.createVoidZero()));
  }

  /** IteratorClose / AsyncIteratorClose. With a throw completion, errors of `return` are ignored. */
  private emitClose(it: string, isAsync: boolean, c: string | undefined, mode: string | undefined): void {
    const em = this.em;
    const f = this.f;
    const ret = em.temp();
    const skip = em.newLabel('Closed');
    if (mode) {
      // A stream is closed by cancelling it. A lowered generator's cancel(close) returns the
      // task finishing finally blocks that await (or nothing), failing with an error of one
      // (close = true), or dropping it on a throw completion: awaited, as return() is natively.
      const notStream = em.newLabel('CloseIterator');
      em.jumpIf(f.createStrictInequality(em.field(mode), f.createNumericLiteral(2)), notStream);
      const close = c ? f.createStrictInequality(em.field(c), f.createNumericLiteral(Completion.Throw)) : f.createTrue();
      const cancel = f.createCallExpression(f.createPropertyAccessExpression(em.field(it), 'cancel'), undefined, [close]);
      em.await(cancel, cancel, 'cancel()');
      em.jump(skip);
      em.mark(notStream);
    }
    const getReturn = () => {
      em.emit(em.assign(em.field(ret), f.createPropertyAccessExpression(em.field(it), 'return')));
      em.jumpIf(f.createEquality(em.field(ret), f.createNull()), skip);
    };
    const call = f.createCallExpression(f.createPropertyAccessExpression(em.field(ret), 'call'), undefined, [em.field(it)]);
    if (c) {
      // Throw completion: get and call return (and await it if async), ignoring errors of
      // both, then the finally exit rethrows the original error.
      const normal = em.newLabel('CloseChecked');
      em.jumpIf(f.createStrictInequality(em.field(c), f.createNumericLiteral(Completion.Throw)), normal);
      const start = em.newLabel('CloseOnThrow');
      em.mark(start);
      getReturn();
      const closeCall = f.createCallExpression(f.createPropertyAccessExpression(em.field(ret), 'call'), undefined, [em.field(it)]);
      if (isAsync) em.await(closeCall, closeCall, 'return()');
      else em.emit(f.createExpressionStatement(closeCall));
      em.jump(skip);
      const ignored = em.newLabel('CloseFailed');
      em.addRegion({ kind: 'catch', start, end: ignored, target: ignored, whileUnwinding: true });
      em.mark(ignored);
      em.jump(skip);
      em.mark(normal);
    }
    getReturn();
    const result = isAsync ? em.await(call, call, 'return()') : call;
    em.emit(
      f.createIfStatement(
        f.createStrictInequality(f.createCallExpression(f.createIdentifier('Object'), undefined, [f.createAssignment(em.r(), result)]), em.r()),
        f.createThrowStatement(f.createNewExpression(f.createIdentifier('TypeError'), undefined, [f.createStringLiteral('iterator.return() did not return an object')])),
      ),
    );
    em.mark(skip);
    em.endStatement();
  }

  private forIn(s: ts.ForInStatement, labels: string[]): void {
    const em = this.em;
    const f = this.f;
    // Keys are collected up front; a key deleted before its turn is skipped, as natively.
    const keys = em.longTemp();
    const obj = em.longTemp();
    const idx = em.longTemp();
    em.emit(em.assign(em.field(obj), this.ex.explode(s.expression)));
    em.emit(em.assign(em.field(keys), f.createArrayLiteralExpression([])));
    const k = f.createUniqueName('k');
    em.emit(
      f.createForInStatement(
        f.createVariableDeclarationList([f.createVariableDeclaration(k)], this.tsi.NodeFlags.Const),
        em.field(obj),
        f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(em.field(keys), 'push'), undefined, [k])),
      ),
    );
    em.emit(em.assign(em.field(idx), f.createNumericLiteral(0)));
    em.endStatement();
    this.iterationLoop(s, labels, undefined, (done) => {
      const skip = em.newLabel('ForInSkip');
      em.mark(skip);
      em.jumpIf(f.createGreaterThanEquals(em.field(idx), f.createPropertyAccessExpression(em.field(keys), 'length')), done);
      em.emit(em.assign(em.r(), f.createElementAccessExpression(em.field(keys), f.createPostfixIncrement(em.field(idx)))));
      em.jumpIf(f.createLogicalNot(f.createBinaryExpression(em.r(), this.tsi.SyntaxKind.InKeyword, em.field(obj))), skip);
      return em.r();
    }, false);
    em.emit(em.assign(em.field(keys), f.createVoidZero()));
    em.emit(em.assign(em.field(obj), f.createVoidZero()));
    em.release(keys);
    em.release(obj);
    em.release(idx);
  }

  private switchStatement(s: ts.SwitchStatement, labels: string[]): void {
    const em = this.em;
    const f = this.f;
    const d = em.longTemp();
    em.emit(em.assign(em.field(d), this.ex.explode(s.expression)));
    em.endStatement();
    // Each entry of the case block (a loop's next iteration) puts its bindings back in the TDZ.
    if (this.perIteration(s.caseBlock)) em.envMarker(s.caseBlock, 'init');
    const end = em.newLabel('AfterSwitch');
    const clauseLabels = s.caseBlock.clauses.map((c) => em.newLabel(this.tsi.isDefaultClause(c) ? 'Default' : 'Case'));
    let defaultL: Label | undefined;
    s.caseBlock.clauses.forEach((c, i) => {
      if (this.tsi.isDefaultClause(c)) {
        defaultL = clauseLabels[i];
        return;
      }
      em.jumpIf(f.createStrictEquality(em.field(d), this.ex.explode(c.expression)), clauseLabels[i]!);
      em.endStatement();
    });
    em.jump(defaultL ?? end);
    em.release(d);
    this.leap.push({ kind: 'switch', breakL: end, labels });
    // Function declarations of every clause are hoisted to the switch's block.
    for (const c of s.caseBlock.clauses) for (const st of c.statements) if (this.tsi.isFunctionDeclaration(st)) this.stmt(st);
    s.caseBlock.clauses.forEach((c, i) => {
      em.mark(clauseLabels[i]!);
      for (const st of c.statements) if (!this.tsi.isFunctionDeclaration(st)) this.stmt(st);
    });
    this.leap.pop();
    em.mark(end);
  }

  private tryStatement(s: ts.TryStatement): void {
    const em = this.em;
    const f = this.f;
    const tsi = this.tsi;
    const end = em.newLabel('AfterTry');
    const tryStart = em.newLabel('Try');
    const catchL = s.catchClause ? em.newLabel('Catch') : undefined;
    const finL = s.finallyBlock ? em.newLabel('Finally') : undefined;
    let entry: FinallyEntry | undefined;
    if (finL) {
      const { c, v } = em.finallyFieldsFor();
      entry = { kind: 'finally', fin: finL, c, v, returns: false, cancels: true, jumps: [] };
      this.leap.push(entry);
    }
    em.mark(tryStart);
    this.stmt(s.tryBlock);
    const afterTry = finL ?? end;
    if (entry) em.emit(em.assign(em.field(entry.c), f.createNumericLiteral(Completion.Normal)));
    em.jump(afterTry);
    if (catchL && s.catchClause) {
      em.mark(catchL);
      em.addRegion({ kind: 'catch', start: tryStart, end: catchL, target: catchL, whileUnwinding: this.leap.stack.some((e) => e.kind === 'finallyBody') });
      const cc = s.catchClause;
      // A catch clause in a loop: each entry gets a new environment for its parameter.
      if (this.perIteration(cc)) em.envMarker(cc, 'init');
      if (cc.variableDeclaration) {
        const vd = cc.variableDeclaration;
        em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(vd.name, undefined, undefined, em.r())], tsi.NodeFlags.Let)));
      }
      this.stmt(cc.block);
      if (entry) em.emit(em.assign(em.field(entry.c), f.createNumericLiteral(Completion.Normal)));
      em.jump(afterTry);
    }
    if (finL && entry && s.finallyBlock) {
      this.leap.pop();
      em.mark(finL);
      em.addRegion({ kind: 'finally', start: tryStart, end: finL, target: finL, c: entry.c, v: entry.v });
      this.leap.push({ kind: 'finallyBody' });
      this.stmt(s.finallyBlock);
      this.leap.pop();
      this.leap.emitFinallyExit(entry);
      em.emit(em.assign(em.field(entry.v), f.createVoidZero()));
    }
    em.mark(end);
  }

  // ---- unsplit statements --------------------------------------------------------------

  private unsplitAsStatement(s: ts.Statement): ts.Statement {
    const out = this.unsplit(s);
    return out.length === 1 ? out[0]! : this.f.createBlock(out, true);
  }

  /**
   * A statement without await, as written, except that break/continue/return that leave it
   * for a split construct (or the function) go through the dispatch loop.
   */
  unsplit(s: ts.Statement): ts.Statement[] {
    const tsi = this.tsi;
    const f = this.f;
    const leap = this.leap;
    const K = tsi.SyntaxKind;
    // Targets inside the statement: label names, and loop/switch nesting for unlabelled jumps.
    const labelsIn: string[] = [];
    let loops = 0;
    let breakables = 0;
    let nativeFinally = 0;
    let nativeCatch = 0;
    let changed = false;
    const ctx = this.ctx;
    const visit = (n: ts.Node, ctx: ts.TransformationContext): ts.Node => {
      if (tsi.isFunctionLike(n) || tsi.isClassLike(n)) return n;
      if (tsi.isReturnStatement(n)) {
        changed = true;
        const value = n.expression;
        let out: ts.Statement[];
        // Inside a native try, a return leaves it first: its finally runs, and what adopting a
        // thenable throws (a `then` getter, a call that already failed) is not for its catch.
        if (leap.hasFinally() || (nativeFinally === 0 && nativeCatch === 0)) out = leap.leapStmts({ type: 'return', value }, true);
        else {
          // `$r = value; [cancel guard]; jump to the shared Return state`
          const [park, ...jump] = this.em.deferredReturnStmts(value);
          const guard = leap.cancelGuard(0, true);
          out = guard ? [park!, guard, ...jump] : [park!, ...jump];
        }
        return f.createBlock(out, false);
      }
      if (tsi.isBreakStatement(n) || tsi.isContinueStatement(n)) {
        const label = n.label?.text;
        const inside = label !== undefined ? labelsIn.includes(label) : tsi.isBreakStatement(n) ? breakables > 0 : loops > 0;
        if (inside) return n;
        changed = true;
        const depth = tsi.isBreakStatement(n) ? leap.findBreak(label) : leap.findContinue(label);
        if (depth < 0) throw new Unsupported(LowerCodes.UnsupportedSyntax, `cannot find the target of this ${tsi.isBreakStatement(n) ? 'break' : 'continue'}; ${MARK_NATIVE}`, n);
        const e = leap.stack[depth]!;
        if (e.kind === 'finally' || e.kind === 'finallyBody') throw new Error('jump target is a finally entry');
        const target = tsi.isBreakStatement(n) ? e.breakL : (e as { continueL: Label }).continueL;
        return f.createBlock(leap.leapStmts({ type: 'jump', target, depth }, true), false);
      }
      const isLoop = tsi.isIterationStatement(n, false);
      const isSwitch = n.kind === K.SwitchStatement;
      const isLabel = tsi.isLabeledStatement(n);
      const isTryFinally = tsi.isTryStatement(n) && n.finallyBlock !== undefined;
      const isTryCatch = tsi.isTryStatement(n) && !isTryFinally;
      if (isLabel) labelsIn.push(n.label.text);
      if (isLoop) loops++;
      if (isLoop || isSwitch) breakables++;
      let result: ts.Node;
      if (isTryFinally) {
        const t = n as ts.TryStatement;
        nativeFinally++;
        const tryBlock = visit(t.tryBlock, ctx) as ts.Block;
        const catchClause = t.catchClause && (visit(t.catchClause, ctx) as ts.CatchClause);
        nativeFinally--;
        const finallyBlock = visit(t.finallyBlock!, ctx) as ts.Block;
        result = f.updateTryStatement(t, tryBlock, catchClause, finallyBlock);
      } else if (isTryCatch) {
        const t = n as ts.TryStatement;
        nativeCatch++;
        const tryBlock = visit(t.tryBlock, ctx) as ts.Block;
        nativeCatch--;
        result = f.updateTryStatement(t, tryBlock, visit(t.catchClause!, ctx) as ts.CatchClause, undefined);
      } else {
        result = tsi.visitEachChild(n, (c) => visit(c, ctx), ctx);
      }
      if (isLabel) labelsIn.pop();
      if (isLoop) loops--;
      if (isLoop || isSwitch) breakables--;
      return result;
    };
    if (!mayJump(tsi, s)) return [s];
    const out = visit(s, ctx) as ts.Statement;
    return changed ? [out] : [s];
  }
}

/** Cheap pre-check: does the statement contain return/break/continue outside nested functions? */
function mayJump(tsi: typeof ts, n: ts.Node): boolean {
  if (tsi.isReturnStatement(n) || tsi.isBreakOrContinueStatement(n)) return true;
  if (tsi.isFunctionLike(n) || tsi.isClassLike(n)) return false;
  return tsi.forEachChild(n, (c) => (mayJump(tsi, c) ? true : undefined)) === true;
}

/** An object or array literal (in parentheses or not): an assignment pattern in target position. */
function isPattern(tsi: typeof ts, e: ts.Node): boolean {
  while (tsi.isParenthesizedExpression(e)) e = e.expression;
  return tsi.isObjectLiteralExpression(e) || tsi.isArrayLiteralExpression(e);
}
