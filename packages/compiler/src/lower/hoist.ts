// Where each local lives once the body is split: a binding used in more than one state
// (or a parameter or `var`, which outlive any block) becomes a frame field named after it;
// everything else stays a JS `let` inside poll. Then one pass rewrites the emitted states:
// names to their storage, `this`/`arguments`/`new.target`/`super` to the captures of the
// wrapper, and label placeholders to state numbers.
import type ts from 'typescript';
import { KEEP_NATIVE, MARK_NATIVE, LowerCodes, Unsupported } from './diagnostics.js';
import type { Emitter } from './emit.js';
import { keepName } from './names.js';
import type { Binding, ScopeInfo } from './scope.js';

/** Fields of every frame (runtime-owned or inherited) that user locals must not shadow. */
const RESERVED = new Set([
  // A machine is its own task: the Context and Waker it is to a poll it drives (ABI.md).
  'budget', 'waker', 'wake',
  'poll', 'then', 'catch', 'finally', 'cancel', 'isFinished', 'constructor', 'toString', 'valueOf', 'toLocaleString',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__proto__', '__defineGetter__', '__defineSetter__',
  '__lookupGetter__', '__lookupSetter__',
]);

export interface Storage {
  frame: Map<Binding, string>; // binding → field name
  local: Map<Binding, string>; // binding → identifier text
  /** Frame fields in the order the wrapper initialises them (params first). */
  fields: string[];
  states: Map<Binding, Set<number>>;
  needsFrameAlias: boolean;
  /** Frame bindings that may be read before initialisation: they start as the TDZ sentinel. */
  tdz: Set<Binding>;
  /**
   * Per-iteration bindings that closures capture live in an environment object per loop
   * iteration (`this.$e0 = {}`), which each closure-creating statement captures first.
   */
  env: Map<Binding, string>; // binding → env field
  envByScope: Map<ts.Node, string>;
  /**
   * Parameters that stay the wrapper's own (sloppy code, simple list, `arguments` used): the
   * engine keeps them and `arguments[i]` mapped to each other, and the frame reaches them
   * through accessors (`this.$pm.a`, machine.ts).
   */
  mapped: Set<Binding>;
}

export class Hoister {
  private readonly f: ts.NodeFactory;
  readonly storage: Storage = { frame: new Map(), local: new Map(), fields: [], states: new Map(), needsFrameAlias: false, tdz: new Set(), env: new Map(), envByScope: new Map(), mapped: new Set() };
  /** Inside any nested function (arrows too): env bindings are read through the capture. */
  private closureDepth = 0;
  /** Env field → the capture local of the statement being rewritten. */
  private captures = new Map<string, string>();
  /** Identifiers in assignment-target position (never TDZ-checked). */
  private readonly writeIds = new WeakSet<ts.Node>();

  constructor(
    private readonly tsi: typeof ts,
    private readonly em: Emitter,
    private readonly scope: ScopeInfo,
    private readonly ctx: ts.TransformationContext,
    private readonly usedNames: Set<string>,
    /** A named function expression's own name: writes are discarded (sloppy) or throw (strict). */
    private readonly ownName?: { name: string; strict: boolean },
    /** Keep the parameters in the wrapper, mapped to its `arguments` (Storage.mapped). */
    private readonly mappedParams = false,
  ) {
    this.f = tsi.factory;
  }

  /** Record which states reference each binding, then choose storage and names. */
  decide(): void {
    const tsi = this.tsi;
    const states = this.storage.states;
    for (const b of this.scope.bindings) states.set(b, new Set());
    for (const c of this.em.cases) {
      const visit = (n: ts.Node): void => {
        if (tsi.isIdentifier(n)) {
          const b = this.scope.byId.get(n);
          if (b) states.get(b)!.add(c.id);
          return;
        }
        tsi.forEachChild(n, visit);
      };
      for (const s of c.stmts) visit(s);
    }
    const fieldNames = new Set<string>();
    const fieldName = (userName: string): string => {
      // `$` names belong to the runtime and the generated code: `$x` is stored as `_$x`.
      const base = userName.startsWith('$') ? `_${userName}` : userName;
      let name = base;
      for (let i = 1; RESERVED.has(name) || fieldNames.has(name); i++) name = `${base}_${i}`;
      fieldNames.add(name);
      return name;
    };
    const params = this.scope.bindings.filter((b) => b.kind === 'param');
    const rest = this.scope.bindings.filter((b) => b.kind !== 'param');
    const nameCount = new Map<string, number>();
    for (const b of this.scope.bindings) nameCount.set(b.name, (nameCount.get(b.name) ?? 0) + 1);
    const locals: Binding[] = [];
    for (const b of [...params, ...rest]) {
      const used = states.get(b)!;
      const onFrame = b.kind === 'param' || b.kind === 'var' || used.size > 1;
      if (!onFrame) {
        locals.push(b);
        continue;
      }
      if (b.captured && b.inLoop && b.kind !== 'var') {
        const tsi = this.tsi;
        const sn = b.scopeNode;
        if (!(tsi.isBlock(sn) || tsi.isForStatement(sn) || tsi.isForOfStatement(sn) || tsi.isForInStatement(sn) || tsi.isCatchClause(sn) || tsi.isCaseBlock(sn))) {
          throw new Unsupported(
            LowerCodes.PerIterationCapture,
            `a closure captures '${b.name}', a per-iteration binding of a loop that is split at an await; copy it into a const declared in the loop body, ${KEEP_NATIVE}`,
            b.declId,
          );
        }
        let envField = this.storage.envByScope.get(sn);
        if (!envField) {
          envField = `$e${this.storage.envByScope.size}`;
          this.storage.envByScope.set(sn, envField);
          this.storage.fields.push(envField);
        }
        this.storage.env.set(b, envField);
        if (this.mayReadBeforeInit(b)) this.storage.tdz.add(b);
        continue;
      }
      const name = fieldName(b.name);
      this.storage.frame.set(b, name);
      // A mapped parameter counts as a frame binding everywhere, but the frame has no field for it.
      if (b.kind === 'param' && this.mappedParams) this.storage.mapped.add(b);
      else this.storage.fields.push(name);
      if (this.mayReadBeforeInit(b)) this.storage.tdz.add(b);
    }
    // Locals are named once every field is: a sync-first copy keeps fields in function-level
    // locals, where a local of a state (a case of one switch block) with a field's name would
    // shadow the field in every state.
    for (const b of locals) {
      const taken = (n: string) => this.scope.names.has(n) || this.usedNames.has(n) || fieldNames.has(n);
      const clash = (nameCount.get(b.name) ?? 0) > 1 || this.scope.free.has(b.name) || this.usedNames.has(b.name) || fieldNames.has(b.name);
      let name = b.name;
      if (clash) {
        for (let i = 1; taken(name); i++) name = `${b.name}_${i}`;
        this.scope.names.add(name);
      }
      this.storage.local.set(b, name);
    }
  }

  /**
   * A let/const/class on the frame loses the engine's TDZ check; keep one where a reference may
   * come before the declaration initialises the binding (mayPrecedeInit).
   */
  private mayReadBeforeInit(b: Binding): boolean {
    if (b.kind === 'param') return this.paramMayReadBeforeInit(b);
    if (b.kind !== 'let' && b.kind !== 'const' && b.kind !== 'class') return false;
    return b.ids.some((id) => id !== b.declId && this.mayPrecedeInit(b, id));
  }

  /**
   * May this reference meet the binding uninitialised? Where it comes before the point that
   * initialises it in the text (in a loop, in the declaration's own initializer, in a for-of's
   * iterable, in a class's heritage or body), where a function declaration holds it (hoisted,
   * it may be called before), or in a switch, whose clauses share one scope.
   */
  private mayPrecedeInit(b: Binding, id: ts.Identifier): boolean {
    if (this.tsi.isCaseBlock(b.scopeNode)) return true;
    const init = this.initEnd(b);
    const o = this.tsi.getOriginalNode(id);
    return init < 0 || o.pos < 0 || o.pos < init || this.scope.inHoistedFunction.has(id);
  }

  /** Where in the source text the declaration has initialised `b`; -1 if it is not known. */
  private initEnd(b: Binding): number {
    const tsi = this.tsi;
    const decl = tsi.getOriginalNode(b.declId);
    if (decl.pos < 0) return -1;
    let n: ts.Node | undefined = decl.parent;
    // A pattern binds its names after its initializer ran: `const [a] = [a]` throws.
    while (n !== undefined && (tsi.isBindingElement(n) || tsi.isArrayBindingPattern(n) || tsi.isObjectBindingPattern(n))) n = n.parent;
    if (n === undefined) return -1;
    if (tsi.isVariableDeclaration(n)) {
      // `for (const x of x)`: the iterable is evaluated with the loop's bindings uninitialised.
      const head = n.parent?.parent;
      return head !== undefined && (tsi.isForInStatement(head) || tsi.isForOfStatement(head)) ? head.expression.end : n.end;
    }
    if (tsi.isClassLike(n)) return n.end; // its heritage and computed keys run before
    return decl.end;
  }

  /**
   * Parameters are bound in order, each after its default ran: a reference in the parameter
   * list, in the parameter that declares the name or an earlier one (`(a = b, b)`, `(a = a)`),
   * or in a closure there, may meet the name uninitialised and must throw ReferenceError.
   */
  private paramMayReadBeforeInit(b: Binding): boolean {
    const tsi = this.tsi;
    const fn = tsi.getOriginalNode(b.scopeNode) as ts.SignatureDeclaration;
    const params = fn.parameters;
    const decl = tsi.getOriginalNode(b.declId);
    if (params === undefined || params.pos < 0 || decl.pos < 0) return false;
    const own = params.find((p) => p.pos <= decl.pos && decl.end <= p.end);
    if (own === undefined) return false;
    return b.ids.some((id) => {
      if (id === b.declId) return false;
      const o = tsi.getOriginalNode(id);
      return o.pos >= params.pos && o.end <= own.end;
    });
  }

  /** Collect the identifiers an assignment writes (they must stay plain references). */
  private markTargets(e: ts.Node): void {
    const tsi = this.tsi;
    if (tsi.isIdentifier(e)) this.writeIds.add(e);
    else if (tsi.isParenthesizedExpression(e) || tsi.isAsExpression(e) || tsi.isSatisfiesExpression(e) || tsi.isNonNullExpression(e) || tsi.isTypeAssertionExpression(e)) this.markTargets(e.expression);
    else if (tsi.isArrayLiteralExpression(e)) e.elements.forEach((x) => this.markTargets(x));
    else if (tsi.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (tsi.isPropertyAssignment(p)) this.markTargets(p.initializer);
        else if (tsi.isShorthandPropertyAssignment(p)) this.markTargets(p.name);
        else if (tsi.isSpreadAssignment(p)) this.markTargets(p.expression);
      }
    } else if (tsi.isSpreadElement(e)) this.markTargets(e.expression);
    else if (tsi.isBinaryExpression(e) && e.operatorToken.kind === tsi.SyntaxKind.EqualsToken) this.markTargets(e.left);
  }

  /** `(this.x === this.poll ? <throw ReferenceError> : this.x)` */
  private checkedRead(b: Binding, depth: number, original: ts.Identifier): ts.Expression {
    const f = this.f;
    const thrower = f.createCallExpression(
      f.createParenthesizedExpression(
        f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([f.createThrowStatement(f.createNewExpression(f.createIdentifier('ReferenceError'), undefined, [f.createStringLiteral(`Cannot access '${b.name}' before initialization`)]))])),
      ),
      undefined,
      [],
    );
    return f.createParenthesizedExpression(
      f.createConditionalExpression(
        f.createStrictEquality(this.ref(b, depth, original), f.createPropertyAccessExpression(this.frame(depth), 'poll')),
        undefined,
        thrower,
        undefined,
        this.ref(b, depth),
      ),
    );
  }

  /**
   * A write to a frame binding the engine no longer guards: a const (TypeError), or a
   * let/const/class the write may reach in its TDZ (ReferenceError). The target becomes an
   * accessor, `({ get v() {...}, set v(v) {...} }).v`, so every form of write (=, op=, ++,
   * logical assignment, destructuring, for-in/of heads) reads and writes it in the native
   * order: the check runs when the value is stored, after the right-hand side.
   */
  private guardedWrite(b: Binding, depth: number, id: ts.Identifier): ts.Expression | undefined {
    if (!this.storage.frame.has(b) && !this.storage.env.has(b)) return undefined;
    const isConst = b.kind === 'const';
    const tdz = this.writeInTdz(b, id);
    if (!isConst && !tdz) return undefined;
    const tsi = this.tsi;
    const f = this.f;
    const inner = depth + 1;
    this.closureDepth++;
    const read = tdz ? this.checkedRead(b, inner, id) : this.ref(b, inner);
    const v = f.createUniqueName('v');
    const set: ts.Statement[] = [];
    if (tdz) {
      set.push(f.createIfStatement(f.createStrictEquality(this.ref(b, inner), f.createPropertyAccessExpression(this.frame(inner), 'poll')), this.throwNew('ReferenceError', `Cannot access '${b.name}' before initialization`)));
    }
    set.push(isConst ? this.throwNew('TypeError', 'Assignment to constant variable.') : f.createExpressionStatement(f.createAssignment(this.ref(b, inner), v)));
    this.closureDepth--;
    const accessor = f.createObjectLiteralExpression([
      f.createGetAccessorDeclaration(undefined, 'v', [], undefined, f.createBlock([f.createReturnStatement(read)])),
      f.createSetAccessorDeclaration(undefined, 'v', [f.createParameterDeclaration(undefined, undefined, v)], f.createBlock(set)),
    ]);
    const e = f.createPropertyAccessExpression(f.createParenthesizedExpression(accessor), 'v');
    return tsi.setTextRange(tsi.setOriginalNode(e, id), id);
  }

  /**
   * `x++`, `x += v` or `x ||= v` on a let or class binding the write may reach in its TDZ.
   * These read `x` before anything else, so the check can run first, as a plain
   * `(check, $fr.x++)`: smaller than guardedWrite's accessor object, and it does not put an
   * object literal at the start of a statement, whose parentheses Babel 6's printer drops
   * when it prints our output again (`({...}).v++` became a block). A `const` keeps the
   * accessor: its TypeError comes after the read and the numeric conversion.
   */
  private checkedUpdate(n: ts.Expression, target: ts.Identifier, depth: number): ts.Expression | undefined {
    const b = this.scope.byId.get(target);
    if (!b || b.kind === 'const' || target === b.declId) return undefined;
    if ((!this.storage.frame.has(b) && !this.storage.env.has(b)) || !this.writeInTdz(b, target)) return undefined;
    const check = this.checkedRead(b, depth, target);
    const ref = this.ref(b, depth, target);
    const tsi = this.tsi;
    const f = this.f;
    let update: ts.Expression;
    if (tsi.isBinaryExpression(n)) {
      const right = this.visitExpr(n.right, depth);
      const logical = n.operatorToken.kind === tsi.SyntaxKind.BarBarEqualsToken || n.operatorToken.kind === tsi.SyntaxKind.AmpersandAmpersandEqualsToken || n.operatorToken.kind === tsi.SyntaxKind.QuestionQuestionEqualsToken;
      update = f.updateBinaryExpression(n, ref, n.operatorToken, logical ? this.named(right, ref, target.text) : right);
    } else if (tsi.isPrefixUnaryExpression(n)) update = f.updatePrefixUnaryExpression(n, ref);
    else update = f.updatePostfixUnaryExpression(n as ts.PostfixUnaryExpression, ref);
    return f.createParenthesizedExpression(f.createComma(check, update));
  }

  /**
   * A write to the immutable binding of a function expression's own name: the target becomes
   * `({ get v() { return name; }, set v(_) {} }).v`, so every form of write reads it as
   * natively and stores nothing (strict code: the setter throws TypeError).
   */
  private immutableWrite(id: ts.Identifier, strict: boolean): ts.Expression {
    const f = this.f;
    const accessor = f.createObjectLiteralExpression([
      f.createGetAccessorDeclaration(undefined, 'v', [], undefined, f.createBlock([f.createReturnStatement(f.createIdentifier(id.text))])),
      f.createSetAccessorDeclaration(undefined, 'v', [f.createParameterDeclaration(undefined, undefined, f.createUniqueName('v'))], f.createBlock(strict ? [this.throwNew('TypeError', 'Assignment to constant variable.')] : [])),
    ]);
    const e = f.createPropertyAccessExpression(f.createParenthesizedExpression(accessor), 'v');
    return this.tsi.setTextRange(this.tsi.setOriginalNode(e, id), id);
  }

  private throwNew(ctor: string, message: string): ts.Statement {
    const f = this.f;
    return f.createThrowStatement(f.createNewExpression(f.createIdentifier(ctor), undefined, [f.createStringLiteral(message)]));
  }

  /** A write to a binding the engine checks for its TDZ, which may come before the binding's initialisation. */
  private writeInTdz(b: Binding, id: ts.Identifier): boolean {
    return this.storage.tdz.has(b) && this.mayPrecedeInit(b, id);
  }

  /** Rewrite every state's statements. */
  rewriteAll(): void {
    for (const c of this.em.cases) {
      const out: ts.Statement[] = [];
      for (const s of c.stmts) {
        const marker = this.em.envMarkers.get(s);
        if (marker) {
          const envField = this.storage.envByScope.get(marker.scope);
          if (envField) out.push(this.envStatement(envField, marker.kind));
          // Re-entering a block (a loop's next iteration) puts its bindings back in the TDZ.
          if (marker.kind === 'init') {
            for (const b of this.storage.tdz) {
              if (b.scopeNode === marker.scope && this.storage.frame.has(b)) out.push(this.em.assign(this.em.field(this.storage.frame.get(b)!), this.em.field('poll')));
            }
          }
          continue;
        }
        this.captures = new Map();
        const r = this.visit(s, 0);
        // Closures in this statement see the iteration's environment as it is now.
        for (const [envField, local] of this.captures) {
          out.push(this.f.createVariableStatement(undefined, this.f.createVariableDeclarationList([this.f.createVariableDeclaration(local, undefined, undefined, this.em.field(envField))], this.tsi.NodeFlags.Const)));
        }
        if (Array.isArray(r)) out.push(...(r as ts.Statement[]));
        else if (r) out.push(r as ts.Statement);
      }
      c.stmts = out;
    }
  }

  private captureCount = 0;

  /** A new iteration environment: fresh (block entry, for-of step) or a copy (for-loop step). */
  private envStatement(envField: string, kind: 'init' | 'copy'): ts.Statement {
    const f = this.f;
    const bindings = [...this.storage.env].filter(([, e]) => e === envField).map(([b]) => b);
    // A fresh environment starts with its bindings in the TDZ where a read may come first.
    const value =
      kind === 'copy'
        ? f.createObjectLiteralExpression(bindings.map((b) => f.createPropertyAssignment(f.createStringLiteral(b.name), f.createPropertyAccessExpression(this.em.field(envField), b.name))))
        : f.createObjectLiteralExpression(bindings.map((b) => f.createPropertyAssignment(f.createStringLiteral(b.name), this.storage.tdz.has(b) ? this.em.field('poll') : f.createVoidZero())));
    return this.em.assign(this.em.field(envField), value);
  }

  /** The frame as seen from here: `this` in poll and arrows, `$fr` in nested functions. */
  private frame(depth: number): ts.Expression {
    if (depth === 0) return this.em.self();
    this.storage.needsFrameAlias = true;
    return this.f.createIdentifier(this.em.names.fr);
  }

  private ref(b: Binding, depth: number, original?: ts.Identifier): ts.Expression {
    const envField = this.storage.env.get(b);
    if (envField !== undefined) {
      let envRef: ts.Expression;
      if (this.closureDepth > 0) {
        let local = this.captures.get(envField);
        if (!local) {
          local = `${envField}_${this.captureCount++}`;
          this.captures.set(envField, local);
        }
        envRef = this.f.createIdentifier(local);
      } else envRef = this.f.createPropertyAccessExpression(this.frame(depth), envField);
      const e = this.f.createPropertyAccessExpression(envRef, b.name);
      if (original) this.tsi.setTextRange(this.tsi.setOriginalNode(e, original), original);
      return e;
    }
    const field = this.storage.frame.get(b);
    if (field !== undefined) {
      const mapped = this.storage.mapped.has(b);
      const holder = mapped ? this.f.createPropertyAccessExpression(this.frame(depth), '$pm') : this.frame(depth);
      const e = this.f.createPropertyAccessExpression(holder, mapped ? b.name : field);
      if (original) this.tsi.setTextRange(this.tsi.setOriginalNode(e, original), original);
      return e;
    }
    const name = this.storage.local.get(b)!;
    if (original && name === original.text) return original;
    const id = this.f.createIdentifier(name);
    if (original) this.tsi.setTextRange(this.tsi.setOriginalNode(id, original), original);
    return id;
  }

  private visit(n: ts.Node, depth: number): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const f = this.f;
    const K = tsi.SyntaxKind;
    const label = this.em.placeholders.get(n);
    if (label) return f.createNumericLiteral(label.id);
    if (tsi.isIdentifier(n)) {
      const b = this.scope.byId.get(n);
      if (b && this.writeIds.has(n) && n !== b.declId) {
        const guarded = this.guardedWrite(b, depth, n);
        if (guarded) return guarded;
      }
      if (b && this.storage.tdz.has(b) && !this.writeIds.has(n) && n !== b.declId) return this.checkedRead(b, depth, n);
      if (b) return this.ref(b, depth, n);
      if (depth === 0 && this.scope.argumentsIds.has(n)) return this.em.field('$args');
      if (n.text === this.ownName?.name && this.writeIds.has(n) && this.scope.freeIds.has(n)) return this.immutableWrite(n, this.ownName.strict);
      return n;
    }
    if (n.kind === K.ThisKeyword) {
      if (depth === 0 && !this.em.frameThis.has(n)) return this.em.field('$this');
      return n;
    }
    if (tsi.isMetaProperty(n)) {
      if (depth === 0 && n.keywordToken === K.NewKeyword) return this.em.field('$nt');
      return n;
    }
    if (tsi.isShorthandPropertyAssignment(n)) {
      const b = this.scope.byId.get(n.name);
      const args = !b && depth === 0 && this.scope.argumentsIds.has(n.name); // `{ arguments = 1 } = o`, sloppy
      if (args || (b && (this.storage.frame.has(b) || this.storage.env.has(b) || this.storage.local.get(b) !== n.name.text))) {
        // Through visit: a read gets its TDZ check, a destructuring target its write guard.
        const target = this.visitExpr(n.name, depth);
        if (n.objectAssignmentInitializer) {
          return f.createPropertyAssignment(n.name.text, f.createAssignment(target, this.named(this.visitExpr(n.objectAssignmentInitializer, depth), target, n.name.text)));
        }
        return tsi.setTextRange(f.createPropertyAssignment(n.name.text, target), n);
      }
    }
    if (depth === 0) {
      const sup = this.superAccess(n, depth);
      if (sup) return sup;
    }
    if (tsi.isBinaryExpression(n) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment) {
      this.markTargets(n.left);
      const op = n.operatorToken.kind;
      if (op !== K.EqualsToken && tsi.isIdentifier(n.left)) {
        const checked = this.checkedUpdate(n, n.left, depth);
        if (checked) return checked;
      }
      if (tsi.isIdentifier(n.left) && (op === K.EqualsToken || op === K.BarBarEqualsToken || op === K.AmpersandAmpersandEqualsToken || op === K.QuestionQuestionEqualsToken)) {
        const left = this.visitExpr(n.left, depth);
        return f.updateBinaryExpression(n, left, n.operatorToken, this.named(this.visitExpr(n.right, depth), left, n.left.text));
      }
    }
    if ((tsi.isPrefixUnaryExpression(n) || tsi.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) {
      const checked = tsi.isIdentifier(n.operand) ? this.checkedUpdate(n, n.operand, depth) : undefined;
      if (checked) return checked;
      this.markTargets(n.operand);
    }
    if ((tsi.isForInStatement(n) || tsi.isForOfStatement(n)) && !tsi.isVariableDeclarationList(n.initializer)) this.markTargets(n.initializer);
    if (tsi.isVariableStatement(n)) return this.variableStatement(n, depth);
    if (tsi.isForStatement(n) && n.initializer && tsi.isVariableDeclarationList(n.initializer) && this.listOnFrame(n.initializer)) {
      const init = this.declarationsAsExpression(n.initializer, depth);
      return f.updateForStatement(n, init, this.opt(n.condition, depth), this.opt(n.incrementor, depth), this.visitStmt(n.statement, depth));
    }
    if ((tsi.isForInStatement(n) || tsi.isForOfStatement(n)) && tsi.isVariableDeclarationList(n.initializer) && this.listOnFrame(n.initializer)) {
      const target = this.bindingTarget(n.initializer.declarations[0]!.name, depth);
      const expr = this.visitExpr(n.expression, depth);
      const body = this.visitStmt(n.statement, depth);
      return tsi.isForInStatement(n) ? f.updateForInStatement(n, target, expr, body) : f.updateForOfStatement(n, n.awaitModifier, target, expr, body);
    }
    if (tsi.isFunctionDeclaration(n) && n.name) {
      const b = this.scope.byId.get(n.name);
      this.closureDepth++;
      const inner = tsi.visitEachChild(n, (c) => (c === n.name ? c : this.visit(c, depth + 1)), this.ctx) as ts.FunctionDeclaration;
      this.closureDepth--;
      if (b && (this.storage.frame.has(b) || this.storage.env.has(b))) {
        const fe = f.createFunctionExpression(inner.modifiers?.filter((m) => m.kind === K.AsyncKeyword) as ts.Modifier[] | undefined, inner.asteriskToken, n.name.text, inner.typeParameters, inner.parameters, inner.type, inner.body!);
        return tsi.setOriginalNode(tsi.setTextRange(f.createExpressionStatement(f.createAssignment(this.ref(b, depth), fe)), n), n);
      }
      if (b && this.storage.local.get(b) !== n.name.text) return f.updateFunctionDeclaration(inner, inner.modifiers, inner.asteriskToken, this.ref(b, depth) as ts.Identifier, inner.typeParameters, inner.parameters, inner.type, inner.body);
      return inner;
    }
    if (tsi.isClassDeclaration(n) && n.name) {
      const b = this.scope.byId.get(n.name);
      const inner = this.visitClass(n, depth);
      if (b && (this.storage.frame.has(b) || this.storage.env.has(b))) {
        const ce = f.createClassExpression(undefined, n.name.text, inner.typeParameters, inner.heritageClauses, inner.members);
        return tsi.setOriginalNode(tsi.setTextRange(f.createExpressionStatement(f.createAssignment(this.ref(b, depth), ce)), n), n);
      }
      if (b && this.storage.local.get(b) !== n.name.text) return f.updateClassDeclaration(inner, inner.modifiers, this.ref(b, depth) as ts.Identifier, inner.typeParameters, inner.heritageClauses, inner.members);
      return inner;
    }
    if (tsi.isClassLike(n)) {
      this.closureDepth++;
      const r = this.visitClass(n, depth);
      this.closureDepth--;
      return r;
    }
    if (tsi.isFunctionLike(n)) {
      const nextDepth = tsi.isArrowFunction(n) ? depth : depth + 1;
      // An object-literal method's computed key is evaluated out here, not in the method.
      const key = (n as ts.FunctionLikeDeclaration).name;
      const outerKey = key && tsi.isComputedPropertyName(key) ? (this.visit(key, depth) as ts.ComputedPropertyName) : undefined;
      this.closureDepth++;
      const r = tsi.visitEachChild(n, (c) => (c === key && outerKey ? outerKey : this.visit(c, nextDepth)), this.ctx);
      this.closureDepth--;
      return r;
    }
    return tsi.visitEachChild(n, (c) => this.visit(c, depth), this.ctx);
  }

  /** Class bodies have their own `this`; heritage clauses and computed keys do not. */
  private visitClass<T extends ts.ClassLikeDeclaration>(n: T, depth: number): T {
    const tsi = this.tsi;
    return tsi.visitEachChild(
      n,
      (c) => {
        if (tsi.isHeritageClause(c)) return this.visit(c, depth);
        if (tsi.isClassElement(c)) {
          // Member bodies are closures: per-iteration bindings are read through the capture
          // taken when the class is created (as for functions), not live from the frame.
          const key = c.name && tsi.isComputedPropertyName(c.name) ? (this.visit(c.name, depth) as ts.ComputedPropertyName) : undefined;
          this.closureDepth++;
          const inner = tsi.visitEachChild(c, (m) => (m === c.name && key ? key : this.visit(m, depth + 1)), this.ctx);
          this.closureDepth--;
          return inner;
        }
        return this.visit(c, depth);
      },
      this.ctx,
    ) as T;
  }

  private visitExpr(e: ts.Expression, depth: number): ts.Expression {
    return this.visit(e, depth) as ts.Expression;
  }

  private visitStmt(s: ts.Statement, depth: number): ts.Statement {
    const r = this.visit(s, depth);
    if (Array.isArray(r)) return this.f.createBlock(r as ts.Statement[], true);
    return (r as ts.Statement) ?? this.f.createEmptyStatement();
  }

  private opt<T extends ts.Expression>(e: T | undefined, depth: number): T | undefined {
    return e && (this.visit(e, depth) as T);
  }

  // ---- super ---------------------------------------------------------------------------

  /** `super.x` → `this.$sg("x")`, `super.m(a)` → `this.$sg("m").call(this.$this, a)`, `super.x = v` → `this.$ss("x", v)`. */
  private superAccess(n: ts.Node, depth: number): ts.Expression | undefined {
    const tsi = this.tsi;
    const f = this.f;
    const K = tsi.SyntaxKind;
    const isSuperRef = (e: ts.Node): e is ts.PropertyAccessExpression | ts.ElementAccessExpression =>
      (tsi.isPropertyAccessExpression(e) || tsi.isElementAccessExpression(e)) && e.expression.kind === K.SuperKeyword;
    const key = (e: ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.Expression =>
      tsi.isPropertyAccessExpression(e) ? f.createStringLiteral(e.name.text) : this.visitExpr(e.argumentExpression, depth);
    const get = (e: ts.PropertyAccessExpression | ts.ElementAccessExpression) => f.createCallExpression(this.em.field('$sg'), undefined, [key(e)]);
    if (tsi.isCallExpression(n) && isSuperRef(n.expression)) {
      const args = n.arguments.map((a) => this.visitExpr(a, depth));
      return f.createCallExpression(f.createPropertyAccessExpression(get(n.expression), 'call'), undefined, [this.em.field('$this'), ...args]);
    }
    if (tsi.isBinaryExpression(n) && isSuperRef(n.left) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment) {
      if (n.operatorToken.kind !== K.EqualsToken) {
        throw new Unsupported(LowerCodes.UnsupportedSuper, `compound assignment to a super property is not lowered; write super.x = super.x + y, ${KEEP_NATIVE}`, n);
      }
      return f.createCallExpression(this.em.field('$ss'), undefined, [key(n.left), this.visitExpr(n.right, depth)]);
    }
    if ((tsi.isPrefixUnaryExpression(n) || tsi.isPostfixUnaryExpression(n)) && isSuperRef(n.operand)) {
      throw new Unsupported(LowerCodes.UnsupportedSuper, `++/-- on a super property is not lowered; ${MARK_NATIVE}`, n);
    }
    if (isSuperRef(n)) return get(n);
    if (n.kind === K.SuperKeyword) throw new Unsupported(LowerCodes.UnsupportedSuper, `this use of super is not lowered; ${MARK_NATIVE}`, n);
    return undefined;
  }

  // ---- declarations --------------------------------------------------------------------

  private listOnFrame(list: ts.VariableDeclarationList): boolean {
    return list.declarations.some((d) => this.idsOf(d.name).some((id) => this.onFrame(id)));
  }

  private onFrame(id: ts.Identifier): boolean {
    const b = this.scope.byId.get(id);
    return b !== undefined && (this.storage.frame.has(b) || this.storage.env.has(b));
  }

  private idsOf(name: ts.BindingName): ts.Identifier[] {
    const tsi = this.tsi;
    if (tsi.isIdentifier(name)) return [name];
    const out: ts.Identifier[] = [];
    for (const el of name.elements) if (!tsi.isOmittedExpression(el)) out.push(...this.idsOf(el.name));
    return out;
  }

  private variableStatement(n: ts.VariableStatement, depth: number): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const f = this.f;
    const list = n.declarationList;
    if (!this.listOnFrame(list)) return tsi.visitEachChild(n, (c) => this.visit(c, depth), this.ctx);
    const out: ts.Statement[] = [];
    const isVar = !(list.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const));
    for (const d of list.declarations) {
      const ids = this.idsOf(d.name);
      if (!ids.some((id) => this.onFrame(id))) {
        out.push(tsi.setTextRange(f.createVariableStatement(undefined, f.createVariableDeclarationList([this.visit(d, depth) as ts.VariableDeclaration], list.flags)), d));
        continue;
      }
      const locals = ids.filter((id) => !this.onFrame(id));
      if (locals.length > 0) {
        out.push(f.createVariableStatement(undefined, f.createVariableDeclarationList(locals.map((id) => {
          const lb = this.scope.byId.get(id);
          return f.createVariableDeclaration(lb ? (this.ref(lb, depth, id) as ts.Identifier) : id);
        }), tsi.NodeFlags.Let)));
      }
      if (!d.initializer && isVar) continue;
      const target = this.bindingTarget(d.name, depth);
      const value = d.initializer ? this.named(this.visitExpr(d.initializer, depth), target, d.name) : f.createVoidZero();
      const assign = f.createAssignment(target, value);
      out.push(tsi.setOriginalNode(tsi.setTextRange(f.createExpressionStatement(assign), d), d));
    }
    return out.length === 1 ? out[0] : out;
  }

  /** `let a = 1, b` (frame) as an expression: `this.a = 1, this.b = void 0`. */
  private declarationsAsExpression(list: ts.VariableDeclarationList, depth: number): ts.Expression | undefined {
    const f = this.f;
    const isVar = !(list.flags & (this.tsi.NodeFlags.Let | this.tsi.NodeFlags.Const));
    const parts: ts.Expression[] = [];
    for (const d of list.declarations) {
      if (!d.initializer && isVar) continue;
      const target = this.bindingTarget(d.name, depth);
      parts.push(f.createAssignment(target, d.initializer ? this.named(this.visitExpr(d.initializer, depth), target, d.name) : f.createVoidZero()));
    }
    if (parts.length === 0) return undefined;
    return parts.reduce((a, b) => f.createComma(a, b));
  }

  /**
   * The value an identifier target (`name`) gets, once the target became `target`: an anonymous
   * function or class keeps the name the identifier would have given it.
   */
  private named(value: ts.Expression, target: ts.Expression, name: string | ts.BindingName): ts.Expression {
    const text = typeof name === 'string' ? name : this.tsi.isIdentifier(name) ? name.text : undefined;
    if (text === undefined || this.tsi.isIdentifier(target)) return value;
    return keepName(this.tsi, value, text);
  }

  /** A binding pattern as an assignment target, with each name at its storage. */
  private bindingTarget(name: ts.BindingName, depth: number): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    if (tsi.isIdentifier(name)) {
      const b = this.scope.byId.get(name);
      return b ? this.ref(b, depth, name) : name;
    }
    const withDefault = (t: ts.Expression, init: ts.Expression | undefined, name: ts.BindingName) => (init ? f.createAssignment(t, this.named(this.visitExpr(init, depth), t, name)) : t);
    if (tsi.isObjectBindingPattern(name)) {
      return f.createObjectLiteralExpression(
        name.elements.map((el) => {
          const target = this.bindingTarget(el.name, depth);
          if (el.dotDotDotToken) return f.createSpreadAssignment(target);
          let key: ts.PropertyName;
          if (el.propertyName) key = tsi.isComputedPropertyName(el.propertyName) ? f.createComputedPropertyName(this.visitExpr(el.propertyName.expression, depth)) : el.propertyName;
          else key = f.createIdentifier((el.name as ts.Identifier).text);
          return f.createPropertyAssignment(key, withDefault(target, el.initializer, el.name));
        }),
      );
    }
    return f.createArrayLiteralExpression(
      name.elements.map((el) => {
        if (tsi.isOmittedExpression(el)) return f.createOmittedExpression();
        const target = this.bindingTarget(el.name, depth);
        return el.dotDotDotToken ? f.createSpreadElement(target) : withDefault(target, el.initializer, el.name);
      }),
    );
  }
}
