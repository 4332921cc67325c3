// `using` / `await using` (explicit resource management): a block with such declarations
// is lowered as try { block } finally { dispose }, where the finally is this disposal loop.
// Resources are disposed in reverse order; a disposer's error replaces the completion, or is
// wrapped with the pending error in a SuppressedError, as natively. It runs on cancel too.
import type ts from 'typescript';
import { Completion } from './leap.js';
import type { Emitter } from './emit.js';

/** `{ v, m, a }` pushed on the block's stack when a declaration is evaluated. */
export function emitRegister(em: Emitter, stack: string, value: ts.Expression, isAwait: boolean): void {
  const f = em.f;
  const sym = (n: string) => f.createPropertyAccessExpression(f.createIdentifier('Symbol'), n);
  const m = em.temp();
  const method = isAwait
    ? f.createBinaryExpression(f.createElementAccessExpression(value, sym('asyncDispose')), em.tsi.SyntaxKind.QuestionQuestionToken, f.createElementAccessExpression(value, sym('dispose')))
    : f.createElementAccessExpression(value, sym('dispose'));
  em.emit(
    f.createIfStatement(
      f.createInequality(value, f.createNull()),
      f.createBlock(
        [
          em.assign(em.field(m), method),
          f.createIfStatement(
            f.createStrictInequality(f.createTypeOfExpression(em.field(m)), f.createStringLiteral('function')),
            f.createThrowStatement(f.createNewExpression(f.createIdentifier('TypeError'), undefined, [f.createStringLiteral('the value of a using declaration is not disposable')])),
          ),
          f.createExpressionStatement(
            f.createCallExpression(f.createPropertyAccessExpression(em.field(stack), 'push'), undefined, [
              f.createObjectLiteralExpression([
                f.createPropertyAssignment('v', value),
                f.createPropertyAssignment('m', em.field(m)),
                f.createPropertyAssignment('a', isAwait ? f.createTrue() : f.createFalse()),
              ]),
            ]),
          ),
        ],
        true,
      ),
    ),
  );
  em.endStatement();
}

/**
 * The body of the synthetic finally: dispose everything on `stack`, folding errors into the
 * completion (`c`/`v`) so that the finally's exit rethrows the right one.
 */
export function emitDisposal(em: Emitter, stack: string, c: string, v: string): void {
  const f = em.f;
  const err = em.longTemp();
  const has = em.longTemp();
  const res = em.longTemp();
  const head = em.newLabel('Dispose');
  const end = em.newLabel('Disposed');
  const failed = em.newLabel('DisposeFailed');
  const isThrow = f.createStrictEquality(em.field(c), f.createNumericLiteral(Completion.Throw));
  em.emit(em.assign(em.field(has), isThrow));
  em.emit(em.assign(em.field(err), f.createConditionalExpression(isThrow, undefined, em.field(v), undefined, f.createVoidZero())));
  em.mark(head);
  em.jumpIf(f.createStrictEquality(f.createPropertyAccessExpression(em.field(stack), 'length'), f.createNumericLiteral(0)), end);
  em.emit(em.assign(em.field(res), f.createCallExpression(f.createPropertyAccessExpression(em.field(stack), 'pop'), undefined, [])));
  const start = em.newLabel('DisposeCall');
  em.mark(start);
  const call = f.createCallExpression(f.createPropertyAccessExpression(f.createPropertyAccessExpression(em.field(res), 'm'), 'call'), undefined, [f.createPropertyAccessExpression(em.field(res), 'v')]);
  em.emit(em.assign(em.r(), call));
  const next = em.newLabel('Dispose');
  em.jumpIf(f.createLogicalNot(f.createPropertyAccessExpression(em.field(res), 'a')), next);
  em.await(em.r(), call, 'dispose');
  em.mark(next);
  em.jump(head);
  em.addRegion({ kind: 'catch', start, end: failed, target: failed, whileUnwinding: true });
  em.mark(failed);
  // $r holds the disposer's error.
  const suppressed = f.createConditionalExpression(
    f.createStrictEquality(f.createTypeOfExpression(f.createIdentifier('SuppressedError')), f.createStringLiteral('function')),
    undefined,
    f.createNewExpression(f.createIdentifier('SuppressedError'), undefined, [em.r(), em.field(err)]),
    undefined,
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'assign'), undefined, [
      f.createNewExpression(f.createIdentifier('Error'), undefined, [f.createStringLiteral('An error was suppressed during disposal.')]),
      f.createObjectLiteralExpression([f.createPropertyAssignment('name', f.createStringLiteral('SuppressedError')), f.createPropertyAssignment('error', em.r()), f.createPropertyAssignment('suppressed', em.field(err))]),
    ]),
  );
  em.emit(em.assign(em.field(err), f.createConditionalExpression(em.field(has), undefined, suppressed, undefined, em.r())));
  em.emit(em.assign(em.field(has), f.createTrue()));
  em.jump(head);
  em.mark(end);
  em.emit(
    f.createIfStatement(
      em.field(has),
      f.createBlock([em.assign(em.field(c), f.createNumericLiteral(Completion.Throw)), em.assign(em.field(v), em.field(err))], true),
    ),
  );
  em.emit(em.assign(em.field(err), f.createVoidZero()));
  em.emit(em.assign(em.field(res), f.createVoidZero()));
  em.endStatement();
  em.release(err);
  em.release(has);
  em.release(res);
}
