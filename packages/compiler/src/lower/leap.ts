// Routing of break/continue/return/cancel through the lowered finally blocks between the
// jump and its target (regenerator's LeapManager). A finally that a leap enters records the
// leap as its completion (`$c<n>` kind, `$v<n>` value) and continues it when it ends.
import type ts from 'typescript';
import { type Emitter, isConstantLike, type Label } from './emit.js';

export const enum Completion {
  Normal = 0,
  Return = 1,
  Throw = 2,
  Jump = 3,
  Cancel = 4,
}

export type Entry =
  | { kind: 'loop'; breakL: Label; continueL: Label; labels: string[] }
  | { kind: 'switch' | 'labeled'; breakL: Label; labels: string[] }
  | { kind: 'finally'; fin: Label; c: string; v: string; returns: boolean; cancels: boolean; jumps: Label[] }
  /** The body of a user finally block: a leap out of it while cancel() unwinds keeps unwinding. */
  | { kind: 'finallyBody' };

export type FinallyEntry = Extract<Entry, { kind: 'finally' }>;

export type Leap = { type: 'return'; value: ts.Expression | undefined } | { type: 'jump'; target: Label; depth: number } | { type: 'cancel' };

export class LeapManager {
  readonly stack: Entry[] = [];

  constructor(private readonly em: Emitter) {}

  push(e: Entry): void {
    this.stack.push(e);
  }

  pop(): void {
    this.stack.pop();
  }

  /** Index of the entry a `break [label]` leaves, or -1. */
  findBreak(label: string | undefined): number {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === 'finally' || e.kind === 'finallyBody') continue;
      if (label === undefined ? e.kind !== 'labeled' : e.labels.includes(label)) return i;
    }
    return -1;
  }

  /** Index of the loop a `continue [label]` continues, or -1. */
  findContinue(label: string | undefined): number {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === 'loop' && (label === undefined || e.labels.includes(label))) return i;
    }
    return -1;
  }

  /**
   * The statements that perform `leap` from the current position (with only the entries
   * below `depth` still enclosing it). `labelled`: the code sits inside a user loop or switch.
   */
  leapStmts(leap: Leap, labelled: boolean, depth = this.stack.length): ts.Statement[] {
    const em = this.em;
    const f = em.f;
    const stop = leap.type === 'jump' ? leap.depth + 1 : 0;
    const guard = leap.type === 'cancel' ? undefined : this.cancelGuard(stop, labelled, depth);
    if (guard) {
      // The value of a return is evaluated before the finally's completion is decided.
      if (leap.type === 'return' && leap.value && !isConstantLike(em.tsi, leap.value)) {
        return [em.assign(em.r(), leap.value), guard, ...this.leapStmtsUnguarded({ type: 'return', value: em.r() }, labelled, depth)];
      }
      return [guard, ...this.leapStmtsUnguarded(leap, labelled, depth)];
    }
    return this.leapStmtsUnguarded(leap, labelled, depth);
  }

  /**
   * A return, break or continue that leaves the body of a finally block: while cancel()
   * unwinds (`$cs > 0`) it must not end the unwinding (a returned value would settle the
   * cancelled future, a jump would resume the body): the unwinding goes on outward instead.
   */
  cancelGuard(stop: number, labelled: boolean, depth = this.stack.length): ts.Statement | undefined {
    const em = this.em;
    const f = em.f;
    for (let i = depth - 1; i >= stop; i--) {
      if (this.stack[i]!.kind !== 'finallyBody') continue;
      const unwinding = f.createGreaterThan(em.field('$cs'), f.createNumericLiteral(0));
      return f.createIfStatement(unwinding, f.createBlock(this.leapStmtsUnguarded({ type: 'cancel' }, labelled, i), true));
    }
    return undefined;
  }

  private leapStmtsUnguarded(leap: Leap, labelled: boolean, depth: number): ts.Statement[] {
    const em = this.em;
    const f = em.f;
    const stop = leap.type === 'jump' ? leap.depth + 1 : 0;
    for (let i = depth - 1; i >= stop; i--) {
      const e = this.stack[i]!;
      if (e.kind !== 'finally') continue;
      let kind: Completion;
      let value: ts.Expression | undefined;
      if (leap.type === 'return') {
        kind = Completion.Return;
        value = leap.value ?? f.createVoidZero();
        e.returns = true;
      } else if (leap.type === 'jump') {
        kind = Completion.Jump;
        value = em.labelRef(leap.target);
        if (!e.jumps.includes(leap.target)) e.jumps.push(leap.target);
      } else {
        kind = Completion.Cancel;
        e.cancels = true;
      }
      const out = [em.assign(em.field(e.c), f.createNumericLiteral(kind))];
      if (value) out.push(em.assign(em.field(e.v), value));
      return [...out, ...em.jumpStmts(e.fin, labelled, leap.type === 'return' ? 'return' : 'finally')];
    }
    if (leap.type === 'return') return [em.returnStmt(leap.value)];
    if (leap.type === 'jump') return em.jumpStmts(leap.target, labelled);
    return [f.createReturnStatement(f.createCallExpression(f.createPropertyAccessExpression(em.self(), '$unwound'), undefined, []))];
  }

  /** Is any lowered finally between here and the bottom of the stack? */
  hasFinally(): boolean {
    return this.stack.some((e) => e.kind === 'finally');
  }

  /**
   * At the end of a finally block (whose entry is already popped): continue the completion
   * it recorded. Normal completion falls through.
   */
  emitFinallyExit(e: FinallyEntry): void {
    const em = this.em;
    const f = em.f;
    const kindIs = (k: Completion) => f.createStrictEquality(em.field(e.c), f.createNumericLiteral(k));
    const block = (stmts: ts.Statement[]) => f.createBlock(stmts, true);
    if (e.returns) em.emit(f.createIfStatement(kindIs(Completion.Return), block(this.leapStmts({ type: 'return', value: em.field(e.v) }, false))));
    em.emit(f.createIfStatement(kindIs(Completion.Throw), f.createThrowStatement(em.field(e.v))));
    for (const target of e.jumps) {
      const depth = this.depthOfTarget(target);
      em.emit(
        f.createIfStatement(
          f.createLogicalAnd(kindIs(Completion.Jump), f.createStrictEquality(em.field(e.v), em.labelRef(target))),
          block(this.leapStmts({ type: 'jump', target, depth }, false)),
        ),
      );
    }
    if (e.cancels) em.emit(f.createIfStatement(kindIs(Completion.Cancel), block(this.leapStmts({ type: 'cancel' }, false))));
  }

  /** Depth of the entry that owns `target` (its break or continue label). */
  private depthOfTarget(target: Label): number {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === 'finally' || e.kind === 'finallyBody') continue;
      if (e.breakL === target || (e.kind === 'loop' && e.continueL === target)) return i;
    }
    return -1;
  }
}
