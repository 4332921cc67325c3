// The differential fuzzer in CI: a fixed seed set, the saved regressions, and checks that
// the fuzzer itself works (determinism of the programs, shrinking of a known mismatch).
// Longer runs: `node scripts/fuzz/run.mjs --seeds 1000-5000`.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs modules without declarations
import { check, fuzzSeeds, loadFixtures } from './fuzz.mjs';
// @ts-expect-error plain .mjs modules without declarations
import { generate, render } from './gen.mjs';

const CI_SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
  log: unknown;
}
interface Checked {
  native: Outcome;
  lowered: Outcome;
  diff: string | null;
  kind: string | null;
}

describe('differential fuzzer', () => {
  it('generated programs are deterministic (two native runs agree)', async () => {
    const progs = CI_SEEDS.slice(0, 80).map((seed) => ({ id: String(seed), source: render(generate(seed)) }));
    const res: Map<string, Checked> = await check(progs, { mode: 'native' });
    const diffs = [...res].filter(([, r]) => r.diff).map(([id, r]) => `seed ${id}: ${r.diff}`);
    expect(diffs).toEqual([]);
    // The programs exercise something: most finish, some throw, many log.
    const outcomes = [...res.values()].map((r) => r.native);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(40);
    expect(outcomes.filter((o) => !o.ok).length).toBeGreaterThan(3);
  }, 60_000);

  it(`${CI_SEEDS.length} fixed-seed programs behave the same lowered as native`, async () => {
    const { total, failures } = await fuzzSeeds(CI_SEEDS, { mode: 'tspoll', shrinkFailures: false, save: false });
    expect(total).toBe(CI_SEEDS.length);
    const report = failures.map(
      (f: { seed: number; kind: string; diff: string }) =>
        `seed ${f.seed} [${f.kind}] ${f.diff}  (shrink: node scripts/fuzz/run.mjs --seeds ${f.seed})`,
    );
    expect(report).toEqual([]);
  }, 120_000);

  // One test per saved regression (all built and run in one batch).
  const fixtures: { name: string; id: string; source: string; expected: Outcome | null }[] = loadFixtures();
  let fixtureResults: Map<string, Checked> | null = null;
  const fixtureResult = async (id: string): Promise<Checked> => {
    fixtureResults ??= await check(
      fixtures.map((f) => ({ id: f.id, source: f.source })),
      { mode: 'tspoll' },
    );
    return fixtureResults!.get(id)!;
  };
  for (const f of fixtures) {
    it(`regression ${f.name} (test-fixtures/fuzz) matches its native log`, async () => {
      expect(f.expected, `${f.name} has no EXPECTED`).not.toBeNull();
      const r = await fixtureResult(f.id);
      // The stored log is the native behaviour: the native run must still produce it, and
      // the lowered run must match it.
      expect(r.native).toEqual(f.expected);
      expect(r.lowered).toEqual(f.expected);
    }, 60_000);
  }

  it('survives programs that take the child process down, and says which run died', async () => {
    // The "lowering" swaps two calls: program `nat` exits the process only natively, `low`
    // only lowered. The batch's child dies; the batch is split and nothing else is lost.
    const custom = (src: string) => ({ code: src.replace('process.exit', 'Number').replace('Math.abs', 'process.exit') });
    const main = (call: string) => `export async function main(lg) { lg.log(${call}(7)); return 1; }\n`;
    const progs = [
      { id: '1', source: render(generate(1)) },
      { id: 'nat', source: main('process.exit') },
      { id: 'low', source: main('Math.abs') },
    ];
    const res: Map<string, Checked & { skipped?: string }> = await check(progs, { mode: 'native', custom });
    expect(res.get('1')!.diff).toBeNull();
    expect(res.get('nat')!.skipped).toBe('program crashed the process (code 7, signal null) in the native run');
    expect(res.get('low')!.diff).toBe('program crashed the process (code 7, signal null) in the lowered run');
    expect(res.get('low')!.kind).toBe('crash');
  }, 60_000);

  it('shrinks a mismatch to a small reproduction (against a deliberately broken lowering)', async () => {
    // The broken "lowering" turns every `*` into `+`; the shrinker must reduce a whole
    // program to little more than the one multiplication that shows it.
    const custom = (src: string) => ({ code: src.replace(/ \* /g, ' + ') });
    const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
    const found = await fuzzSeeds(seeds, { mode: 'native', custom, save: false, shrinkFailures: false });
    expect(found.failures.length).toBeGreaterThan(0);
    const seed: number = found.failures[0].seed;
    const { failures } = await fuzzSeeds([seed], { mode: 'native', custom, save: false });
    const shrunk: string = failures[0].shrunk;
    expect(render(generate(seed)).length).toBeGreaterThan(1000);
    expect(shrunk.length).toBeLessThan(250);
    expect(shrunk).toContain(' * ');
  }, 60_000);
});
