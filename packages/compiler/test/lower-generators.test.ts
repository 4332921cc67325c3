// Lowered async generators (GenMachine streams) against native ones: event logs, results,
// errors, early exit, next(v)/return(v)/throw(e) into the generator, yield*, cancellation.
// Consumers are lowered too (for await polls pollNext directly) unless the snippet keeps
// them native with `@tspoll-native` (then they use the iterator protocol).
import { describe, expect, it } from 'vitest';
import { abort, Cancelled, fromIterable, isStream, Stream } from '@tspoll/runtime';
import { both, load, lower } from './lower-helpers.js';

async function same(source: string, globals: Record<string, unknown> = {}): Promise<void> {
  const r = await both(source, globals);
  expect(r.diagnostics).toEqual([]);
  expect(r.code).toContain('genFrame(');
  expect(r.lowered).toEqual(r.native);
}

const tick = 'const tick = (v) => new Promise((res) => setTimeout(() => res(v), 1));';

describe('async generators, consumed by a lowered for await', () => {
  it('yields values, awaits inside, returns', () =>
    same(`${tick}
      async function* gen(log) {
        log.push('start');
        yield 1;
        const v = await tick(2);
        log.push('after await ' + v);
        yield v;
        yield tick(3); // yield awaits its operand
        return 'r';
      }
      exports.main = async function main(log) {
        const out = [];
        for await (const x of gen(log)) { log.push('got ' + x); out.push(x); }
        return out;
      };`));

  it('is lazy: the body runs on the first poll', () =>
    same(`
      async function* gen(log) { log.push('body'); yield 1; }
      exports.main = async function main(log) {
        const g = gen(log);
        log.push('created');
        for await (const x of g) log.push(x);
        return 'ok';
      };`));

  it('break runs the finally blocks (with awaits) of the generator', () =>
    same(`${tick}
      async function* gen(log) {
        try {
          try { for (let i = 0; ; i++) yield i; }
          finally { log.push('inner finally'); await tick(0); log.push('inner after await'); }
        } finally { log.push('outer finally'); }
      }
      exports.main = async function main(log) {
        for await (const x of gen(log)) { log.push(x); if (x === 2) break; }
        await tick(0); await tick(0); await tick(0);
        log.push('after loop');
      };`));

  it('an error thrown by a finally block while break closes the generator reaches the consumer', () =>
    same(`
      async function* gen(log, wait) {
        try { yield 1; yield 2; } finally { log.push('finally'); if (wait) await new Promise((r) => setTimeout(r, 1)); throw new Error('from finally ' + wait); }
      }
      exports.main = async function main(log) {
        for (const wait of [false, true]) {
          try { for await (const x of gen(log, wait)) { log.push(x); break; } }
          catch (e) { log.push('consumer caught ' + e.message); }
        }
        // A throw completion wins over the close error, as natively (AsyncIteratorClose).
        try { for await (const x of gen(log, true)) throw new Error('body'); }
        catch (e) { log.push('consumer caught ' + e.message); }
        // A return completion does not.
        const first = async () => { for await (const x of gen(log, false)) return x; };
        try { log.push(await first()); } catch (e) { log.push('return caught ' + e.message); }
      };`));

  it('errors thrown by the generator reach the consumer; catch/finally around yields', () =>
    same(`${tick}
      async function* gen(log) {
        try {
          yield 1;
          await tick(0);
          throw new Error('boom');
        } catch (e) {
          log.push('caught ' + e.message);
          yield 'from catch';
          throw new TypeError('again');
        } finally {
          log.push('finally');
        }
      }
      exports.main = async function main(log) {
        try { for await (const x of gen(log)) log.push(x); }
        catch (e) { log.push('consumer caught ' + e.message); }
        return 'done';
      };`));

  it('a rejected yield operand throws at the yield', () =>
    same(`
      async function* gen(log) {
        try { yield Promise.reject(new Error('rejected')); }
        catch (e) { log.push('caught ' + e.message); yield 'recovered'; }
      }
      exports.main = async function main(log) {
        for await (const x of gen(log)) log.push(x);
      };`));

  it('loops, switches and labels around yields', () =>
    same(`
      async function* gen(n) {
        outer: for (let i = 0; i < n; i++) {
          switch (i % 3) {
            case 0: yield 'zero' + i; break;
            case 1: for (const j of [1, 2, 3]) { if (j === 3) continue outer; yield i * 10 + j; } break;
            default: yield await Promise.resolve(-i);
          }
        }
        return n;
      }
      exports.main = async function main(log) {
        for await (const x of gen(7)) log.push(x);
      };`));

  it('methods, expressions and this/arguments', () =>
    same(`
      class C {
        constructor() { this.k = 10; }
        async *items(a) { for (const x of arguments) yield x + this.k; }
        static async *count(n) { while (n > 0) yield n--; }
      }
      const o = { base: 5, async *m() { yield this.base; yield* C.count(2); } };
      const f = async function* named() { yield typeof named; };
      exports.main = async function main(log) {
        for await (const x of new C().items(1, 2)) log.push(x);
        for await (const x of o.m()) log.push(x);
        for await (const x of f()) log.push(x);
        log.push(C.prototype.items.name, f.name);
      };`));

  it("a generator object inherits from the function's prototype property, as it is at the call", () =>
    same(`
      const AGF = Object.getPrototypeOf(async function* () {});
      async function* decl(a) { yield a; }
      const expr = async function* () { yield 'e'; };
      class C { async *m() { yield 'm'; } static async *s() { yield 's'; } async *['k' + 1]() { yield 'k'; } }
      const o = { async *m() { yield 'o'; } };
      async function* withDefault(a = 'd') { yield a; }
      exports.main = async function main(log) {
        for (const fn of [decl, expr, C.prototype.m, C.s, C.prototype.k1, o.m, withDefault]) {
          const proto = fn.prototype;
          log.push(Object.getPrototypeOf(fn) === AGF, typeof proto, Object.getOwnPropertyNames(proto).length, Object.getPrototypeOf(fn.call(new C())) === proto);
        }
        decl.prototype.extra = function () { return 'extra ' + Object.prototype.toString.call(this); };
        const g = decl(1);
        log.push(g.extra(), (await g.next()).value);
        const defaultProto = Object.getPrototypeOf(decl.prototype);
        for (const p of [undefined, null, 1, 'x']) { decl.prototype = p; log.push(Object.getPrototypeOf(decl(0)) === defaultProto); }
        decl.prototype = Object.create(defaultProto, { tag: { value: 'mine' } });
        const mine = decl(2);
        log.push(mine.tag, (await mine.next()).value, Object.getPrototypeOf(decl.prototype) === Object.getPrototypeOf(expr.prototype));
        for await (const x of withDefault()) log.push(x);
      };`));
});

describe('yield*', () => {
  it('over async generators, sync iterables (values awaited) and return values', () =>
    same(`${tick}
      async function* inner(log) {
        try { yield 'a'; yield await tick('b'); return 'inner result'; }
        finally { log.push('inner finally'); }
      }
      function* sync() { yield 1; yield Promise.resolve(2); return 'sync result'; }
      async function* outer(log) {
        const r1 = yield* inner(log);
        log.push('r1 ' + r1);
        const r2 = yield* sync();
        log.push('r2 ' + r2);
        yield* [tick('x'), 'y'];
        return 'outer';
      }
      exports.main = async function main(log) {
        for await (const x of outer(log)) log.push(x);
      };`));

  it('over a runtime Stream and a native async iterable object', () =>
    same(`
      const iterable = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => (i < 2 ? { done: false, value: 'n' + i++ } : { done: true, value: 'end' }) }; } };
      async function* outer(log) {
        log.push('r ' + (yield* fromIterable([1, 2, 3])));
        log.push('r ' + (yield* iterable));
      }
      exports.main = async function main(log) {
        for await (const x of outer(log)) log.push(x);
      };`, { fromIterable }));

  it('break during yield*: the inner generator finishes its finally blocks (which await) before the outer ones run', () =>
    same(`
      const wait = () => new Promise((r) => setTimeout(r, 2));
      async function* inner(log) { try { yield 1; yield 2; } finally { log.push('inner finally'); await wait(); log.push('inner finally end'); } }
      const iterable = { [Symbol.asyncIterator]() { return { next: async () => ({ done: false, value: 'n' }), return: async () => { await wait(); log0.push('native return end'); return { done: true }; } }; } };
      let log0;
      async function* outer(log) { try { yield* inner(log); } finally { log.push('outer finally'); } }
      async function* outer2(log) { try { yield* iterable; } finally { log.push('outer2 finally'); } }
      exports.main = async function main(log) {
        log0 = log;
        for await (const x of outer(log)) { log.push(x); break; }
        for await (const x of outer2(log)) { log.push(x); break; }
        log.push('after');
      };`));

  it('break during yield* closes the inner generator', () =>
    same(`
      async function* inner(log) { try { yield 1; yield 2; yield 3; } finally { log.push('inner finally'); } }
      async function* outer(log) { try { yield* inner(log); } finally { log.push('outer finally'); } }
      exports.main = async function main(log) {
        for await (const x of outer(log)) { log.push(x); if (x === 2) break; }
        await null; await null; await null;
        log.push('after');
      };`));
});

describe('the native iterator protocol of a lowered generator', () => {
  it('for await in native code, with break', () =>
    same(`
      async function* gen(log) {
        try { yield 1; yield 2; yield 3; } finally { log.push('finally'); }
      }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        log.push(g[Symbol.asyncIterator]() === g, Object.prototype.toString.call(g));
        for await (const x of g) { log.push(x); if (x === 2) break; }
        log.push(JSON.stringify(await g.next()));
      };`));

  it('next(v) sends values; the return value is the last result', () =>
    same(`
      async function* gen(log) {
        const a = yield 'first';
        log.push('a=' + a);
        const b = yield 'second';
        log.push('b=' + b);
        return a + b;
      }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        for (const v of [10, 20, 30, 40]) log.push(JSON.stringify(await g.next(v)));
      };`));

  it('next() calls without awaiting are served in order', () =>
    same(`
      async function* gen(log) { yield 1; await null; yield 2; return 3; }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        const rs = await Promise.all([g.next(), g.next(), g.next(), g.next()]);
        log.push(JSON.stringify(rs));
      };`));

  it('return(v) runs finally blocks (which may await and yield), skips catch', () =>
    same(`
      async function* gen(log) {
        try {
          try { yield 1; yield 2; }
          catch (e) { log.push('not here'); }
          finally { log.push('finally 1'); await null; yield 'from finally'; log.push('finally 1 end'); }
        } finally { log.push('finally 2'); }
      }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.return('R')));
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.next()));
      };`));

  it('return(v) awaits a thenable value; a finally can override it', () =>
    same(`
      async function* gen(log) { try { yield 1; } finally { log.push('f'); } }
      async function* over(log) { try { yield 1; } finally { return 'override'; } }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        await g.next();
        log.push(JSON.stringify(await g.return(Promise.resolve('P'))));
        const h = over(log);
        await h.next();
        log.push(JSON.stringify(await h.return('R')));
      };`));

  it('throw(e) resumes the generator at the yield with an exception', () =>
    same(`
      async function* gen(log) {
        while (true) {
          try { yield 'waiting'; log.push('resumed'); }
          catch (e) { log.push('caught ' + e); if (e === 'stop') return 'stopped'; yield 'after catch'; }
        }
      }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.throw('x')));
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.throw('stop')));
        try { await g.throw('late'); } catch (e) { log.push('rejected ' + e); }
      };`));

  it('an uncaught throw(e) rejects and finishes the generator', () =>
    same(`
      async function* gen(log) { try { yield 1; } finally { log.push('finally'); } }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        await g.next();
        try { await g.throw(new Error('in')); } catch (e) { log.push('rejected ' + e.message); }
        log.push(JSON.stringify(await g.next()));
      };`));

  it('return/throw before the first next do not run the body', () =>
    same(`
      async function* gen(log) { try { log.push('body'); yield 1; } finally { log.push('finally'); } }
      // @tspoll-native
      exports.main = async function main(log) {
        log.push(JSON.stringify(await gen(log).return('early')));
        const g = gen(log);
        try { await g.throw('early error'); } catch (e) { log.push('rejected ' + e); }
        log.push(JSON.stringify(await g.next()));
      };`));

  it('return and throw are delegated through yield*', () =>
    same(`
      async function* inner(log) {
        try { yield 'i1'; yield 'i2'; }
        catch (e) { log.push('inner caught ' + e); yield 'i3'; return 'inner done'; }
        finally { log.push('inner finally'); }
      }
      async function* outer(log) {
        try { const r = yield* inner(log); log.push('r ' + r); yield 'o1'; }
        finally { log.push('outer finally'); }
      }
      function* syncInner(log) { try { yield 's1'; } finally { log.push('sync finally'); } }
      async function* outer2(log) { yield* syncInner(log); }
      // @tspoll-native
      exports.main = async function main(log) {
        let g = outer(log);
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.throw('E')));
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.next()));
        g = outer(log);
        await g.next();
        log.push(JSON.stringify(await g.return('R')));
        const h = outer2(log);
        await h.next();
        log.push(JSON.stringify(await h.return('R2')));
      };`));
});

describe('cancel()', () => {
  it('is a Stream whose cancel() runs the finally blocks around the current yield', async () => {
    const l = lower(`
      exports.gen = async function* gen(log) {
        try { try { yield 1; log.push('not reached'); } catch (e) { log.push('no catch'); } finally { log.push('inner'); } }
        finally { log.push('outer'); }
      };`);
    expect(l.diagnostics).toEqual([]);
    const log: string[] = [];
    const g = load(l.code).gen(log);
    expect(isStream(g)).toBe(true);
    expect(g).toBeInstanceOf(Stream);
    expect(await g.next()).toEqual({ done: false, value: 1 });
    g.cancel();
    expect(log).toEqual(['inner', 'outer']);
    expect(await g.next()).toEqual({ done: true, value: undefined });
  });

  it('unwinds from an await and finishes finally blocks that await in a cleanup task', async () => {
    const l = lower(`
      exports.gen = async function* gen(log, gate) {
        try { yield 1; await gate; log.push('not reached'); }
        catch (e) { log.push('catch does not run'); }
        finally { log.push('finally'); await new Promise((r) => setTimeout(r, 1)); log.push('finally end'); }
      };`);
    expect(l.diagnostics).toEqual([]);
    const log: string[] = [];
    const g = load(l.code).gen(log, new Promise(() => {}));
    // forEach owns the stream: cancelling it cancels the generator.
    const consumer = g.forEach((x: number) => void log.push('got ' + x));
    consumer.then(undefined, (e: unknown) => log.push('consumer ' + (e instanceof Cancelled ? 'cancelled' : String(e))));
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['got 1']);
    consumer.cancel();
    await null;
    expect(log.slice(0, 2)).toEqual(['got 1', 'finally']);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['got 1', 'finally', 'consumer cancelled', 'finally end']);
    expect(await g.next()).toEqual({ value: undefined, done: true });
  });

  it('cancelling a lowered consumer waiting in pollNext cancels the stream it iterates', async () => {
    const l = lower(`
      exports.gen = async function* gen(log, gate) { try { yield 1; await gate; yield 2; } finally { log.push('gen finally'); await null; log.push('gen finally end'); } };
      exports.consume = async function consume(s, log) { try { for await (const x of s) log.push('got ' + x); } finally { log.push('consumer finally'); } };`);
    expect(l.diagnostics).toEqual([]);
    const log: string[] = [];
    const m = load(l.code);
    const consumer = m.consume(m.gen(log, new Promise(() => {})), log);
    consumer.then(undefined, (e: unknown) => log.push(e instanceof Cancelled ? 'consumer cancelled' : String(e)));
    await new Promise((r) => setTimeout(r, 5));
    abort(consumer); // the promise of a running lowered call
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['got 1', 'gen finally', 'gen finally end', 'consumer finally', 'consumer cancelled']);
  });

  it('an error from pollNext does not cancel the stream (a rejected next() does not close natively)', async () => {
    const l = lower(`exports.consume = async function consume(s, log) { try { for await (const x of s) log.push(x); } catch (e) { log.push('caught ' + e.message); } };`);
    const log: unknown[] = [];
    let cancels = 0;
    const s = new (class extends Stream<number> {
      n = 0;
      pollNext(): number {
        if (this.n++ === 1) throw new Error('stream failed');
        return this.n;
      }
      override cancel() {
        cancels++;
      }
    })();
    await load(l.code).consume(s, log);
    expect(log).toEqual([1, 'caught stream failed']);
    expect(cancels).toBe(0);
  });

  it('answers a pending next() with the end, and keeps later consumers out while finally blocks await', async () => {
    const l = lower(`
      exports.gen = async function* gen(log, gate) {
        try { yield 1; await gate; yield 2; }
        finally { log.push('finally'); await new Promise((r) => setTimeout(r, 2)); log.push('finally end'); }
      };`);
    const log: string[] = [];
    const g = load(l.code).gen(log, new Promise(() => {}));
    expect(await g.next()).toEqual({ value: 1, done: false });
    const pending = g.next();
    await new Promise((r) => setTimeout(r, 1));
    g.cancel();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(await g.next()).toEqual({ value: undefined, done: true });
    expect(log).toEqual(['finally']);
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['finally', 'finally end']);
  });

  it('never started: no user code runs', async () => {
    const l = lower(`exports.gen = async function* gen(log) { try { log.push('body'); yield 1; } finally { log.push('finally'); } };`);
    const log: string[] = [];
    const g = load(l.code).gen(log);
    g.cancel();
    expect(log).toEqual([]);
    expect(await g.next()).toEqual({ done: true, value: undefined });
  });

  it('during yield*, cancels the inner stream too', async () => {
    const l = lower(`
      async function* inner(log) { try { yield 1; yield 2; } finally { log.push('inner finally'); } }
      exports.gen = async function* gen(log) { try { yield* inner(log); } finally { log.push('outer finally'); } };`);
    const log: string[] = [];
    const g = load(l.code).gen(log);
    expect(await g.next()).toEqual({ done: false, value: 1 });
    g.cancel();
    expect(log).toEqual(['inner finally', 'outer finally']);
  });
});

describe('streams', () => {
  it('pollNext is driven by the runtime combinators', async () => {
    const l = lower(`exports.gen = async function* gen() { for (let i = 0; i < 5; i++) { await null; yield i; } return 'ignored'; };`);
    const { gen } = load(l.code);
    expect(await gen().map((x: number) => x * 2).collect()).toEqual([0, 2, 4, 6, 8]);
    let finals = 0;
    const l2 = lower(`exports.gen = async function* gen(done) { try { for (let i = 0; ; i++) yield i; } finally { done(); } };`);
    expect(await load(l2.code).gen(() => finals++).take(3).collect()).toEqual([0, 1, 2]);
    expect(finals).toBe(1);
    expect(await gen().collect()).toEqual(await fromIterable([0, 1, 2, 3, 4]).collect());
  });
});

describe('more positions and shapes, native vs lowered', () => {
  const cases: Record<string, string> = {
    positions: `
      async function* gen(log) {
        log.push('a', yield 1, 'b');
        const [x, y = yield 'default'] = yield 'pair';
        log.push(x, y);
        const z = (yield 'cond') ? yield 'then' : 'else';
        log.push(z, (yield 'obj') ?? 'nullish');
        log.push(\`t\${yield 'tpl'}\`);
        return yield 'last';
      }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        let r = await g.next('ignored'); let i = 0;
        while (!r.done) { log.push(JSON.stringify(r)); r = await g.next(r.value === 'pair' ? [1] : i++); }
        log.push(JSON.stringify(r));
      };`,
    nestedForAwait: `
      async function* inner(n) { for (let i = 0; i < n; i++) yield i; }
      async function* outer(log) {
        for await (const a of inner(3)) { for await (const b of inner(a)) yield a * 10 + b; }
      }
      exports.main = async function main(log) { for await (const v of outer(log)) log.push(v); };`,
    yieldInFinallyOnBreak: `
      async function* gen(log) {
        try { yield 1; yield 2; } finally { log.push('fin'); await null; log.push('fin2'); }
      }
      exports.main = async function main(log) {
        for await (const v of gen(log)) { log.push(v); break; }
        log.push('after');
      };`,
    notIterable: `
      async function* gen(log) { try { yield* 5; } catch (e) { log.push(e.constructor.name); } }
      exports.main = async function main(log) { for await (const v of gen(log)) log.push(v); };`,
    throwInConsumer: `
      async function* gen(log) { try { yield 1; yield 2; } finally { log.push('gen finally'); } }
      exports.main = async function main(log) {
        try { for await (const v of gen(log)) { log.push(v); throw new Error('consumer'); } }
        catch (e) { log.push(e.message); }
      };`,
    returnInConsumer: `
      async function* gen(log) { try { yield 1; yield 2; } finally { log.push('gen finally'); await null; log.push('gen finally 2'); } }
      async function first(log) { for await (const v of gen(log)) return v; }
      exports.main = async function main(log) { log.push(await first(log)); log.push('after'); };`,
    classExpr: `
      const C = class { async *g() { yield 1; yield this.constructor.name; } };
      exports.main = async function main(log) { for await (const v of new C().g()) log.push(v); };`,
    superAndPrivate: `
      class A { val() { return 'A'; } static async *base() { yield 'base'; } }
      class B extends A {
        #secret = 42;
        val() { return 'B'; }
        async *items() { yield super.val(); await null; yield this.#secret; yield* super.constructor.base(); }
        static async *[Symbol.for('computed')]() { yield 'computed'; }
      }
      exports.main = async function main(log) {
        for await (const v of new B().items()) log.push(v);
        for await (const v of B[Symbol.for('computed')]()) log.push(v);
      };`,
    throwReturnInsideForAwait: `
      async function* inner(log, tag) { try { yield tag + 1; yield tag + 2; } finally { log.push(tag + ' inner finally'); await null; } }
      async function* gen(log, tag) {
        try { for await (const x of inner(log, tag)) { try { yield x; } finally { log.push(tag + ' body finally'); } } }
        catch (e) { log.push(tag + ' caught ' + e); yield 'after'; }
        finally { log.push(tag + ' gen finally'); }
      }
      // @tspoll-native
      exports.main = async function main(log) {
        let g = gen(log, 't');
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.throw('E')));
        log.push(JSON.stringify(await g.next()));
        g = gen(log, 'r');
        log.push(JSON.stringify(await g.next()));
        log.push(JSON.stringify(await g.return('R')));
        log.push(JSON.stringify(await g.next()));
      };`,
    arrowInside: `
      async function* gen(log) { const f = async (x) => x * 2; for (const x of [1, 2]) yield await f(x); yield [1,2].map((v) => v + 1); }
      exports.main = async function main(log) { for await (const v of gen(log)) log.push(v); };`,
    asyncIterOfSyncRejected: `
      async function* gen(log) { try { yield* [1, Promise.reject(new Error('bad')), 3]; } catch (e) { log.push('caught ' + e.message); } }
      exports.main = async function main(log) { for await (const v of gen(log)) log.push(v); };`,
    spreadArgs: `
      async function* gen(...xs) { for (const x of xs) yield x; }
      async function* gen2(a, { b } = { b: 2 }) { yield a; yield b; }
      exports.main = async function main(log) { for await (const v of gen(1, 2)) log.push(v); for await (const v of gen2(1)) log.push(v); log.push(gen.length, gen2.length); };`,
    concurrentNext: `
      async function* gen(log) { for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 3 - i)); yield i; } }
      // @tspoll-native
      exports.main = async function main(log) {
        const g = gen(log);
        const ps = [g.next(), g.return('early'), g.next()];
        for (const p of ps) log.push(JSON.stringify(await p));
      };`,
  };
  for (const [name, src] of Object.entries(cases)) it(name, () => same(src));
});

describe('using in a lowered generator', () => {
  it('disposes on early exit and at the end (Node has no native using to compare with)', async () => {
    const l = lower(`
      async function* gen(log) {
        using a = { [Symbol.dispose]() { log.push('dispose a'); } };
        await using b = { async [Symbol.asyncDispose]() { await null; log.push('dispose b'); } };
        yield 1; yield 2;
      }
      exports.main = async function main(log) {
        for await (const v of gen(log)) { log.push(v); if (v === 1) break; }
        log.push('next');
        for await (const v of gen(log)) log.push(v);
        log.push('end');
      };`);
    expect(l.diagnostics).toEqual([]);
    const log: unknown[] = [];
    await load(l.code).main(log);
    expect(log).toEqual([1, 'dispose b', 'dispose a', 'next', 1, 2, 'dispose b', 'dispose a', 'end']);
  });
});
