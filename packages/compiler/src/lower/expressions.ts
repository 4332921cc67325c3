// Splitting expressions at awaits while keeping JavaScript's left-to-right evaluation
// (regenerator's explodeExpression): every operand evaluated before an await that a later
// sibling contains is stored in a frame temporary first; `&&`, `||`, `??`, `?:` and logical
// assignment become branches so the short circuit still skips the await.
import type ts from 'typescript';
import { AwaitFinder, sourceText } from './analyze.js';
import { Unsupported, LowerCodes, KEEP_NATIVE } from './diagnostics.js';
import type { AwaitCallTarget, Emitter } from './emit.js';
import type { DirectCalls } from './machine.js';

export class ExpressionLowerer {
  private readonly f: ts.NodeFactory;
  /** Set once the pattern lowerer (which needs this one) exists. */
  patterns: { assign(pattern: ts.Expression, value: ts.Expression): void } | undefined;
  /** Which awaited calls go to a sync-first copy (lower/direct-candidates.ts). */
  directCalls: DirectCalls | undefined;
  /** Set for async generators (lower/generator.ts). */
  yields: { lower(e: ts.YieldExpression): ts.Expression } | undefined;
  private readonly K: typeof ts.SyntaxKind;

  constructor(
    private readonly tsi: typeof ts,
    private readonly em: Emitter,
    private readonly aw: AwaitFinder,
    private readonly sf: ts.SourceFile,
  ) {
    this.f = tsi.factory;
    this.K = tsi.SyntaxKind;
  }

  /**
   * What `await <operand>` calls inline (Emitter.awaitCall), when the operand is a call: a
   * same-file function with a copy by the copy's name, any other callee through `$tp.callN`
   * with the `this` of the call. Not optional calls, `super(...)` or `import(...)`: those are
   * made as written and their result awaited.
   */
  private awaitTarget(operand: ts.Expression): AwaitCallTarget | undefined {
    const tsi = this.tsi;
    const f = this.f;
    const K = this.K;
    if (!tsi.isCallExpression(operand) || operand.questionDotToken) return undefined;
    const spilled = this.spilledCalls.get(operand);
    if (spilled !== undefined) return spilled;
    const args = operand.arguments;
    const callee = skipParens(tsi, operand.expression);
    if (tsi.isIdentifier(callee)) {
      const copy = this.directCalls?.byName.get(callee.text);
      // A parenthesised name is still a plain call; `eval(...)` never reaches here (direct eval
      // keeps the function native).
      return copy !== undefined && callee === operand.expression ? { copy, args } : { fn: callee, thisArg: undefined, args };
    }
    if (tsi.isPropertyAccessExpression(callee) || tsi.isElementAccessExpression(callee)) {
      if (tsi.isOptionalChain(callee) || callee.expression.kind === K.SuperKeyword) return undefined;
      const obj = callee.expression;
      // The object is read once: a name or `this` as it is, anything else through `$d`.
      const reread = tsi.isIdentifier(obj) || obj.kind === K.ThisKeyword;
      const base = reread ? obj : f.createParenthesizedExpression(f.createAssignment(this.em.d(), obj));
      const thisArg = reread ? cloneRef(tsi, obj) : this.em.d();
      const fn = tsi.isPropertyAccessExpression(callee) ? f.createPropertyAccessExpression(base, callee.name) : f.createElementAccessExpression(base, callee.argumentExpression);
      return { fn, thisArg, args };
    }
    if (callee.kind === K.SuperKeyword || callee.kind === K.ImportKeyword) return undefined;
    return { fn: operand.expression, thisArg: undefined, args };
  }

  /** Calls whose callee and `this` were spilled (`obj.m(await x)`): what an await of them calls. */
  private readonly spilledCalls = new WeakMap<ts.Node, AwaitCallTarget>();

  private unsupported(node: ts.Node, what: string): never {
    throw new Unsupported(LowerCodes.UnsupportedAwaitPosition, `await ${what} is not lowered; move the await into a separate statement before it, ${KEEP_NATIVE}`, node);
  }

  /** `await operand`, for `source` (the await, or what an async generator's `return` awaits). */
  awaited(operand: ts.Expression, source: ts.Node = operand): ts.Expression {
    const value = this.explode(operand);
    const text = sourceText(this.tsi, this.sf, operand);
    const target = this.awaitTarget(value);
    return target ? this.em.awaitCall(target, source, text) : this.em.await(value, source, text);
  }

  /** Emit what must happen before `e`'s value is available and return an expression for it. */
  explode(e: ts.Expression, ignoreResult = false): ts.Expression {
    if (!this.aw.has(e)) return e;
    const tsi = this.tsi;
    const f = this.f;
    const K = this.K;
    // Parentheses can be syntax (`(-x) ** 2`; `-x ** 2` does not parse) and TypeScript's
    // parenthesizer does not restore them there, so keep them; type-only wrappers go.
    if (tsi.isParenthesizedExpression(e)) return f.updateParenthesizedExpression(e, this.explode(e.expression, ignoreResult));
    if (tsi.isAsExpression(e) || tsi.isNonNullExpression(e) || tsi.isTypeAssertionExpression(e) || tsi.isSatisfiesExpression(e)) {
      return this.explode(e.expression, ignoreResult);
    }
    if (tsi.isYieldExpression(e) && this.yields) return this.yields.lower(e);
    if (tsi.isAwaitExpression(e)) return this.awaited(e.expression, e);
    if (tsi.isBinaryExpression(e)) return this.binary(e, ignoreResult);
    if (this.awaitAfterQuestionDot(e)) return this.optionalChain(e);
    if (tsi.isCallExpression(e)) return this.call(e);
    if (tsi.isNewExpression(e)) {
      this.checkChain(e);
      const args = e.arguments ?? f.createNodeArray();
      const callee = this.explodeSpilled(e.expression, args.some((a) => this.aw.has(a)));
      return f.createNewExpression(callee, e.typeArguments, this.explodeList(args));
    }
    if (tsi.isPropertyAccessExpression(e)) {
      this.checkChain(e);
      if (e.expression.kind === K.SuperKeyword) return e;
      return tsi.isPropertyAccessChain(e)
        ? f.updatePropertyAccessChain(e, this.explode(e.expression), e.questionDotToken, e.name)
        : f.updatePropertyAccessExpression(e, this.explode(e.expression), e.name);
    }
    if (tsi.isElementAccessExpression(e)) {
      this.checkChain(e);
      if (e.expression.kind === K.SuperKeyword) this.unsupported(e, 'in a super[...] key');
      const obj = this.explodeSpilled(e.expression, this.aw.has(e.argumentExpression));
      const key = this.explode(e.argumentExpression);
      return tsi.isElementAccessChain(e) ? f.updateElementAccessChain(e, obj, e.questionDotToken, key) : f.updateElementAccessExpression(e, obj, key);
    }
    if (tsi.isConditionalExpression(e)) return this.conditional(e, ignoreResult);
    if (tsi.isPrefixUnaryExpression(e) || tsi.isPostfixUnaryExpression(e)) {
      const op = e.operator;
      if (op === K.PlusPlusToken || op === K.MinusMinusToken) {
        const target = this.explodeReference(e.operand, false);
        return tsi.isPrefixUnaryExpression(e) ? f.createPrefixUnaryExpression(op, target) : f.createPostfixUnaryExpression(target, op);
      }
      return f.updatePrefixUnaryExpression(e as ts.PrefixUnaryExpression, this.explode(e.operand));
    }
    if (tsi.isTypeOfExpression(e)) return f.updateTypeOfExpression(e, this.explode(e.expression));
    if (tsi.isVoidExpression(e)) return f.updateVoidExpression(e, this.explode(e.expression));
    if (tsi.isDeleteExpression(e)) {
      const inner = skipParens(tsi, e.expression);
      if (tsi.isPropertyAccessExpression(inner) || tsi.isElementAccessExpression(inner)) return f.updateDeleteExpression(e, this.explodeReference(inner, false));
      return f.updateDeleteExpression(e, this.explode(e.expression));
    }
    if (tsi.isArrayLiteralExpression(e)) return f.updateArrayLiteralExpression(e, this.explodeList(e.elements));
    if (tsi.isObjectLiteralExpression(e)) return this.objectLiteral(e);
    if (tsi.isTemplateExpression(e)) {
      const values = this.explodeList(e.templateSpans.map((s) => s.expression));
      return f.updateTemplateExpression(
        e,
        e.head,
        e.templateSpans.map((s, i) => f.updateTemplateSpan(s, values[i]!, s.literal)),
      );
    }
    if (tsi.isSpreadElement(e)) return f.updateSpreadElement(e, this.explode(e.expression));
    if (tsi.isTaggedTemplateExpression(e)) return this.taggedTemplate(e);
    if (tsi.isClassExpression(e)) return this.classWithAwaits(e);
    return this.unsupported(e, `in a ${tsi.SyntaxKind[e.kind]}`);
  }

  /**
   * A class whose heritage clause or computed member names await: those parts are evaluated
   * in their native order (heritage, then each computed key, converted to a property key as
   * the class would) into temporaries, and the class is created from them. Methods, field
   * initialisers and static blocks run later natively too, so they stay in the class.
   */
  classWithAwaits<T extends ts.ClassDeclaration | ts.ClassExpression>(cls: T): T {
    const tsi = this.tsi;
    const f = this.f;
    const ext = cls.heritageClauses?.find((h) => h.token === this.K.ExtendsKeyword)?.types[0];
    const keyed = cls.members.filter((m) => m.name !== undefined && tsi.isComputedPropertyName(m.name));
    const parts: ts.Expression[] = [...(ext ? [ext.expression] : []), ...keyed.map((m) => (m.name as ts.ComputedPropertyName).expression)];
    // Evaluated outside the class: they must not see the class's own name or private names.
    const own = new Set(cls.members.flatMap((m) => (m.name && tsi.isPrivateIdentifier(m.name) ? [m.name.text] : [])));
    const selfRef = (n: ts.Node): boolean =>
      (tsi.isIdentifier(n) && cls.name !== undefined && n.text === cls.name.text) || (tsi.isPrivateIdentifier(n) && own.has(n.text)) || tsi.forEachChild(n, (c) => (selfRef(c) ? true : undefined)) === true;
    for (const p of parts) if (selfRef(p)) this.unsupported(p, "in a class heritage clause or computed member name that refers to the class's own name or private names");
    let lastAwait = -1;
    parts.forEach((p, i) => {
      if (this.aw.has(p)) lastAwait = i;
    });
    const values = parts.map((p, i) => {
      const v = this.explode(p);
      if (i >= lastAwait) return v;
      if (ext && i === 0) return this.em.spill(v);
      return this.spillKey(v);
    });
    const heritage = cls.heritageClauses?.map((h) =>
      h.token === this.K.ExtendsKeyword && ext ? f.updateHeritageClause(h, [f.updateExpressionWithTypeArguments(ext, f.createParenthesizedExpression(values[0]!), ext.typeArguments)]) : h,
    );
    const keyValues = ext ? values.slice(1) : values;
    const members = cls.members.map((m) => {
      const i = keyed.indexOf(m);
      if (i < 0) return m;
      const name = f.updateComputedPropertyName(m.name as ts.ComputedPropertyName, keyValues[i]!);
      if (tsi.isMethodDeclaration(m)) return f.updateMethodDeclaration(m, m.modifiers, m.asteriskToken, name, m.questionToken, m.typeParameters, m.parameters, m.type, m.body);
      if (tsi.isPropertyDeclaration(m)) return f.updatePropertyDeclaration(m, m.modifiers, name, m.questionToken ?? m.exclamationToken, m.type, m.initializer);
      if (tsi.isGetAccessorDeclaration(m)) return f.updateGetAccessorDeclaration(m, m.modifiers, name, m.parameters, m.type, m.body);
      if (tsi.isSetAccessorDeclaration(m)) return f.updateSetAccessorDeclaration(m, m.modifiers, name, m.parameters, m.body);
      return this.unsupported(m, 'in the computed name of this class member');
    });
    if (tsi.isClassDeclaration(cls)) return f.updateClassDeclaration(cls, cls.modifiers, cls.name, cls.typeParameters, heritage, members) as T;
    return f.updateClassExpression(cls, cls.modifiers, cls.name, cls.typeParameters, heritage, members) as T;
  }

  /** A computed key evaluated ahead of its literal or class: converted to a property key now, as natively. */
  private spillKey(v: ts.Expression): ts.Expression {
    const f = this.f;
    if (isLiteralKey(this.tsi, v)) return v;
    const t = this.em.temp();
    this.em.emit(this.em.assign(this.em.field(t), v));
    const isSymbol = f.createStrictEquality(f.createTypeOfExpression(this.em.field(t)), f.createStringLiteral('symbol'));
    this.em.emit(this.em.assign(this.em.field(t), f.createConditionalExpression(isSymbol, undefined, this.em.field(t), undefined, f.createCallExpression(f.createIdentifier('String'), undefined, [this.em.field(t)]))));
    return this.em.field(t);
  }

  /** Explode, and if `later` (a later sibling awaits) keep the value in a temporary. */
  explodeSpilled(e: ts.Expression, later: boolean): ts.Expression {
    const v = this.explode(e);
    return later ? this.em.spill(v) : v;
  }

  /** Operand lists (arguments, elements, template values) with spreads. */
  explodeList(items: readonly ts.Expression[]): ts.Expression[] {
    const tsi = this.tsi;
    const f = this.f;
    const out: ts.Expression[] = [];
    let lastAwait = -1;
    items.forEach((it, i) => {
      if (this.aw.has(it)) lastAwait = i;
    });
    items.forEach((it, i) => {
      const later = i < lastAwait;
      if (tsi.isSpreadElement(it)) {
        const v = this.explode(it.expression);
        // Spreading iterates now; a copy keeps the iteration where it happens natively.
        out.push(later ? f.createSpreadElement(this.em.spill(f.createArrayLiteralExpression([f.createSpreadElement(v)]))) : f.updateSpreadElement(it, v));
      } else if (tsi.isOmittedExpression(it)) {
        out.push(it);
      } else {
        out.push(this.explodeSpilled(it, later));
      }
    });
    return out;
  }

  /**
   * A reference (assignment target) with its object and key evaluated now, so that a later
   * await does not change which property is assigned.
   */
  explodeReference(target: ts.Expression, later: boolean): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    const t = skipParens(tsi, target);
    if (tsi.isIdentifier(t)) return t;
    if (tsi.isPropertyAccessExpression(t)) {
      if (t.expression.kind === this.K.SuperKeyword) {
        if (later) this.unsupported(target, 'after an assignment to super.x');
        return t;
      }
      this.checkChain(t);
      return f.updatePropertyAccessExpression(t, this.explodeSpilled(t.expression, later), t.name);
    }
    if (tsi.isElementAccessExpression(t)) {
      if (t.expression.kind === this.K.SuperKeyword) this.unsupported(target, 'after an assignment to super[...]');
      this.checkChain(t);
      const keyLater = later || false;
      const obj = this.explodeSpilled(t.expression, later || this.aw.has(t.argumentExpression));
      return f.updateElementAccessExpression(t, obj, this.explodeSpilled(t.argumentExpression, keyLater));
    }
    if (this.aw.has(t)) this.unsupported(target, 'inside a destructuring assignment pattern');
    return t;
  }

  private binary(e: ts.BinaryExpression, ignoreResult: boolean): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    const K = this.K;
    const op = e.operatorToken.kind;
    if (op === K.CommaToken) {
      const left = this.explode(e.left, true);
      if (!isSideEffectFree(tsi, left)) this.em.emit(f.createExpressionStatement(left));
      return this.explode(e.right, ignoreResult);
    }
    if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
      if (!this.aw.has(e.right)) return f.updateBinaryExpression(e, this.explode(e.left), e.operatorToken, e.right);
      const t = this.em.temp();
      const left = this.explode(e.left);
      const end = this.em.newLabel('AfterShortCircuit');
      this.em.emit(this.em.assign(this.em.field(t), left));
      this.em.jumpIf(this.skipTest(op, this.em.field(t)), end);
      this.em.emit(this.em.assign(this.em.field(t), this.explode(e.right)));
      this.em.mark(end);
      return this.em.field(t);
    }
    if (op === K.AmpersandAmpersandEqualsToken || op === K.BarBarEqualsToken || op === K.QuestionQuestionEqualsToken) {
      if (!this.aw.has(e)) return e;
      const target = this.explodeReference(e.left, true);
      const t = this.em.temp();
      const end = this.em.newLabel('AfterShortCircuit');
      this.em.emit(this.em.assign(this.em.field(t), target));
      const logical = op === K.AmpersandAmpersandEqualsToken ? K.AmpersandAmpersandToken : op === K.BarBarEqualsToken ? K.BarBarToken : K.QuestionQuestionToken;
      this.em.jumpIf(this.skipTest(logical, this.em.field(t)), end);
      const value = this.explode(e.right);
      this.em.emit(this.em.assign(this.em.field(t), f.createAssignment(cloneRef(tsi, target), value)));
      this.em.mark(end);
      return this.em.field(t);
    }
    if (op === K.EqualsToken) {
      if (tsi.isObjectLiteralExpression(e.left) || tsi.isArrayLiteralExpression(e.left)) {
        if (this.aw.has(e.left)) {
          // The value of the assignment is its right-hand side.
          const value = this.em.spill(this.explode(e.right));
          this.patterns!.assign(e.left, value);
          return value;
        }
        return f.updateBinaryExpression(e, e.left, e.operatorToken, this.explode(e.right));
      }
      const target = this.explodeReference(e.left, this.aw.has(e.right));
      return f.updateBinaryExpression(e, target, e.operatorToken, this.explode(e.right));
    }
    if (op >= K.FirstCompoundAssignment && op <= K.LastCompoundAssignment) {
      // `x op= await y` reads x before the await: keep the old value in a temporary.
      const later = this.aw.has(e.right);
      const target = this.explodeReference(e.left, later);
      if (!later) return f.updateBinaryExpression(e, target, e.operatorToken, e.right);
      const old = this.em.spill(cloneRef(tsi, target));
      const value = this.explode(e.right);
      return f.createAssignment(cloneRef(tsi, target), f.createBinaryExpression(old, compoundToBinary(tsi, op), value));
    }
    const left = this.explodeSpilled(e.left, this.aw.has(e.right));
    return f.updateBinaryExpression(e, left, e.operatorToken, this.explode(e.right));
  }

  /** The condition under which `a op b` does not evaluate b. */
  private skipTest(op: ts.SyntaxKind, value: ts.Expression): ts.Expression {
    const f = this.f;
    const K = this.K;
    if (op === K.AmpersandAmpersandToken) return f.createLogicalNot(value);
    if (op === K.BarBarToken) return value;
    return f.createInequality(value, f.createNull());
  }

  private conditional(e: ts.ConditionalExpression, ignoreResult: boolean): ts.Expression {
    const f = this.f;
    if (!this.aw.has(e.whenTrue) && !this.aw.has(e.whenFalse)) {
      return f.updateConditionalExpression(e, this.explode(e.condition), e.questionToken, e.whenTrue, e.colonToken, e.whenFalse);
    }
    const em = this.em;
    const t = ignoreResult ? undefined : em.temp();
    const elseL = em.newLabel('Else');
    const end = em.newLabel('AfterConditional');
    em.jumpIf(f.createLogicalNot(this.explode(e.condition)), elseL);
    const a = this.explode(e.whenTrue, ignoreResult);
    em.emit(t ? em.assign(em.field(t), a) : f.createExpressionStatement(a));
    em.jump(end);
    em.mark(elseL);
    const b = this.explode(e.whenFalse, ignoreResult);
    em.emit(t ? em.assign(em.field(t), b) : f.createExpressionStatement(b));
    em.mark(end);
    return t ? em.field(t) : f.createVoidZero();
  }

  private call(e: ts.CallExpression): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    this.checkChain(e);
    const argsAwait = e.arguments.some((a) => this.aw.has(a));
    const callee = skipParens(tsi, e.expression);
    if (e.expression.kind === this.K.ImportKeyword) return f.updateCallExpression(e, e.expression, e.typeArguments, this.explodeList(e.arguments));
    if (!argsAwait) return f.updateCallExpression(e, this.explode(e.expression), e.typeArguments, e.arguments);
    if ((tsi.isPropertyAccessExpression(callee) || tsi.isElementAccessExpression(callee)) && callee.expression.kind !== this.K.SuperKeyword) {
      // obj.m(await x): obj and obj.m are evaluated before the argument; call with obj as this.
      const obj = this.em.spill(this.explode(callee.expression));
      const fn = tsi.isPropertyAccessExpression(callee)
        ? f.createPropertyAccessExpression(obj, callee.name)
        : f.createElementAccessExpression(obj, this.explodeSpilled(callee.argumentExpression, true));
      const fnRef = this.em.spill(fn);
      const args = this.explodeList(e.arguments);
      const call = f.createCallExpression(f.createPropertyAccessExpression(fnRef, 'call'), undefined, [cloneRef(tsi, obj), ...args]);
      this.spilledCalls.set(call, { fn: cloneRef(tsi, fnRef), thisArg: cloneRef(tsi, obj), args });
      return call;
    }
    if (tsi.isPropertyAccessExpression(callee) || tsi.isElementAccessExpression(callee)) {
      // super.m(await x): read super.m first (the hoister turns it into the super accessor),
      // then call it with the method's `this` (a user `this`, rewritten to the captured one).
      if (tsi.isElementAccessExpression(callee) && this.aw.has(callee.argumentExpression)) this.unsupported(e, 'in a super[...] key');
      const fnRef = this.em.spill(callee);
      return f.createCallExpression(f.createPropertyAccessExpression(fnRef, 'call'), undefined, [f.createThis(), ...this.explodeList(e.arguments)]);
    }
    const fn = this.explodeSpilled(e.expression, true);
    return f.createCallExpression(fn, e.typeArguments, this.explodeList(e.arguments));
  }

  private objectLiteral(e: ts.ObjectLiteralExpression): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    let lastAwait = -1;
    e.properties.forEach((p, i) => {
      if (this.aw.has(p)) lastAwait = i;
    });
    const props = e.properties.map((p, i): ts.ObjectLiteralElementLike => {
      const later = i < lastAwait;
      if (tsi.isPropertyAssignment(p)) {
        let name = p.name;
        if (tsi.isComputedPropertyName(name)) {
          const key = this.explode(name.expression);
          name = f.updateComputedPropertyName(name, later || this.aw.has(p.initializer) ? this.spillKey(key) : key);
        }
        return f.updatePropertyAssignment(p, name, this.explodeSpilled(p.initializer, later));
      }
      if (tsi.isShorthandPropertyAssignment(p)) {
        return later ? f.createPropertyAssignment(p.name.text, this.em.spill(p.name)) : p;
      }
      if (tsi.isSpreadAssignment(p)) {
        const v = this.explode(p.expression);
        return f.updateSpreadAssignment(p, later ? this.em.spill(f.createObjectLiteralExpression([f.createSpreadAssignment(v)])) : v);
      }
      // Methods and accessors: only a computed key is evaluated now (creating the method has
      // no effects, so it can wait until the literal is built).
      if (p.name && tsi.isComputedPropertyName(p.name) && (this.aw.has(p.name) || later)) {
        const name = f.updateComputedPropertyName(p.name, this.spillKey(this.explode(p.name.expression)));
        if (tsi.isMethodDeclaration(p)) return f.updateMethodDeclaration(p, p.modifiers, p.asteriskToken, name, p.questionToken, p.typeParameters, p.parameters, p.type, p.body);
        if (tsi.isGetAccessorDeclaration(p)) return f.updateGetAccessorDeclaration(p, p.modifiers, name, p.parameters, p.type, p.body);
        if (tsi.isSetAccessorDeclaration(p)) return f.updateSetAccessorDeclaration(p, p.modifiers, name, p.parameters, p.body);
        this.unsupported(p, 'around a member with a computed name in an object literal');
      }
      return p;
    });
    return f.updateObjectLiteralExpression(e, props);
  }

  /**
   * tag`a${await x}`: the tag and the substitutions before the await are kept in temporaries;
   * the call stays one tagged template, so the template object is still cached per site.
   */
  private taggedTemplate(e: ts.TaggedTemplateExpression): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    if (!tsi.isTemplateExpression(e.template)) return f.updateTaggedTemplateExpression(e, this.explode(e.tag), e.typeArguments, e.template);
    const tmpl = e.template;
    const later = tmpl.templateSpans.some((s) => this.aw.has(s.expression));
    let tag = skipParens(tsi, e.tag);
    if (later && (tsi.isPropertyAccessExpression(tag) || tsi.isElementAccessExpression(tag))) {
      if (tag.expression.kind === this.K.SuperKeyword) this.unsupported(e, 'inside a tagged template with a super tag');
      // obj.tag`${await x}`: obj and obj.tag are read before the substitutions, as natively;
      // the call passes obj as `this`. Its strings come from a site of the same template
      // here (one site in the poll function: the same frozen object on every evaluation).
      const obj = this.em.spill(this.explode(tag.expression));
      const fn = this.em.spill(
        tsi.isPropertyAccessExpression(tag) ? f.createPropertyAccessExpression(obj, tag.name) : f.createElementAccessExpression(obj, this.explodeSpilled(tag.argumentExpression, true)),
      );
      const values = this.explodeList(tmpl.templateSpans.map((s) => s.expression));
      const s = f.createUniqueName('s');
      const identity = f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, s)], undefined, undefined, s));
      const site = f.createTaggedTemplateExpression(identity, undefined, f.updateTemplateExpression(tmpl, tmpl.head, tmpl.templateSpans.map((sp) => f.updateTemplateSpan(sp, f.createNumericLiteral(0), sp.literal))));
      return f.createCallExpression(f.createPropertyAccessExpression(fn, 'call'), undefined, [cloneRef(tsi, obj), site, ...values]);
    } else {
      tag = this.explodeSpilled(e.tag, later);
    }
    const values = this.explodeList(tmpl.templateSpans.map((s) => s.expression));
    return f.createTaggedTemplateExpression(tag, e.typeArguments, f.updateTemplateExpression(tmpl, tmpl.head, tmpl.templateSpans.map((s, i) => f.updateTemplateSpan(s, values[i]!, s.literal))));
  }

  /**
   * An optional chain with an await after a `?.`: evaluated link by link, so a nullish
   * link skips the rest of the chain (and its awaits) and the chain yields undefined.
   */
  private optionalChain(e: ts.Expression): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    const em = this.em;
    const links: Array<ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression | ts.NonNullExpression> = [];
    let root: ts.Expression = e;
    while (root.flags & tsi.NodeFlags.OptionalChain && (tsi.isPropertyAccessExpression(root) || tsi.isElementAccessExpression(root) || tsi.isCallExpression(root) || tsi.isNonNullExpression(root))) {
      links.unshift(root);
      root = root.expression;
    }
    const result = em.temp();
    const nullish = em.newLabel('ChainNullish');
    const end = em.newLabel('AfterChain');
    let cur = em.spill(this.explode(root));
    let obj: ts.Expression | undefined;
    for (const link of links) {
      if (tsi.isNonNullExpression(link)) continue;
      if ((link as ts.PropertyAccessExpression).questionDotToken) em.jumpIf(f.createEquality(cur, f.createNull()), nullish);
      if (tsi.isPropertyAccessExpression(link)) {
        obj = cur;
        cur = em.spill(f.createPropertyAccessExpression(obj, link.name));
      } else if (tsi.isElementAccessExpression(link)) {
        obj = cur;
        cur = em.spill(f.createElementAccessExpression(obj, this.explode(link.argumentExpression)));
      } else {
        const args = this.explodeList(link.arguments);
        const call = obj ? f.createCallExpression(f.createPropertyAccessExpression(cur, 'call'), undefined, [obj, ...args]) : f.createCallExpression(cur, undefined, args);
        obj = undefined;
        cur = em.spill(call);
      }
    }
    em.emit(em.assign(em.field(result), cur));
    em.jump(end);
    em.mark(nullish);
    em.emit(em.assign(em.field(result), f.createVoidZero()));
    em.mark(end);
    return em.field(result);
  }

  /** Does this optional chain have an await after its first `?.`? */
  private awaitAfterQuestionDot(e: ts.Expression): boolean {
    if (!(e.flags & this.tsi.NodeFlags.OptionalChain)) return false;
    let root: ts.Expression = e;
    let hasQuestion = false;
    const parts: ts.Node[] = [];
    for (;;) {
      const r = root as ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression | ts.NonNullExpression;
      if (!(r.flags & this.tsi.NodeFlags.OptionalChain)) break;
      if ((r as ts.PropertyAccessExpression).questionDotToken) hasQuestion = true;
      if (this.tsi.isElementAccessExpression(r)) parts.push(r.argumentExpression);
      if (this.tsi.isCallExpression(r)) parts.push(...r.arguments);
      root = r.expression;
    }
    return hasQuestion && parts.some((p) => this.aw.has(p));
  }

  /** Awaits after a `?.` in a chain would need the short circuit to skip them. */
  private checkChain(e: ts.Expression): void {
    if (this.awaitAfterQuestionDot(e)) this.unsupported(e, 'after ?. in an optional chain');
  }
}

export function skipParens(tsi: typeof ts, e: ts.Expression): ts.Expression {
  while (tsi.isParenthesizedExpression(e) || tsi.isNonNullExpression(e) || tsi.isAsExpression(e) || tsi.isTypeAssertionExpression(e) || tsi.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** A second use of an exploded reference (its parts are temporaries or plain names). */
function cloneRef(tsi: typeof ts, r: ts.Expression): ts.Expression {
  const f = tsi.factory;
  if (tsi.isPropertyAccessExpression(r)) return f.createPropertyAccessExpression(cloneRef(tsi, r.expression), r.name.text);
  if (tsi.isElementAccessExpression(r)) return f.createElementAccessExpression(cloneRef(tsi, r.expression), cloneRef(tsi, r.argumentExpression));
  if (r.kind === tsi.SyntaxKind.ThisKeyword) return r; // a frame `this` (shared node is fine for printing)
  return r;
}

function isSideEffectFree(tsi: typeof ts, e: ts.Expression): boolean {
  return tsi.isIdentifier(e) || tsi.isLiteralExpression(e) || (tsi.isVoidExpression(e) && tsi.isLiteralExpression(e.expression));
}

function compoundToBinary(tsi: typeof ts, op: ts.SyntaxKind): ts.BinaryOperator {
  const K = tsi.SyntaxKind;
  const map: Partial<Record<ts.SyntaxKind, ts.BinaryOperator>> = {
    [K.PlusEqualsToken]: K.PlusToken,
    [K.MinusEqualsToken]: K.MinusToken,
    [K.AsteriskEqualsToken]: K.AsteriskToken,
    [K.AsteriskAsteriskEqualsToken]: K.AsteriskAsteriskToken,
    [K.SlashEqualsToken]: K.SlashToken,
    [K.PercentEqualsToken]: K.PercentToken,
    [K.LessThanLessThanEqualsToken]: K.LessThanLessThanToken,
    [K.GreaterThanGreaterThanEqualsToken]: K.GreaterThanGreaterThanToken,
    [K.GreaterThanGreaterThanGreaterThanEqualsToken]: K.GreaterThanGreaterThanGreaterThanToken,
    [K.AmpersandEqualsToken]: K.AmpersandToken,
    [K.BarEqualsToken]: K.BarToken,
    [K.CaretEqualsToken]: K.CaretToken,
  };
  return map[op]!;
}

/** A string or numeric literal key: nothing to evaluate or convert ahead. */
function isLiteralKey(tsi: typeof ts, e: ts.Expression): boolean {
  return tsi.isStringLiteral(e) || tsi.isNumericLiteral(e) || tsi.isNoSubstitutionTemplateLiteral(e);
}
