// The lowering report: which async functions were lowered, which stayed native and why.
import { describe, expect, it } from 'vitest';
import { LoweringReport, transformSource } from '../src/index.js';

const MAIN = [
  'export async function lowered() { return await 1; }',
  '// @tspoll-native',
  'async function byComment() { await 1; }',
  'export const byError = async (o: any) => {',
  '  await 0;',
  '  return eval("o");',
  '};',
  'export const obj = { async method() { await 2; } };',
  '',
].join('\n');

describe('lowering report', () => {
  it('lists each function kept native with its name, location and reason', () => {
    const r = transformSource(MAIN, 'src/main.ts');
    expect(r.machines.map((m) => m.name)).toEqual(['lowered', 'method']);
    expect(r.kept).toEqual([
      { name: 'byComment', line: 3, column: 1, reason: '@tspoll-native' },
      { name: 'byError', line: 4, column: 24, reason: 'TSP1004', message: expect.stringMatching(/^direct eval/) },
    ]);
    expect(r.nativeFile).toBe(false);
  });

  it('sums a build: files and functions lowered and kept native, whole files kept native, and why', () => {
    const report = new LoweringReport();
    report.add('src/main.ts', transformSource(MAIN, 'src/main.ts'));
    report.add('src/legacy.ts', transformSource('// @tspoll-native-file\nexport async function f() { await 1; }\n', 'src/legacy.ts'));
    report.add('src/broken.ts', transformSource('export async function f() { await 1;\n', 'src/broken.ts'));
    report.add('src/plain.ts', transformSource('export const x = 1;\n', 'src/plain.ts'));
    // A file kept whole by a warning: a script that uses the runtime's global name.
    report.add('src/page.js', transformSource('var __tspoll;\nasync function f() { await 1; }\n', 'src/page.js', { script: true }));
    const s = report.summary();
    expect(s.files).toEqual({ lowered: 1, native: 3 });
    expect(s.functions).toEqual({ lowered: 2, native: 2 });
    expect(s.native.map((k) => `${k.file}:${k.line} ${k.name} ${k.reason}`)).toEqual([
      'src/broken.ts:2 * TSP1000',
      'src/legacy.ts:1 * @tspoll-native-file',
      'src/main.ts:3 byComment @tspoll-native',
      'src/main.ts:4 byError TSP1004',
      'src/page.js:1 * TSP1004',
    ]);
    const text = report.format((f) => `./${f}`);
    expect(text.split('\n')[0]).toBe('tspoll: lowered 2 async functions in 1 file; kept 2 functions native, and 3 whole files');
    expect(text).toContain('  ./src/legacy.ts  whole file (// @tspoll-native-file)\n');
    expect(text).toContain('  ./src/main.ts:3:1  byComment  (// @tspoll-native)\n');
    expect(text).toMatch(/ {2}\.\/src\/main\.ts:4:24 {2}byError {2}TSP1004: direct eval [^\n]*@tspoll-native to keep it native\n/);
    expect(text).toMatch(/ {2}\.\/src\/broken\.ts:2:1 {2}whole file {2}TSP1000: syntax error/);
  });
});
