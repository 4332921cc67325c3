// Seeded generator of random async programs for the differential fuzzer.
// A program is a small AST (plain objects, see `render`) so the shrinker can reduce it
// structurally. Every program is deterministic: timers only order awaits inside one task,
// concurrent children never share mutable state, and every call is awaited or spawned.

/** mulberry32: small, fast, seedable. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

/** Default feature set: spawn, Promise.all, the runtime's join / race (select) and sleep. */
export const DEFAULT_FEATURES = { unawaited: true, spawn: true, select: true, sleep: true, all: true, join: true, iter: true, forAwait: true, superCalls: true, args: true, asyncGen: true };

const COST_LIMIT = 120; // estimated calls per function invocation (keeps programs fast)

/**
 * Generate the AST of one program.
 * Shape: { funcs: Func[], classes: Class[], main: Func }.
 */
export function generate(seed, features = DEFAULT_FEATURES) {
  const r = rng(seed * 7919 + 17);
  let uid = 0;
  const fresh = (p) => `${p}${uid++}`;
  const prog = { seed, funcs: [], classes: [], main: null };
  const costs = new Map(); // callee name -> estimated cost of one invocation
  /** Own and inherited methods of a class: [{ name, params, owner, dispatches }]. */
  const allMethods = (c) => [
    ...(c.baseMethods ?? []),
    ...c.methods.map((m) => ({ name: m.name, params: m.params, owner: c.name, dispatches: m.dispatches })),
  ];
  let blockIds = 0;

  // Context while generating a function body.
  function mkCtx(fn, outer) {
    return {
      fn,
      inMethod: fn.kind === 'method' || (outer !== null && outer.inMethod),
      cls: fn.cls ?? outer?.cls ?? null,
      vars: outer ? [...outer.vars] : [], // {name, assignable}
      labels: [], // {name, kind: 'loop'}
      inLoop: 0,
      inSwitch: 0,
      inTry: 0,
      mult: outer ? outer.mult : 1,
      cost: { v: 0 },
      depth: 0,
      arrows: outer ? [...outer.arrows] : [], // {name, params, cost}
      handles: [], // pending spawn handles in this function
      outer,
      parallelSafe: fn.parallelSafe,
      // Set once the body calls a method on `this`; shared with nested arrows (same `this`).
      dispatches: outer ? outer.dispatches : { v: false },
    };
  }

  function numExpr(cx, depth = 0) {
    const vs = cx.vars;
    const roll = r.int(depth > 2 ? 3 : 12);
    switch (roll) {
      case 0:
        return { t: 'num', v: r.int(10) };
      case 1:
      case 2:
        if (vs.length) return { t: 'var', name: r.pick(vs).name };
        return { t: 'num', v: r.int(10) };
      case 3:
      case 4:
        return { t: 'bin', op: r.pick(['+', '-', '*', '+']), l: numExpr(cx, depth + 1), r: numExpr(cx, depth + 1) };
      case 5:
      case 6:
      case 7:
        if (cx.noAwait) return { t: 'num', v: r.int(10) };
        return awaitExpr(cx, depth + 1);
      case 8:
        return {
          t: 'cond',
          c: { t: 'bin', op: r.pick(['<', '===', '>']), l: numExpr(cx, depth + 1), r: numExpr(cx, depth + 1) },
          a: numExpr(cx, depth + 1),
          b: numExpr(cx, depth + 1),
        };
      case 9:
        return { t: 'logic', op: r.pick(['&&', '||', '??']), l: numExpr(cx, depth + 1), r: numExpr(cx, depth + 1) };
      case 10:
        if (cx.inMethod) return { t: 'thisv' };
        if (r.chance(0.5)) {
          const targets = assignables(cx);
          if (targets.length) return { t: 'postinc', name: r.pick(targets).name };
        }
        return { t: 'comma', l: numExpr(cx, depth + 1), r: numExpr(cx, depth + 1) };
      default:
        return { t: 'arrsum', items: [numExpr(cx, depth + 1), numExpr(cx, depth + 1)] };
    }
  }

  function canAfford(cx, c) {
    return cx.cost.v + cx.mult * c <= COST_LIMIT;
  }

  /** A function a concurrent child may call (it logs to a sub-log), charged to `cx`; or null. */
  function pickConcurrent(cx) {
    const fs = prog.funcs.filter((f) => f.parallelSafe && canAfford(cx, costs.get(f.name)));
    if (!fs.length) return null;
    const f = r.pick(fs);
    cx.cost.v += cx.mult * costs.get(f.name);
    return f;
  }

  function pickCall(cx, depth) {
    const options = [];
    for (const f of prog.funcs) if (canAfford(cx, costs.get(f.name))) options.push(['call', f]);
    if (!cx.parallelSafe) {
      for (const c of prog.classes)
        for (const m of c.methods) if (canAfford(cx, costs.get(`${c.name}.${m.name}`))) options.push(['mcall', m, c]);
      if (cx.inMethod && cx.cls) {
        for (const m of cx.cls.methods) if (canAfford(cx, costs.get(`${cx.cls.name}.${m.name}`))) options.push(['thiscall', m]);
        // A super call runs the base body with a subclass `this`, so the base body's own
        // `this.m()` calls reach the subclass's overrides, not the methods its cost counted,
        // and an override may call back: C1.m0 -> super.m1 -> this.m0 = C1.m0 -> ... (seed
        // 6039 recursed without end and ran out of memory). Such bodies are not super-called.
        for (const m of cx.cls.baseMethods ?? [])
          if (!m.dispatches && canAfford(cx, costs.get(`${m.owner}.${m.name}`))) options.push(['supercall', m]);
      }
      for (const a of cx.arrows) if (canAfford(cx, a.cost)) options.push(['arrowcall', a]);
    }
    if (!options.length) return null;
    const [kind, target, cls] = r.pick(options);
    const args = () => target.params.map(() => numExpr(cx, depth + 1));
    if (kind === 'call') {
      cx.cost.v += cx.mult * costs.get(target.name);
      return { t: 'call', fn: target.name, args: args() };
    }
    if (kind === 'mcall') {
      cx.cost.v += cx.mult * costs.get(`${cls.name}.${target.name}`);
      return { t: 'mcall', cls: cls.name, ctor: numExpr(cx, depth + 1), m: target.name, args: args() };
    }
    if (kind === 'thiscall') {
      cx.cost.v += cx.mult * costs.get(`${cx.cls.name}.${target.name}`);
      cx.dispatches.v = true;
      return { t: 'thiscall', m: target.name, args: args() };
    }
    if (kind === 'supercall') {
      cx.cost.v += cx.mult * costs.get(`${target.owner}.${target.name}`);
      return { t: 'supercall', m: target.name, args: args() };
    }
    cx.cost.v += cx.mult * target.cost;
    return { t: 'arrowcall', name: target.name, args: target.params.map(() => numExpr(cx, depth + 1)) };
  }

  function awaitExpr(cx, depth) {
    const v = () => numExpr(cx, depth + 1);
    const roll = r.int(14);
    let arg;
    switch (roll) {
      case 0:
      case 1:
        arg = { t: 'ready', v: v() };
        break;
      case 2:
      case 3:
        arg = { t: 'resolved', v: v() };
        break;
      case 4:
        arg = r.chance(cx.inTry ? 0.6 : 0.1) ? { t: 'rejected', v: v() } : { t: 'resolved', v: v() };
        break;
      case 5:
        arg = { t: 'timer', ms: r.int(2), v: v() };
        break;
      case 6:
        arg = { t: 'thenable', v: v() };
        break;
      case 7:
        if (features.sleep) {
          arg = { t: 'sleep', ms: r.int(3), v: v() };
          break;
        }
      // fallthrough
      case 8:
      case 9:
      case 10:
      case 11: {
        arg = pickCall(cx, depth) ?? { t: 'ready', v: v() };
        break;
      }
      default: {
        if (features.all && !cx.parallelSafe && depth < 3) {
          const calls = [];
          const n = 2 + r.int(2);
          for (let i = 0; i < n; i++) {
            const f = pickConcurrent(cx);
            if (!f) break;
            // No await among the arguments: the children's arguments are evaluated as they
            // start, concurrently, and log to this function's log, so ready awaits there
            // (no hop when lowered) would interleave those entries differently, by design.
            const save = cx.noAwait;
            cx.noAwait = true;
            calls.push({ t: 'call', fn: f.name, sub: true, args: f.params.map(() => numExpr(cx, depth + 2)) });
            cx.noAwait = save;
          }
          if (calls.length >= 2) {
            const kind = r.int(3);
            if (kind === 1 && features.join) arg = { t: 'join', calls };
            else if (kind === 2 && features.select) arg = { t: 'select', calls: calls.slice(0, 1) };
            else arg = { t: 'all', calls };
            break;
          }
        }
        arg = { t: 'resolved', v: v() };
      }
    }
    return { t: 'await', arg };
  }

  function block(cx, n) {
    const out = [];
    const saveVars = cx.vars.length;
    const saveArrows = cx.arrows.length;
    const saveBlock = cx.block ?? 0;
    cx.block = ++blockIds;
    for (let i = 0; i < n; i++) {
      cx.blockFirst = i === 0;
      out.push(...stmt(cx));
    }
    cx.block = saveBlock;
    cx.vars.length = saveVars;
    cx.arrows.length = saveArrows;
    return out;
  }

  /** Variables that may be assigned: the innermost binding of each name decides. */
  function assignables(cx) {
    const last = new Map();
    for (const v of cx.vars) last.set(v.name, v);
    return [...last.values()].filter((v) => v.assignable);
  }

  function declare(cx, name, assignable = true) {
    cx.vars.push({ name, assignable, block: cx.block ?? 0 });
  }

  function stmt(cx) {
    const deep = cx.depth >= 3;
    // The `control` profile favours control flow across awaits: jumps, loops, try/finally,
    // switch and labelled blocks.
    const roll = features.control && !deep && r.chance(0.5) ? r.pick([6, 6, 10, 11, 12, 13, 14, 20]) : r.int(deep ? 8 : 24);
    cx.depth++;
    try {
      switch (roll) {
        case 0:
        case 1: {
          // Sometimes shadow a variable of an enclosing block (frame fields must not collide);
          // the initialiser then must not mention the name (that would be the TDZ).
          const outer = cx.vars.filter((v) => v.block !== cx.block && v.block !== -1 && /^v/.test(v.name));
          // Only as a block's first statement: an earlier mention in the block would be the TDZ.
          const name = cx.blockFirst && outer.length && r.chance(0.5) ? r.pick(outer).name : fresh('v');
          const kind = r.chance(0.1) ? 'var' : r.chance(0.3) ? 'const' : 'let';
          const all = cx.vars;
          const shadows = all.some((v) => v.name === name);
          cx.vars = all.filter((v) => v.name !== name);
          const init = numExpr(cx);
          cx.vars = all;
          if (kind === 'var' && shadows) return [{ t: 'log', v: init }]; // var would not shadow
          const s = { t: 'let', kind, name, init };
          declare(cx, name, kind !== 'const');
          return [s];
        }
        case 2:
        case 3:
          return [{ t: 'log', v: numExpr(cx) }];
        case 4: {
          const targets = assignables(cx);
          if (!targets.length) return [{ t: 'log', v: numExpr(cx) }];
          return [{ t: 'assign', name: r.pick(targets).name, op: r.pick(['=', '+=', '-=', '+=', '||=', '&&=', '??=']), v: numExpr(cx) }];
        }
        case 5:
          return [{ t: 'expr', v: awaitExpr(cx, 0) }];
        case 6:
          if (cx.inLoop && r.chance(0.7)) {
            const lbl = cx.labels.length && r.chance(0.5) ? r.pick(cx.labels).name : null;
            const kind = r.chance(0.5) || (cx.inSwitch && !lbl) ? 'break' : 'continue';
            return [{ t: 'if', c: condExpr(cx), then: [{ t: kind, label: lbl }], else: null }];
          }
          if (r.chance(cx.inTry ? 0.6 : 0.15)) return [{ t: 'if', c: condExpr(cx), then: [{ t: 'throw', v: numExpr(cx), plain: r.chance(0.3) }], else: null }];
          return [{ t: 'if', c: condExpr(cx), then: [{ t: 'return', v: numExpr(cx) }], else: null }];
        case 7:
          if (cx.inMethod) return [{ t: 'thisassign', v: numExpr(cx) }];
          return [{ t: 'log', v: numExpr(cx) }];
        case 8:
        case 9:
          return [{ t: 'if', c: condExpr(cx), then: block(cx, 1 + r.int(3)), else: r.chance(0.5) ? block(cx, 1 + r.int(2)) : null }];
        case 10:
        case 11:
          return [loop(cx)];
        case 12:
        case 13:
          return [tryStmt(cx)];
        case 14:
          return [switchStmt(cx)];
        case 15: {
          // Destructuring, with defaults (which may await) and holes.
          const style = r.pick(['arr', 'obj']);
          const n = 1 + r.int(3);
          const targets = [];
          // The pattern is taken apart around an await in a default (and closes its iterator).
          for (let i = 0; i < n; i++) {
            let dflt = null;
            if (r.chance(0.4)) {
              cx.noAwait = !r.chance(0.4);
              dflt = numExpr(cx);
              cx.noAwait = false;
            }
            targets.push({ name: fresh('d'), dflt });
          }
          const values = [];
          const nv = r.int(n + 1);
          for (let i = 0; i < nv; i++) values.push(numExpr(cx));
          for (const tg of targets) declare(cx, tg.name);
          // A trailing comma; a last target whose default is an anonymous function (it is
          // named after the target, which is logged, not used as a number).
          const trailing = r.chance(0.3);
          const named = r.chance(0.3) ? { name: fresh('g'), form: r.int(ANONYMOUS.length) } : null;
          return [{ t: 'destr', style, targets, values, trailing, named }];
        }
        case 16:
          // Closures over a loop binding in a loop split at an await are declined (TSP1002).
          if ((cx.inLoop && r.chance(0.3)) || (!cx.inLoop && cx.vars.length)) {
            // The closure is a plain arrow: no await inside it.
            cx.noAwait = true;
            const v = numExpr(cx, 1);
            cx.noAwait = false;
            return [{ t: 'closure', v }];
          }
          return [{ t: 'log', v: numExpr(cx) }];
        case 17:
          if (cx.depth < 3) return [arrowDecl(cx)];
          return [{ t: 'log', v: numExpr(cx) }];
        case 18: {
          if (!features.spawn || cx.parallelSafe) return [{ t: 'log', v: numExpr(cx) }];
          const f = pickConcurrent(cx);
          if (!f) return [{ t: 'log', v: numExpr(cx) }];
          const h = fresh('h');
          // Spawn, do something in between, then join.
          const spawned = { t: 'spawn', name: h, call: { t: 'call', fn: f.name, sub: true, args: f.params.map(() => numExpr(cx, 2)) } };
          // Nothing between spawn and join may throw or wait, so the task always finishes
          // before its parent does (its log is then complete in both runs).
          cx.noAwait = true;
          const between = numExpr(cx);
          cx.noAwait = false;
          return [
            spawned,
            { t: 'log', v: between },
            { t: 'log', v: { t: 'await', arg: { t: 'handle', name: h } } },
          ];
        }
        case 19:
          return [{ t: 'log', v: { t: 'tmpl', parts: [numExpr(cx, 1), numExpr(cx, 1)] } }];
        case 22:
        case 23: {
          // A call not awaited where it is made: stored and awaited later (with awaits in
          // between, so it runs concurrently), chained with then(), discarded, or handed to a
          // native callback. Its body starts at the call in both builds.
          if (!features.unawaited || cx.parallelSafe) return [{ t: 'log', v: numExpr(cx) }];
          const f = pickConcurrent(cx);
          if (!f) return [{ t: 'log', v: numExpr(cx) }];
          const how = r.pick(['stored', 'stored', 'then', 'discard', 'callback']);
          // A native callback's arguments are evaluated in a plain arrow: no await there.
          const save = cx.noAwait;
          if (how === 'callback') cx.noAwait = true;
          const call = { t: 'call', fn: f.name, sub: true, args: f.params.map(() => numExpr(cx, 2)) };
          cx.noAwait = save;
          if (how === 'discard') return [{ t: 'detach', call }];
          if (how !== 'stored') return [{ t: 'log', v: { t: 'await', arg: { t: how, call } } }];
          const h = fresh('q');
          // What runs in between is a block of its own, so its declarations stay in it.
          const between = { t: 'lblock', label: fresh('B'), body: block(cx, 1 + r.int(2)) };
          return [{ t: 'stored', name: h, call }, between, { t: 'log', v: { t: 'await', arg: { t: 'handle', name: h } } }];
        }
        case 21:
          // `arguments` of the enclosing non-arrow function (an arrow sees its function's).
          if (features.args) return [{ t: 'logargs' }];
          return [{ t: 'log', v: numExpr(cx) }];
        case 20: {
          // A labelled block left with `break label`.
          const label = fresh('B');
          cx.blockLabels = [...(cx.blockLabels ?? []), label];
          const body = block(cx, 1 + r.int(3));
          cx.blockLabels.pop();
          // The condition is made after the block's scope closed, so it mentions no variable
          // (one may be shadowed inside the block).
          const c = { t: 'bin', op: r.pick(['===', '>']), l: { t: 'await', arg: { t: 'ready', v: { t: 'num', v: r.int(4) } } }, r: { t: 'num', v: r.int(4) } };
          body.splice(r.int(body.length + 1), 0, { t: 'if', c, then: [{ t: 'break', label }], else: null });
          return [{ t: 'lblock', label, body }];
        }
        default:
          return [{ t: 'log', v: numExpr(cx) }];
      }
    } finally {
      cx.depth--;
    }
  }

  function condExpr(cx) {
    return { t: 'bin', op: r.pick(['<', '>', '===', '!==']), l: numExpr(cx, 1), r: { t: 'num', v: r.int(8) } };
  }

  function loop(cx) {
    const label = r.chance(0.4) ? fresh('L') : null;
    const kind = r.pick(['for', 'for', 'forof', 'dowhile']);
    const n = 1 + r.int(3);
    const v = fresh(kind === 'dowhile' ? 'w' : 'i');
    const saveMult = cx.mult;
    cx.mult *= n + 1;
    if (label) cx.labels.push({ name: label });
    cx.inLoop++;
    const saveSwitch = cx.inSwitch;
    cx.inSwitch = 0;
    const saveVars = cx.vars.length;
    if (kind !== 'dowhile') declare(cx, v, false);
    let items = null;
    let bound = null;
    let source = 'array';
    if (kind === 'forof') {
      // An iterator whose return() logs (closing on break/return/throw must survive the
      // split at an await), or an async iterable for `for await`.
      const roll = r.int(10);
      // roll 2: an inline async generator (lowered to a stream) instead of an async iterable.
      if (features.forAwait && roll < 3) source = features.asyncGen && roll === 2 ? 'gen' : 'async';
      else if (features.iter && roll < 7) source = 'iter';
      cx.vars.length = saveVars; // items are evaluated outside the loop variable's scope
      items = [];
      for (let i = 0; i < n; i++) items.push(numExpr(cx, 1));
      declare(cx, v, false);
    } else if (kind === 'for' && r.chance(0.3)) {
      bound = numExpr(cx, 1); // re-evaluated each iteration: may await
    }
    const body = block(cx, 1 + r.int(4));
    cx.vars.length = saveVars;
    cx.inSwitch = saveSwitch;
    cx.inLoop--;
    if (label) cx.labels.pop();
    cx.mult = saveMult;
    return { t: kind, label, v, n, bound, items, body, source };
  }

  function tryStmt(cx) {
    const shape = r.pick(['tc', 'tf', 'tcf', 'tcf']);
    cx.inTry++;
    const block1 = block(cx, 1 + r.int(4));
    cx.inTry--;
    let catchName = null;
    let handler = null;
    let finalizer = null;
    if (shape !== 'tf') {
      catchName = fresh('e');
      handler = [{ t: 'logerr', name: catchName }, ...block(cx, r.int(3))];
    }
    if (shape !== 'tc') finalizer = block(cx, 1 + r.int(2));
    return { t: 'try', block: block1, catchName, handler, finalizer };
  }

  function switchStmt(cx) {
    const cases = [];
    const n = 1 + r.int(3);
    cx.inSwitch++;
    const used = new Set();
    for (let i = 0; i < n; i++) {
      let test = r.int(4);
      while (used.has(test)) test++;
      used.add(test);
      if (r.chance(0.2)) test = { expr: numExpr(cx, 2) };
      const body = block(cx, r.int(3));
      if (r.chance(0.7)) body.push({ t: 'break', label: null });
      cases.push({ test, body });
    }
    if (r.chance(0.5)) cases.push({ test: null, body: block(cx, 1 + r.int(2)) });
    cx.inSwitch--;
    return { t: 'switch', d: numExpr(cx, 1), cases };
  }

  function arrowDecl(cx) {
    const name = fresh('g');
    const params = r.chance(0.5) ? ['x' + uid++] : [];
    const fn = { t: 'func', kind: 'arrow', name, params, body: [] };
    const inner = mkCtx(fn, cx);
    // The arrow's own return is generated after its body's block has closed, so its body
    // must not shadow the enclosing function's variables (block -1: never shadowed).
    inner.vars = cx.vars.map((v) => ({ ...v, block: -1 }));
    inner.inMethod = cx.inMethod;
    inner.cls = cx.cls;
    inner.mult = 1;
    inner.labels = [];
    inner.inLoop = 0;
    inner.inSwitch = 0;
    inner.depth = cx.depth + 1;
    for (const p of params) declare(inner, p);
    fn.body = block(inner, 1 + r.int(3));
    fn.body.push({ t: 'return', v: numExpr(inner) });
    cx.arrows.push({ name, params, cost: 1 + inner.cost.v });
    declare(cx, name, false);
    cx.vars.pop(); // arrows are called, not used as numbers
    return { t: 'arrow', fn };
  }

  function func(name, kind, cls, parallelSafe, noParams = false) {
    const params = [];
    const np = noParams ? 0 : r.int(3);
    for (let i = 0; i < np; i++) params.push('p' + i);
    // A parameter list may end with a default (a number or an anonymous function, which is
    // named q) before a rest parameter, or with a trailing comma; calls never pass them.
    const tail = r.chance(0.3) ? { dflt: r.int(10), form: r.chance(0.4) ? r.int(ANONYMOUS.length) : -1, rest: r.chance(0.5), comma: r.chance(0.5) } : null;
    const fn = { t: 'func', kind, name, params, tail, body: [], cls, parallelSafe };
    const cx = mkCtx(fn, null);
    for (const p of params) declare(cx, p);
    fn.body = block(cx, 2 + r.int(6));
    if (r.chance(0.3)) fn.body.push({ t: 'logclosures' });
    fn.body.push({ t: 'return', v: numExpr(cx) });
    fn.cost = 1 + cx.cost.v;
    fn.dispatches = cx.dispatches.v;
    delete fn.cls;
    return fn;
  }

  const nf = 1 + r.int(4);
  for (let i = 0; i < nf; i++) {
    // Functions that may run concurrently only touch their own frame and their own log.
    const f = func(`f${i}`, 'fn', null, r.chance(0.6));
    costs.set(f.name, f.cost);
    prog.funcs.push(f);
  }
  const ncls = r.int(features.superCalls ? 3 : 2);
  for (let c = 0; c < ncls; c++) {
    const base = features.superCalls && c > 0 && r.chance(0.6) ? prog.classes[c - 1] : null;
    const cls = { t: 'class', name: `C${c}`, methods: [], base: base?.name ?? null, baseMethods: base ? allMethods(base) : [] };
    const nm = 1 + r.int(2);
    for (let i = 0; i < nm; i++) {
      const m = func(`m${i}`, 'method', cls, false);
      costs.set(`${cls.name}.${m.name}`, m.cost);
      cls.methods.push(m);
    }
    prog.classes.push(cls);
  }
  prog.main = func('main', 'fn', null, false, true);
  return prog;
}

// ---------------------------------------------------------------------------------------
// Rendering. Also validates scoping (variables, labels, break/continue targets), so the
// shrinker can throw away candidates that are no longer well-formed programs.

export class Invalid extends Error {}

export function render(prog) {
  const out = [];
  out.push(`import { H } from 'fuzz-harness';`);
  const funcs = new Set(prog.funcs.map((f) => f.name));
  const classes = new Map();
  const bases = new Map();
  for (const c of prog.classes) {
    if (c.base && !classes.has(c.base)) throw new Invalid('base class');
    classes.set(c.name, new Set([...(c.base ? classes.get(c.base) : []), ...c.methods.map((m) => m.name)]));
    bases.set(c.name, c.base ? classes.get(c.base) : null);
  }
  const arities = new Map(prog.funcs.map((f) => [f.name, f.params.length]));
  for (const f of prog.funcs) out.push(renderFunc(f, { funcs, classes, bases, arities, cls: null }, ''));
  for (const c of prog.classes) {
    out.push(c.base ? `class ${c.name} extends ${c.base} {` : `class ${c.name} {`);
    if (!c.base) out.push(`  constructor(v) { this.v = v; }`);
    for (const m of c.methods) out.push(renderFunc(m, { funcs, classes, bases, arities, cls: c.name }, '  '));
    out.push(`}`);
  }
  out.push('export ' + renderFunc(prog.main, { funcs, classes, bases, arities, cls: null }, ''));
  return out.join('\n') + '\n';
}

/** Anonymous functions and classes a default gives a name to (the binding's), natively and lowered. */
const ANONYMOUS = ['() => 0', 'function () { return 1; }', 'class {}', 'async () => 2', 'async function () { return 3; }', 'function* () {}'];

function renderFunc(fn, env, ind) {
  const scope = { vars: new Set(fn.params), parent: null };
  const st = { env, scope, labels: [], loops: 0, breakable: 0, inMethod: fn.kind === 'method', cls: env.cls, arrows: new Map() };
  const body = renderBlock(fn.body, st, ind + '  ');
  const t = fn.tail;
  const tail = t ? [`q = ${t.form >= 0 ? ANONYMOUS[t.form] : t.dflt}`, ...(t.rest ? ['...rest'] : [])] : [];
  const params = ['lg', ...fn.params, ...tail].join(', ') + (t?.comma && !t.rest ? ',' : '');
  const head = fn.kind === 'method' ? `${ind}async ${fn.name}(${params}) {` : `${ind}async function ${fn.name}(${params}) {`;
  const cl = /\bcl\.(push|map)\(/.test(body) ? `${ind}  const cl = [];\n` : '';
  const tailLog = t ? `${ind}  lg.log(${t.form >= 0 ? 'q.name' : 'q'}${t.rest ? ' + rest.length' : ''});\n` : '';
  return `${head}\n${cl}${tailLog}${body}${ind}}`;
}

function lookup(st, name) {
  for (let s = st.scope; s !== null; s = s.parent) if (s.vars.has(name)) return true;
  return false;
}

function renderBlock(stmts, st, ind) {
  const saved = st.scope;
  st.scope = { vars: new Set(), parent: saved };
  let s = '';
  for (const x of stmts) s += renderStmt(x, st, ind);
  st.scope = saved;
  return s;
}

function renderStmt(x, st, ind) {
  const E = (e) => renderExpr(e, st);
  switch (x.t) {
    case 'let': {
      const init = E(x.init);
      st.scope.vars.add(x.name);
      return `${ind}${x.kind} ${x.name} = ${init};\n`;
    }
    case 'log':
      return `${ind}lg.log(${E(x.v)});\n`;
    case 'logerr':
      if (!lookup(st, x.name)) throw new Invalid('catch param');
      return `${ind}lg.log(H.err(${x.name}));\n`;
    case 'logclosures':
      return `${ind}lg.log(cl.map((f) => f()));\n`;
    case 'logargs':
      return `${ind}lg.log(arguments.length);\n`;
    case 'assign':
      if (!lookup(st, x.name)) throw new Invalid('assign');
      return `${ind}${x.name} ${x.op} ${E(x.v)};\n`;
    case 'thisassign':
      if (!st.inMethod) throw new Invalid('this');
      return `${ind}this.v += ${E(x.v)};\n`;
    case 'expr':
      return `${ind}${E(x.v)};\n`;
    case 'if': {
      let s = `${ind}if (${E(x.c)}) {\n${renderBlock(x.then, st, ind + '  ')}${ind}}`;
      if (x.else) s += ` else {\n${renderBlock(x.else, st, ind + '  ')}${ind}}`;
      return s + '\n';
    }
    case 'break':
    case 'continue': {
      if (x.label) {
        if (!st.labels.includes(x.label)) throw new Invalid('label');
        if (x.t === 'continue' && /^B/.test(x.label)) throw new Invalid('continue to a block label');
      } else if (x.t === 'break' ? st.breakable === 0 : st.loops === 0) throw new Invalid('jump');
      return `${ind}${x.t}${x.label ? ' ' + x.label : ''};\n`;
    }
    case 'return':
      return `${ind}return ${E(x.v)};\n`;
    case 'throw':
      return x.plain ? `${ind}throw ${E(x.v)};\n` : `${ind}throw new Error('T' + ${E(x.v)});\n`;
    case 'for':
    case 'forof':
    case 'dowhile': {
      const lbl = x.label ? `${x.label}: ` : '';
      let head;
      const saved = st.scope;
      if (x.t === 'forof') {
        const items = x.items.map(E).join(', ');
        st.scope = { vars: new Set([x.v]), parent: saved };
        const gen = `(async function* (xs) { try { for (const x of xs) { await null; yield x; } } finally { lg.log('gen.finally'); await null; lg.log('gen.closed'); } })`;
        const src = x.source === 'iter' ? `H.iter(lg, [${items}])` : x.source === 'async' ? `H.aiter(lg, [${items}])` : x.source === 'gen' ? `${gen}([${items}])` : `[${items}]`;
        head = `${ind}${lbl}for ${x.source === 'async' || x.source === 'gen' ? 'await ' : ''}(const ${x.v} of ${src}) {\n`;
      } else if (x.t === 'for') {
        st.scope = { vars: new Set([x.v]), parent: saved };
        const bound = x.bound ? `H.cap(${E(x.bound)}, ${x.n})` : `${x.n}`;
        head = `${ind}${lbl}for (let ${x.v} = 0; ${x.v} < ${bound}; ${x.v}++) {\n`;
      } else {
        head = `${ind}let ${x.v} = 0;\n${ind}${lbl}do {\n`;
      }
      if (x.label) st.labels.push(x.label);
      st.loops++;
      st.breakable++;
      const body = renderBlock(x.body, st, ind + '  ');
      st.loops--;
      st.breakable--;
      if (x.label) st.labels.pop();
      st.scope = saved;
      if (x.t === 'dowhile') {
        // The counter is scoped to a block of its own so sibling loops can reuse names.
        return `${ind}{\n${head.replace(/^/gm, '  ')}${body.replace(/^/gm, '  ')}${ind}  } while (++${x.v} < ${x.n});\n${ind}}\n`;
      }
      return `${head}${body}${ind}}\n`;
    }
    case 'lblock': {
      st.labels.push(x.label);
      const body = renderBlock(x.body, st, ind + '  ');
      st.labels.pop();
      return `${ind}${x.label}: {\n${body}${ind}}\n`;
    }
    case 'try': {
      let s = `${ind}try {\n${renderBlock(x.block, st, ind + '  ')}${ind}}`;
      if (x.handler) {
        const saved = st.scope;
        st.scope = { vars: new Set([x.catchName]), parent: saved };
        s += ` catch (${x.catchName}) {\n${renderBlock(x.handler, st, ind + '  ')}${ind}}`;
        st.scope = saved;
      }
      if (x.finalizer) s += ` finally {\n${renderBlock(x.finalizer, st, ind + '  ')}${ind}}`;
      if (!x.handler && !x.finalizer) throw new Invalid('try');
      return s + '\n';
    }
    case 'switch': {
      let s = `${ind}switch (${E(x.d)}) {\n`;
      st.breakable++;
      const saved = st.scope;
      st.scope = { vars: new Set(), parent: saved }; // one scope for the whole switch body
      for (const c of x.cases) {
        // `case (a, b): {` parses as an arrow function with a return type in TypeScript; a
        // leading `0 +` keeps the test an expression for every parser.
        const test = c.test !== null && typeof c.test === 'object' ? `0 + ${renderExpr(c.test.expr, st)}` : c.test;
        s += c.test === null ? `${ind}  default: {\n` : `${ind}  case ${test}: {\n`;
        s += renderBlock(c.body, st, ind + '    ');
        s += `${ind}  }\n`;
      }
      st.scope = saved;
      st.breakable--;
      return s + `${ind}}\n`;
    }
    case 'destr': {
      const vals = x.values.map(E);
      let s;
      // The named target comes last, past every value, so its default runs.
      const named = x.named ? [`${x.named.name} = ${ANONYMOUS[x.named.form]}`] : [];
      const comma = x.trailing ? ',' : '';
      if (x.style === 'arr') {
        const pats = [...x.targets.map((t) => (t.dflt ? `${t.name} = ${E(t.dflt)}` : t.name)), ...named];
        s = `${ind}let [${pats.join(', ')}${comma}] = [${vals.join(', ')}];\n`;
      } else {
        const pats = [...x.targets.map((t, i) => `k${i}: ${t.name}${t.dflt ? ` = ${E(t.dflt)}` : ''}`), ...named.map((p) => `kn: ${p}`)];
        s = `${ind}let { ${pats.join(', ')}${comma} } = { ${vals.map((v, i) => `k${i}: ${v}`).join(', ')} };\n`;
      }
      for (const t of x.targets) st.scope.vars.add(t.name);
      if (x.named) s += `${ind}lg.log(${x.named.name}.name);\n`;
      return s;
    }
    case 'closure':
      return `${ind}cl.push(() => ${E(x.v)});\n`;
    case 'arrow': {
      const fn = x.fn;
      const saved = st.scope;
      const savedLabels = st.labels;
      const savedLoops = st.loops;
      const savedBreakable = st.breakable;
      st.scope = { vars: new Set(fn.params), parent: saved };
      st.labels = [];
      st.loops = 0;
      st.breakable = 0;
      const body = renderBlock(fn.body, st, ind + '  ');
      st.scope = saved;
      st.labels = savedLabels;
      st.loops = savedLoops;
      st.breakable = savedBreakable;
      st.arrows.set(fn.name, fn.params.length);
      st.scope.vars.add(fn.name);
      return `${ind}const ${fn.name} = async (${fn.params.join(', ')}) => {\n${body}${ind}};\n`;
    }
    case 'spawn': {
      const call = renderCall(x.call, st);
      st.scope.vars.add(x.name);
      return `${ind}const ${x.name} = H.spawn(${call});\n`;
    }
    case 'stored': {
      const call = renderCall(x.call, st);
      st.scope.vars.add(x.name);
      return `${ind}const ${x.name} = lg.detach(${call});\n`;
    }
    case 'detach':
      return `${ind}lg.detach(${renderCall(x.call, st)});\n`;
    default:
      throw new Error('unknown statement ' + x.t);
  }
}

function renderCall(c, st) {
  const args = c.args.map((a) => renderExpr(a, st));
  const lg = c.sub ? 'lg.sub()' : 'lg';
  switch (c.t) {
    case 'call':
      if (!st.env.funcs.has(c.fn)) throw new Invalid('fn');
      if (st.env.arities.get(c.fn) !== c.args.length) throw new Invalid('arity');
      return `${c.fn}(${[lg, ...args].join(', ')})`;
    case 'mcall':
      if (!st.env.classes.get(c.cls)?.has(c.m)) throw new Invalid('method');
      return `new ${c.cls}(${renderExpr(c.ctor, st)}).${c.m}(${[lg, ...args].join(', ')})`;
    case 'thiscall':
      if (!st.inMethod || !st.env.classes.get(st.cls)?.has(c.m)) throw new Invalid('this method');
      return `this.${c.m}(${[lg, ...args].join(', ')})`;
    case 'supercall':
      if (!st.inMethod || !st.env.bases.get(st.cls)?.has(c.m)) throw new Invalid('super method');
      return `super.${c.m}(${[lg, ...args].join(', ')})`;
    case 'arrowcall':
      if (!lookup(st, c.name)) throw new Invalid('arrow');
      return `${c.name}(${args.join(', ')})`;
    default:
      throw new Error('unknown call ' + c.t);
  }
}

function renderExpr(e, st) {
  const E = (x) => renderExpr(x, st);
  switch (e.t) {
    case 'num':
      return String(e.v);
    case 'var':
      if (!lookup(st, e.name)) throw new Invalid('var ' + e.name);
      return e.name;
    case 'bin':
      // `a < (b) > (c)` parses as a call with type arguments in TypeScript, so `<` is
      // written without the angle bracket (the same program natively and lowered).
      if (e.op === '<') return `!(${E(e.l)} >= ${E(e.r)})`;
      return `(${E(e.l)} ${e.op} ${E(e.r)})`;
    case 'logic':
      return `(${E(e.l)} ${e.op} ${E(e.r)})`;
    case 'cond':
      return `(${E(e.c)} ? ${E(e.a)} : ${E(e.b)})`;
    case 'thisv':
      if (!st.inMethod) throw new Invalid('this');
      return 'this.v';
    case 'postinc':
      if (!lookup(st, e.name)) throw new Invalid('var ' + e.name);
      return `(${e.name}++)`;
    case 'comma':
      return `(${E(e.l)}, ${E(e.r)})`;
    case 'arrsum':
      return `H.sum([${e.items.map(E).join(', ')}])`;
    case 'tmpl':
      return '`' + e.parts.map((p) => '${' + E(p) + '}').join('-') + '`';
    case 'await': {
      const a = e.arg;
      switch (a.t) {
        case 'ready':
          return `(await ${E(a.v)})`;
        case 'resolved':
          return `(await Promise.resolve(${E(a.v)}))`;
        case 'rejected':
          return `(await Promise.reject(new Error('R' + ${E(a.v)})))`;
        case 'timer':
          return `((await new Promise((r) => setTimeout(r, ${a.ms}))), ${E(a.v)})`;
        case 'sleep':
          return `((await H.sleep(${a.ms})), ${E(a.v)})`;
        case 'thenable':
          return `(await H.thenable(${E(a.v)}))`;
        case 'handle':
          if (!lookup(st, a.name)) throw new Invalid('handle');
          return `(await ${a.name})`;
        // Each child is guarded by an (also lowered) async arrow that turns its error into a
        // value: which child's error an all/join reports, and how far the others got when it
        // settled, depend on the interleaving, which legitimately differs.
        case 'all':
          return `H.sum(await Promise.all([${a.calls.map((c) => guarded(renderCall(c, st))).join(', ')}]))`;
        case 'join':
          return `H.sum(await H.join([${a.calls.map((c) => guarded(renderCall(c, st))).join(', ')}]))`;
        case 'then':
          return `(await lg.detach(${renderCall(a.call, st)}).then((v) => H.sum([v, 1])))`;
        case 'callback':
          return `(await new Promise((res) => setTimeout(() => res(lg.detach(${renderCall(a.call, st)})), 0)))`;
        case 'select':
          // The call always wins against a future that never finishes, so the result and
          // every log are deterministic; the loser has no user code to cancel.
          return `(await H.race([${a.calls.map((c) => renderCall(c, st)).join(', ')}, H.never()]))`;
        default:
          return `(await ${renderCall(a, st)})`;
      }
    }
    default:
      throw new Error('unknown expression ' + e.t);
  }
}

function guarded(call) {
  return `lg.detach((async () => { try { return await ${call}; } catch (e) { return H.err(e); } })())`;
}

/** Number of AST nodes: the shrinker's measure of size. */
export function size(node) {
  if (Array.isArray(node)) return node.reduce((n, x) => n + size(x), 0);
  if (node === null || typeof node !== 'object') return 0;
  let n = node.t ? 1 : 0;
  for (const k of Object.keys(node)) n += size(node[k]);
  return n;
}
