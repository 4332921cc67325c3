// test262 in CI (README.md here): a fixed sample of the async part of test262, and every known
// failure, natively and lowered. Every sampled test that passes natively must pass lowered,
// except the known failures (known-failures.txt), and every known failure must still fail, so
// the list stays honest. The runner itself is checked on a few tests written here.
// Full run: node scripts/test262/run.mjs
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs module without declarations
import * as lib from './lib.mjs';

interface Run {
  ok: boolean;
  error?: string;
  changed?: boolean;
}
interface Result {
  file: string;
  folder: string;
  scenarios: ({ scenario: string } & Record<'native' | 'lowered', Run | undefined>)[];
}
interface Verdict {
  ok: boolean;
  scenario?: string;
  error?: string;
}
const { buildArtifacts, DEFAULT_TEST262_DIR, frontMatter, listTests, matcher, readKnownFailures, runTests, sample, scenarios, summarize, verdict } = lib as {
  buildArtifacts(): Promise<{ compiler: string; runtime: string; dispose(): void }>;
  DEFAULT_TEST262_DIR: string;
  frontMatter(source: string): { includes: string[]; flags: string[] };
  listTests(dir: string): string[];
  matcher(filters: string[] | undefined): (file: string) => boolean;
  readKnownFailures(file?: string): Map<string, string>;
  runTests(files: string[], options: Record<string, unknown>): Promise<Result[]>;
  sample(files: string[], n: number | undefined): string[];
  scenarios(flags: string[]): string[];
  summarize(results: Result[], depth?: number): { total: { total: number; native: number; lowered: number } };
  verdict(result: Result, mode: 'native' | 'lowered'): Verdict;
};

/** The CI sample: a fixed few hundred tests, spread over the folders by a hash of their names. */
const SAMPLE_SIZE = 400;
const DIR = DEFAULT_TEST262_DIR;
const jobs = Math.max(1, Math.min(4, availableParallelism()));

let artifacts: Awaited<ReturnType<typeof buildArtifacts>>;
beforeAll(async () => {
  if (!existsSync(path.join(DIR, 'test'))) throw new Error(`no test262 copy at ${DIR}: set TEST262_DIR (scripts/test262/README.md)`);
  artifacts = await buildArtifacts();
}, 60_000);
afterAll(() => artifacts?.dispose());

describe('test262 (async part): a fixed sample and the known failures, natively and lowered', () => {
  const known = readKnownFailures();
  let all: string[];
  let results: Result[];
  beforeAll(async () => {
    all = listTests(DIR);
    const picked = new Set([...sample(all, SAMPLE_SIZE), ...[...known.keys()].filter((f) => all.includes(f))]);
    results = await runTests([...picked].sort(), { dir: DIR, jobs, artifacts, timeout: 5000 });
  }, 120_000);

  it('the known failures name existing tests, each with a reason', () => {
    expect([...known.keys()].filter((f) => !all.includes(f))).toEqual([]);
    expect([...known].filter(([, reason]) => reason === '').map(([f]) => f)).toEqual([]);
  });

  it('every sampled test passes natively (the harness runs test262 as specified)', () => {
    expect(results.length).toBeGreaterThanOrEqual(SAMPLE_SIZE);
    const failing = results.filter((r) => !verdict(r, 'native').ok).map((r) => `${r.file}: ${verdict(r, 'native').error}`);
    expect(failing).toEqual([]);
  });

  it('every sampled test that passes natively passes lowered, except the known failures', () => {
    const failing = results
      .filter((r) => verdict(r, 'native').ok && !verdict(r, 'lowered').ok && !known.has(r.file))
      .map((r) => `${r.file} [${verdict(r, 'lowered').scenario}]: ${verdict(r, 'lowered').error}`);
    expect(failing).toEqual([]);
    // The lowering did something: nearly every sampled test was changed by it.
    const changed = results.filter((r) => r.scenarios.some((s) => s.lowered?.changed)).length;
    expect(changed).toBeGreaterThan(results.length * 0.9);
  });

  it('every known failure still fails lowered (else remove it from known-failures.txt)', () => {
    const passing = results.filter((r) => known.has(r.file) && verdict(r, 'lowered').ok).map((r) => r.file);
    expect(passing).toEqual([]);
  });
});

describe('the runner', () => {
  it('reads front matter (inline and block lists) and picks the scenarios test262 specifies', () => {
    expect(frontMatter('/*---\nincludes: [a.js, b.js]\nflags: [async, onlyStrict]\n---*/')).toEqual({ includes: ['a.js', 'b.js'], flags: ['async', 'onlyStrict'] });
    expect(frontMatter('/*---\nincludes:\n  - c.js\n  - d.js\nflags: [raw]\n---*/')).toEqual({ includes: ['c.js', 'd.js'], flags: ['raw'] });
    expect(scenarios([])).toEqual(['sloppy', 'strict']);
    expect(scenarios(['onlyStrict'])).toEqual(['strict']);
    expect(scenarios(['noStrict'])).toEqual(['sloppy']);
    expect(scenarios(['raw'])).toEqual(['raw']);
  });

  it('--filter takes a substring or a glob; --sample is fixed', () => {
    const files = ['language/a/x.js', 'language/a/b/y.js', 'language/c/z.js'];
    expect(files.filter(matcher(['a/b']))).toEqual(['language/a/b/y.js']);
    expect(files.filter(matcher(['language/*/*.js']))).toEqual(['language/a/x.js', 'language/c/z.js']);
    expect(files.filter(matcher(['**/y.js', 'c/']))).toEqual(['language/a/b/y.js', 'language/c/z.js']);
    const many = Array.from({ length: 100 }, (_, i) => `t/${i}.js`);
    expect(sample(many, 10).sort()).toEqual(sample([...many].reverse(), 10).sort()); // the same, whatever the order given
    expect(sample(many, 10)).toHaveLength(10);
  });

  it('runs sync and async tests, strict and sloppy, and reports each failure with its first line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tspoll-t262-'));
    try {
      symlinkSync(path.join(DIR, 'harness'), path.join(dir, 'harness'));
      const write = (name: string, flags: string, body: string) => {
        mkdirSync(path.dirname(path.join(dir, 'test', name)), { recursive: true });
        writeFileSync(path.join(dir, 'test', name), `/*---\nflags: [${flags}]\n---*/\n${body}\n`);
      };
      write('sync/pass.js', '', 'var f = async function () {}; assert.sameValue(typeof f, "function");');
      write('sync/throws.js', '', 'throw new Test262Error("first line\\nsecond line");');
      write('async/done.js', 'async', 'async function f() { return await 1; } f().then(v => assert.sameValue(v, 1)).then($DONE, $DONE);');
      write('async/fails.js', 'async', 'async function f() { await 0; throw new TypeError("no"); } f().then($DONE, $DONE);');
      write('async/never.js', 'async', 'async function f() { await new Promise(() => {}); } f();');
      write('modes/strict-only.js', 'onlyStrict', 'async function f() { await 0; return this; } f().then(v => { if (v !== undefined) throw new Test262Error("sloppy"); });');
      write('modes/sloppy-only.js', 'noStrict', 'var o = { x: 1 }; with (o) { x = 2; } async function f() { return await o.x; }');
      write('modes/both.js', '', 'var strict = (function () { return this === undefined; })(); async function f() { await 0; } f();');
      write('hang/loop.js', '', 'async function f() { await 0; } for (;;) {}');
      writeFileSync(path.join(dir, 'test/async/helper.js'), '/*---\nflags: [async]\nincludes: [asyncHelpers.js]\n---*/\nasyncTest(async function () { assert.sameValue(await 2, 2); });\n');
      const files = listTests(dir);
      const results = await runTests(files, { dir, jobs: 2, artifacts, timeout: 300, hardTimeout: 4000 });
      const byFile = new Map(results.map((r) => [r.file, r]));
      const outcome = (file: string, mode: 'native' | 'lowered') => verdict(byFile.get(file)!, mode);
      for (const mode of ['native', 'lowered'] as const) {
        expect(outcome('sync/pass.js', mode)).toEqual({ ok: true });
        expect(outcome('sync/throws.js', mode)).toEqual({ ok: false, scenario: 'sloppy', error: 'Test262Error: first line' });
        expect(outcome('async/done.js', mode)).toEqual({ ok: true });
        expect(outcome('async/fails.js', mode)).toEqual({ ok: false, scenario: 'sloppy', error: 'TypeError: no' });
        expect(outcome('async/helper.js', mode)).toEqual({ ok: true });
        expect(outcome('async/never.js', mode)).toEqual({ ok: false, scenario: 'sloppy', error: 'timeout: no $DONE within 300 ms' });
        expect(outcome('modes/strict-only.js', mode)).toEqual({ ok: true });
        expect(outcome('modes/sloppy-only.js', mode)).toEqual({ ok: true });
        expect(outcome('hang/loop.js', mode)).toEqual({ ok: false, scenario: 'sloppy', error: 'hang: the worker did not answer and was killed' });
      }
      expect(byFile.get('modes/both.js')!.scenarios.map((s) => s.scenario)).toEqual(['sloppy', 'strict']);
      expect(byFile.get('modes/strict-only.js')!.scenarios.map((s) => s.scenario)).toEqual(['strict']);
      expect(byFile.get('async/done.js')!.scenarios[0]!.lowered!.changed).toBe(true);
      expect(summarize(results).total).toMatchObject({ total: files.length, native: 6, lowered: 6 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
