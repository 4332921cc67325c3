// Classic scripts as a target (`script: true`): the output has no import, reads the runtime
// from the global the runtime's global script defines, and keeps top-level var, function
// declarations and `this` global. Each program runs natively and lowered as classic scripts in
// fresh vm contexts, the lowered one after dist's tspoll-runtime.global.js built from src.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCRIPT_RUNTIME_GLOBAL, transformSource } from '../src/index.js';
import { REPO_DIR } from './harness.js';

let runtime: vm.Script;
beforeAll(async () => {
  const { buildGlobalText } = (await import(pathToFileURL(path.join(REPO_DIR, 'packages/runtime/scripts/build-global.mjs')).href)) as { buildGlobalText(): Promise<string> };
  runtime = new vm.Script(await buildGlobalText(), { filename: 'tspoll-runtime.global.js' });
});

interface Outcome {
  log: unknown[];
  error?: string;
}

/** Run `scripts` in order in a new realm; `done` is a global promise the last one sets. */
async function run(scripts: string[], withRuntime: boolean): Promise<Outcome> {
  const ctx = vm.createContext({});
  const g = vm.runInContext('this', ctx) as Record<string, unknown>;
  for (const [k, v] of Object.entries({ queueMicrotask, setTimeout, clearTimeout, setImmediate, performance })) g[k] = v;
  if (withRuntime) runtime.runInContext(ctx);
  try {
    for (const s of scripts) new vm.Script(s).runInContext(ctx);
    await (g.done as Promise<unknown> | undefined);
  } catch (e) {
    return { log: JSON.parse(JSON.stringify(g.log ?? [])), error: String(e) };
  }
  return { log: JSON.parse(JSON.stringify(g.log ?? [])) };
}

function lower(code: string) {
  const out = transformSource(code, 'script.js', { script: true, sourceMap: false });
  expect(out.diagnostics).toEqual([]);
  expect(out.changed).toBe(true);
  return out.code;
}

const PROGRAM = `
var log = [];
var self = this;
log.push(typeof later, typeof f, typeof plain);
async function f(x) {
  log.push(this === self, x, typeof globalThis.f);
  await null;
  return x + 1;
}
var g = async (y) => { const v = await f(y); log.push('g', v, this === self); return v * 2; };
function plain() { return 'p'; }
class K { async m(v) { await 0; return this.k + v; } }
K.prototype.k = 10;
var desc = Object.getOwnPropertyDescriptor(globalThis, 'f');
log.push(desc.writable, desc.enumerable, desc.configurable, 'f' in this, 'g' in this);
var done = (async function () {
  log.push(await g(1), await new K().m(5), plain());
  log.push(Object.getPrototypeOf(f) === Object.getPrototypeOf(async function () {}));
})();
async function later() {}
`;

describe('classic scripts (script: true)', () => {
  it('has no import or require and refers to the global runtime', () => {
    const code = lower(PROGRAM);
    const sf = ts.createSourceFile('out.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    expect(sf.statements.some((s) => ts.isImportDeclaration(s))).toBe(false);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).toContain(`${SCRIPT_RUNTIME_GLOBAL}.start(`);
    // The poll function of a top-level declaration is not a global of its own.
    expect(sf.statements.filter((s) => ts.isFunctionDeclaration(s)).map((s) => (s as ts.FunctionDeclaration).name?.text)).toEqual(['plain']);
  });

  it('top-level var, function declarations and this stay global: lowered matches native', async () => {
    const native = await run([PROGRAM], false);
    const lowered = await run([lower(PROGRAM)], true);
    expect(native.error).toBeUndefined();
    // (A vm context reports global bindings configurable; what matters is that both agree.)
    expect(native.log).toEqual(['function', 'function', 'function', true, true, true, true, true, true, 1, 'function', 'g', 2, true, 4, 15, 'p', true]);
    expect(lowered).toEqual(native);
  });

  it('two lowered scripts in one realm share the runtime and do not clash', async () => {
    // Both declare f: natively the second replaces the global, but a reference to the first
    // still runs the first's body (its poll function must not be a global the second replaces).
    const first = `var log = []; class C { async m() { await 0; return 'first'; } } async function f() { return 'f1'; } var f1 = f;`;
    const second = `class D { async m() { await 0; return 'second'; } } async function f() { return 'f2'; }
      var done = (async () => { log.push(await new C().m(), await new D().m(), await f(), await f1()); })();`;
    const native = await run([first, second], false);
    expect(native).toEqual({ log: ['first', 'second', 'f2', 'f1'] });
    expect(await run([lower(first), lower(second)], true)).toEqual(native);
  });

  it('a script that uses the runtime global name itself stays as written, with a diagnostic', () => {
    const code = 'var __tspoll = 1; async function f() { await 0; }';
    const out = transformSource(code, 'clash.js', { script: true });
    expect(out.changed).toBe(false);
    expect(out.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TSP1004', 1, 5]]);
  });

  // Sloppy-mode semantics the lowering keeps: each program runs as a classic script natively
  // and lowered, and the logs must agree.
  const SLOPPY: [string, string][] = [
    [
      "a named function expression's own name is immutable: writes do nothing (sloppy)",
      `var log = [];
      var f = async function own(n) {
        await 0;
        own = 1; own += 2; own++; [own] = [3]; ({ x: own } = { x: 4 }); (() => { own = 5; })();
        for (own of [6]) {}
        log.push(typeof own, own === f, n);
        return own;
      };
      var g = async function* self() { await 0; self = 0; yield typeof self; };
      var done = (async () => { log.push((await f(1)) === f); for await (const v of g()) log.push(v); })();`,
    ],
    [
      'a function with its own "use strict" stays strict (this, writes to its own name)',
      `var log = [];
      async function strict() { 'use strict'; await 0; log.push(this === undefined, (function () { return this; })() === undefined); }
      var named = async function own() { 'use strict'; await 0; try { own = 1; } catch (e) { log.push(e.name); } };
      async function sloppy() { await 0; log.push(this === globalThis); }
      var done = (async () => { await strict(); await named(); await sloppy(); })();`,
    ],
    [
      '`arguments` as a destructuring target with a default (sloppy)',
      `var log = [];
      async function f() { for await ({ eval = 3, arguments = 4 } of [{}]) { log.push(eval, arguments); } }
      var eval;
      var done = f();`,
    ],
    [
      'mapped arguments: arguments[i] and a simple parameter stay one, across awaits, in arrows and for every form of write',
      `var log = [];
      var tick = () => new Promise((r) => setTimeout(r, 1));
      async function f(a, b) {
        arguments[0] = 2;
        log.push(a, b);
        await tick();
        a = 3; b = 4;
        log.push(arguments[0], arguments[1], arguments.length, b);
        const g = () => { arguments[0] = 9; return a; };
        log.push(g(), a, (function () { return arguments[0]; })('own'));
        await tick();
        a++; a += 10; log.push(arguments[0]);
        [a] = [100]; log.push(arguments[0]);
        ({ a } = { a: 200 }); log.push(arguments[0]);
        for (a of [300]) {} log.push(arguments[0]);
        var a = 400; log.push(arguments[0], a);
        delete arguments[0]; arguments[0] = 500; log.push(a);
        a = 600; log.push(arguments[0]);
      }
      var o = { async m(x, y) { function x() {} log.push(typeof arguments[0]); await tick(); arguments[1] = 'y'; return y; } };
      async function* gen(a) { arguments[0] = 'g'; yield a; await tick(); a = 'h'; yield arguments[0]; }
      async function dup(a, a) { await tick(); log.push(a, arguments[0], arguments[1], dup.length); arguments[0] = 5; log.push(a); arguments[1] = 6; log.push(a); }
      var done = (async () => {
        await f(1);
        log.push(await o.m(1, 2));
        for await (const v of gen(1)) log.push(v);
        await dup(1, 2);
      })();`,
    ],
    [
      'unmapped arguments: strict functions and non-simple parameter lists',
      `var log = [];
      async function s(a) { 'use strict'; arguments[0] = 2; await 0; a = 3; log.push(a, arguments[0]); }
      async function d(a, b = 1) { arguments[0] = 2; await 0; a = 3; log.push(a, arguments[0]); }
      async function r(a, ...rest) { arguments[0] = 2; await 0; log.push(a, arguments[0]); }
      async function p({ a }) { arguments[0] = 2; await 0; log.push(a, arguments[0]); }
      var done = (async () => { await s(1); await d(1); await r(1); await p({ a: 1 }); })();`,
    ],
  ];
  it.each(SLOPPY)('%s', async (_name, program) => {
    const native = await run([program], false);
    expect(native.error).toBeUndefined();
    expect(native.log.length).toBeGreaterThan(0);
    expect(await run([lower(program)], true)).toEqual(native);
  });

  it('the identifier let alone in a single-statement position keeps its function native, with a warning', async () => {
    const program = 'var log = [];\nasync function* f() {\n  for await (var x of [1]) let // ASI\n  {}\n  log.push(typeof x);\n}\nvar let = 1;\nvar done = f().next();';
    const out = transformSource(program, 'script.js', { script: true });
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['TSP1004', 'warning', 3]]);
    expect(out.changed).toBe(false);
    expect(await run([out.code], true)).toEqual(await run([program], false));
  });

  it('valid JavaScript that TypeScript cannot parse (await as a script name) stays as written, with a warning', async () => {
    const program = 'var log = [];\nasync function await() { return 1; }\nlog.push(await instanceof Function);\nvar done = await();';
    const out = transformSource(program, 'script.js', { script: true });
    expect(out.changed).toBe(false);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['TSP1004', 'warning', 3]]);
    expect(out.diagnostics[0]!.message).toMatch(/^TypeScript's parser, which the lowering reads files with, rejects this valid JavaScript/);
    expect(await run([program], false)).toEqual({ log: [true] });
    // What no engine parses is still a syntax error.
    expect(transformSource('async function f( {', 'bad.js').diagnostics.map((d) => [d.code, d.severity])).toEqual([['TSP1000', 'error']]);
  });
});

