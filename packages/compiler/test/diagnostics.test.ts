// Constructs the lowering rejects produce their catalogued code at the right place
// (file:line:col), the function stays native, and the rest of the file is still lowered.
// Only constructs that stay rejected by design are used here (`with` hides which locals a
// function uses, so it cannot be lowered); restrictions the lowering lifts leave this list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, formatDiagnostic, transformSource } from '../src/index.js';

const CATALOGUE = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../DIAGNOSTICS.md'), 'utf8');

interface Case {
  name: string;
  code: string;
  source: string[];
  /** 1-based line and column of the diagnostic. */
  at: [number, number];
  /** Default `src/case.ts`. */
  file?: string;
}

const cases: Case[] = [
  {
    name: 'with statement (sloppy-mode script)',
    code: 'TSP1004',
    file: 'src/case.js',
    source: ['async function f(o) {', '  with (o) {', '    await x;', '  }', '}'],
    at: [2, 3],
  },
  {
    name: 'direct eval in a parameter default',
    code: 'TSP1004',
    file: 'src/case.js',
    source: ['async function f(a = eval("var a = 1")) {', '  await a;', '}'],
    at: [1, 22],
  },
];

function compile(c: Case) {
  // A lowerable neighbour proves one rejected function does not stop the file.
  const code = [...c.source, 'export async function neighbour() { return await 1; }', ''].join('\n');
  return transformSource(code, c.file ?? 'src/case.ts');
}

describe('diagnostics for rejected constructs', () => {
  it.each(cases)('$name -> $code', (c) => {
    const r = compile(c);
    const d = r.diagnostics.find((x) => x.code === c.code);
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect([d!.line, d!.column]).toEqual(c.at);
    const file = c.file ?? 'src/case.ts';
    expect(d!.file).toBe(file);
    expect(formatDiagnostic(d!).startsWith(`${file}:${c.at[0]}:${c.at[1]} - ${d!.severity} ${c.code}: `)).toBe(true);
    expect(r.code).toContain('neighbour');
    expect(r.code).not.toMatch(/async function neighbour/);
  });

  it('every code the compiler can emit is in DIAGNOSTICS.md', () => {
    const seen = new Set<string>();
    for (const c of cases) for (const d of compile(c).diagnostics) seen.add(d.code);
    for (const code of seen) expect(CATALOGUE).toContain(`| ${code} |`);
  });

  it('formats as file:line:col - severity CODE: message, with the fix on its own line', () => {
    const d: Diagnostic = { code: 'TSP1001', message: 'await here', file: 'a.ts', line: 3, column: 7, severity: 'error', fix: 'do this' };
    expect(formatDiagnostic(d)).toBe('a.ts:3:7 - error TSP1001: await here\n  fix: do this');
    expect(formatDiagnostic({ ...d, fix: undefined })).toBe('a.ts:3:7 - error TSP1001: await here');
  });

  it('messages read as sentences: no dangling "; or", no ".;", and no claim that anything was kept when the build fails', () => {
    const sources: Record<string, string> = {
      syntax: 'export async function f() { await 1;',
      with: 'async function f(o) { with (o) { await x; } }',
      superIncrement: 'export class A extends B { async m() { await 0; super.x++; } }',
      superCompound: 'export class A extends B { async m() { await 0; super.x += 1; } }',
      computedField: 'const k = "a";\nexport class A { [k] = async () => { await 1; }; }',
      directEval: 'export async function f(x) { await 0; return eval("x"); }',
    };
    for (const [name, source] of Object.entries(sources)) {
      const r = transformSource(source, name.startsWith('with') ? 'src/case.js' : 'src/case.ts');
      expect(r.diagnostics.length, name).toBeGreaterThan(0);
      for (const d of r.diagnostics) {
        const text = formatDiagnostic(d);
        expect(text, name).not.toMatch(/;\s*or\b/);
        expect(text, name).not.toMatch(/\.;/);
        expect(text, name).not.toMatch(/left unchanged|left native|emitted unchanged/);
        expect(text, name).toMatch(/@tspoll-native|syntax error/);
      }
    }
  });
});
