// The ts.TransformerFactory: finds async functions (innermost first, so an outer function
// sees its nested ones already lowered), lowers each on its own, and places the wrapper and
// the poll function where the poll function sees the same lexical environment:
// declarations get a sibling declaration, expressions an arrow IIFE, class methods a
// private static method, object-literal methods an IIFE around the literal.
import type ts from 'typescript';
import { KEEP_NATIVE, MARK_NATIVE, type LowerDiagnostic, LowerCodes, Unsupported } from './diagnostics.js';
import { AwaitFinder } from './analyze.js';
import type { MachineDescription } from './describe.js';
import { type DirectCalls, type DirectRequest, type LoweredFunction, lowerFunction, type LowerContext } from './machine.js';
import { type DirectPlan, isEligibleShape, planDirectCalls } from './direct-candidates.js';
import { fallbackDirect } from './direct.js';

export interface LowerOptions {
  runtimeModule?: string;
  moduleKind?: 'esm' | 'cjs';
  /** The file's name in `loc` strings and machine descriptions (the front ends make it project-relative). */
  fileName: string;
  onDiagnostic(d: LowerDiagnostic): void;
  onMachine?(m: MachineDescription): void;
}

const FILE_OPT_OUT = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*\/\/\s*@tspoll-native-file\b/;
const FN_OPT_OUT = /@tspoll-native\b(?!-file)/;

export function createLowerTransformer(tsi: typeof ts, options: LowerOptions): ts.TransformerFactory<ts.SourceFile> {
  return (ctx) => (sf) => {
    const text = sf.text.replace(/^#![^\n]*\n/, '');
    if (FILE_OPT_OUT.test(text) || !/\basync\b/.test(sf.text)) return sf;
    return new FileLowerer(tsi, ctx, sf, options).run();
  };
}

class FileLowerer {
  private readonly f: ts.NodeFactory;
  private readonly fileNames = new Set<string>();
  private readonly tp: string;
  private lowered = 0;
  private readonly prologues: ts.Statement[][] = [];
  /** Top-level async functions that get a sync-first copy: name → copy name (lower/direct.ts). */
  private readonly directCopies = new Map<string, string>();
  private readonly directPlan: DirectPlan;
  /** What every function's awaits may call directly (by name, or by looking the copy up). */
  private readonly directCalls: DirectCalls;

  constructor(
    private readonly tsi: typeof ts,
    private readonly ctx: ts.TransformationContext,
    private readonly sf: ts.SourceFile,
    private readonly options: LowerOptions,
  ) {
    this.f = tsi.factory;
    const collect = (n: ts.Node): void => {
      if (tsi.isIdentifier(n) || tsi.isPrivateIdentifier(n)) this.fileNames.add(n.text);
      tsi.forEachChild(n, collect);
    };
    collect(sf);
    this.tp = this.fresh('$tp');
    // Scripts too: a script's top-level functions are globals other scripts could replace, but
    // a lowered file imports the runtime, so it is a module (or CommonJS) either way.
    this.directPlan = planDirectCalls(tsi, sf);
    for (const fn of this.directPlan.copies) if (!this.optedOut(fn)) this.directCopies.set(fn.name!.text, this.fresh(`${fn.name!.text}$direct`));
    const byName = new Map([...this.directCopies].filter(([name]) => this.directPlan.local.has(name)));
    this.directCalls = { byName, lookedUp: this.directPlan.lookedUp };
  }

  private fresh(base: string): string {
    let n = base;
    for (let i = 1; this.fileNames.has(n); i++) n = `${base}${i}`;
    this.fileNames.add(n);
    return n;
  }

  run(): ts.SourceFile {
    const statements = this.statementList(this.sf.statements);
    if (this.lowered === 0) return this.sf;
    const f = this.f;
    const mod = f.createStringLiteral(this.options.runtimeModule ?? '@tspoll/runtime/abi');
    const imp =
      this.options.moduleKind === 'cjs'
        ? f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(this.tp, undefined, undefined, f.createCallExpression(f.createIdentifier('require'), undefined, [mod]))], this.tsi.NodeFlags.Const))
        : f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(this.tp))), mod);
    const directives = statements.filter((s, i) => statements.slice(0, i + 1).every((p) => this.isDirective(p)));
    return f.updateSourceFile(this.sf, [...directives, imp, ...statements.slice(directives.length)]);
  }

  private isDirective(s: ts.Statement): boolean {
    return this.tsi.isExpressionStatement(s) && this.tsi.isStringLiteral(s.expression);
  }

  /** Visit a statement list, then put the defineMachine calls of its declarations at its top. */
  private statementList(stmts: ts.NodeArray<ts.Statement>): ts.Statement[] {
    const tsi = this.tsi;
    this.prologues.push([]);
    const out: ts.Statement[] = [];
    for (const s of stmts) {
      const r = this.visit(s);
      if (Array.isArray(r)) out.push(...(r as ts.Statement[]));
      else if (r) out.push(r as ts.Statement);
    }
    const prologue = this.prologues.pop()!;
    if (prologue.length === 0) return out;
    // After directives and (in a module) imports, which are hoisted anyway.
    let at = 0;
    while (at < out.length && (this.isDirective(out[at]!) || tsi.isImportDeclaration(out[at]!))) at++;
    return [...out.slice(0, at), ...prologue, ...out.slice(at)];
  }

  private visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
    const tsi = this.tsi;
    const f = this.f;
    if (tsi.isBlock(node)) return f.updateBlock(node, this.statementList(node.statements));
    if (tsi.isModuleBlock(node)) return f.updateModuleBlock(node, this.statementList(node.statements));
    if (tsi.isCaseClause(node)) return f.updateCaseClause(node, tsi.visitNode(node.expression, this.visit, tsi.isExpression)!, this.statementList(node.statements));
    if (tsi.isDefaultClause(node)) return f.updateDefaultClause(node, this.statementList(node.statements));
    if (tsi.isClassLike(node)) return this.classLike(tsi.visitEachChild(node, this.visit, this.ctx) as ts.ClassLikeDeclaration, node as ts.ClassLikeDeclaration);
    if (tsi.isObjectLiteralExpression(node)) return this.objectLiteral(tsi.visitEachChild(node, this.visit, this.ctx), node);
    if (tsi.isFunctionDeclaration(node) || tsi.isFunctionExpression(node) || tsi.isArrowFunction(node)) {
      const visited = tsi.visitEachChild(node, this.visit, this.ctx);
      if (!this.shouldLower(visited, node)) return visited;
      if (tsi.isFunctionDeclaration(visited)) return this.declaration(visited, node as ts.FunctionDeclaration);
      return this.expression(visited as ts.FunctionExpression | ts.ArrowFunction, node as ts.FunctionExpression | ts.ArrowFunction);
    }
    return tsi.visitEachChild(node, this.visit, this.ctx);
  };

  private isAsync(fn: ts.Node): boolean {
    return (this.tsi.getCombinedModifierFlags(fn as ts.Declaration) & this.tsi.ModifierFlags.Async) !== 0;
  }

  private shouldLower(fn: ts.FunctionLikeDeclaration, original: ts.Node): boolean {
    if (!fn.body || !this.isAsync(fn)) return false;
    if (this.optedOut(original)) return false;
    // Async generators are lowered too (lower/generator.ts), to GenMachine streams.
    return true;
  }

  /** `@tspoll-native` in the leading comments of the function or of its statement. */
  private optedOut(node: ts.Node): boolean {
    const tsi = this.tsi;
    let n: ts.Node | undefined = tsi.getOriginalNode(node);
    for (let i = 0; n && i < 6; i++, n = n.parent) {
      if (n.pos >= 0 && n.end <= this.sf.text.length) {
        const ranges = tsi.getLeadingCommentRanges(this.sf.text, n.pos) ?? [];
        if (ranges.some((r) => FN_OPT_OUT.test(this.sf.text.slice(r.pos, r.end)))) return true;
      }
      if (tsi.isStatement(n) || tsi.isClassElement(n) || tsi.isSourceFile(n)) break;
    }
    return false;
  }

  /** `node`: the function `e` keeps native. */
  private report(e: unknown, node: ts.Node): void {
    const fn = this.tsi.getOriginalNode(node);
    if (e instanceof Unsupported) {
      this.options.onDiagnostic({ code: e.code, message: e.message, severity: 'error', node: e.node ? this.tsi.getOriginalNode(e.node) : fn, fn });
    } else {
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.options.onDiagnostic({
        code: LowerCodes.Internal,
        message: `internal error while lowering this function: please report it with the input file, and ${MARK_NATIVE} meanwhile.\n${detail}`,
        severity: 'error',
        node: fn,
        fn,
      });
    }
  }

  private lower(fn: ts.FunctionLikeDeclaration, original: ts.Node, name: string, pollName: string, pollRef: () => ts.Expression, direct?: DirectRequest): LoweredFunction | undefined {
    const lc: LowerContext = {
      tsi: this.tsi,
      ctx: this.ctx,
      sf: this.sf,
      fileName: this.options.fileName,
      tp: this.tp,
      fileNames: this.fileNames,
      directCalls: this.directCalls,
    };
    try {
      const lowered = lowerFunction(lc, fn, name, pollName, pollRef, direct);
      this.lowered++;
      this.options.onMachine?.(lowered.description);
      return lowered;
    } catch (e) {
      this.report(e, original);
      return undefined;
    }
  }

  private withoutAsync(mods: readonly ts.ModifierLike[] | undefined): ts.ModifierLike[] | undefined {
    const out = mods?.filter((m) => m.kind !== this.tsi.SyntaxKind.AsyncKeyword);
    return out && out.length > 0 ? out : undefined;
  }

  private keep<T extends ts.Node>(node: T, original: ts.Node): T {
    return this.tsi.setTextRange(this.tsi.setOriginalNode(node, original), original);
  }

  private declaration(fn: ts.FunctionDeclaration, original: ts.FunctionDeclaration): ts.VisitResult<ts.Node> {
    const f = this.f;
    const name = fn.name?.text ?? 'default';
    const pollName = this.fresh(`${name}$poll`);
    // Only the file's own top-level candidates (the same node: nested ones never are).
    const directName = this.sf.statements.includes(original) ? this.directCopies.get(name) : undefined;
    const direct = directName === undefined ? undefined : { name: directName, local: this.directPlan.local.has(name), linked: this.directPlan.exported.has(name) };
    const lowered = this.lower(fn, original, name, pollName, () => f.createIdentifier(pollName), direct);
    // Call sites were already pointed at the copy: a function left native still needs one.
    if (!lowered) return directName === undefined || !this.directPlan.local.has(name) ? fn : [fn, fallbackDirect(this.tsi, this.tp, name, directName)];
    const wrapper = this.keep(
      f.updateFunctionDeclaration(fn, this.withoutAsync(fn.modifiers), undefined, fn.name, fn.typeParameters, lowered.params, fn.type, lowered.wrapperBody),
      original,
    );
    this.prologues[this.prologues.length - 1]?.push(lowered.defineMachine(f.createIdentifier(pollName)));
    const poll = this.keep(lowered.poll, original);
    return lowered.direct ? [wrapper, poll, this.keep(lowered.direct, original)] : [wrapper, poll];
  }

  private expression(fn: ts.FunctionExpression | ts.ArrowFunction, original: ts.FunctionExpression | ts.ArrowFunction): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    const ownName = tsi.isFunctionExpression(fn) && fn.name ? fn.name.text : undefined;
    const inferred = ownName === undefined ? this.inferredName(original) : undefined;
    const name = ownName ?? inferred ?? 'anonymous';
    if (ownName === undefined && this.underComputedKey(original, true)) {
      // A class field's key is not at hand when its initializer runs, so the wrapper could
      // not get the name the key gives the function natively.
      this.report(new Unsupported(LowerCodes.UnsupportedSyntax, `an anonymous async function initialising a class field with a computed key is not lowered (it is named by the key); give it a name (async function name() {}) or move it to a field with a literal key, ${KEEP_NATIVE}`, original), original);
      return fn;
    }
    const safeName = /^[A-Za-z_$][\w$]*$/.test(name) ? name : 'anonymous';
    const pollName = this.fresh(`${safeName}$poll`);
    // A copy, linked to each wrapper made, when an `await <name>(...)` of the file may reach it
    // (the await looks the link up, so it is right whatever the name then holds).
    const calledAs = ownName ?? inferred;
    const wanted = calledAs !== undefined && this.directPlan.awaited.has(calledAs) && isEligibleShape(tsi, original);
    const direct = wanted ? { name: this.fresh(`${safeName}$direct`), local: false, linked: false } : undefined;
    const lowered = this.lower(fn, original, name, pollName, () => f.createIdentifier(pollName), direct);
    if (!lowered) return fn;
    const copy = lowered.direct;
    const link = (wrapperRef: ts.Expression) => (copy ? f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.tp), 'linkDirect'), undefined, [wrapperRef, f.createIdentifier(copy.name!.text)]) : wrapperRef);
    const wrapper = tsi.isArrowFunction(fn)
      ? f.createArrowFunction(this.withoutAsync(fn.modifiers) as ts.Modifier[] | undefined, fn.typeParameters, lowered.params, fn.type, fn.equalsGreaterThanToken, lowered.wrapperBody)
      : f.createFunctionExpression(this.withoutAsync(fn.modifiers) as ts.Modifier[] | undefined, undefined, fn.name, fn.typeParameters, lowered.params, fn.type, lowered.wrapperBody);
    this.keep(wrapper, original);
    const body: ts.Statement[] = [lowered.poll, ...(copy ? [copy] : []), lowered.defineMachine(f.createIdentifier(pollName))];
    if (ownName !== undefined) {
      // A named function expression's name is visible in its body, so in the poll function too.
      body.push(
        // An anonymous wrapper named by the const (one binding: bundlers rename a second one).
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(ownName, undefined, undefined, tsi.isFunctionExpression(wrapper) ? f.updateFunctionExpression(wrapper, wrapper.modifiers, wrapper.asteriskToken, undefined, wrapper.typeParameters, wrapper.parameters, wrapper.type, wrapper.body) : wrapper)], tsi.NodeFlags.Const)),
        f.createReturnStatement(link(f.createIdentifier(ownName))),
      );
    } else if (inferred === undefined || inferred === '') {
      body.push(f.createReturnStatement(link(wrapper)));
    } else if (/^[A-Za-z_$][\w$]*$/.test(inferred) && !isReservedWord(inferred)) {
      // `const name = <wrapper>` gives the wrapper the name inference would have given it;
      // the inner block keeps the poll function from seeing that const.
      body.push(
        f.createBlock(
          [
            f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(inferred, undefined, undefined, wrapper)], tsi.NodeFlags.Const)),
            f.createReturnStatement(link(f.createIdentifier(inferred))),
          ],
          true,
        ),
      );
    } else {
      body.push(
        f.createReturnStatement(
          link(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'defineProperty'), undefined, [
            wrapper,
            f.createStringLiteral('name'),
            f.createObjectLiteralExpression([f.createPropertyAssignment('value', f.createStringLiteral(inferred)), f.createPropertyAssignment('configurable', f.createTrue())]),
          ])),
        ),
      );
    }
    const iife = f.createCallExpression(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock(body, true))), undefined, []);
    if (ownName === undefined && this.underComputedKey(original)) {
      // `{ [k]: async () => {} }` is named by the key's value: objectLiteral() turns the
      // property into `...((key) => { <poll>; return { [key]: <wrapper> }; })(k)`, so the
      // key is evaluated where it was, and NamedEvaluation names the wrapper from it.
      const key = f.createIdentifier(this.fresh('key'));
      const keyed = [...body.slice(0, -1), f.createReturnStatement(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createComputedPropertyName(key), wrapper)]))];
      this.keyedWrappers.set(iife, f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, key)], undefined, undefined, f.createBlock(keyed, true))));
    }
    return this.keep(iife, original);
  }

  /** Lowered anonymous functions under a computed key of an object literal: the IIFE taking the key. */
  private readonly keyedWrappers = new Map<ts.Node, ts.Expression>();

  private underComputedKey(node: ts.Node, classField = false): boolean {
    const tsi = this.tsi;
    let n: ts.Node = tsi.getOriginalNode(node);
    let p = n.parent;
    while (p && tsi.isParenthesizedExpression(p)) {
      n = p;
      p = p.parent;
    }
    if (p !== undefined && (classField ? tsi.isPropertyDeclaration(p) : tsi.isPropertyAssignment(p))) {
      const prop = p as ts.PropertyDeclaration | ts.PropertyAssignment;
      return prop.initializer === n && tsi.isComputedPropertyName(prop.name);
    }
    return false;
  }

  /** The `name` NamedEvaluation would give an anonymous function at this position ('' if none). */
  private inferredName(node: ts.Node): string | undefined {
    const tsi = this.tsi;
    let n: ts.Node = tsi.getOriginalNode(node);
    let p = n.parent;
    while (p && (tsi.isParenthesizedExpression(p) || tsi.isAsExpression(p) || tsi.isSatisfiesExpression(p) || tsi.isNonNullExpression(p) || tsi.isTypeAssertionExpression(p))) {
      n = p;
      p = p.parent;
    }
    if (!p) return '';
    const keyText = (k: ts.PropertyName | ts.BindingName): string | undefined => {
      if (tsi.isIdentifier(k) || tsi.isStringLiteral(k) || tsi.isNumericLiteral(k) || tsi.isNoSubstitutionTemplateLiteral(k)) return k.text;
      if (tsi.isPrivateIdentifier(k)) return k.text;
      return undefined;
    };
    if ((tsi.isVariableDeclaration(p) || tsi.isParameter(p) || tsi.isBindingElement(p)) && p.initializer === n) return tsi.isIdentifier(p.name) ? p.name.text : '';
    if ((tsi.isPropertyAssignment(p) || tsi.isPropertyDeclaration(p)) && p.initializer === n) return keyText(p.name) ?? '';
    if (tsi.isShorthandPropertyAssignment(p) && p.objectAssignmentInitializer === n) return p.name.text;
    if (tsi.isBinaryExpression(p) && p.right === n && tsi.isIdentifier(p.left)) {
      const K = tsi.SyntaxKind;
      const op = p.operatorToken.kind;
      if (op === K.EqualsToken || op === K.BarBarEqualsToken || op === K.AmpersandAmpersandEqualsToken || op === K.QuestionQuestionEqualsToken) return p.left.text;
    }
    if (tsi.isExportAssignment(p)) return 'default';
    return '';
  }

  // ---- classes -------------------------------------------------------------------------

  /**
   * Async methods: the poll function is a function expression created in a static block
   * (first in the class body, so it sees private names and the class scope) and stored in a
   * `let` declared next to the class, which the wrapper methods read. Nothing refers to the
   * class by name (bundlers rename self-referencing classes, which changes `name`).
   */
  private classLike(cls: ts.ClassLikeDeclaration, original: ts.ClassLikeDeclaration): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const f = this.f;
    const members: ts.ClassElement[] = [];
    const setup: ts.Statement[] = [];
    const pollVars: string[] = [];
    for (const m of cls.members) {
      const orig = (tsi.getOriginalNode(m) as ts.ClassElement) ?? m;
      if (!tsi.isMethodDeclaration(m) || !this.shouldLower(m, orig)) {
        members.push(m);
        continue;
      }
      const key = this.methodName(m);
      const pollVar = this.fresh(`${cls.name ? cls.name.text + '$' : ''}${key.replace(/[^\w$]/g, '_')}$poll`);
      const lowered = this.lower(m, orig, key, pollVar, () => f.createIdentifier(pollVar));
      if (!lowered) {
        members.push(m);
        continue;
      }
      pollVars.push(pollVar);
      members.push(this.keep(f.updateMethodDeclaration(m, this.withoutAsync(m.modifiers), undefined, m.name, m.questionToken, m.typeParameters, lowered.params, m.type, lowered.wrapperBody), orig));
      const poll = lowered.poll;
      setup.push(
        f.createExpressionStatement(f.createAssignment(f.createIdentifier(pollVar), this.keep(f.createFunctionExpression(undefined, undefined, undefined, undefined, poll.parameters, undefined, poll.body!), orig))),
        lowered.defineMachine(f.createIdentifier(pollVar)),
      );
    }
    if (setup.length === 0) return cls;
    const all = [f.createClassStaticBlockDeclaration(f.createBlock(setup, true)), ...members];
    const decl = f.createVariableStatement(undefined, f.createVariableDeclarationList(pollVars.map((v) => f.createVariableDeclaration(v)), tsi.NodeFlags.Let));
    if (tsi.isClassDeclaration(cls)) {
      return [decl, f.updateClassDeclaration(cls, cls.modifiers, cls.name, cls.typeParameters, cls.heritageClauses, all)];
    }
    // A class expression moves into an arrow IIFE that holds the lets; nothing in its
    // heritage clause or computed keys may suspend.
    const aw = new AwaitFinder(tsi);
    if (aw.has(original) || this.hasYield(original)) {
      this.report(new Unsupported(LowerCodes.UnsupportedSyntax, `async methods of a class expression whose heritage clause or computed keys await or yield are not lowered; ${MARK_NATIVE}`, original), original);
      return tsi.visitEachChild(original, this.visit, this.ctx);
    }
    const updated = f.updateClassExpression(cls as ts.ClassExpression, cls.modifiers, cls.name, cls.typeParameters, cls.heritageClauses, all);
    const inferred = cls.name ? undefined : this.inferredName(original);
    // An anonymous class keeps the name inference would have given it: `{ N: class {} }.N`.
    const value: ts.Expression = inferred
      ? f.createElementAccessExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(inferred), updated)]), f.createStringLiteral(inferred))
      : updated;
    return this.keep(
      f.createCallExpression(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([decl, f.createReturnStatement(value)], true))), undefined, []),
      original,
    );
  }

  private hasYield(n: ts.Node): boolean {
    const tsi = this.tsi;
    if (tsi.isYieldExpression(n)) return true;
    if (tsi.isFunctionLike(n)) return false;
    return tsi.forEachChild(n, (c) => (this.hasYield(c) ? true : undefined)) === true;
  }

  private methodName(m: ts.MethodDeclaration): string {
    const tsi = this.tsi;
    const n = m.name;
    if (tsi.isIdentifier(n) || tsi.isStringLiteral(n) || tsi.isNumericLiteral(n) || tsi.isPrivateIdentifier(n)) return n.text;
    return 'computed';
  }

  // ---- object literals -------------------------------------------------------------------

  private objectLiteral(obj: ts.ObjectLiteralExpression, original: ts.ObjectLiteralExpression): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    if (this.keyedWrappers.size > 0) {
      const keyed = (p: ts.ObjectLiteralElementLike) => {
        if (!tsi.isPropertyAssignment(p) || !tsi.isComputedPropertyName(p.name)) return undefined;
        let v: ts.Expression = p.initializer;
        while (tsi.isParenthesizedExpression(v)) v = v.expression;
        return this.keyedWrappers.get(v);
      };
      if (obj.properties.some((p) => keyed(p) !== undefined)) {
        const props = obj.properties.map((p) => {
          const fn = keyed(p);
          return fn ? tsi.setTextRange(f.createSpreadAssignment(f.createCallExpression(fn, undefined, [(p.name as ts.ComputedPropertyName).expression])), p) : p;
        });
        obj = f.updateObjectLiteralExpression(obj, props);
      }
    }
    const targets = obj.properties.filter((p): p is ts.MethodDeclaration => tsi.isMethodDeclaration(p) && this.shouldLower(p, tsi.getOriginalNode(p)));
    if (targets.length === 0) return obj;
    // The literal moves into an arrow IIFE: nothing in it may suspend or yield.
    const aw = new AwaitFinder(tsi);
    if (obj.properties.some((p) => aw.has(p) || this.hasYield(p))) {
      for (const m of targets) this.report(new Unsupported(LowerCodes.UnsupportedSyntax, `an async method in an object literal that also contains await or yield is not lowered; compute those values first, ${KEEP_NATIVE}`, m), m);
      return obj;
    }
    const head: ts.Statement[] = [];
    const props = obj.properties.map((p) => {
      if (!targets.includes(p as ts.MethodDeclaration)) return p;
      const m = p as ts.MethodDeclaration;
      const orig = tsi.getOriginalNode(m);
      const key = this.methodName(m);
      const pollName = this.fresh(`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : 'method'}$poll`);
      const lowered = this.lower(m, orig, key, pollName, () => f.createIdentifier(pollName));
      if (!lowered) return m;
      head.push(lowered.poll, lowered.defineMachine(f.createIdentifier(pollName)));
      return this.keep(f.updateMethodDeclaration(m, this.withoutAsync(m.modifiers), undefined, m.name, m.questionToken, m.typeParameters, lowered.params, m.type, lowered.wrapperBody), orig);
    });
    if (head.length === 0) return obj;
    const literal = f.updateObjectLiteralExpression(obj, props);
    return this.keep(
      f.createCallExpression(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([...head, f.createReturnStatement(literal)], true))), undefined, []),
      original,
    );
  }
}

const RESERVED_WORDS = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined'.split(' '),
);

function isReservedWord(name: string): boolean {
  return RESERVED_WORDS.has(name);
}
