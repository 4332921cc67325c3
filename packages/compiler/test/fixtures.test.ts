// The differential suite: each fixture in test-fixtures/lowering runs natively and lowered and
// must produce the same event log, result and error. Also pins each fixture's state listing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleFixtures, fixtureName, importFile, listFixtures, REPO_DIR, runMain } from './harness.js';
import { currentStates, expectedStates, statesPath } from './states.js';

const DIR = path.join(REPO_DIR, 'test-fixtures/lowering');
const files = listFixtures(DIR);
let bundle: Bundle;

afterAll(() => bundle?.dispose());

beforeAll(async () => {
  bundle = await bundleFixtures(files, 'lowering');
});

describe.each(files.map((f) => [fixtureName(f), f] as const))('%s', (name, file) => {
  it('lowered run matches the native run', async () => {
    const { isLowered } = (await importFile(bundle.runtime)) as { isLowered(fn: unknown): boolean };
    const native = await runMain(bundle.native.get(name)!, isLowered);
    const lowered = await runMain(bundle.lowered.get(name)!, isLowered);
    expect(native.lowered).toBe(false);
    // Without this a lowering that changed nothing would pass every comparison.
    expect(lowered.lowered, 'main must be a lowered function').toBe(true);
    const { lowered: _n, ...want } = native;
    const { lowered: _l, ...got } = lowered;
    expect(got).toEqual(want); // the same log, result or error, and a native Promise from both
  });

  it('compiles without diagnostics', () => {
    const compiled = bundle.compiled.get(file);
    expect(compiled?.syntaxError).toBeUndefined();
    expect(compiled?.changed).toBe(true);
    expect(compiled?.diagnostics).toEqual([]);
  });

  it(`state listing matches ${path.basename(statesPath(file))}`, () => {
    const current = currentStates(file);
    const expected = expectedStates(file, current);
    expect(expected, 'no expected listing: run with UPDATE_FIXTURES=1 and review it').toBeDefined();
    expect(current).toEqual(expected);
  });

  it('names every state of a machine differently', () => {
    for (const m of currentStates(file).machines) {
      const names = m.states.map((s) => s.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i), m.name).toEqual([]);
    }
  });
});
