// The flat state listing of one poll function (regenerator's Emitter): cases with
// late-bound labels, frame temporaries, and the records the dispatch code and the
// MachineDescription are built from.
import type ts from 'typescript';

/** The runtime's state for adopting a returned thenable (ABI.md section 3: `$resolve`). */
export const ADOPTING_STATE = -3;

export interface Label {
  id: number; // -1 until marked
  hint: string;
}

export type CaseKind = 'start' | 'await' | 'label';

export interface Case {
  id: number;
  kind: CaseKind;
  name: string;
  stmts: ts.Statement[];
  /** The awaited expression (source node) for await states. */
  awaited?: ts.Node;
}

export interface Region {
  kind: 'catch' | 'finally';
  start: Label;
  end: Label;
  target: Label;
  /** Completion fields of a finally region. */
  c?: string;
  /**
   * A catch region that also catches while cancel() unwinds: code inside a finally block
   * (user try/catch there, disposal and iterator-close error handling). Other catch blocks
   * do not run during cancellation.
   */
  whileUnwinding?: boolean;
  v?: string;
}

/** What `await <call>` calls (Emitter.awaitCall). */
export type AwaitCallTarget =
  | { copy: string; args: readonly ts.Expression[] }
  | { fn: ts.Expression; thisArg: ts.Expression | undefined; args: readonly ts.Expression[] };

export interface Transition {
  from: number;
  to: Label | number;
  kind: 'normal' | 'await-ready' | 'resume' | 'throw' | 'finally' | 'return' | 'cancel' | 'budget';
}

/** Names the generated code uses that must not collide with the user's identifiers. */
export interface GenNames {
  tp: string; // runtime namespace
  cx: string; // poll parameter
  r: string; // last awaited value / caught error
  fr: string; // frame alias for nested non-arrow functions
  loop: string; // dispatch loop label
  d: string; // the object of an awaited method call, read once (Emitter.awaitCall)
}

export class Emitter {
  readonly f: ts.NodeFactory;
  readonly cases: Case[] = [];
  readonly regions: Region[] = [];
  readonly transitions: Transition[] = [];
  /** Label placeholders (by node identity) to resolve once every label is marked. */
  readonly placeholders = new Map<ts.Node, Label>();
  /** `this` nodes the lowering made; they name the frame and are never rewritten. */
  readonly frameThis = new WeakSet<ts.Node>();
  /** Frame temporaries ever allocated, in order (the wrapper initialises them). */
  readonly temps: string[] = [];
  private readonly freeTemps: string[] = [];
  private tempsInStatement: string[] = [];
  private cur: Case;
  private terminated = false;
  /** Set when a jump must name the dispatch loop (it is inside a user loop or switch). */
  usesLoopLabel = false;
  /** A shared `return this.$return(r)` state for returns inside unsplit try/finally. */
  private returnLabel: Label | undefined;
  /** Set by the lowering of an async generator: its return values need no adoption. */
  generator = false;
  /** Some `return` may adopt a thenable: the machine has the runtime's ADOPTING state. */
  adopts = false;
  /** `$r` nodes that hold an awaited value (never a thenable: awaiting resolved it). */
  readonly awaitResults = new WeakSet<ts.Node>();
  private finallyCount = 0;
  readonly finallyFields: string[] = [];
  /**
   * State names given so far: every state of a machine has its own name (a second `Catch` is
   * `Catch2`), so listings and diagrams never merge two states. `Done` and `Unwind` are the
   * description's own (describe.ts).
   */
  private readonly stateNames = new Set(['Start', 'Done', 'Unwind']);
  /** The next suffix to try per base name, so naming stays linear in the number of states. */
  private readonly nextSuffix = new Map<string, number>();
  /** Placeholders where a loop iteration's environment starts (resolved by the hoister). */
  readonly envMarkers = new Map<ts.Node, { scope: ts.Node; kind: 'init' | 'copy' }>();

  constructor(
    readonly tsi: typeof ts,
    readonly names: GenNames,
  ) {
    this.f = tsi.factory;
    this.cur = { id: 0, kind: 'start', name: 'Start', stmts: [] };
    this.cases.push(this.cur);
  }

  get currentId(): number {
    return this.cur.id;
  }

  /** True when control cannot fall through the end of the current state. */
  get isTerminated(): boolean {
    return this.terminated;
  }

  // ---- nodes -------------------------------------------------------------------------

  /** The frame: `this` of the poll function. */
  self(): ts.Expression {
    const t = this.f.createThis();
    this.frameThis.add(t);
    return t;
  }

  field(name: string): ts.PropertyAccessExpression {
    return this.f.createPropertyAccessExpression(this.self(), name);
  }

  rt(name: string): ts.Expression {
    return this.f.createPropertyAccessExpression(this.f.createIdentifier(this.names.tp), name);
  }

  r(): ts.Identifier {
    return this.f.createIdentifier(this.names.r);
  }

  labelRef(label: Label): ts.Expression {
    const id = this.f.createIdentifier(`$L_${label.hint}`);
    this.placeholders.set(id, label);
    return id;
  }

  assign(target: ts.Expression, value: ts.Expression): ts.Statement {
    return this.f.createExpressionStatement(this.f.createAssignment(target, value));
  }

  // ---- listing -----------------------------------------------------------------------

  newLabel(hint: string): Label {
    return { id: -1, hint };
  }

  /** The user statement being lowered: generated statements map back to it. */
  source: ts.Node | undefined;

  emit(stmt: ts.Statement): void {
    this.cur.stmts.push(this.mapped(stmt));
    this.terminated = false;
  }

  /**
   * Give a generated statement the source-map range of the user code it came from (only the
   * map range: a text range would make printers copy the user's comments again).
   */
  mapped(stmt: ts.Statement, from: ts.Node | undefined = this.source): ts.Statement {
    if (stmt.pos < 0 && from && this.tsi.getSourceMapRange(stmt) === stmt) {
      const o = this.tsi.getOriginalNode(from);
      if (o.pos >= 0) this.tsi.setSourceMapRange(stmt, { pos: o.pos, end: o.end });
    }
    return stmt;
  }

  /** Mark where the scope `scope` is entered ('init') or copied for the next iteration ('copy'). */
  envMarker(scope: ts.Node, kind: 'init' | 'copy'): void {
    const s = this.f.createEmptyStatement();
    this.envMarkers.set(s, { scope, kind });
    this.emit(s);
  }

  /** Emit a statement after which control never falls through. */
  emitTerminal(stmt: ts.Statement): void {
    this.cur.stmts.push(this.mapped(stmt));
    this.terminated = true;
  }

  /** Start a new state at `label` (or reuse the current one if it is still empty). */
  mark(label: Label, kind: CaseKind = 'label', stateAlreadySet = false): void {
    if (kind === 'label' && this.cur.stmts.length === 0 && this.cur.id !== 0 && this.cur.kind === 'label') {
      label.id = this.cur.id;
      return;
    }
    const id = this.cases.length;
    label.id = id;
    if (!this.terminated) {
      if (!stateAlreadySet) this.cur.stmts.push(this.assign(this.field('$s'), this.f.createNumericLiteral(id)));
      this.transitions.push({ from: this.cur.id, to: id, kind: 'normal' });
    }
    this.cur = { id, kind, name: this.uniqueName(label.hint), stmts: [] };
    this.cases.push(this.cur);
    this.terminated = false;
  }

  /** `base`, or `base2`, `base3`, … when a state already has that name (numbered in source order). */
  private uniqueName(base: string): string {
    let name = base;
    if (this.stateNames.has(name)) {
      let n = this.nextSuffix.get(base) ?? 2;
      while (this.stateNames.has(`${base}${n}`)) n++;
      name = `${base}${n}`;
      this.nextSuffix.set(base, n + 1);
    }
    this.stateNames.add(name);
    return name;
  }

  /** `this.$s = L; continue` (labelled when emitted inside a user loop or switch). */
  jumpStmts(label: Label, labelled = false, kind: Transition['kind'] = 'normal'): ts.Statement[] {
    this.transitions.push({ from: this.cur.id, to: label, kind });
    if (labelled) this.usesLoopLabel = true;
    return [
      this.assign(this.field('$s'), this.labelRef(label)),
      this.f.createContinueStatement(labelled ? this.names.loop : undefined),
    ];
  }

  jump(label: Label): void {
    for (const s of this.jumpStmts(label)) this.emit(s);
    this.terminated = true;
  }

  jumpIf(cond: ts.Expression, label: Label): void {
    this.emit(this.f.createIfStatement(cond, this.f.createBlock(this.jumpStmts(label))));
  }

  /**
   * The head of a lowered loop spends one budget unit per iteration and, when none is left,
   * suspends in the current state (ABI.md, section 2). Leaf awaits spend their own units; this
   * is what makes a loop over direct calls, which spend none, still yield.
   */
  budgetCheck(): void {
    const f = this.f;
    this.transitions.push({ from: this.cur.id, to: this.cur.id, kind: 'budget' });
    const spend = f.createCallExpression(this.rt('consumeBudget'), undefined, [f.createIdentifier(this.names.cx)]);
    this.emit(f.createIfStatement(f.createLogicalNot(spend), f.createReturnStatement(this.rt('PENDING'))));
  }

  /** A state that suspends on something other than awaitStep (a stream's pollNext). */
  markAwait(label: Label, source: ts.Node): void {
    this.mark(label, 'await');
    this.cur.awaited = source;
    this.transitions.push({ from: label.id, to: label.id, kind: 'resume' });
  }

  /** `await operand` as a state of its own; returns the expression holding the value. */
  await(operand: ts.Expression, source: ts.Node, sourceText: string): ts.Expression {
    const f = this.f;
    this.emit(this.mapped(this.assign(this.field('$aw'), operand), source));
    const label = this.newLabel(awaitStateName(sourceText));
    this.emit(this.assign(this.field('$s'), f.createNumericLiteral(this.cases.length)));
    // The first step (budget + ownership) happens on the way in; a later poll resumes in the
    // state itself with pollSlot, which spends no budget: re-polling a deep chain of
    // suspended machines must not run out of budget on the way down.
    this.emit(this.awaitStepStmt());
    this.mark(label, 'await', true);
    this.cur.awaited = source;
    this.transitions.push({ from: label.id, to: label.id, kind: 'resume' });
    this.emit(this.resumeStmt());
    const v = this.r();
    this.awaitResults.add(v);
    return v;
  }

  /**
   * `await f(args)`: the callee runs inline, on this task (ABI.md, section 8), and returns the
   * value, or PENDING with the frame it suspended in left for `adoptHeld` to store in `$aw`.
   * A same-file function with a sync-first copy (lower/direct.ts) is called by its copy's name;
   * any other callee goes through `$tp.callN(cx, fn, thisArg, ...args)`, which finds a lowered
   * function's entry at run time and calls anything else as written, awaiting its result. The
   * state is the await state `await` would make; a later poll resumes it with pollDirect.
   */
  awaitCall(target: AwaitCallTarget, source: ts.Node, sourceText: string): ts.Expression {
    const f = this.f;
    const cx = f.createIdentifier(this.names.cx);
    let call: ts.Expression;
    if ('copy' in target) call = f.createCallExpression(f.createIdentifier(target.copy), undefined, [cx, ...target.args]);
    else {
      const thisArg = target.thisArg ?? f.createVoidZero();
      const plain = target.args.length <= 3 && !target.args.some((a) => this.tsi.isSpreadElement(a));
      call = plain
        ? f.createCallExpression(this.rt(`call${target.args.length}`), undefined, [cx, target.fn, thisArg, ...target.args])
        : f.createCallExpression(this.rt('callv'), undefined, [cx, target.fn, thisArg, f.createArrayLiteralExpression([...target.args])]);
    }
    const label = this.newLabel(awaitStateName(sourceText));
    this.emit(this.mapped(this.assign(this.field('$s'), f.createNumericLiteral(this.cases.length)), source));
    // A callee that finished still yields when no budget is left, as an await of a ready value
    // does in awaitStep: above all in a call's first poll, which has none (ABI.md, section 8).
    const finishedNoBudget = f.createLogicalAnd(
      f.createLessThanEquals(f.createPropertyAccessExpression(cx, 'budget'), f.createNumericLiteral(0)),
      f.createCallExpression(this.rt('hop'), undefined, [this.r(), cx]),
    );
    const step = f.createIfStatement(
      f.createLogicalOr(f.createStrictEquality(f.createParenthesizedExpression(f.createAssignment(this.r(), call)), this.rt('PENDING')), finishedNoBudget),
      f.createReturnStatement(f.createCallExpression(this.rt('adoptHeld'), undefined, [this.self()])),
    );
    this.emit(this.mapped(step, source));
    this.mark(label, 'await', true);
    this.cur.awaited = source;
    this.transitions.push({ from: label.id, to: label.id, kind: 'resume' });
    // What the call suspended in is referenced by this frame only (a frame never reaches user
    // code), so a finished one is recycled.
    this.emit(this.resumeStmt('pollDirect'));
    const v = this.r();
    this.awaitResults.add(v);
    return v;
  }

  /** The poll-local `$d`: the object of an awaited method call, read once. */
  d(): ts.Identifier {
    this.usesLookup = true;
    return this.f.createIdentifier(this.names.d);
  }

  /** Set when an awaited call uses `$d`: the poll function declares it. */
  usesLookup = false;

  /**
   * `if ($r === $tp.PENDING && ($r = $tp.pollSlot(this, cx)) === $tp.PENDING) return $tp.PENDING;`
   * `$r` is PENDING only when the state is entered by the dispatch at the start of a poll.
   */
  private resumeStmt(poll: 'pollSlot' | 'pollDirect' = 'pollSlot'): ts.Statement {
    const f = this.f;
    return f.createIfStatement(
      f.createLogicalAnd(
        f.createStrictEquality(this.r(), this.rt('PENDING')),
        f.createStrictEquality(
          f.createParenthesizedExpression(f.createAssignment(this.r(), f.createCallExpression(this.rt(poll), undefined, [this.self(), f.createIdentifier(this.names.cx)]))),
          this.rt('PENDING'),
        ),
      ),
      f.createReturnStatement(this.rt('PENDING')),
    );
  }

  /** `if (($r = $tp.awaitStep(this, cx)) === $tp.PENDING) return $tp.PENDING;` */
  private awaitStepStmt(): ts.Statement {
    const f = this.f;
    return f.createIfStatement(
      f.createStrictEquality(
        f.createParenthesizedExpression(f.createAssignment(this.r(), f.createCallExpression(this.rt('awaitStep'), undefined, [this.self(), f.createIdentifier(this.names.cx)]))),
        this.rt('PENDING'),
      ),
      f.createReturnStatement(this.rt('PENDING')),
    );
  }

  /**
   * `return value`. An async function's result adopts a thenable (a future or promise), which
   * the runtime does past the body (`$resolve`, ABI.md section 3); a value of a form that is
   * never one settles at once. A generator's return value was awaited already (its `return`
   * awaits in the body; `return()` at a yield, in the runtime).
   */
  returnStmt(value: ts.Expression | undefined): ts.Statement {
    const f = this.f;
    this.transitions.push({ from: this.cur.id, to: -1, kind: 'return' });
    const method = (name: string, args: ts.Expression[]) => f.createReturnStatement(f.createCallExpression(f.createPropertyAccessExpression(this.self(), name), undefined, args));
    if (!value || this.generator || this.cannotBeThenable(value)) return method('$return', [value ?? f.createVoidZero()]);
    this.transitions.push({ from: this.cur.id, to: ADOPTING_STATE, kind: 'await-ready' });
    if (!this.adopts) {
      this.adopts = true;
      this.transitions.push({ from: ADOPTING_STATE, to: ADOPTING_STATE, kind: 'resume' }, { from: ADOPTING_STATE, to: -1, kind: 'return' });
    }
    return method('$resolve', [value, f.createIdentifier(this.names.cx)]);
  }

  /** Values of these forms are never thenables: no adoption needed. */
  private cannotBeThenable(e: ts.Expression): boolean {
    while (this.tsi.isParenthesizedExpression(e)) e = e.expression;
    return this.awaitResults.has(e) || neverThenable(this.tsi, e);
  }

  /** For a return inside a user try/finally: park the value and leave through the dispatch loop. */
  deferredReturnStmts(value: ts.Expression | undefined): ts.Statement[] {
    this.returnLabel ??= this.newLabel('Return');
    return [
      this.f.createExpressionStatement(this.f.createAssignment(this.r(), value ?? this.f.createVoidZero())),
      ...this.jumpStmts(this.returnLabel, true, 'return'),
    ];
  }

  /** Emit the out-of-line states (after the body). */
  finish(): void {
    if (this.returnLabel) {
      this.terminated = true;
      this.mark(this.returnLabel);
      this.emitTerminal(this.returnStmt(this.r()));
    }
  }

  // ---- temporaries ---------------------------------------------------------------------

  /** A frame temporary that lives until the end of the current statement. */
  temp(): string {
    const t = this.longTemp();
    this.tempsInStatement.push(t);
    return t;
  }

  /** A frame temporary the caller releases (loop iterators, switch discriminants). */
  longTemp(): string {
    const t = this.freeTemps.pop() ?? `$t${this.temps.length}`;
    if (!this.temps.includes(t)) this.temps.push(t);
    return t;
  }

  release(t: string): void {
    this.freeTemps.push(t);
  }

  /** Statement boundary: statement temporaries are free again. */
  endStatement(): void {
    for (const t of this.tempsInStatement) this.freeTemps.push(t);
    this.tempsInStatement = [];
  }

  /** Store `value` in a temp and return a reference to it. */
  spill(value: ts.Expression): ts.Expression {
    if (isConstantLike(this.tsi, value)) return value;
    const t = this.temp();
    this.emit(this.assign(this.field(t), value));
    return this.field(t);
  }

  /** Completion fields for one finally region: `$c<n>` (kind) and `$v<n>` (value). */
  finallyFieldsFor(): { c: string; v: string } {
    const n = this.finallyCount++;
    const c = `$c${n}`;
    const v = `$v${n}`;
    this.finallyFields.push(c, v);
    return { c, v };
  }

  addRegion(r: Region): void {
    this.regions.push(r);
  }
}

/** Whether an expression of this form can never evaluate to a thenable (an object or function). */
export function neverThenable(tsi: typeof ts, e: ts.Expression): boolean {
  const K = tsi.SyntaxKind;
  while (tsi.isParenthesizedExpression(e)) e = e.expression;
  if (isConstantLike(tsi, e) || tsi.isTemplateExpression(e) || tsi.isNoSubstitutionTemplateLiteral(e)) return true;
  if (tsi.isPrefixUnaryExpression(e) || tsi.isTypeOfExpression(e) || tsi.isVoidExpression(e) || tsi.isDeleteExpression(e) || tsi.isPostfixUnaryExpression(e)) return true;
  if (tsi.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    return op !== K.CommaToken && op !== K.AmpersandAmpersandToken && op !== K.BarBarToken && op !== K.QuestionQuestionToken && !(op >= K.FirstAssignment && op <= K.LastAssignment);
  }
  return false;
}

export function isConstantLike(tsi: typeof ts, e: ts.Expression): boolean {
  const K = tsi.SyntaxKind;
  return (
    tsi.isLiteralExpression(e) ||
    e.kind === K.TrueKeyword ||
    e.kind === K.FalseKeyword ||
    e.kind === K.NullKeyword ||
    (tsi.isVoidExpression(e) && tsi.isLiteralExpression(e.expression)) ||
    (tsi.isIdentifier(e) && e.text === 'undefined' && e.pos < 0)
  );
}

/** `WaitingForGet` from `await client.get(u)` (a second one becomes `WaitingForGet2` in `mark`). */
function awaitStateName(text: string): string {
  return 'WaitingFor' + awaitedName(text);
}

/** `client.get(u)` → `Get`, `response.json()` → `Json`, `sleep(5)` → `Sleep`, `x` → `X`. */
export function awaitedName(text: string): string {
  let t = text.trim();
  // Strip a trailing call/index/template part repeatedly to reach the callee's last name.
  for (let i = 0; i < 8; i++) {
    const m = /^(?:new\s+)?([\s\S]*?)\s*(\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)|<[^<>]*>)\s*$/.exec(t);
    if (!m || !m[1]) break;
    t = m[1];
  }
  const words = t.match(/[A-Za-z_$][\w$]*/g);
  let last = words ? words[words.length - 1]! : 'Value';
  if (/^(await|new|this)$/.test(last)) last = 'Value';
  last = last.replace(/^\$+/, '') || 'Value';
  return last[0]!.toUpperCase() + last.slice(1);
}
