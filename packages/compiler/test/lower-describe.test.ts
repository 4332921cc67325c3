// The engine's own outputs besides code: state names, the MachineDescription data, the
// defineMachine info, placement (names/lengths) and the opt-outs and diagnostics.
import { describe, expect, it } from 'vitest';
import { lazyCall } from '@tspoll/runtime/abi';
import { load, lower } from './lower-helpers.js';

const fetchAndProcess = `
exports.fetchAndProcess = async function fetchAndProcess(client, url) {
  const response = await client.get(url);
  const data = await response.json();
  await sleep(5);
  await sleep(6);
  return data;
};`;

describe('machine description', () => {
  const l = lower(fetchAndProcess);
  const m = l.machines[0]!;

  it('names states after what they await, numbering duplicates', () => {
    expect(m.name).toBe('fetchAndProcess');
    // `return data` may return a thenable, which an async function adopts: one shared state.
    expect(m.states.map((s) => s.name)).toEqual(['Start', 'WaitingForGet', 'WaitingForJson', 'WaitingForSleep', 'WaitingForSleep2', 'WaitingForReturnValue', 'Done', 'Unwind']);
    expect(m.states[1]).toMatchObject({ id: 1, awaits: 'client.get(url)', loc: { line: 3, col: 20 } });
    expect(m.loc).toEqual({ file: 'snippet.js', line: 2, col: 27 });
  });

  it('lists locals live across awaits as frame fields, other locals stay in poll', () => {
    expect(m.states.find((s) => s.name === 'WaitingForSleep')!.live).toEqual(['data']);
    expect(l.code).toMatch(/const response = \$r/);
    expect(l.code).toMatch(/this\.data = \$r/);
  });

  it('records transitions, including returns and the unwind entry', () => {
    expect(m.transitions).toContainEqual({ from: 0, to: 1, kind: 'await-ready' });
    expect(m.transitions).toContainEqual({ from: 1, to: 1, kind: 'resume' });
    expect(m.transitions).toContainEqual({ from: 4, to: -1, kind: 'return' });
    expect(m.transitions).toContainEqual({ from: -2, to: -1, kind: 'cancel' });
  });

  it('puts the state names on the case labels and in defineMachine', async () => {
    expect(l.code).toContain('case 1 /* WaitingForGet */:');
    const mod = load(l.code, { sleep: (v: unknown) => v });
    const frame = lazyCall(mod.fetchAndProcess, undefined, [{ get: async () => ({ json: () => 'data!' }) }, 'u']) as any; // the frame, unstarted
    expect(frame.poll.name).toBe('fetchAndProcess');
    // The adopting state is the runtime's (ADOPTING, -3), named by introspection itself.
    expect(frame.poll.$info.states).toEqual(['Start', 'WaitingForGet', 'WaitingForJson', 'WaitingForSleep', 'WaitingForSleep2']);
    expect(m.states.find((s) => s.name === 'WaitingForReturnValue')!.id).toBe(-3);
    expect(await frame).toBe('data!');
  });
});

describe('state names', () => {
  it('are unique within a machine: a second try/catch, loop or await of the same name is numbered in source order', () => {
    const l = lower(`
exports.f = async function f(n) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    try { total += await step(i); } catch { total -= 1; }
    try { total += await step(-i); } catch { total -= 2; }
  }
  for (let j = 0; j < n; j++) total += await step(j);
  return total;
};`);
    const names = l.machines[0]!.states.map((s) => s.name);
    expect(names).toEqual([
      'Start', 'For', 'Try', 'WaitingForStep', 'Catch', 'AfterTry', 'WaitingForStep2', 'Catch2', 'AfterTry2',
      'AfterFor', 'For2', 'WaitingForStep3', 'ForNext', 'AfterFor2', 'WaitingForReturnValue', 'Done', 'Unwind',
    ]);
    expect(l.code).toContain('/* Catch2 */');
  });

  it('stay unique when an awaited name already ends in a number, and for yields', () => {
    const l = lower('exports.f = async function f() { await get2(); await get(); await get(); };\nexports.g = async function* g() { yield 1; yield* h(); yield 2; };');
    expect(l.machines[0]!.states.map((s) => s.name)).toEqual(['Start', 'WaitingForGet2', 'WaitingForGet', 'WaitingForGet3', 'Done', 'Unwind']);
    const g = l.machines[1]!.states.map((s) => s.name);
    expect(g.filter((n) => /^(Yielded|Delegating)/.test(n))).toEqual(['Yielded', 'Delegating', 'Yielded2']);
    expect(new Set(g).size).toBe(g.length);
  });
});

describe('opt-outs and diagnostics', () => {
  it('keeps @tspoll-native functions and @tspoll-native-file files native', () => {
    const a = lower('// @tspoll-native\nexports.f = async function f() { await 1; };\nexports.g = async () => { await 2; };');
    expect(a.code).toContain('async function f()');
    expect(a.code).not.toContain('async () =>');
    const b = lower('// @tspoll-native-file\nexports.f = async function f() { await 1; };');
    expect(b.code).toContain('async function f()');
    expect(b.machines).toEqual([]);
  });

  it('leaves top-level await native and lowers async generators to GenMachine streams', () => {
    const l = lower('async function* g() { yield await 1; }\nawait 0;\n', 'm.mjs');
    expect(l.code).not.toContain('async function* g()');
    expect(l.code).toContain('$tp.genFrame(g$poll, this)');
    expect(l.code).toContain('await 0;');
    expect(l.diagnostics).toEqual([]);
    expect(l.machines.map((m) => m.name)).toEqual(['g']);
  });

  it('reports what it cannot lower and leaves that function native', () => {
    const l = lower('exports.f = async function f(xs) { for (using r of xs) { await r; } };\nexports.g = async () => 1;');
    expect(l.diagnostics.map((d) => d.code)).toEqual(['TSP1003']);
    expect(l.code).toContain('async function f(xs)');
    expect(l.code).not.toContain('async () => 1');
  });

  it('keeps functions with direct eval or with native (TSP1004)', () => {
    const l = lower('exports.f = async function f(x) { await 0; return eval("x"); };');
    expect(l.diagnostics.map((d) => d.code)).toEqual(['TSP1004']);
    expect(l.code).toContain('async function f(x)');
  });

  it('never throws on odd input: an internal error becomes TSP9000 and the function stays native', () => {
    for (const src of ['async function f() { with (o) { await 1; } }', 'exports.x = class { async [await0()]() {} };', 'async function f() { label: { await 1; break label; } }']) {
      expect(() => lower(src)).not.toThrow();
    }
  });
});
