// One-step reductions of a program AST, for delta debugging. Each candidate is a fresh copy;
// candidates that are no longer well-formed are rejected later by `render` (Invalid).

const EXPR = new Set(['num', 'var', 'bin', 'logic', 'cond', 'thisv', 'arrsum', 'tmpl', 'await', 'postinc', 'comma']);
const STMT_LISTS = new Set(['body', 'then', 'else', 'block', 'handler', 'finalizer']);
const ZERO = { t: 'num', v: 0 };

/** Sub-blocks a compound statement can be replaced by. */
function innerBlocks(s) {
  switch (s.t) {
    case 'if':
      return [s.then, s.else].filter(Boolean);
    case 'for':
    case 'forof':
    case 'dowhile':
    case 'lblock':
      return [s.body];
    case 'try':
      return [s.block, s.handler?.filter((x) => x.t !== 'logerr'), s.finalizer].filter(Boolean);
    case 'switch':
      return s.cases.map((c) => c.body.filter((x) => x.t !== 'break' || x.label));
    default:
      return [];
  }
}

function exprReplacements(e) {
  const out = [];
  if (!(e.t === 'num' && e.v === 0)) out.push(ZERO);
  switch (e.t) {
    case 'bin':
    case 'logic':
      out.push(e.l, e.r);
      break;
    case 'cond':
      out.push(e.a, e.b);
      break;
    case 'comma':
      out.push(e.l, e.r);
      break;
    case 'postinc':
      out.push({ t: 'var', name: e.name });
      break;
    case 'arrsum':
    case 'tmpl':
      out.push(...(e.items ?? e.parts));
      break;
    case 'await': {
      const a = e.arg;
      if (a.v) out.push(a.v);
      if (a.t !== 'ready') out.push({ t: 'await', arg: { t: 'ready', v: a.v ?? ZERO } });
      if (a.t === 'all' || a.t === 'join' || a.t === 'select') {
        for (let i = 0; i < a.calls.length; i++) {
          if (a.calls.length > 1) out.push({ ...e, arg: { ...a, calls: a.calls.filter((_, j) => j !== i) } });
        }
      }
      if (a.t === 'timer' && a.ms) out.push({ ...e, arg: { ...a, ms: 0 } });
      break;
    }
  }
  return out;
}

function stmtReplacements(s) {
  const out = [];
  switch (s.t) {
    case 'if':
      if (s.else) out.push({ ...s, else: null });
      break;
    case 'for':
    case 'forof':
    case 'dowhile':
      if (s.source && s.source !== 'array') out.push({ ...s, source: 'array' });
      if (s.n > 1) out.push({ ...s, n: 1, items: s.items ? s.items.slice(0, 1) : s.items });
      if (s.label) out.push({ ...s, label: null });
      if (s.bound) out.push({ ...s, bound: null });
      break;
    case 'try':
      if (s.handler && s.finalizer) {
        out.push({ ...s, handler: null, catchName: null });
        out.push({ ...s, finalizer: null });
      }
      break;
    case 'switch':
      for (let i = 0; i < s.cases.length; i++) {
        if (s.cases.length > 1) out.push({ ...s, cases: s.cases.filter((_, j) => j !== i) });
      }
      break;
    case 'destr':
      for (let i = 0; i < s.targets.length; i++) {
        if (s.targets[i].dflt) out.push({ ...s, targets: s.targets.map((t, j) => (j === i ? { ...t, dflt: null } : t)) });
      }
      if (s.values.length) out.push({ ...s, values: s.values.slice(0, -1) });
      break;
    case 'break':
    case 'continue':
      if (s.label) out.push({ ...s, label: null });
      break;
    case 'let':
      if (s.kind !== 'let') out.push({ ...s, kind: 'let' });
      break;
    case 'assign':
      if (s.op !== '=') out.push({ ...s, op: '=' });
      break;
  }
  return out;
}

/** Every one-step reduction of `root`, as new ASTs. */
export function* candidates(root) {
  // Collect (path, replacements) pairs first; then build each candidate by copying the path.
  const edits = [];
  const walk = (node, path, key) => {
    if (Array.isArray(node)) {
      const isStmts = STMT_LISTS.has(key) || key === 'cases.body';
      const isDecls = key === 'funcs' || key === 'classes' || key === 'methods';
      if (isStmts || isDecls) {
        for (let i = 0; i < node.length; i++) {
          edits.push([path, node.filter((_, j) => j !== i)]);
          if (isStmts) {
            for (const inner of innerBlocks(node[i])) edits.push([path, [...node.slice(0, i), ...inner, ...node.slice(i + 1)]]);
            if (node[i].t === 'arrow') {
              const body = node[i].fn.body;
              // An arrow's body can stand in for the arrow when it is called once.
              void body;
            }
          }
        }
      }
      node.forEach((x, i) => walk(x, [...path, i], key === 'cases' ? 'cases.body' : key));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (node.t && EXPR.has(node.t) && path.length) for (const r of exprReplacements(node)) edits.push([path, r]);
    else if (node.t) for (const r of stmtReplacements(node)) edits.push([path, r]);
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (v !== null && typeof v === 'object') walk(v, [...path, k], k === 'body' && node.test !== undefined ? 'cases.body' : k);
    }
  };
  walk(root, [], null);
  for (const [path, value] of edits) yield setIn(root, path, value);
}

function setIn(node, path, value) {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const copy = Array.isArray(node) ? node.slice() : { ...node };
  copy[k] = setIn(node[k], rest, value);
  return copy;
}
