// Awaiting native promises from lowered code: the bridge registers one reaction pair per await
// and reuses pairs whose reaction ran (runtime future/bridge.ts). Each snippet's `main(log)` runs
// natively and lowered; the log, the result and the error must be the same.
import { describe, expect, it } from 'vitest';
import * as rt from '@tspoll/runtime';
import { both, load, lower } from './lower-helpers.js';

const cases: Record<string, string> = {
  'a value with a then added after fulfilment is not adopted': `
    exports.main = async function main(log) {
      const o = { v: 1 };
      const p = Promise.resolve(o);
      o.then = (res) => res('adopted');
      const r = await p;
      log.push(r === o, typeof r);
      return r.v;
    };`,
  'many calls interleave their awaits of promises as natively': `
    exports.main = async function main(log) {
      const step = async (name, n) => {
        for (let i = 0; i < n; i++) log.push(name + i + ':' + await Promise.resolve(i));
        return name;
      };
      const ps = [step('a', 4), step('b', 3), step('c', 5)];
      log.push('started');
      return (await Promise.all(ps)).join();
    };`,
  'rejections, caught one after another, and a pending one': `
    exports.main = async function main(log) {
      for (let i = 0; i < 3; i++) {
        try { await Promise.reject(new Error('e' + i)); } catch (e) { log.push(e.message); }
        log.push(await new Promise((r) => setTimeout(() => r('t' + i), 1)));
      }
      await Promise.reject(new Error('last'));
    };`,
  'a Promise subclass and a fake promise': `
    exports.main = async function main(log) {
      class P extends Promise {}
      log.push(await P.resolve('sub'));
      const fake = Object.create(Promise.prototype);
      try { await fake; log.push('no error'); } catch (e) { log.push(e instanceof TypeError); }
      return 'ok';
    };`,
};

describe('awaiting native promises, lowered vs native', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, async () => {
      const r = await both(src);
      expect(r.diagnostics).toEqual([]);
      expect(r.lowered).toEqual(r.native);
    });
  }
});

describe('a cancelled await of a promise', () => {
  const l = lower(`
    exports.main = async function main(log, slow) {
      const r = await select(fromPromise(slow), Promise.resolve('fast'));
      log.push(r.value);
      for (let i = 0; i < 3; i++) log.push(await new Promise((res) => setTimeout(() => res('next' + i), 2)));
      return 'done';
    };`);
  const m = load(l.code, { select: rt.select, fromPromise: rt.fromPromise });

  it('leaves the later awaits of the task their own results when the dropped promise settles', async () => {
    const log: unknown[] = [];
    let settle!: (v: unknown) => void;
    const slow = new Promise((res) => (settle = res));
    setTimeout(() => settle('late'), 3); // settles while the task awaits the next promises
    expect(await m.main(log, slow)).toBe('done');
    expect(log).toEqual(['fast', 'next0', 'next1', 'next2']);
  });
});
