// Sync-first direct calls (ABI.md, section 7; lower/direct.ts): `await f(x)` on a lowered
// function of the same file runs f's copy on the caller's stack and builds a frame only when
// an await in it really suspends. Frames are counted through a stand-in for the runtime's
// Machine; every run is also compared with the native run of the same source.
import { describe, expect, it } from 'vitest';
import * as abi from '@tspoll/runtime/abi';
import { Cancelled, lazy, spawn } from '@tspoll/runtime';
import ts from 'typescript';
import { load, lower, stripTypes } from './lower-helpers.js';

/**
 * Lower `source` and load it against the runtime, counting the distinct frames it uses (made by
 * wrappers, or by copies that suspend) and how often a copy suspended into a frame.
 */
function counted(source: string, moduleKind: 'cjs' | 'esm' = 'cjs') {
  const l = lower(source, 'snippet.js', moduleKind);
  expect(l.diagnostics).toEqual([]);
  const counter = { frames: 0, suspensions: 0 };
  const seen = new WeakSet<object>();
  const see = (f: object) => {
    if (!seen.has(f)) counter.frames++;
    seen.add(f);
    return f;
  };
  class CountingMachine<T> extends abi.Machine<T> {
    constructor(...args: ConstructorParameters<typeof abi.Machine>) {
      super(...args);
      see(this);
    }
  }
  const frameFor = (poll: Parameters<typeof abi.frameFor>[0]) => {
    counter.suspensions++;
    return see(abi.frameFor(poll));
  };
  const mod = load(l.code, {}, { ...abi, Machine: CountingMachine, frameFor });
  return { mod, counter, code: l.code };
}

const timer = 'const tick = (v) => new Promise((r) => setTimeout(() => r(v), 1));\n';

describe('sync-first direct calls', () => {
  it('a sync-completing recursion builds no frame beyond the outermost call', async () => {
    const src = `
      async function fib(n) { if (n < 2) return n; return (await fib(n - 1)) + (await fib(n - 2)); }
      exports.fib = fib;
      exports.later = async function later(n) { await null; return await fib(n); };`;
    const { mod, counter } = counted(src);
    // Once the call has returned to its caller, the 21,890 awaits of fib(20) build no frame.
    expect(await mod.later(20)).toBe(await load(src).fib(20));
    expect(counter.frames).toBe(1);
    // Called from outside, the first await yields as natively, so the chain down to it (fib(20)
    // to fib(2)) suspends once: 19 frames, then none.
    expect(await mod.fib(20)).toBe(6765);
    expect(counter.frames).toBe(1 + 19);
  });

  it('frames are built only for the calls that are suspended, and the result is native', async () => {
    const src = `${timer}
      async function inner(i) { if (i === 0) await tick(0); return i; }
      async function mid() { let s = 0; for (let i = 0; i < 10; i++) s += await inner(i); return s; }
      exports.outer = async function outer() { return (await mid()) + 1; };`;
    const { mod, counter } = counted(src);
    expect(await mod.outer()).toBe(await load(src).outer());
    // outer's wrapper, then mid and inner(0) when inner(0) suspends; the other nine calls of
    // inner and everything after complete on the stack (without the copies: 12 frames).
    expect(counter.frames).toBe(3);
  });

  it('arrow functions and named function expressions: their awaits find the copy linked to each wrapper', async () => {
    const src = `
      const fib = async (n) => (n < 2 ? n : (await fib(n - 1)) + (await fib(n - 2)));
      const twice = async function named(n) { return n < 1 ? 0 : 2 * (await named(n - 1)) + (await fib(n)); };
      exports.main = async function main() {
        const k = 3;
        const add = async (x) => x + k;
        let s = 0;
        for (let i = 0; i < 20; i++) s += await add(i);
        return [await fib(18), await twice(8), s];
      };`;
    const { mod, counter } = counted(src);
    expect(await mod.main()).toEqual(await load(src).main());
    // main's frame only: every other call completed in a copy.
    expect(counter.frames).toBe(1);
  });

  it('an await of a name that now holds another function calls that function (the link follows identity)', async () => {
    const src = `
      let f = async (n) => n + 1;
      const g = f;
      exports.main = async function main() {
        const a = await f(1);
        f = async (n) => n * 100;
        const b = await f(1);
        f = (n) => Promise.resolve(-n);
        return [a, b, await f(1), await g(1)];
      };`;
    const { mod } = counted(src);
    expect(await mod.main()).toEqual(await load(src).main());
  });

  it('a frame a direct call built is recycled once it finishes: a loop that suspends every time reuses one', async () => {
    const src = `${timer}
      async function inner(i) { await tick(i); return i; }
      exports.outer = async function outer() { let s = 0; for (let i = 0; i < 20; i++) s += await inner(i); return s; };`;
    const { mod, counter } = counted(src);
    expect(await mod.outer()).toBe(await load(src).outer());
    expect(counter.suspensions).toBe(20);
    // outer's frame, and one frame for inner, used 20 times.
    expect(counter.frames).toBe(2);
  });

  it('a function whose name is assigned anywhere in the file gets no copy, and the assignment is seen', async () => {
    const src = `
      async function leaf(n) { return n; }
      exports.main = async function main() { let s = 0; for (let i = 0; i < 10; i++) s += await leaf(i); return s; };
      exports.swap = () => { leaf = async (n) => -n; };`;
    const { mod, counter } = counted(src);
    const native = load(src);
    expect(await mod.main()).toBe(await native.main());
    expect(counter.frames).toBe(11);
    mod.swap();
    native.swap();
    expect(await mod.main()).toBe(await native.main());
  });

  it('a direct eval anywhere in the file (which could assign the name) turns the copies off', async () => {
    const src = `
      async function leaf(n) { return n; }
      exports.swapByEval = function () { eval('leaf = async (n) => -n'); };
      exports.main = async function main() { return await leaf(2); };`;
    const { mod, code } = counted(src);
    expect(code).not.toContain('$direct');
    mod.swapByEval();
    expect(await mod.main()).toBe(-2);
  });

  it('a name some other declaration binds (here a parameter) gets no copy', async () => {
    const src = `
      async function leaf(n) { return n; }
      async function twice(leaf) { return (await leaf(1)) + (await leaf(2)); }
      exports.main = async function main() { return (await leaf(1)) + (await twice(async (n) => n * 10)); };`;
    const { mod, code } = counted(src);
    expect(code).not.toContain('leaf$direct');
    expect(await mod.main()).toBe(await load(src).main());
  });

  it('functions using this, arguments or a default parameter are called through their wrapper', async () => {
    const src = `
      async function t() { await null; return typeof this; }
      async function a(x) { await null; return arguments.length + x; }
      async function d(x, y = 10) { await null; return x + y; }
      exports.main = async function main() { return [await t(), await a(1, 2), await d(1)].join(); };`;
    const { mod, code } = counted(src);
    expect(code).not.toContain('$direct');
    expect(await mod.main()).toBe(await load(src).main());
  });

  it('a script gets copies too: lowered, it imports the runtime, so its functions are no longer globals', () => {
    const l = lower('async function leaf(n) { return n; }\nasync function main() { return await leaf(1); }', 'script.js', 'esm');
    expect(l.diagnostics).toEqual([]);
    expect(l.code).toMatch(/^import \* as \$tp from "@tspoll\/runtime\/abi";$/m);
    expect(l.code).toContain('leaf$direct(cx, 1)');
  });

  it('a closure that reaches the frame gets the plain copy: the call goes through the wrapper', async () => {
    const src = `${timer}
      async function capturing(n) { let count = n; const bump = () => ++count; await tick(0); bump(); return count; }
      exports.main = async function main() { return (await capturing(1)) + (await capturing(5)); };`;
    const { mod, counter } = counted(src);
    expect(await mod.main()).toBe(await load(src).main());
    expect(counter.frames).toBe(3);
  });

  it('a copy that cannot suspend (no await of its own) keeps its closures, which read its locals: no frame', async () => {
    const src = `
      async function counter(n) { let c = n; const inc = () => ++c; inc(); return () => c; }
      async function loops() { const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); return fs.map((g) => g()); }
      async function nested(p) { const g = async () => { await null; return p; }; p++; return g; }
      async function alias(x) { function twice() { return x * 2; } x = 5; return twice(); }
      async function klass(v) { class A { get() { return v; } } v += 1; return new A().get(); }
      async function tdz() { const g = () => y; let r; try { g(); } catch (e) { r = e.name; } const y = 1; return [r, g()]; }
      exports.main = async function main() {
        await null;
        const g = await counter(1);
        const first = g();
        const h = await counter(10);
        return JSON.stringify([first, g(), h(), await loops(), await (await nested(1))(), await alias(1), await klass(1), await tdz()]);
      };`;
    const { mod, counter, code } = counted(src);
    expect(await mod.main()).toBe(await load(src).main());
    // main's frame, the nested async arrow's, and nested's own (a lowered arrow hands its frame
    // the receiver, which a copy does not have): none for the five other copies.
    expect(counter.frames).toBe(3);
    expect(counter.suspensions).toBe(0);
    expect(code).not.toMatch(/callv\(cx, (counter|loops|alias|klass|tdz)\b/);
  });

  it('a callee the compiler leaves native (with a diagnostic) is still called correctly', async () => {
    const src = `
      async function leaf(n) { class K { static [(await n) + (() => K).name] = 1; } return Object.keys(K)[0] * 2; }
      exports.main = async function main() { return (await leaf(1)) + (await leaf(2)); };`;
    const l = lower(src);
    expect(l.diagnostics.map((d) => d.code)).toEqual(['TSP1001']);
    expect(l.code).toContain('leaf$direct(');
    expect(await load(l.code).main()).toBe(await load(src).main());
  });

  it('a loop of direct calls that complete at once still yields to other tasks (the loop head spends budget)', async () => {
    const src = `
      async function leaf(n) { return n; }
      async function spin(log) { let s = 0; for (let i = 0; i < 1000; i++) s += await leaf(i); log.push('spin done'); return s; }
      exports.outer = async function outer(log) { return await spin(log); };`;
    const { mod } = counted(src);
    const log: string[] = [];
    // spawn polls at once, outside any task: without the yield the loop would finish inside it.
    const h = spawn(mod.outer(log));
    log.push('spawn returned');
    expect(await h).toBe(499500);
    expect(log).toEqual(['spawn returned', 'spin done']);
  });

  it('a sync-completing recursion of direct calls runs within one poll, as natively', () => {
    const src = `
      async function fib(n) { if (n < 2) return n; return (await fib(n - 1)) + (await fib(n - 2)); }
      exports.main = async function main() { return await fib(18); };`;
    // lazy(): spawn polls it at once, and the whole recursion finishes in that poll.
    const h = spawn(lazy(counted(src).mod.main));
    expect(h.isFinished).toBe(true);
  });

  it('cancel() of a chain built from direct calls runs each finally block, innermost first, and no catch', async () => {
    const src = `
      async function leaf(n) { return n; }
      async function c(log) { try { await new Promise(() => {}); } finally { await leaf(0); log.push('c finally'); } }
      async function b(log) { try { await c(log); } finally { log.push('b finally'); } }
      exports.a = async function a(log) { try { await b(log); } catch (e) { log.push('a catch'); } finally { log.push('a finally'); } };`;
    const { mod, counter } = counted(src);
    const log: string[] = [];
    const h = spawn(mod.a(log));
    expect(counter.frames).toBe(3);
    h.abort();
    await expect(h).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['c finally', 'b finally', 'a finally']);
  });

  it('a chain of 2000 suspended direct calls resumes within the default stack', async () => {
    const src = `${timer}
      async function down(n) { if (n === 0) { await tick(0); return 0; } return 1 + (await down(n - 1)); }
      exports.main = async function main() { return await down(2000); };`;
    expect(await counted(src).mod.main()).toBe(2000);
  });

  it('errors thrown in a copy carry the function name in the stack', async () => {
    const src = `
      async function boom() { throw new Error('boom'); }
      exports.main = async function main() { await boom(); };`;
    const { mod, code } = counted(src);
    expect(code).toContain('boom$direct(');
    const e = await (mod.main() as Promise<never>).catch((x: Error) => x);
    expect(e.message).toBe('boom');
    expect(e.stack).toMatch(/\bat boom \(/);
    expect(e.stack).not.toContain('boom$direct');
  });

  it('an export no await of its file calls gets a copy only in its straight form; one awaited here always does', () => {
    const src = `
      export async function straight(x) { const v = await x; return v + 1; }
      export async function looping(xs) { let s = 0; for (const x of xs) s += await x; return s; }
      export async function localLoop(xs) { let s = 0; for (const x of xs) s += await x; return s; }
      export async function main() { return await localLoop([1, 2]); }`;
    const { code } = lower(src, 'snippet.ts', 'esm');
    expect(code).toContain('function straight$direct(');
    // The loop's copy would repeat its whole dispatch machine for calls from other files only.
    expect(code).not.toContain('looping$direct');
    expect(code).toMatch(/asyncFn\(looping\)/);
    expect(code).toContain('function localLoop$direct(');
    expect(code).toContain('localLoop$direct(cx');
  });

  describe('across files: an awaited import finds the copy of the lowered function it is', () => {
    const lib = `
      export async function fib(n: number): Promise<number> { if (n < 2) return n; return (await fib(n - 1)) + (await fib(n - 2)); }
      async function twice(n: number) { return 2 * (await fib(n)); }
      export { twice as double };
      export async function later(v: number) { await new Promise((r) => setTimeout(r, 1)); return v; }
      export async function swappable() { return 'original'; }
      export function swap() { swappable = async () => 'swapped'; }
      // @tspoll-native
      export const native = async (v: number) => v + 1;
      export function plain(v: number) { return Promise.resolve(v * 3); }`;
    const main = `
      import { fib, double, later, swappable, native, plain } from './lib';
      import * as ns from './lib';
      export async function main() {
        await null; // from here on the call has returned to its caller: ready awaits go on at once
        return [await fib(18), await ns.fib(10), await double(5), await later(7), await ns.later(8), await swappable(), await native(1), await plain(2), await ns.plain(3)].join();
      }`;

    /** Two CommonJS modules (lowered, or as written) sharing one runtime stand-in. */
    function link(lowered: boolean) {
      const compile = (src: string) => (lowered ? ts.transpileModule(lower(src, 'm.ts').code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText : stripTypes(src));
      const counter = { frames: 0 };
      const see = <T extends object>(f: T) => {
        counter.frames++;
        return f;
      };
      const rt = { ...abi, frameFor: (p: Parameters<typeof abi.frameFor>[0]) => see(abi.frameFor(p)) };
      rt.Machine = class extends abi.Machine<unknown> {
        constructor(...args: ConstructorParameters<typeof abi.Machine>) {
          super(...args);
          see(this);
        }
      } as typeof abi.Machine;
      const run = (code: string, deps: Record<string, object>) => {
        const exports: Record<string, any> = {};
        new Function('require', 'exports', `"use strict";\n${code}`)((name: string) => deps[name] ?? rt, exports);
        return exports;
      };
      const libMod = run(compile(lib), {});
      const mainMod = run(compile(main), { './lib': libMod });
      return { lib: libMod, main: mainMod, counter };
    }

    it('runs as natively, and a sync-completing import builds no frame', async () => {
      const native = link(false);
      const lowered = link(true);
      expect(await lowered.main.main()).toBe(await native.main.main());
      // main's own frame, and one frame for each of later(7) and ns.later(8), which suspend.
      // Every call that completes without suspending, namespace members included, runs by
      // its copy and builds none.
      expect(lowered.counter.frames).toBe(3);
    });

    it('the link follows the function, not the name: a reassigned export is called as it now is', async () => {
      const native = link(false);
      const lowered = link(true);
      native.lib.swap();
      lowered.lib.swap();
      expect(await lowered.main.main()).toBe(await native.main.main());
    });

    it('the callee is read once, before the arguments, as natively', async () => {
      const src = `import { g } from './getter';\nexport async function main(log) { return await g(log.push('arg')); }`;
      const run = async (code: string) => {
        const log: string[] = [];
        const dep = {
          get g() {
            log.push('read g');
            return async (n: number) => n * 2;
          },
        };
        const exports: Record<string, any> = {};
        new Function('require', 'exports', code)((name: string) => (name === './getter' ? dep : abi), exports);
        return [await exports.main(log), log];
      };
      const cjs = (code: string) => ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
      expect(await run(cjs(lower(src, 'm.ts').code))).toEqual(await run(cjs(src)));
    });

    it('the link is invisible: no own symbol or extra key on the function', () => {
      const { lib: l } = link(true);
      expect(Object.getOwnPropertySymbols(l.fib)).toEqual([]);
      expect(Reflect.ownKeys(l.fib)).not.toContainEqual(expect.stringMatching(/direct|copy/));
      expect(abi.entryOf(l.fib)).toBeTypeOf('function');
      expect(abi.entryOf(l.plain)).toBeUndefined();
    });
  });
});
