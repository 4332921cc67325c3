// `yield` and `yield*` in a lowered `async function*` (a GenMachine, ABI.md section 6).
// A yield is a state boundary: the poll function returns the value with `$s` set to the
// resume state, which first honours the resume mode the consumer left in `$m`/`$mv`
// (next: `$mv` is the value of the yield; throw: throw `$mv` there; return: a return
// completion through the enclosing finally blocks).
import type ts from 'typescript';
import { sourceText } from './analyze.js';
import { type Emitter, isConstantLike, type Label } from './emit.js';
import type { ExpressionLowerer } from './expressions.js';
import { Completion, type FinallyEntry, type LeapManager } from './leap.js';

export class YieldLowerer {
  private readonly f: ts.NodeFactory;

  constructor(
    private readonly tsi: typeof ts,
    private readonly em: Emitter,
    private readonly ex: ExpressionLowerer,
    private readonly leap: LeapManager,
    private readonly sf: ts.SourceFile,
  ) {
    this.f = tsi.factory;
  }

  lower(e: ts.YieldExpression): ts.Expression {
    return e.asteriskToken ? this.delegate(e) : this.yieldValue(e);
  }

  /** `yield v`: await v (as natively), return it from the poll, resume in a new state. */
  private yieldValue(e: ts.YieldExpression): ts.Expression {
    const em = this.em;
    const f = this.f;
    let v: ts.Expression = e.expression ? this.ex.explode(e.expression) : f.createVoidZero();
    if (!isConstantLike(this.tsi, v)) v = em.await(v, e, sourceText(this.tsi, this.sf, e.expression!));
    em.emit(em.assign(em.field('$s'), f.createNumericLiteral(em.cases.length)));
    em.emitTerminal(f.createReturnStatement(v));
    em.markAwait(em.newLabel('Yielded'), e);
    this.resume();
    return em.r();
  }

  /** The resume mode at a yield: `$r` becomes the sent value, or throw/return happen here. */
  private resume(): void {
    const em = this.em;
    const f = this.f;
    const mode = em.field('$m');
    em.emit(em.assign(em.r(), em.field('$mv')));
    em.emit(em.assign(em.field('$mv'), f.createVoidZero()));
    em.emit(
      f.createIfStatement(
        f.createStrictInequality(mode, f.createNumericLiteral(0)),
        f.createBlock(
          [
            f.createIfStatement(
              f.createStrictEquality(em.field('$m'), f.createNumericLiteral(1)),
              f.createBlock([em.assign(em.field('$m'), f.createNumericLiteral(0)), f.createThrowStatement(em.r())], true),
            ),
            em.assign(em.field('$m'), f.createNumericLiteral(0)),
            ...this.leap.leapStmts({ type: 'return', value: em.r() }, true),
          ],
          true,
        ),
      ),
    );
  }

  /**
   * `yield* operand`: a runtime Delegate (`$dl`) steps the inner iterator, handing it the
   * resume mode; the state returns each inner value and stays put until the inner is done.
   */
  private delegate(e: ts.YieldExpression): ts.Expression {
    const em = this.em;
    const f = this.f;
    const operand = this.ex.explode(e.expression!);
    const dl = em.field('$dl');
    em.emit(em.assign(em.field('$dl'), f.createCallExpression(em.rt('yieldStar'), undefined, [operand])));
    em.markAwait(em.newLabel('Delegating'), e);
    const cx = f.createIdentifier(em.names.cx);
    em.emit(
      f.createIfStatement(
        f.createStrictEquality(
          f.createParenthesizedExpression(f.createAssignment(em.r(), f.createCallExpression(f.createPropertyAccessExpression(dl, 'step'), undefined, [em.self(), cx]))),
          em.rt('PENDING'),
        ),
        f.createReturnStatement(em.rt('PENDING')),
      ),
    );
    em.emit(f.createIfStatement(f.createStrictEquality(em.r(), f.createNumericLiteral(1)), f.createReturnStatement(f.createPropertyAccessExpression(em.field('$dl'), 'value'))));
    const done = () => [em.assign(em.r(), f.createPropertyAccessExpression(em.field('$dl'), 'value')), em.assign(em.field('$dl'), f.createVoidZero())];
    em.emit(
      f.createIfStatement(
        f.createStrictEquality(em.r(), f.createNumericLiteral(3)),
        f.createBlock([...done(), ...this.leap.leapStmts({ type: 'return', value: em.r() }, true)], true),
      ),
    );
    for (const s of done()) em.emit(s);
    return em.r();
  }
}

/**
 * A `for await` over a stream waiting in `pollNext` (the state at `waitL`, just emitted and
 * left by a jump) owns the stream: if the function is cancelled there, the stream is
 * cancelled too (a lowered generator runs its finally blocks; the cancel waits for them).
 * A throw from `pollNext` does not close it, as a rejected `next()` does not natively.
 */
export function closeStreamOnCancel(em: Emitter, leap: LeapManager, it: string, waitL: Label): void {
  const f = em.f;
  const { c, v } = em.finallyFieldsFor();
  const target = em.newLabel('CancelStream');
  const entry: FinallyEntry = { kind: 'finally', fin: target, c, v, returns: false, cancels: true, jumps: [] };
  em.mark(target);
  em.addRegion({ kind: 'finally', start: waitL, end: target, target, c, v });
  const skip = em.newLabel('StreamCancelled');
  em.jumpIf(f.createStrictInequality(em.field(c), f.createNumericLiteral(Completion.Cancel)), skip);
  const cancel = f.createCallExpression(f.createPropertyAccessExpression(em.field(it), 'cancel'), undefined, []);
  em.await(cancel, cancel, 'cancel()');
  em.mark(skip);
  leap.emitFinallyExit(entry);
}

