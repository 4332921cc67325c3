// Destructuring declarations whose pattern contains an await (in a default or a computed
// key): taken apart into single bindings in evaluation order, so each default is evaluated
// (and awaited) only when its value is undefined, as natively.
import type ts from 'typescript';
import type { AwaitFinder } from './analyze.js';
import type { Emitter } from './emit.js';
import type { ExpressionLowerer } from './expressions.js';
import { keepName } from './names.js';

/** One element of a binding or assignment pattern, in a form both kinds share. */
interface Element {
  rest: boolean;
  hole: boolean;
  /** Object patterns: the property name (undefined: shorthand, use the target's name). */
  key?: ts.PropertyName;
  target: ts.BindingName | ts.Expression;
  init?: ts.Expression;
}

export class PatternLowerer {
  /** Declaration flags while binding a declaration; undefined while assigning. */
  private flags: ts.NodeFlags | undefined;

  private readonly f: ts.NodeFactory;

  constructor(
    private readonly tsi: typeof ts,
    private readonly em: Emitter,
    private readonly ex: ExpressionLowerer,
    private readonly aw: AwaitFinder,
    /** Runs `body` so that leaving it in any way closes the iterator `it` unless `done` (statements.ts). */
    private readonly closingIterator: (it: string, done: string, body: () => void) => void,
  ) {
    this.f = tsi.factory;
  }

  /** Bind `name` to `value` (an expression safe to read now) with declaration `flags`. */
  bind(name: ts.BindingName, value: ts.Expression, flags: ts.NodeFlags): void {
    this.flags = flags;
    this.target(name, value);
  }

  /** `pattern = value` for an assignment pattern (object/array literal on the left). */
  assign(pattern: ts.Expression, value: ts.Expression): void {
    this.flags = undefined;
    this.target(pattern, value);
  }

  private target(name: ts.BindingName | ts.Expression, value: ts.Expression): void {
    const tsi = this.tsi;
    const f = this.f;
    const em = this.em;
    if (this.flags === undefined) {
      const t = tsi.isParenthesizedExpression(name) ? name.expression : (name as ts.Expression);
      if (tsi.isObjectLiteralExpression(t)) return this.object(this.objectElements(t), value);
      if (tsi.isArrayLiteralExpression(t)) return this.array(this.arrayElements(t), value);
      em.emit(f.createExpressionStatement(f.createAssignment(this.ex.explodeReference(t, false), value)));
      em.endStatement();
      return;
    }
    const flags = this.flags;
    if (tsi.isIdentifier(name)) {
      em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], flags)));
      em.endStatement();
      return;
    }
    if (!this.aw.has(name)) {
      em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name as ts.BindingName, undefined, undefined, value)], flags)));
      em.endStatement();
      return;
    }
    if (tsi.isObjectBindingPattern(name)) return this.object(name.elements.map((el) => ({ rest: !!el.dotDotDotToken, hole: false, key: el.propertyName, target: el.name, init: el.initializer })), value);
    if (tsi.isArrayBindingPattern(name)) {
      return this.array(
        name.elements.map((el) => (tsi.isOmittedExpression(el) ? { rest: false, hole: true, target: el as unknown as ts.Expression } : { rest: !!el.dotDotDotToken, hole: false, target: el.name, init: el.initializer })),
        value,
      );
    }
  }

  /**
   * An assignment element's target that is a reference, not a nested pattern, is evaluated
   * before its value is read (`[o[k()]] = it` calls k() before it.next()): its object and key
   * are taken now, and `store` assigns later. Otherwise `store` destructures as `target` does.
   */
  private targetFirst(target: ts.BindingName | ts.Expression): (value: ts.Expression) => void {
    const t = this.flags === undefined && this.tsi.isParenthesizedExpression(target) ? target.expression : target;
    if (this.flags !== undefined || this.tsi.isObjectLiteralExpression(t) || this.tsi.isArrayLiteralExpression(t) || this.tsi.isIdentifier(t)) return (value) => this.target(target, value);
    const ref = this.ex.explodeReference(t as ts.Expression, true);
    return (value) => {
      this.em.emit(this.f.createExpressionStatement(this.f.createAssignment(ref, value)));
      this.em.endStatement();
    };
  }

  private objectElements(o: ts.ObjectLiteralExpression): Element[] {
    const tsi = this.tsi;
    return o.properties.map((p): Element => {
      if (tsi.isSpreadAssignment(p)) return { rest: true, hole: false, target: p.expression };
      if (tsi.isShorthandPropertyAssignment(p)) return { rest: false, hole: false, target: p.name, init: p.objectAssignmentInitializer };
      if (tsi.isPropertyAssignment(p)) {
        const v = p.initializer;
        if (tsi.isBinaryExpression(v) && v.operatorToken.kind === tsi.SyntaxKind.EqualsToken) return { rest: false, hole: false, key: p.name, target: v.left, init: v.right };
        return { rest: false, hole: false, key: p.name, target: v };
      }
      return { rest: false, hole: true, target: p as unknown as ts.Expression };
    });
  }

  private arrayElements(a: ts.ArrayLiteralExpression): Element[] {
    const tsi = this.tsi;
    return a.elements.map((el): Element => {
      if (tsi.isOmittedExpression(el)) return { rest: false, hole: true, target: el };
      if (tsi.isSpreadElement(el)) return { rest: true, hole: false, target: el.expression };
      if (tsi.isBinaryExpression(el) && el.operatorToken.kind === tsi.SyntaxKind.EqualsToken) return { rest: false, hole: false, target: el.left, init: el.right };
      return { rest: false, hole: false, target: el };
    });
  }

  /** `v === undefined ? <init> : v`, with the init exploded only on that path. */
  private withDefault(v: string, init: ts.Expression | undefined, target: ts.BindingName | ts.Expression): void {
    if (!init) return;
    const em = this.em;
    const f = this.f;
    const skip = em.newLabel('HasValue');
    em.jumpIf(f.createStrictInequality(em.field(v), f.createVoidZero()), skip);
    // The default goes through a temporary: an anonymous function keeps the target's name.
    const named = this.tsi.isIdentifier(target) ? keepName(this.tsi, init, target.text) : init;
    em.emit(em.assign(em.field(v), this.ex.explode(named)));
    em.mark(skip);
  }

  private object(elements: Element[], value: ts.Expression): void {
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
    for (const el of elements) {
      if (el.hole) continue;
      if (el.rest) {
        // { a, ...rest }: the rest copies the own enumerable keys but the ones taken before
        // (CopyDataProperties), without reading those again (their getters ran once already).
        const store = this.targetFirst(el.target);
        const restValue = em.longTemp();
        em.emit(em.assign(em.field(restValue), f.createObjectLiteralExpression([])));
        const from = f.createUniqueName('from');
        const k = f.createUniqueName('k');
        const call = (target: ts.Expression, name: string, args: ts.Expression[]) => f.createCallExpression(f.createPropertyAccessExpression(target, name), undefined, args);
        const isEnumerable = call(f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'prototype'), 'propertyIsEnumerable'), 'call', [from, k]);
        const define = call(f.createIdentifier('Object'), 'defineProperty', [
          em.field(restValue),
          k,
          f.createObjectLiteralExpression([
            f.createPropertyAssignment('value', f.createElementAccessExpression(from, k)),
            f.createPropertyAssignment('writable', f.createTrue()),
            f.createPropertyAssignment('enumerable', f.createTrue()),
            f.createPropertyAssignment('configurable', f.createTrue()),
          ]),
        ]);
        const taken = f.createLogicalNot(call(f.createArrayLiteralExpression(keys), 'includes', [k]));
        em.emit(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(from, undefined, undefined, f.createCallExpression(f.createIdentifier('Object'), undefined, [em.field(obj)]))], tsi.NodeFlags.Const)));
        em.emit(
          f.createForOfStatement(
            undefined,
            f.createVariableDeclarationList([f.createVariableDeclaration(k)], tsi.NodeFlags.Const),
            call(f.createIdentifier('Reflect'), 'ownKeys', [from]),
            f.createIfStatement(f.createLogicalAnd(taken, isEnumerable), f.createExpressionStatement(define)),
          ),
        );
        store(em.field(restValue));
        em.release(restValue);
        continue;
      }
      let key: ts.Expression;
      const pn = el.key;
      if (pn && tsi.isComputedPropertyName(pn)) {
        // ToPropertyKey once: the read and a later rest's exclusion use the same key.
        const k = em.longTemp();
        em.emit(em.assign(em.field(k), this.ex.explode(pn.expression)));
        const isSymbol = f.createStrictEquality(f.createTypeOfExpression(em.field(k)), f.createStringLiteral('symbol'));
        em.emit(em.assign(em.field(k), f.createConditionalExpression(isSymbol, undefined, em.field(k), undefined, f.createCallExpression(f.createIdentifier('String'), undefined, [em.field(k)]))));
        key = em.field(k);
      } else if (pn && (tsi.isStringLiteral(pn) || tsi.isNumericLiteral(pn))) key = f.createStringLiteral(pn.text);
      else key = f.createStringLiteral((pn as ts.Identifier | undefined)?.text ?? (el.target as ts.Identifier).text);
      keys.push(key);
      const store = this.targetFirst(el.target);
      const v = em.longTemp();
      em.emit(em.assign(em.field(v), f.createElementAccessExpression(em.field(obj), key)));
      this.withDefault(v, el.init, el.target);
      store(em.field(v));
      em.release(v);
    }
    em.emit(em.assign(em.field(obj), f.createVoidZero()));
    em.release(obj);
  }

  private array(elements: Element[], value: ts.Expression): void {
    const tsi = this.tsi;
    const f = this.f;
    const em = this.em;
    const it = em.longTemp();
    const next = em.longTemp();
    const done = em.longTemp();
    em.emit(em.assign(em.field(it), f.createCallExpression(f.createElementAccessExpression(value, f.createPropertyAccessExpression(f.createIdentifier('Symbol'), 'iterator')), undefined, [])));
    em.emit(
      f.createIfStatement(
        f.createStrictInequality(f.createCallExpression(f.createIdentifier('Object'), undefined, [em.field(it)]), em.field(it)),
        f.createThrowStatement(f.createNewExpression(f.createIdentifier('TypeError'), undefined, [f.createStringLiteral('Result of the Symbol.iterator method is not an object')])),
      ),
    );
    // The iterator record keeps `next`: read once, called on the iterator each step.
    em.emit(em.assign(em.field(next), f.createPropertyAccessExpression(em.field(it), 'next')));
    em.emit(em.assign(em.field(done), f.createFalse()));
    // One step of the iterator, unless it is done: `$v = done ? undefined : next().value`. A
    // step that throws (next, done or value) leaves the iterator done: it is not closed then.
    const step = (v: string): ts.Statement =>
      f.createIfStatement(
        f.createLogicalNot(em.field(done)),
        f.createBlock(
          [
            em.assign(em.field(done), f.createTrue()),
            em.assign(em.r(), f.createCallExpression(f.createPropertyAccessExpression(em.field(next), 'call'), undefined, [em.field(it)])),
            f.createIfStatement(
              f.createStrictInequality(f.createCallExpression(f.createIdentifier('Object'), undefined, [em.r()]), em.r()),
              f.createThrowStatement(f.createNewExpression(f.createIdentifier('TypeError'), undefined, [f.createStringLiteral('iterator result is not an object')])),
            ),
            f.createIfStatement(
              f.createLogicalNot(f.createPropertyAccessExpression(em.r(), 'done')),
              f.createBlock([em.assign(em.field(v), f.createPropertyAccessExpression(em.r(), 'value')), em.assign(em.field(done), f.createFalse())], true),
            ),
          ],
          true,
        ),
      );
    // IteratorClose when the pattern is left before the iterator is done, normally or not.
    this.closingIterator(it, done, () => {
      for (const el of elements) {
        const v = em.longTemp();
        if (el.hole) {
          em.emit(step(v));
          em.release(v);
          continue;
        }
        const store = this.targetFirst(el.target);
        if (el.rest) {
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
          this.withDefault(v, el.init, el.target);
        }
        store(em.field(v));
        em.release(v);
      }
    });
    em.emit(em.assign(em.field(it), f.createVoidZero()));
    em.emit(em.assign(em.field(next), f.createVoidZero()));
    em.endStatement();
    em.release(it);
    em.release(next);
    em.release(done);
  }
}
