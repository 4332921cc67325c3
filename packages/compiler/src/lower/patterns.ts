// Destructuring declarations whose pattern contains an await (in a default or a computed
// key): taken apart into single bindings in evaluation order, so each default is evaluated
// (and awaited) only when its value is undefined, as natively.
import type ts from 'typescript';
import type { AwaitFinder } from './analyze.js';
import type { Emitter } from './emit.js';
import type { ExpressionLowerer } from './expressions.js';

export class PatternLowerer {
  private readonly f: ts.NodeFactory;

  constructor(
    private readonly tsi: typeof ts,
    private readonly em: Emitter,
    private readonly ex: ExpressionLowerer,
    private readonly aw: AwaitFinder,
  ) {
    this.f = tsi.factory;
  }

  /** Bind `name` to `value` (an expression safe to read now) with declaration `flags`. */
  bind(name: ts.BindingName, value: ts.Expression, flags: ts.NodeFlags): void {
    const tsi = this.tsi;
    const f = this.f;
    const em = this.em;
    if (tsi.isIdentifier(name)) {
      em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], flags)));
      em.endStatement();
      return;
    }
    if (!this.aw.has(name)) {
      em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], flags)));
      em.endStatement();
      return;
    }
    if (tsi.isObjectBindingPattern(name)) return this.object(name, value, flags);
    return this.array(name, value, flags);
  }

  /** `v === undefined ? <init> : v`, with the init exploded only on that path. */
  private withDefault(v: string, init: ts.Expression | undefined): void {
    if (!init) return;
    const em = this.em;
    const f = this.f;
    const skip = em.newLabel('HasValue');
    em.jumpIf(f.createStrictInequality(em.field(v), f.createVoidZero()), skip);
    em.emit(em.assign(em.field(v), this.ex.explode(init)));
    em.mark(skip);
  }

  private object(p: ts.ObjectBindingPattern, value: ts.Expression, flags: ts.NodeFlags): void {
    const tsi = this.tsi;
    const f = this.f;
    const em = this.em;
    const obj = em.longTemp();
    em.emit(em.assign(em.field(obj), value));
    // Destructuring null/undefined is a TypeError even with no properties read.
    em.emit(
      f.createIfStatement(
        f.createEquality(em.field(obj), f.createNull()),
        f.createThrowStatement(f.createNewExpression(f.createIdentifier('TypeError'), undefined, [f.createStringLiteral('Cannot destructure null or undefined')])),
      ),
    );
    const keys: ts.Expression[] = [];
    for (const el of p.elements) {
      if (el.dotDotDotToken) {
        // { a, ...rest }: the rest is everything but the keys read before.
        const skipNames = keys.map(() => f.createUniqueName('_'));
        const pattern = f.createObjectBindingPattern([
          ...keys.map((k, i) => f.createBindingElement(undefined, f.createComputedPropertyName(k), skipNames[i]!)),
          f.createBindingElement(f.createToken(tsi.SyntaxKind.DotDotDotToken), undefined, el.name),
        ]);
        em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(pattern, undefined, undefined, em.field(obj))], flags)));
        em.endStatement();
        continue;
      }
      let key: ts.Expression;
      const pn = el.propertyName;
      if (pn && tsi.isComputedPropertyName(pn)) {
        const k = em.longTemp();
        em.emit(em.assign(em.field(k), this.ex.explode(pn.expression)));
        key = em.field(k);
      } else if (pn && (tsi.isStringLiteral(pn) || tsi.isNumericLiteral(pn))) key = f.createStringLiteral(pn.text);
      else key = f.createStringLiteral((pn as ts.Identifier | undefined)?.text ?? (el.name as ts.Identifier).text);
      keys.push(key);
      const v = em.longTemp();
      em.emit(em.assign(em.field(v), f.createElementAccessExpression(em.field(obj), key)));
      this.withDefault(v, el.initializer);
      this.bind(el.name, em.field(v), flags);
      em.release(v);
    }
    em.emit(em.assign(em.field(obj), f.createVoidZero()));
    em.release(obj);
  }

  private array(p: ts.ArrayBindingPattern, value: ts.Expression, flags: ts.NodeFlags): void {
    const tsi = this.tsi;
    const f = this.f;
    const em = this.em;
    const it = em.longTemp();
    const done = em.longTemp();
    em.emit(em.assign(em.field(it), f.createCallExpression(f.createElementAccessExpression(value, f.createPropertyAccessExpression(f.createIdentifier('Symbol'), 'iterator')), undefined, [])));
    em.emit(em.assign(em.field(done), f.createFalse()));
    // One step of the iterator, unless it is done: `$v = done ? undefined : next().value`.
    const step = (v: string): ts.Statement =>
      f.createIfStatement(
        f.createLogicalNot(em.field(done)),
        f.createBlock(
          [
            em.assign(em.r(), f.createCallExpression(f.createPropertyAccessExpression(em.field(it), 'next'), undefined, [])),
            f.createIfStatement(f.createPropertyAccessExpression(em.r(), 'done'), em.assign(em.field(done), f.createTrue()), em.assign(em.field(v), f.createPropertyAccessExpression(em.r(), 'value'))),
          ],
          true,
        ),
      );
    for (const el of p.elements) {
      const v = em.longTemp();
      if (tsi.isOmittedExpression(el)) {
        em.emit(step(v));
        em.release(v);
        continue;
      }
      if (el.dotDotDotToken) {
        em.emit(em.assign(em.field(v), f.createArrayLiteralExpression([])));
        const item = em.longTemp();
        em.emit(
          f.createWhileStatement(
            f.createLogicalNot(em.field(done)),
            f.createBlock([em.assign(em.field(item), f.createVoidZero()), step(item), f.createIfStatement(f.createLogicalNot(em.field(done)), f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(em.field(v), 'push'), undefined, [em.field(item)])))], true),
          ),
        );
        em.release(item);
      } else {
        em.emit(em.assign(em.field(v), f.createVoidZero()));
        em.emit(step(v));
        this.withDefault(v, el.initializer);
      }
      this.bind(el.name, em.field(v), flags);
      em.release(v);
    }
    // IteratorClose when the pattern did not exhaust the iterator.
    em.emit(
      f.createIfStatement(
        f.createLogicalAnd(f.createLogicalNot(em.field(done)), f.createStrictEquality(f.createTypeOfExpression(f.createPropertyAccessExpression(em.field(it), 'return')), f.createStringLiteral('function'))),
        f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(em.field(it), 'return'), undefined, [])),
      ),
    );
    em.emit(em.assign(em.field(it), f.createVoidZero()));
    em.endStatement();
    em.release(it);
    em.release(done);
  }
}
