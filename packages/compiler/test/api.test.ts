// The public API with the real lowering: one runtime import per file, module kinds, options,
// analyzeSource, and every byte outside the async functions kept as written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeSource, transformSource } from '../src/index.js';
import { listFixtures, REPO_DIR } from './harness.js';

const SOURCE = [
  '// header comment, kept',
  '',
  "import { helper } from './helper';",
  'const  spaced  =  { a : 1 } ;   // odd formatting, kept',
  '',
  '/** Docs stay with the function. */',
  'export async function first(x: number): Promise<number> {',
  '  const y = await helper(x);',
  '  return y + spaced.a;',
  '}',
  '',
  'function plain(n: number) { return n * 2 }',
  '',
  'export async function second() {',
  '  return plain(await first(1));',
  '}',
  'export   default   plain ;',
  '',
].join('\n');

/** Top-level statements that are not async functions, as source text. */
function untouchedStatements(code: string): string[] {
  const sf = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, true);
  return sf.statements
    .filter((s) => !(ts.isFunctionDeclaration(s) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)))
    .map((s) => s.getText(sf));
}

describe('transformSource', () => {
  it('keeps every statement outside async functions byte for byte, in order', () => {
    const out = transformSource(SOURCE, 'src/a.ts');
    expect(out.changed).toBe(true);
    let at = 0;
    for (const text of untouchedStatements(SOURCE)) {
      const found = out.code.indexOf(text, at);
      expect(found, `statement kept: ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
      at = found + text.length;
    }
    expect(out.code).toContain('/** Docs stay with the function. */\nexport function first(x: number): Promise<number> {');
    expect(out.code.startsWith('// header comment, kept\n')).toBe(true);
  });

  it('adds the runtime import once, honouring runtimeModule', () => {
    const esm = transformSource(SOURCE, 'src/a.ts', { runtimeModule: 'my-runtime' });
    expect(esm.code.match(/from "my-runtime"/g)).toHaveLength(1);
    expect(esm.code).not.toContain('@tspoll/runtime/abi');
  });

  it('uses require() for CommonJS, chosen explicitly or from the file', () => {
    const code = 'const fs = require("fs");\nasync function f() { return await fs; }\nmodule.exports = f;\n';
    for (const [file, kind] of [['a.js', 'auto'], ['a.cts', 'auto'], ['a.ts', 'cjs']] as const) {
      const out = transformSource(code, file, { moduleKind: kind });
      expect(out.code.match(/require\("@tspoll\/runtime\/abi"\)/g), `${file} ${kind}`).toHaveLength(1);
      expect(out.code).not.toMatch(/^import /m);
    }
    expect(transformSource('async function f() { await 1 }', 'a.mjs').code).toMatch(/^import .* from "@tspoll\/runtime\/abi"/m);
  });

  it('returns a map only when asked', () => {
    expect(transformSource(SOURCE, 'a.ts', { sourceMap: false }).map).toBeNull();
    const map = JSON.parse(transformSource(SOURCE, 'a.ts').map!.toString());
    expect(map.sources).toEqual(['a.ts']);
    expect(map.sourcesContent).toEqual([SOURCE]);
  });

  it('reports machines through transformSource and analyzeSource alike', () => {
    const machines = analyzeSource(SOURCE, 'src/a.ts');
    expect(machines.map((m) => m.name)).toEqual(['first', 'second']);
    expect(machines[0]!.loc).toMatchObject({ file: 'src/a.ts', line: 7 });
    expect(machines[0]!.states.some((s) => s.awaits === 'helper(x)')).toBe(true);
    expect(transformSource(SOURCE, 'src/a.ts').machines).toEqual(machines);
  });

  it('is idempotent: lowering a lowered file changes nothing (no async left behind)', () => {
    for (const file of listFixtures(path.join(REPO_DIR, 'test-fixtures/lowering'))) {
      const once = transformSource(readFileSync(file, 'utf8'), file);
      const twice = transformSource(once.code, file);
      expect(twice.changed, path.basename(file)).toBe(false);
      expect(twice.diagnostics.filter((d) => d.code === 'TSP1000' || d.code === 'TSP9000'), path.basename(file)).toEqual([]);
    }
  });
});
