// The ts.TransformerFactory: finds async functions (innermost first, so an outer function
// sees its nested ones already lowered), lowers each on its own, and places the wrapper and
// the poll function where the poll function sees the same lexical environment:
// declarations get a sibling declaration, expressions an arrow IIFE, class methods a
// private static method, object-literal methods an IIFE around the literal.
import type ts from 'typescript';
import { KEEP_NATIVE, MARK_NATIVE, type LowerDiagnostic, LowerCodes, Unsupported } from './diagnostics.js';
import { AwaitFinder } from './analyze.js';
import type { MachineDescription } from './describe.js';
import { type DirectCalls, type DirectRequest, hasUseStrict, type LoweredFunction, lowerFunction, type LowerContext } from './machine.js';
import { type DirectPlan, isEligibleShape, planDirectCalls } from './direct-candidates.js';
import { fallbackDirect } from './direct.js';
import { originalOf } from '../ts-internal.js';

export interface LowerOptions {
  runtimeModule?: string;
  moduleKind?: 'esm' | 'cjs';
  /**
   * A classic script: generated code reads the runtime from this global instead of importing
   * it, and the file gets no import (top-level declarations stay global, as written).
   */
  runtimeGlobal?: string;
  /** The file's name in `loc` strings and machine descriptions (the front ends make it project-relative). */
  fileName: string;
  /** The severity of what the lowering refuses (the function stays native): default 'error'. */
  refusedSeverity?: 'error' | 'warning';
  /** Original function nodes to leave as written (the front end's parse guard names them). */
  keepNative?: ReadonlySet<ts.Node>;
  onDiagnostic(d: LowerDiagnostic): void;
  onMachine?(m: MachineDescription): void;
}

const FILE_OPT_OUT = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*\/\/\s*@tspoll-native-file\b/;
const FN_OPT_OUT = /@tspoll-native\b(?!-file)/;

export function createLowerTransformer(tsi: typeof ts, options: LowerOptions): ts.TransformerFactory<ts.SourceFile> {
  return (ctx) => (sf) => fileLowerer(tsi, ctx, sf, options)?.run() ?? sf;
}

/**
 * The lowering of one file a chunk of top-level statements at a time (rewrite.ts), so that the
 * lowered tree of only one chunk is alive at once. The transformer is run once per chunk: a
 * SourceFile holding some of `file`'s statements. What a chunk cannot place itself, the
 * top-level prologue (the bindings of lowered declarations and their `defineMachine` calls,
 * which must run before any other statement) and the runtime import, goes to the top of the
 * file through `top`.
 */
export function createChunkedLowering(tsi: typeof ts, options: LowerOptions, file: ts.SourceFile): { transformer: ts.TransformerFactory<ts.SourceFile>; top: TopOfFile } {
  let lowerer: FileLowerer | null | undefined; // null: the file stays as written
  let directives = 0;
  while (directives < file.statements.length && isDirective(tsi, file.statements[directives]!)) directives++;
  const prologueAt = prologueIndex(tsi, file.statements);
  return {
    transformer: (ctx) => (chunk) => {
      if (lowerer === undefined) lowerer = fileLowerer(tsi, ctx, file, options);
      return lowerer?.runChunk(ctx, chunk) ?? chunk;
    },
    top: {
      importAt: directives,
      prologueAt,
      isHoisted: (s) => lowerer?.isHoisted(s) ?? false,
      finish: () => (lowerer ? lowerer.finish() : null),
    },
  };
}

/** What a file lowered in chunks puts at its top (createChunkedLowering, rewrite.ts). */
export interface TopOfFile {
  /** The runtime import goes before the file's top-level statement at this index. */
  importAt: number;
  /** The prologue goes before the top-level statement at this index (after the directives and imports). */
  prologueAt: number;
  /**
   * Whether a statement of a transformed chunk is (or derives from) one of the prologue's: a
   * chunk starts with its prologue, so that the transformers after the lowering see it too.
   */
  isHoisted(s: ts.Statement): boolean;
  /** After the last chunk: null when nothing was lowered (the file stays as written), else the runtime import (none for a script). */
  finish(): { runtimeImport?: ts.Statement } | null;
}

function isDirective(tsi: typeof ts, s: ts.Statement): boolean {
  return tsi.isExpressionStatement(s) && tsi.isStringLiteral(s.expression);
}

/** Where a statement list's prologue goes: after the directives and (in a module) imports, which are hoisted anyway. */
function prologueIndex(tsi: typeof ts, stmts: readonly ts.Statement[]): number {
  let at = 0;
  while (at < stmts.length && (isDirective(tsi, stmts[at]!) || tsi.isImportDeclaration(stmts[at]!))) at++;
  return at;
}

/** The file's lowerer, or null when the whole file stays as written. */
function fileLowerer(tsi: typeof ts, ctx: ts.TransformationContext, sf: ts.SourceFile, options: LowerOptions): FileLowerer | null {
  const text = sf.text.replace(/^#![^\n]*\n/, '');
  if (FILE_OPT_OUT.test(text) || !/\basync\b/.test(sf.text)) return null;
  const global = options.runtimeGlobal;
  if (global !== undefined) {
    const clash = findIdentifier(tsi, sf, global);
    if (clash !== undefined) {
      // The generated code could not reach the runtime: the whole script stays as written.
      options.onDiagnostic({ code: LowerCodes.UnsupportedSyntax, message: `the script uses the name '${global}', which lowered scripts read the runtime from; rename it, or mark the file with // @tspoll-native-file to keep it native`, severity: options.refusedSeverity ?? 'error', node: clash });
      return null;
    }
  }
  return new FileLowerer(tsi, ctx, sf, options);
}

/** A short tag of a text (FNV-1a, base 36). */
function textTag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function findIdentifier(tsi: typeof ts, root: ts.Node, name: string): ts.Node | undefined {
  const visit = (n: ts.Node): ts.Node | undefined => ((tsi.isIdentifier(n) && n.text === name) ? n : tsi.forEachChild(n, visit));
  return visit(root);
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

  /** The top-level prologue statements of the chunks (runChunk). */
  private readonly hoisted = new WeakSet<ts.Node>();

  constructor(
    private readonly tsi: typeof ts,
    /** Set again for each chunk (runChunk): every ts.transform has its own context. */
    private ctx: ts.TransformationContext,
    private readonly sf: ts.SourceFile,
    private readonly options: LowerOptions,
  ) {
    this.f = tsi.factory;
    const collect = (n: ts.Node): void => {
      if (tsi.isIdentifier(n) || tsi.isPrivateIdentifier(n)) this.fileNames.add(n.text);
      tsi.forEachChild(n, collect);
    };
    collect(sf);
    // A script reads the runtime global by name (the front end refuses files that use it).
    this.tp = options.runtimeGlobal ?? this.fresh('$tp');
    this.fileNames.add(this.tp);
    this.directPlan = planDirectCalls(tsi, sf);
    // A script's top-level functions are globals another script (or `this.f = ...`) can
    // replace, so no await calls a copy by name there: awaits look the entry up (callN).
    if (options.runtimeGlobal !== undefined) this.directPlan = { ...this.directPlan, copies: this.directPlan.copies.filter((fn) => this.directPlan.exported.has(fn.name!.text)), local: new Set() };
    for (const fn of this.directPlan.copies) if (!this.optedOut(fn) && !options.keepNative?.has(fn)) this.directCopies.set(fn.name!.text, this.fresh(`${fn.name!.text}$direct`));
    const byName = new Map([...this.directCopies].filter(([name]) => this.directPlan.local.has(name)));
    this.directCalls = { byName };
    this.exportedNames = this.directPlan.exportedNames;
  }

  /** ES modules are strict; a script or CommonJS file is strict by a "use strict" prologue. */
  private get strictFile(): boolean {
    const esm = this.options.runtimeGlobal === undefined && this.options.moduleKind !== 'cjs';
    return esm || hasUseStrict(this.tsi, this.sf.statements);
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
    if (this.options.runtimeGlobal !== undefined) return this.f.updateSourceFile(this.sf, statements);
    const imp = this.runtimeImport();
    const directives = statements.filter((s, i) => statements.slice(0, i + 1).every((p) => isDirective(this.tsi, p)));
    return this.f.updateSourceFile(this.sf, [...directives, imp, ...statements.slice(directives.length)]);
  }

  /** Lower one chunk of the file's top-level statements, its prologue first (see isHoisted). */
  runChunk(ctx: ts.TransformationContext, chunk: ts.SourceFile): ts.SourceFile {
    this.ctx = ctx;
    const { out, prologue } = this.visitStatements(chunk.statements);
    for (const s of prologue) this.hoisted.add(s);
    const same = prologue.length === 0 && out.length === chunk.statements.length && out.every((s, i) => s === chunk.statements[i]);
    return same ? chunk : this.f.updateSourceFile(chunk, [...prologue, ...out]);
  }

  isHoisted(s: ts.Node): boolean {
    for (let n: ts.Node | undefined = s; n; n = originalOf(n)) if (this.hoisted.has(n)) return true;
    return false;
  }

  /** After the last chunk (run() decides the same for a whole file). */
  finish(): { runtimeImport?: ts.Statement } | null {
    if (this.lowered === 0) return null;
    return this.options.runtimeGlobal !== undefined ? {} : { runtimeImport: this.runtimeImport() };
  }

  private runtimeImport(): ts.Statement {
    const f = this.f;
    const mod = f.createStringLiteral(this.options.runtimeModule ?? '@tspoll/runtime/abi');
    return this.options.moduleKind === 'cjs'
      ? f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(this.tp, undefined, undefined, f.createCallExpression(f.createIdentifier('require'), undefined, [mod]))], this.tsi.NodeFlags.Const))
      : f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(this.tp))), mod);
  }

  /** Visit a statement list, then put the defineMachine calls of its declarations at its top. */
  private statementList(stmts: ts.NodeArray<ts.Statement>): ts.Statement[] {
    const { out, prologue } = this.visitStatements(stmts);
    if (prologue.length === 0) return out;
    const at = prologueIndex(this.tsi, out);
    return [...out.slice(0, at), ...prologue, ...out.slice(at)];
  }

  /** The visited statements, and the prologue their lowered declarations left for the list's top. */
  private visitStatements(stmts: readonly ts.Statement[]): { out: ts.Statement[]; prologue: ts.Statement[] } {
    this.prologues.push([]);
    const out: ts.Statement[] = [];
    for (const s of stmts) {
      const r = this.visit(s);
      if (Array.isArray(r)) out.push(...(r as ts.Statement[]));
      else if (r) out.push(r as ts.Statement);
    }
    return { out, prologue: this.prologues.pop()! };
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
    if (this.options.keepNative?.has(this.tsi.getOriginalNode(original))) return false;
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
      this.options.onDiagnostic({ code: e.code, message: e.message, severity: this.options.refusedSeverity ?? 'error', node: e.node ? this.tsi.getOriginalNode(e.node) : fn, fn });
    } else {
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.options.onDiagnostic({
        code: LowerCodes.Internal,
        message: `internal error while lowering this function: please report it with the input file, and ${MARK_NATIVE} meanwhile.\n${detail}`,
        severity: this.options.refusedSeverity ?? 'error',
        node: fn,
        fn,
      });
    }
  }

  private lower(fn: ts.FunctionLikeDeclaration, original: ts.Node, name: string, pollName: string, pollRef: () => ts.Expression, direct?: DirectRequest): LoweredFunction | undefined {
    const lc: LowerContext = {
      tsi: this.tsi,
      strictFile: this.strictFile,
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

  /**
   * A declaration's wrapper must be hoisted like the declaration. As natively, it must have no
   * `prototype` and not be constructible, which a function declaration cannot give, so it
   * becomes a method-shaped function bound at the top of its scope (`var`, or `let` in a
   * block, where an async function declaration is block-scoped), before any other statement
   * runs. Exported declarations stay declarations: another module of an import cycle may call
   * them before this module's body runs (ABI.md, section 8; the README lists the difference).
   */
  private declaration(fn: ts.FunctionDeclaration, original: ts.FunctionDeclaration): ts.VisitResult<ts.Node> {
    const tsi = this.tsi;
    const f = this.f;
    const name = fn.name?.text ?? 'default';
    const pollName = this.fresh(`${name}$poll`);
    // Only the file's own top-level candidates (the same node: nested ones never are).
    const directName = this.sf.statements.includes(original) ? this.directCopies.get(name) : undefined;
    const local = this.directPlan.local.has(name);
    const direct = directName === undefined ? undefined : { name: directName, local, straightOnly: !local };
    const lowered = this.lower(fn, original, name, pollName, () => f.createIdentifier(pollName), direct);
    // Call sites were already pointed at the copy: a function left native still needs one.
    if (!lowered) return directName === undefined || !this.directPlan.local.has(name) ? fn : [fn, fallbackDirect(this.tsi, this.tp, name, directName)];
    const prologue = this.prologues[this.prologues.length - 1]!;
    prologue.push(lowered.defineMachine(f.createIdentifier(pollName)));
    const poll = this.keep(lowered.poll, original);
    const rest = lowered.direct ? [poll, this.keep(lowered.direct, original)] : [poll];
    const generator = fn.asteriskToken !== undefined;
    const binding = this.hoistedBinding(original);
    if (binding === undefined || fn.name === undefined) {
      const body = generator ? lowered.wrapperBody : f.updateBlock(lowered.wrapperBody, [this.notConstructible(name), ...lowered.wrapperBody.statements]);
      // `export default async function () {}` gets a hidden name to reach it by; its `name`
      // stays "default".
      const id = fn.name ?? f.createIdentifier(this.fresh('default$fn'));
      const wrapper = this.keep(f.updateFunctionDeclaration(fn, this.withoutAsync(fn.modifiers), undefined, id, fn.typeParameters, lowered.params, fn.type, body), original);
      const ref = f.createIdentifier(id.text);
      const named = fn.name ? ref : f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.tp), 'renamed'), undefined, [ref, f.createStringLiteral('default')]);
      prologue.push(f.createExpressionStatement(this.functionObject(named, generator, lowered.entry, pollName)));
      return [wrapper, ...rest];
    }
    const method = this.methodShaped(name, f.createStringLiteral(name), fn.typeParameters, lowered.params, fn.type, lowered.wrapperBody, original);
    if (this.options.runtimeGlobal !== undefined && tsi.isSourceFile(original.parent)) {
      // A script's top level is shared by every script of the realm: the poll function (and
      // its copy) go into an arrow IIFE with the wrapper, so the only global is the user's name.
      const define = prologue.pop()!;
      const iife = f.createCallExpression(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([...rest, define, f.createReturnStatement(this.functionObject(method, generator, lowered.entry, pollName))], true))), undefined, []);
      prologue.push(this.keep(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, iife)], tsi.NodeFlags.None)), original));
      return [];
    }
    prologue.push(
      this.keep(
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, this.functionObject(method, generator, lowered.entry, pollName))], binding === 'var' ? tsi.NodeFlags.None : tsi.NodeFlags.Let)),
        original,
      ),
    );
    return rest;
  }

  /**
   * How a lowered declaration's wrapper is bound: `var` at the top of a function, script or
   * module, `let` in a block; undefined when it stays a declaration (exported, or in a
   * `switch` case, whose scope is the whole case block).
   */
  private hoistedBinding(original: ts.FunctionDeclaration): 'var' | 'let' | undefined {
    const tsi = this.tsi;
    if (original.modifiers?.some((m) => m.kind === tsi.SyntaxKind.ExportKeyword || m.kind === tsi.SyntaxKind.DefaultKeyword)) return undefined;
    if (original.name && this.exportedNames.has(original.name.text) && tsi.isSourceFile(original.parent)) return undefined;
    const p = original.parent;
    if (tsi.isSourceFile(p) || tsi.isModuleBlock(p)) return 'var';
    if (tsi.isBlock(p)) return tsi.isFunctionLike(p.parent) ? 'var' : 'let';
    return undefined;
  }

  /** Names a top-level `export { … }` or `export default <name>` of the file exports. */
  private readonly exportedNames: ReadonlySet<string>;

  /** `if (new.target !== void 0) $tp.notConstructor("f");`: a wrapper that stays a declaration. */
  private notConstructible(name: string): ts.Statement {
    const f = this.f;
    return f.createIfStatement(
      f.createStrictInequality(f.createMetaProperty(this.tsi.SyntaxKind.NewKeyword, f.createIdentifier('target')), f.createVoidZero()),
      f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.tp), 'notConstructor'), undefined, [f.createStringLiteral(name)])),
    );
  }

  /**
   * `{ name(params) { body } }.name`: a function named `name` that, as native async functions,
   * has no `prototype`, cannot be constructed and has no own `arguments` or `caller`. `key` is
   * the expression the method is named by (a string literal, or a computed key's value).
   */
  private methodShaped(
    name: string,
    key: ts.Expression,
    typeParameters: ts.NodeArray<ts.TypeParameterDeclaration> | undefined,
    params: ts.ParameterDeclaration[],
    type: ts.TypeNode | undefined,
    body: ts.Block,
    original: ts.Node,
  ): ts.Expression {
    const tsi = this.tsi;
    const f = this.f;
    const plain = tsi.isStringLiteral(key) && /^[A-Za-z_$][\w$]*$/.test(name);
    const propName: ts.PropertyName = plain ? f.createIdentifier(name) : tsi.isStringLiteral(key) ? f.createStringLiteral(name) : f.createComputedPropertyName(key);
    const method = this.keep(f.createMethodDeclaration(undefined, undefined, propName, undefined, typeParameters, params, type, body), original);
    const literal = f.createObjectLiteralExpression([method], false);
    return plain ? f.createPropertyAccessExpression(f.createParenthesizedExpression(literal), name) : f.createElementAccessExpression(f.createParenthesizedExpression(literal), tsi.isStringLiteral(key) ? f.createStringLiteral(name) : key);
  }

  /**
   * `$tp.asyncFn(fn, copy)`: the native prototype, and the entry awaits call; `$tp.asyncGenFn(fn,
   * poll)`: the native prototype, a `prototype`, and the poll's link to it (its objects inherit from it).
   */
  private functionObject(fn: ts.Expression, generator: boolean, entry: string | undefined, pollName: string): ts.Expression {
    const f = this.f;
    const second = generator ? pollName : entry;
    return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.tp), generator ? 'asyncGenFn' : 'asyncFn'), undefined, [
      fn,
      ...(second !== undefined ? [f.createIdentifier(second)] : []),
    ]);
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
    const direct = wanted ? { name: this.fresh(`${safeName}$direct`), local: false } : undefined;
    const lowered = this.lower(fn, original, name, pollName, () => f.createIdentifier(pollName), direct);
    if (!lowered) return fn;
    const copy = lowered.direct;
    const generator = fn.asteriskToken !== undefined;
    const made = (wrapperRef: ts.Expression) => this.functionObject(wrapperRef, generator, lowered.entry, pollName);
    const body: ts.Statement[] = [this.namedConst(lowered.poll, name), ...(copy ? [this.namedConst(copy, name)] : []), lowered.defineMachine(f.createIdentifier(pollName))];
    // A function expression's wrapper is method-shaped and named by its key (no `prototype`,
    // not constructible, as natively); an arrow stays an arrow (lexical `this`), named below.
    const wrapperNamed = (key: ts.Expression) =>
      tsi.isArrowFunction(fn)
        ? this.keep(f.createArrowFunction(this.withoutAsync(fn.modifiers) as ts.Modifier[] | undefined, fn.typeParameters, lowered.params, fn.type, fn.equalsGreaterThanToken, lowered.wrapperBody), original)
        : this.methodShaped(tsi.isStringLiteral(key) ? key.text : '', key, fn.typeParameters, lowered.params, fn.type, lowered.wrapperBody, original);
    const wrapper = wrapperNamed(f.createStringLiteral(ownName ?? inferred ?? ''));
    if (ownName !== undefined) {
      // A named function expression's name is visible in its body, so in the poll function too.
      body.push(
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(ownName, undefined, undefined, made(wrapper))], tsi.NodeFlags.Const)),
        f.createReturnStatement(f.createIdentifier(ownName)),
      );
    } else if (inferred === undefined || inferred === '' || !tsi.isArrowFunction(fn)) {
      body.push(f.createReturnStatement(made(wrapper)));
    } else {
      // `({ name: <arrow> }).name` gives the arrow the name inference would have given it: a
      // property key, which bundlers never rename (a local const could be).
      const key = f.createStringLiteral(inferred);
      body.push(f.createReturnStatement(made(f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(key, wrapper)])), key))));
    }
    const iife = f.createCallExpression(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock(body, true))), undefined, []);
    if (ownName === undefined && this.underComputedKey(original)) {
      // `{ [k]: async () => {} }` is named by the key's value: objectLiteral() turns the
      // property into `...((key) => { <poll>; return { [key]: <wrapper> }; })(k)`, so the
      // key is evaluated where it was, and NamedEvaluation names the wrapper from it.
      const key = f.createIdentifier(this.fresh('key'));
      const obj = f.createIdentifier(this.fresh('obj'));
      const keyedWrapper = tsi.isArrowFunction(fn) ? wrapper : wrapperNamed(key);
      const keyed = [
        ...body.slice(0, -1),
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(obj, undefined, undefined, f.createObjectLiteralExpression([f.createPropertyAssignment(f.createComputedPropertyName(key), keyedWrapper)]))], tsi.NodeFlags.Const)),
        f.createExpressionStatement(made(f.createElementAccessExpression(obj, key))),
        f.createReturnStatement(obj),
      ];
      this.keyedWrappers.set(iife, f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, key)], undefined, undefined, f.createBlock(keyed, true))));
    }
    return this.keep(iife, original);
  }

  /**
   * A poll function or copy made each time its closure is (inside an IIFE):
   * `const f$poll = ({ "f": function (cx) {…} })["f"]`, named for stack traces by a property
   * key, so `defineMachine` has no name to set on every closure, and the name binds nothing the
   * body could see.
   */
  private namedConst(decl: ts.FunctionDeclaration, userName: string): ts.Statement {
    const f = this.f;
    const key = f.createStringLiteral(userName);
    const fn = f.createFunctionExpression(undefined, undefined, undefined, undefined, decl.parameters, undefined, decl.body!);
    const named = f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(key, fn)])), key);
    return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(decl.name!, undefined, undefined, named)], this.tsi.NodeFlags.Const));
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
    const instanceKeys: ts.Expression[] = [];
    const staticKeys: ts.Expression[] = [];
    // Async generator methods, as key, poll pairs (asyncGenMethods links each poll to its method).
    const instanceGens: ts.Expression[] = [];
    const staticGens: ts.Expression[] = [];
    for (const m of cls.members) {
      const orig = (tsi.getOriginalNode(m) as ts.ClassElement) ?? m;
      if (!tsi.isMethodDeclaration(m) || !this.shouldLower(m, orig)) {
        members.push(m);
        continue;
      }
      const key = this.methodName(m);
      // At a script's top level the `let` is a global lexical binding: one script's must not
      // clash with another's, so its name carries a tag of the script's text.
      const scriptTag = this.options.runtimeGlobal !== undefined && tsi.isClassDeclaration(original) && tsi.isSourceFile(original.parent) ? `$${textTag(this.sf.text)}` : '';
      const pollVar = this.fresh(`${cls.name ? cls.name.text + '$' : ''}${key.replace(/[^\w$]/g, '_')}$poll${scriptTag}`);
      const lowered = this.lower(m, orig, key, pollVar, () => f.createIdentifier(pollVar));
      if (!lowered) {
        members.push(m);
        continue;
      }
      pollVars.push(pollVar);
      const { name, ref } = this.memberKey(m.name, cls.members.slice(cls.members.indexOf(m) + 1), pollVars);
      if (ref !== undefined) {
        const isStatic = m.modifiers?.some((x) => x.kind === tsi.SyntaxKind.StaticKeyword);
        if (m.asteriskToken) (isStatic ? staticGens : instanceGens).push(ref, f.createIdentifier(pollVar));
        else (isStatic ? staticKeys : instanceKeys).push(ref);
      }
      members.push(this.keep(f.updateMethodDeclaration(m, this.withoutAsync(m.modifiers), undefined, name, m.questionToken, m.typeParameters, lowered.params, m.type, lowered.wrapperBody), orig));
      const poll = lowered.poll;
      setup.push(
        f.createExpressionStatement(f.createAssignment(f.createIdentifier(pollVar), this.keep(f.createFunctionExpression(undefined, undefined, undefined, undefined, poll.parameters, undefined, poll.body!), orig))),
        lowered.defineMachine(f.createIdentifier(pollVar)),
      );
    }
    // The methods exist once the class body is evaluated: give them the native prototype.
    const methods = (target: () => ts.Expression, keys: ts.Expression[], gens: ts.Expression[]) => [
      ...(keys.length === 0 ? [] : [f.createExpressionStatement(this.asyncMethods(target(), keys, 'asyncMethods'))]),
      ...(gens.length === 0 ? [] : [f.createExpressionStatement(this.asyncMethods(target(), gens, 'asyncGenMethods'))]),
    ];
    const fixup = [...methods(() => f.createPropertyAccessExpression(f.createThis(), 'prototype'), instanceKeys, instanceGens), ...methods(() => f.createThis(), staticKeys, staticGens)];
    if (fixup.length > 0) members.push(f.createClassStaticBlockDeclaration(f.createBlock(fixup, true)));
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

  /**
   * The key of a lowered method as written, and an expression that reaches it again once the
   * class or literal exists (for `$tp.asyncMethods`): a literal key as it is; a computed key's
   * value kept in a variable declared with `vars` as it is evaluated (`[k = $tp.propertyKey(e)]`);
   * none for a private name, or when a later member of the same key replaces the method.
   */
  private memberKey(name: ts.PropertyName, later: readonly (ts.ClassElement | ts.ObjectLiteralElementLike)[], vars: string[]): { name: ts.PropertyName; ref: ts.Expression | undefined } {
    const tsi = this.tsi;
    const f = this.f;
    if (tsi.isPrivateIdentifier(name)) return { name, ref: undefined };
    if (tsi.isComputedPropertyName(name)) {
      const v = this.fresh('$key');
      vars.push(v);
      const key = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.tp), 'propertyKey'), undefined, [name.expression]);
      return { name: f.updateComputedPropertyName(name, f.createAssignment(f.createIdentifier(v), key)), ref: f.createIdentifier(v) };
    }
    const text = (n: ts.Node | undefined) => (n && (tsi.isIdentifier(n) || tsi.isStringLiteral(n) || tsi.isNumericLiteral(n)) ? n.text : undefined);
    const replaced = later.some((m) => (m as { name?: ts.Node }).name !== undefined && text((m as { name?: ts.Node }).name) === name.text);
    if (replaced) return { name, ref: undefined };
    return { name, ref: tsi.isNumericLiteral(name) ? f.createNumericLiteral(name.text) : f.createStringLiteral(name.text) };
  }

  /** `$tp.asyncMethods(obj, ...keys)`, or `$tp.asyncGenMethods(obj, ...keyPollPairs)`. */
  private asyncMethods(obj: ts.Expression, args: ts.Expression[], helper: 'asyncMethods' | 'asyncGenMethods'): ts.Expression {
    return this.f.createCallExpression(this.f.createPropertyAccessExpression(this.f.createIdentifier(this.tp), helper), undefined, [obj, ...args]);
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
    const keyVars: string[] = [];
    const keys: ts.Expression[] = [];
    const gens: ts.Expression[] = []; // key, poll pairs
    const props = obj.properties.map((p, i) => {
      if (!targets.includes(p as ts.MethodDeclaration)) return p;
      const m = p as ts.MethodDeclaration;
      const orig = tsi.getOriginalNode(m);
      const key = this.methodName(m);
      const pollName = this.fresh(`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : 'method'}$poll`);
      const lowered = this.lower(m, orig, key, pollName, () => f.createIdentifier(pollName));
      if (!lowered) return m;
      head.push(this.namedConst(lowered.poll, key), lowered.defineMachine(f.createIdentifier(pollName)));
      const { name, ref } = this.memberKey(m.name, obj.properties.slice(i + 1), keyVars);
      if (ref !== undefined) {
        if (m.asteriskToken) gens.push(ref, f.createIdentifier(pollName));
        else keys.push(ref);
      }
      return this.keep(f.updateMethodDeclaration(m, this.withoutAsync(m.modifiers), undefined, name, m.questionToken, m.typeParameters, lowered.params, m.type, lowered.wrapperBody), orig);
    });
    if (head.length === 0) return obj;
    const literal = f.updateObjectLiteralExpression(obj, props);
    // The methods exist once the literal is built: give them the native prototype.
    const withFns = keys.length === 0 ? literal : this.asyncMethods(literal, keys, 'asyncMethods');
    const made = gens.length === 0 ? withFns : this.asyncMethods(withFns, gens, 'asyncGenMethods');
    if (keyVars.length > 0) head.unshift(f.createVariableStatement(undefined, f.createVariableDeclarationList(keyVars.map((v) => f.createVariableDeclaration(v)), tsi.NodeFlags.Let)));
    return this.keep(
      f.createCallExpression(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([...head, f.createReturnStatement(made)], true))), undefined, []),
      original,
    );
  }
}
