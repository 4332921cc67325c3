// The compiler never throws, whatever it is given: malformed, adversarial or empty input
// comes back as a result (unchanged code plus diagnostics), and changed output still parses.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, transformSource } from '../src/index.js';

function syntaxErrorsOf(code: string, fileName: string): number {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

const deepParens = (n: number) => `export async function f() { return ${'('.repeat(n)}await 1${')'.repeat(n)}; }`;
const deepBlocks = (n: number) => `export async function f() { ${'{ '.repeat(n)}await 1; ${'} '.repeat(n)} }`;
const deepAsync = (n: number) => `${'(async () => { await 0; '.repeat(n)}${'})(); '.repeat(n)}`;
const deepIfs = (n: number) => `export async function f(x: number) { ${'if (x) { await x; '.repeat(n)}${'} '.repeat(n)} }`;

const inputs: [string, string][] = [
  ['empty file', ''],
  ['whitespace only', ' \n\t\r\n  '],
  ['BOM only', '\uFEFF'],
  ['async only in a comment', '// async\nconst x = 1;'],
  ['async only in a string', 'const s = "async function";'],
  ['unterminated function', 'async function f() { await 1;'],
  ['await outside async', 'function f() { await g(); }'],
  ['garbage', '}{)(][ async async async ;;; => => await'],
  ['binary noise', Array.from({ length: 400 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('')],
  ['lone surrogates', 'async function f() { const s = "\uD800\uDC00\uD800"; await s; return s; }'],
  ['astral identifiers', 'async function 𝒻(𝓍: number) { const 𝓎 = await 𝓍; return 𝓎; }'],
  ['zero-width and RTL characters', 'async function f\u200D() { const s = "\u202Eabc\u202C"; await 0; return s; }'],
  ['unicode escapes in identifiers', 'async function \\u0061b() { const \\u{62} = await 1; return b; }'],
  ['CRLF line endings', 'async function f() {\r\n  await 1;\r\n  return 2;\r\n}\r\n'],
  ['BOM then code', '\uFEFFasync function f() { await 1; }'],
  ['shebang', '#!/usr/bin/env node\nasync function f() { await 1; }\n'],
  ['deep parentheses', deepParens(3000)],
  ['deep blocks', deepBlocks(2000)],
  ['deep ifs with awaits', deepIfs(300)],
  // Around the depth where TypeScript's printer runs out of stack (it depends on the stack
  // size): either lowered, or TSP9000 with the file unchanged; never a throw.
  ['deeply nested async arrows', deepAsync(70)],
  ['very long line', `async function f() { return ${Array.from({ length: 20000 }, (_, i) => `(await ${i})`).join(' + ')}; }`],
  ['many functions', Array.from({ length: 100 }, (_, i) => `export async function f${i}() { await ${i}; }`).join('\n')],
  ['await as identifier in a script', 'var await = 1; function g() { return await; }'],
  ['async as identifier', 'const async = (x: number) => x; async(1); let o = { async: 1, async async() {} };'],
  ['decorators and generics', 'class C { @dec async m<T>(x: T): Promise<T> { return await x; } }'],
  ['jsx-like in ts', 'async function f() { return <div>{await 1}</div>; }'],
];

describe('adversarial input', () => {
  it.each(inputs)('%s', (_name, code) => {
    let result!: ReturnType<typeof transformSource>;
    expect(() => {
      result = transformSource(code, 'input.ts');
    }).not.toThrow();
    expect(typeof result.code).toBe('string');
    expect(Array.isArray(result.diagnostics)).toBe(true);
    for (const d of result.diagnostics) {
      expect(d.code).toMatch(/^TSP\d{4}$/);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(formatDiagnostic(d)).toMatch(/^input\.ts:\d+:\d+ - (error|warning|info) TSP\d{4}: /);
    }
    if (result.changed) {
      // Whatever we changed must still parse (as much as the input did).
      expect(syntaxErrorsOf(result.code, 'input.ts')).toBe(0);
    } else {
      expect(result.code).toBe(code);
    }
  });

  it('lowers 30 nested async arrows', () => {
    expect(transformSource(deepAsync(30), 'a.ts')).toMatchObject({ changed: true, diagnostics: [] });
  });

  it('reports a syntax error at its position and leaves the file unchanged', () => {
    const code = 'const ok = 1;\nasync function f() {\n  await (1 +;\n}\n';
    const r = transformSource(code, 'src/bad.ts');
    expect(r.changed).toBe(false);
    expect(r.code).toBe(code);
    expect(r.diagnostics[0]).toMatchObject({ code: 'TSP1000', file: 'src/bad.ts', line: 3, severity: 'error' });
    expect(formatDiagnostic(r.diagnostics[0]!)).toMatch(/^src\/bad\.ts:3:\d+ - error TSP1000: syntax error: /);
  });

  it('returns files without async unchanged without parsing them', () => {
    const code = 'export const x = 1 +;'; // would be a syntax error if parsed
    expect(transformSource(code, 'a.ts')).toEqual({ code, map: null, diagnostics: [], machines: [], kept: [], nativeFile: false, changed: false });
  });

  it('honours // @tspoll-native-file', () => {
    const code = '// @tspoll-native-file\nexport async function f() { await 1; }\n';
    const r = transformSource(code, 'a.ts');
    expect(r).toMatchObject({ code, changed: false, machines: [], nativeFile: true });
  });
});
