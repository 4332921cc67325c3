// `using` / `await using` lowered, compared with TypeScript's own downlevel of the same
// source (Node 20 has no native `using`): disposal order, SuppressedError, break/return/throw.
import { describe, expect, it } from 'vitest';
import { load, lowerTs, stripTypes } from './lower-helpers.js';

const later = (v: unknown) => new Promise((r) => setTimeout(() => r(v), 1));

const source = `
function resource(log: string[], name: string, failOnDispose = false) {
  return { name, [Symbol.dispose]() { log.push('dispose ' + name); if (failOnDispose) throw new Error('dispose ' + name + ' failed'); } };
}
function asyncResource(log: string[], name: string) {
  return { name, async [Symbol.asyncDispose]() { await later(1); log.push('async dispose ' + name); } };
}
async function scoped(log: string[]) {
  using a = resource(log, 'a');
  await later(0);
  await using b = asyncResource(log, 'b');
  using c = resource(log, 'c');
  log.push('body ' + a.name + b.name + c.name);
  await later(0);
  return 'scoped done';
}
async function throwing(log: string[]) {
  using a = resource(log, 'ta');
  await using b = asyncResource(log, 'tb');
  await later(0);
  throw new Error('body failed with ' + a.name + b.name);
}
async function failingDispose(log: string[]) {
  using x = resource(log, 'fx', true);
  await later(0);
  return x.name;
}
async function both(log: string[]) {
  using x = resource(log, 'b1', true);
  using y = resource(log, 'b2', true);
  await later(0);
  throw new Error('body');
}
export async function main(log: string[]) {
  log.push(await scoped(log));
  try { await throwing(log); } catch (e) { log.push('caught ' + (e as Error).message); }
  try { await failingDispose(log); } catch (e) { log.push('dispose error ' + (e as Error).message); }
  try { await both(log); } catch (e: any) { log.push(e.name, e.error?.message, e.suppressed?.name, e.suppressed?.error?.message, e.suppressed?.suppressed?.message); }
  for (let i = 0; i < 3; i++) {
    using r = resource(log, 'loop' + i);
    await later(0);
    if (i === 1) break;
    log.push('loop body ' + r.name);
  }
  {
    await using nullish = null;
    log.push('null resource ' + nullish);
  }
  return 'ok';
}`;

describe('using declarations', () => {
  it('dispose like TypeScript downlevel does', async () => {
    const lowered = lowerTs(source);
    expect(lowered.diagnostics).toEqual([]);
    expect(lowered.code).not.toMatch(/^\s*(await )?using |async function/m);
    const run = async (code: string) => {
      const log: unknown[] = [];
      const result = await load(code, { later }).main(log);
      return { log, result };
    };
    const native = await run(stripTypes(source));
    const got = await run(lowered.code);
    expect(got).toEqual(native);
  });
});
