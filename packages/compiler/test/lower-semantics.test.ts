// Differential tests of the lowering engine alone: each snippet's `main(log)` runs natively
// and lowered; the log, the result and the error must be the same.
import { describe, expect, it } from 'vitest';
import { both } from './lower-helpers.js';

const tick = (v: unknown) => new Promise((r) => setTimeout(() => r(v), 1));

const cases: Record<string, string> = {
  'sequential awaits and locals': `
    exports.main = async function main(log) {
      const a = await 1; const b = await Promise.resolve(2);
      let c = a + b; c += await 3; return c * 2;
    };`,
  'left-to-right operands': `
    exports.main = async function main(log) {
      let x = 1;
      const bump = async () => { x += 10; return x; };
      const r = x + await bump() + x;
      const o = { a: x, b: await bump(), c: x, [await bump()]: 'k' };
      const arr = [x, ...[x, x], await bump(), x];
      log.push(r, JSON.stringify(o), arr.join());
      log.push(\`\${x}-\${await bump()}-\${x}\`);
      const obj = { v: 1, m(a, b) { return this.v + a + b; } };
      log.push(obj.m(x, await bump()));
      x += await bump();
      log.push(x);
    };`,
  'short circuits skip awaits': `
    exports.main = async function main(log) {
      const f = async (v) => { log.push('f' + v); return v; };
      log.push(0 && await f(1), 1 && await f(2), null ?? await f(3), 4 || await f(5));
      log.push(true ? await f(6) : await f(7), false ? await f(8) : await f(9));
      let a = null; a ??= await f(10); a ||= await f(11); a &&= await f(12);
      const o = { p: 0 }; o.p ||= await f(13); o.p &&= await f(14);
      log.push(a, o.p);
    };`,
  'loops, labels, break and continue': `
    exports.main = async function main(log) {
      outer: for (let i = 0; i < 4; i++) {
        let j = 0;
        while (true) {
          j++;
          if (j > 3) break;
          if (j === 2) continue;
          if (i === 2 && j === 3) continue outer;
          if (i === 3) break outer;
          log.push(i, j, await (i * j));
        }
        do { log.push('do', await j); } while (--j > 2);
      }
      for (const v of [1, 2, 3]) { if (v === 2) continue; log.push(await v); }
      for (const k in { a: 1, b: 2 }) log.push(k, await k);
      let n = 0;
      for (;;) { if (await ++n > 3) break; }
      return n;
    };`,
  'switch with fall-through': `
    exports.main = async function main(log) {
      for (const v of [1, 2, 3, 4]) {
        switch (await v) {
          case 1: log.push('one');
          case await 2: log.push('two'); break;
          case 3: { log.push('three', await 3); break; }
          default: log.push('default');
        }
      }
    };`,
  'try/catch/finally across awaits': `
    exports.main = async function main(log) {
      try { await Promise.reject(new Error('a')); } catch (e) { log.push('caught', e.message, await 1); } finally { log.push('fin', await 2); }
      try { try { throw new Error('b'); } finally { log.push('inner fin'); await 0; } } catch ({ message }) { log.push(message); }
      const f = async () => { try { return await 'r'; } finally { log.push('f fin'); } };
      log.push(await f());
      const g = async () => { try { return 1; } finally { return await 2; } };
      log.push(await g());
      const h = async () => { for (let i = 0; i < 3; i++) { try { if (i === 1) continue; if (i === 2) break; await i; } finally { log.push('h', i); } } return 'h'; };
      log.push(await h());
      const k = async () => { try { await 0; throw new Error('k'); } finally { log.push('k fin'); } };
      try { await k(); } catch (e) { log.push(e.message); }
      const m = async () => { try { try { return 'm1'; } finally { log.push('m inner'); await 1; } } finally { log.push('m outer'); } };
      log.push(await m());
    };`,
  'errors reject': `
    exports.main = async function main(log) {
      log.push(await 1);
      null.x;
    };`,
  'closures, this, arguments': `
    exports.main = async function main(log) {
      const fns = [];
      let shared = 0;
      const o = { v: 7, async m() { await 0; return this.v + arguments.length; } };
      log.push(await o.m(1, 2));
      const counter = () => ++shared;
      await 0; counter(); await 0; counter();
      log.push(shared);
      function hoisted() { return 'h' + shared; }
      log.push(hoisted(), await hoisted());
      return fns.length;
    };`,
  'parameters with defaults and patterns': `
    exports.main = async function main(log) {
      const f = async function (a, { b = 2, ...rest } = {}, [c] = [3], ...more) { await 0; return [a, b, c, JSON.stringify(rest), more.length, arguments.length]; };
      log.push(f.length, f.name, JSON.stringify(await f(1, { b: 5, z: 1 }, [9], 4, 5)));
      const g = async ({ x }) => x;
      try { await g(); } catch (e) { log.push(e.constructor.name); }
      const h = async (a = await0()) => a;
      function await0() { return 'd'; }
      log.push(await h());
    };`,
  'names and lengths': `
    exports.main = async function main(log) {
      const a = async () => {}; const b = async function () {}; const c = async function named(x, y) {};
      const o = { m: async (p) => {}, async n(q, r) {} };
      class K { async k(a) {} static async s() {} }
      log.push(a.name, b.name, c.name, c.length, o.m.name, o.m.length, o.n.name, o.n.length, K.prototype.k.name, K.s.name, main.name, main.length);
      const p = a(); log.push(typeof p.then, await p);
    };`,
  'classes: private, static, super': `
    class Base { greet(x) { return 'base ' + x; } get g() { return 'G'; } }
    class D extends Base {
      #secret = 's';
      async #priv(v) { await 0; return this.#secret + v; }
      async run(v) { const r = await this.#priv(v); return super.greet(r) + super.g + await D.st(); }
      static async st() { await 0; return new.target === undefined ? 'st' : 'nt'; }
    }
    exports.main = async function main(log) { log.push(await new D().run(1)); };`,
  'destructuring and compound assignment': `
    exports.main = async function main(log) {
      const d0 = await 4;
      const { a, b: [c, d = d0] = [] } = { a: 1, b: [3] };
      let [x, y] = await [5, 6];
      ({ x, y } = { x: y, y: x });
      const o = { n: 1 }; const key = 'n';
      o[key] += await 2; o.n *= await 3;
      log.push(a, c, d, x, y, o.n);
    };`,
  'for await over async and sync iterables': `
    exports.main = async function main(log) {
      async function* gen() { yield 1; yield 2; }
      for await (const v of gen()) log.push(v);
      for await (const v of [Promise.resolve('a'), 'b']) log.push(v);
      const it = { i: 0, [Symbol.asyncIterator]() { return this; }, next() { return Promise.resolve({ done: this.i > 2, value: this.i++ }); }, return() { log.push('closed'); return Promise.resolve({ done: true }); } };
      for await (const v of it) { if (v === 1) break; log.push(v); }
      const sync = { *[Symbol.iterator]() { try { yield 1; yield 2; } finally { log.push('sync closed'); } } };
      for (const v of sync) { await v; break; }
      const slowClose = { i: 0, [Symbol.asyncIterator]() { return this; }, next() { return Promise.resolve({ done: false, value: this.i++ }); },
        return() { return new Promise((r) => setTimeout(() => { log.push('slow close done'); r({ done: true }); }, 2)); } };
      try { for await (const v of slowClose) { await v; throw new Error('boom ' + v); } } catch (e) { log.push(e.message); }
      const badClose = { [Symbol.iterator]() { return { next: () => ({ done: false, value: 1 }), return() { throw new Error('close failed'); } }; } };
      try { for (const v of badClose) { await v; throw new Error('body'); } } catch (e) { log.push(e.message); }
      try { for (const v of badClose) { await v; break; } } catch (e) { log.push(e.message); }
    };`,
  'nested async functions and recursion': `
    exports.main = async function main(log) {
      async function fib(n) { return n < 2 ? n : (await fib(n - 1)) + (await fib(n - 2)); }
      log.push(await fib(10));
      const inner = async (x) => { const g = async (y) => x + y + await 1; return g(await x); };
      log.push(await inner(5));
    };`,
  'TDZ and shadowing': `
    const x = 'outer';
    exports.main = async function main(log) {
      log.push(x);
      await 0;
      { log.push(typeof x); let y = await 1; { let x = 2; log.push(x, y); } }
      try { log.push(z); } catch (e) { log.push(e.constructor.name); }
      let z = await 3;
      log.push(z);
    };`,
  'await in patterns, chains, tagged templates and super calls': `
    class B { m(a, b) { return 'B' + a + b + (this instanceof B); } }
    class C extends B { async run(log) { return super.m(await 1, await 2); } }
    exports.main = async function main(log) {
      const seen = [];
      const f = async (v) => { seen.push(v); return v; };
      const { a = await f('a'), b = await f('b'), [await f('k')]: k = 'kd', ...rest } = { b: 'B', k: undefined, z: 1, y: 2 };
      const [x = await f('x'), , y = await f('y'), ...more] = [undefined, 0, 'Y', 1, 2];
      log.push(a, b, k, JSON.stringify(rest), x, y, more.join());
      let p1, p2, p3, p4; const holder = {};
      ({ p1 = await f('p1'), q: [p2, p3 = await f('p3')], ...holder.rest } = { q: [2], z: 26 });
      [p4 = await f('p4'), holder.h] = [undefined, 'H'];
      log.push(p1, p2, p3, p4, holder.h, JSON.stringify(holder.rest));
      const o = { p: { q: (n) => n * 2 } }, nul = null;
      log.push(o?.p.q(await f(3)), nul?.p.q(await f(4)), o.p?.['q'](await f(5)), o.missing?.(await f(6)));
      const tag = (s, ...v) => s.raw.join('|') + v.join(',');
      log.push(tag\`a\${await f(1)}b\${2}c\`);
      log.push(await new C().run(log), seen.join());
    };`,
  'per-iteration bindings captured by closures': `
    exports.main = async function main(log) {
      const later = tick;
      const fns = [];
      for (let i = 0; i < 3; i++) { await later(0); fns.push(() => i); i += 0; }
      log.push(fns.map((f) => f()).join());
      const late = [];
      for (let i = 0; i < 3; i++) { late.push(() => i); await later(0); }
      log.push(late.map((f) => f()).join());
      const ofs = [];
      for (const s of ['a', 'b']) { const upper = (await later(s)).toUpperCase(); ofs.push(() => s + upper); }
      log.push(ofs.map((f) => f()).join());
      const makers = [];
      for (let i = 0; i < 2; i++) { let captured = i * 10; makers.push(async () => { await later(0); return ++captured; }); }
      log.push(await makers[0](), await makers[1](), await makers[0]());
      const lets = []; let j = 0;
      while (j < 3) { let copy = j; await 0; lets.push(() => copy); function g() { return copy * 2; } lets.push(g); j++; }
      log.push(lets.map((f) => f()).join());
    };`,
  'class expressions and object-literal methods': `
    const base = { greet(n) { return 'hi ' + n; } };
    exports.main = async function main(log) {
      const Anon = class { #v = 3; async get(x) { await 0; return this.#v + x; } static async make() { await 0; return new this(); } };
      const inst = await Anon.make();
      log.push(Anon.name, await inst.get(1), Anon.prototype.get.length);
      const mk = (k) => class Named { async k() { return k + await 1; } };
      log.push(await new (mk(1))().k(), await new (mk(2))().k(), mk(0).name);
      const child = { __proto__: base, async greet(n) { return super.greet(await n) + '!'; }, async ['com' + 'puted']() { return 'c'; } };
      log.push(await child.greet('x'), await child.computed(), child.computed.name);
      let i = 0; const seen = [];
      while (i < 2) { try { seen.push(later); } catch (e) { seen.push(e.name); } await 0; const later = i++; }
      const fs = [];
      for (let k = 0; k < 2; k++) { try { seen.push(captured); } catch (e) { seen.push(e.name); } await 0; let captured = k; fs.push(() => captured); }
      log.push(seen.join(), fs.map((g) => g()).join());
    };`,
  'names that clash with the frame or the generated code': `
    const cx = 'outer cx';
    exports.main = async function main(log) {
      let $s = 1, $aw = 2, $r = 3, then = 4, poll = 5, constructor = 6, $t0 = 7, $f = 8, $tp = 9, e = 10;
      await 0;
      $s++; $aw++; $r++; then++; poll++; constructor++; $t0++; $f++; $tp++; e++;
      await 0;
      log.push($s, $aw, $r, then, poll, constructor, $t0, $f, $tp, e, cx);
      try { throw 1; } catch (s) { await 0; log.push(s); }
    };`,
  'timers (real suspension)': `
    exports.main = async function main(log) {
      let total = 0;
      for (let i = 0; i < 3; i++) total += await tick(i);
      const [a, b] = await Promise.all([tick('a'), tick('b')]);
      log.push(total, a, b);
      return total;
    };`,
};

describe('lowered code behaves like native async functions', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, async () => {
      const r = await both(src, { tick });
      expect(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`)).toEqual([]);
      if (JSON.stringify(r.lowered) !== JSON.stringify(r.native)) console.log(r.code);
      expect(r.lowered).toEqual(r.native);
    });
  }
});
