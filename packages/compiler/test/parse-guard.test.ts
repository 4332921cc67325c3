// The parse guard: every lowered file is parsed again, and generated code that does not parse
// (a lowering bug) never leaves the compiler. The function behind the error stays native with
// TSP9000 at its own line, the rest of the file is still lowered; an error no function can be
// blamed for leaves the file as written. A transformer run after the lowering stands in for
// the bug, breaking what the lowering generated for one function.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lowerSource } from '../src/source.js';
import tspollTransformer from '../src/transform.js';

/** Renames `<name>$poll` to `<name> poll`: `function broken poll(cx)` does not parse. */
function breakPoll(name: string): ts.TransformerFactory<ts.SourceFile> {
  return (ctx) => (sf) => {
    const visit = (n: ts.Node): ts.Node => {
      if (ts.isFunctionDeclaration(n) && n.name?.text === `${name}$poll`) {
        return ctx.factory.updateFunctionDeclaration(n, n.modifiers, n.asteriskToken, ctx.factory.createIdentifier(`${name} poll`), n.typeParameters, n.parameters, n.type, n.body);
      }
      return ts.visitEachChild(n, visit, ctx);
    };
    return ts.visitEachChild(sf, visit, ctx);
  };
}

/** Puts a statement that does not parse at the top of the file, outside every function. */
const breakFile: ts.TransformerFactory<ts.SourceFile> = (ctx) => (sf) =>
  ctx.factory.updateSourceFile(sf, [ctx.factory.createExpressionStatement(ctx.factory.createIdentifier('1 +')), ...sf.statements]);

const SOURCE = [
  'export async function fine(x) {',
  '  return (await x) + 1;',
  '}',
  '',
  'export async function broken(x) {',
  '  const y = await x;',
  '  return y * 2;',
  '}',
  '',
  'export const inner = async () => {',
  '  async function nested() { return await 1; }',
  '  return await nested();',
  '};',
  '',
].join('\n');

const parses = (code: string) => (ts.createSourceFile('out.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;

describe('parse guard', () => {
  it('a function whose generated code does not parse stays native with TSP9000 at its line; the rest is lowered', () => {
    const out = lowerSource(SOURCE, 'src/guard.js', {}, true, [breakPoll('broken')]);
    expect(out.changed).toBe(true);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).toContain('export async function broken(x) {\n  const y = await x;\n  return y * 2;\n}');
    expect(out.code).not.toMatch(/async function fine|async \(\) =>|async function nested/);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['TSP9000', 'warning', 5, 1]]);
    expect(out.diagnostics[0]!.message).toMatch(/^internal compiler error: the generated code of this function does not parse \(.+\); please report it/);
    expect(out.kept.map((k) => [k.name, k.reason, k.line])).toEqual([['broken', 'TSP9000', 5]]);
  });

  it('guarded a chunk of top-level statements at a time (one statement each here), the same function is blamed', () => {
    const whole = lowerSource(SOURCE, 'src/guard.js', { chunkSize: Infinity }, true, [breakPoll('broken')]);
    const chunked = lowerSource(SOURCE, 'src/guard.js', { chunkSize: 1 }, true, [breakPoll('broken')]);
    expect(chunked.code).toBe(whole.code);
    expect(chunked.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TSP9000', 5, 1]]);
    expect(chunked.kept.map((k) => k.name)).toEqual(['broken']);
    const last = lowerSource(SOURCE, 'src/guard.js', { chunkSize: 1 }, true, [breakPoll('nested')]);
    expect(last.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TSP9000', 11, 3]]);
    // Chunks without async code are neither lowered nor guarded again; the others still are.
    const padded = `const a = 1;\nfunction plain() { return a; }\n${SOURCE}const b = plain();\n`;
    const between = lowerSource(padded, 'src/guard.js', { chunkSize: 1 }, true, [breakPoll('broken')]);
    expect(between.code).toBe(lowerSource(padded, 'src/guard.js', { chunkSize: Infinity }, true, [breakPoll('broken')]).code);
    expect(between.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TSP9000', 7, 1]]);
  });

  it('a nested function: the innermost one around the error stays native', () => {
    const out = lowerSource(SOURCE, 'src/guard.js', {}, true, [breakPoll('nested')]);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).toContain('  async function nested() { return await 1; }');
    expect(out.code).not.toMatch(/async function (fine|broken)|async \(\) =>/);
    expect(out.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TSP9000', 11, 3]]);
  });

  it('without a source map (printed untracked), the same functions are blamed', () => {
    for (const name of ['broken', 'nested']) {
      const mapped = lowerSource(SOURCE, 'src/guard.js', {}, true, [breakPoll(name)]);
      const plain = lowerSource(SOURCE, 'src/guard.js', { sourceMap: false }, true, [breakPoll(name)]);
      expect(plain.map).toBeNull();
      expect(plain.code).toBe(mapped.code);
      expect(plain.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual(mapped.diagnostics.map((d) => [d.code, d.line, d.column]));
    }
  });

  it('strict: the same diagnostic is an error', () => {
    const out = lowerSource(SOURCE, 'src/guard.js', { strict: true }, true, [breakPoll('broken')]);
    expect(out.diagnostics.map((d) => [d.code, d.severity])).toEqual([['TSP9000', 'error']]);
  });

  it('an error outside every async function leaves the file as written, with TSP9000 for the file', () => {
    const out = lowerSource(SOURCE, 'src/guard.js', {}, true, [breakFile]);
    expect(out.changed).toBe(false);
    expect(out.code).toBe(SOURCE);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['TSP9000', 'warning', 1, 1]]);
    expect(out.diagnostics[0]!.message).toMatch(/^internal compiler error: the generated code does not parse/);
  });

  it("an early error TypeScript's parser leaves to its checker counts too (a rest parameter that is not last)", () => {
    // Appends a parameter after the wrapper's `...$rest`: TypeScript parses it, engines do not.
    const restNotLast: ts.TransformerFactory<ts.SourceFile> = (ctx) => (sf) => {
      const visit = (n: ts.Node): ts.Node => {
        if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'withDefault' && n.parameters.some((p) => p.dotDotDotToken)) {
          const params = [...n.parameters, ctx.factory.createParameterDeclaration(undefined, undefined, 'extra')];
          return ctx.factory.updateMethodDeclaration(n, n.modifiers, n.asteriskToken, n.name, n.questionToken, n.typeParameters, params, n.type, n.body);
        }
        return ts.visitEachChild(n, visit, ctx);
      };
      return ts.visitEachChild(sf, visit, ctx);
    };
    const code = 'async function withDefault(a = 1) {\n  return await a;\n}\nasync function other(b) {\n  return await b;\n}\n';
    const out = lowerSource(code, 'src/guard.js', {}, true, [restNotLast]);
    expect(out.code).toContain('async function withDefault(a = 1) {');
    expect(out.code).not.toContain('async function other');
    expect(out.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TSP9000', 1, 1]]);
    expect(out.diagnostics[0]!.message).toContain('(a rest parameter must be last)');
  });

  it('costs one parse of the output: a file that parses is returned as lowered', () => {
    const out = lowerSource(SOURCE, 'src/guard.js', {}, true);
    expect(out.diagnostics).toEqual([]);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).not.toMatch(/\basync\b/);
  });
});

describe('parse guard in the ts-patch entry (tspc)', () => {
  /** What tspc emits for SOURCE through the entry (and `extra`), and the diagnostics it gets. */
  function tspc(config: { strict?: boolean }, extra: ts.TransformerFactory<ts.SourceFile>[]) {
    const sf = ts.createSourceFile('src/guard.ts', SOURCE, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const diagnostics: ts.Diagnostic[] = [];
    const entry = tspollTransformer(undefined as unknown as ts.Program, config, { ts, addDiagnostic: (d) => diagnostics.push(d) }, extra);
    const result = ts.transform(sf, [entry], { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 });
    const code = ts.createPrinter().printFile(result.transformed[0]!);
    result.dispose();
    return { code, diagnostics: diagnostics.map((d) => [d.code, d.category, d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0, String(d.messageText).slice(0, 60)]) };
  }

  it('a function whose generated code does not parse stays native; the rest is lowered', () => {
    const out = tspc({}, [breakPoll('broken')]);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).toMatch(/export async function broken\(x\) {\s+const y = await x;/);
    expect(out.code).not.toMatch(/async function fine|async \(\) =>|async function nested/);
    expect(out.diagnostics).toEqual([]); // tsc prints errors only, and this one is a warning
  });

  it('strict: a TS99000 error at the function, and the same output', () => {
    const out = tspc({ strict: true }, [breakPoll('nested')]);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).toContain('async function nested()');
    expect(out.diagnostics).toEqual([[99000, ts.DiagnosticCategory.Error, 11, 'TSP9000: internal compiler error: the generated code of this']]);
  });

  it('an error outside every async function leaves the file as written, with a TSP9000 error', () => {
    const out = tspc({}, [breakFile]);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).toMatch(/export async function fine/);
    expect(out.diagnostics).toEqual([[99000, ts.DiagnosticCategory.Error, 1, 'TSP9000: internal compiler error: the generated code does no']]);
  });

  it('output that parses is returned as lowered', () => {
    const out = tspc({}, []);
    expect(out.diagnostics).toEqual([]);
    expect(parses(out.code)).toEqual([]);
    expect(out.code).not.toMatch(/\basync\b/);
  });
});

describe('shapes whose lowered output once did not parse', () => {
  const cases: [string, string, boolean][] = [
    ['a default parameter, then a trailing comma (a class method that does not await)', 'class C {\n  static async method(a, b = 39,) {\n    calls = calls + 1;\n  }\n}\n', false],
    ['a trailing comma after a destructured parameter', 'var f = async ({ a }, [b] = [],) => { await a; return b; };\n', false],
    ['`arguments` as a shorthand target with a default (sloppy)', 'async function f() { for await ({ eval = 3, arguments = 4 } of [{}]) { log.push(eval, arguments); } }\n', true],
    ['the identifier `let` alone in a single-statement position (sloppy; kept native)', 'async function* f() {\n  for await (var x of []) let // ASI\n  {}\n}\n', true],
  ];
  it.each(cases)('%s', (_name, code, script) => {
    const out = lowerSource(code, 'src/shape.js', { script }, true);
    expect(parses(out.code)).toEqual([]);
    expect(out.diagnostics.filter((d) => d.code === 'TSP9000')).toEqual([]);
  });
});
