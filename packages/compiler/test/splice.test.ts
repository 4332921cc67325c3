// The splice layer on its own: a small transformer with the lowering's shape (a wrapper that
// replaces the function, a poll function inserted after it, a runtime import on top) must
// change only the async functions' text, and map moved statements back to their lines.
import { SourceMap as NodeSourceMap } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { optOutTransformers } from '../src/optout.js';
import { rewriteFile } from '../src/rewrite.js';

const f = ts.factory;

/** `async function F(p) { body }` → `function F(p) { return run(F$poll); }` + `function F$poll() { body }`. */
const lowerLike: ts.TransformerFactory<ts.SourceFile> = (ctx) => (sf) => {
  const visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
    if (ts.isFunctionDeclaration(node) && node.body && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      const name = node.name!.text;
      const wrapper = f.updateFunctionDeclaration(
        node,
        node.modifiers.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword),
        node.asteriskToken,
        node.name,
        node.typeParameters,
        node.parameters,
        node.type,
        f.createBlock([f.createReturnStatement(f.createCallExpression(f.createIdentifier('run'), undefined, [f.createIdentifier(name + '$poll')]))], true),
      );
      const poll = f.createFunctionDeclaration(undefined, undefined, name + '$poll', undefined, [], undefined,
        f.createBlock([f.createSwitchStatement(f.createNumericLiteral(0), f.createCaseBlock([
          f.createCaseClause(f.createNumericLiteral(0), [...node.body.statements]),
        ]))], true));
      return [wrapper, poll];
    }
    if (ts.isArrowFunction(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      return f.createCallExpression(f.createIdentifier('run'), undefined, [f.createArrowFunction(undefined, undefined, [], undefined, undefined, ts.visitNode(node.body, visit) as ts.ConciseBody)]);
    }
    if (ts.isMethodDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      return f.updateMethodDeclaration(node, node.modifiers.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword),
        node.asteriskToken, node.name, node.questionToken, node.typeParameters, node.parameters, node.type, node.body);
    }
    return ts.visitEachChild(node, visit, ctx);
  };
  const out = ts.visitEachChild(sf, visit, ctx);
  if (out === sf) return sf;
  const imp = f.createImportDeclaration(undefined, f.createImportClause(undefined, undefined, f.createNamedImports([
    f.createImportSpecifier(false, undefined, f.createIdentifier('run')),
  ])), f.createStringLiteral('rt'));
  return f.updateSourceFile(out, [imp, ...out.statements]);
};

function rewrite(code: string) {
  const sf = ts.createSourceFile('input.ts', code, ts.ScriptTarget.Latest, true);
  return rewriteFile(ts, sf, 'input.ts', [lowerLike], { sourceMap: true, runtimeModule: 'rt' });
}

describe('splice', () => {
  it('leaves a tree without changes alone', () => {
    expect(rewrite('const x = 1; // comment\nfunction f() { return x }\n')).toBeNull();
  });

  it('rewrites only the async function span and keeps every other byte', () => {
    const before = '/* header */\n\nconst  a =   1 ; // odd spacing kept\n';
    const after = '\n// trailing comment\nexport const b = a+1;\n';
    const fn = 'async function load(url: string): Promise<number> {\n  const r = await fetch(url);\n  return r.status;\n}';
    const out = rewrite(before + fn + after)!;
    // The import goes after a detached header comment, right before the first statement.
    expect(out.code.startsWith('/* header */\n\nimport { run } from "rt";\n' + before.slice(14))).toBe(true);
    expect(out.code.endsWith(after)).toBe(true);
    // Parameters and the declared return type are the user's own text.
    expect(out.code).toContain('function load(url: string): Promise<number> {');
    expect(out.code).toContain('function load$poll()');
    expect(out.code).not.toContain('async function');
  });

  it('adds one runtime import even when several functions ask for it', () => {
    const out = rewrite('async function a() { await 1 }\nasync function b() { await 2 }\n')!;
    expect(out.code.match(/from "rt"/g)).toHaveLength(1);
  });

  it('keeps a directive prologue first', () => {
    const out = rewrite('"use strict";\nasync function a() { await 1 }\n')!;
    expect(out.code.startsWith('"use strict";\nimport { run } from "rt";')).toBe(true);
  });

  it('descends into classes and expressions instead of reprinting them', () => {
    const code = 'class  C  { x = 1;\n  async m() { return 1 }\n}\nconst g = 1 + (async () => 2)();\n';
    const out = rewrite(code)!;
    expect(out.code).toContain('class  C  { x = 1;\n  m() { return 1 }\n}');
    expect(out.code).toContain('const g = 1 + (run(() => 2))();');
  });

  it('maps statements moved into the poll function back to their original lines', () => {
    const code = 'const pad = 0;\n\nasync function work(n: number) {\n  const doubled = n * 2;\n  throw new Error("at line 5 " + doubled);\n}\n';
    const out = rewrite(code)!;
    const map = new NodeSourceMap(JSON.parse(out.map!.toString()));
    const lines = out.code.split('\n');
    const genLine = lines.findIndex((l) => l.includes('throw new Error'));
    const genCol = lines[genLine]!.indexOf('throw');
    const entry = map.findEntry(genLine, genCol) as { originalLine: number; originalColumn: number };
    expect(entry.originalLine + 1).toBe(5);
    expect(entry.originalColumn).toBe(2);
    // An unchanged line maps to itself, character for character.
    const padLine = lines.findIndex((l) => l.startsWith('const pad'));
    expect((map.findEntry(padLine, 6) as { originalLine: number; originalColumn: number })).toMatchObject({ originalLine: 0, originalColumn: 6 });
  });

  it('@tspoll-native hides a function from the transformer and keeps its text', () => {
    const code = [
      '/** @tspoll-native */',
      'export async function kept() { await 1; }',
      '// @tspoll-native',
      'const arrow = async () => 1;',
      'class K {',
      '  // @tspoll-native',
      '  async m() { return 1 }',
      '}',
      'async function lowered() { await 2; }',
      '',
    ].join('\n');
    const sf = ts.createSourceFile('input.ts', code, ts.ScriptTarget.Latest, true);
    const optOut = optOutTransformers(ts);
    const out = rewriteFile(ts, sf, 'input.ts', [optOut.before, lowerLike, optOut.after], { sourceMap: false, runtimeModule: 'rt' })!;
    expect(out.code).toContain('/** @tspoll-native */\nexport async function kept() { await 1; }\n');
    expect(out.code).toContain('const arrow = async () => 1;');
    expect(out.code).toContain('  // @tspoll-native\n  async m() { return 1 }');
    expect(out.code).toContain('function lowered$poll()');
    expect(out.code).not.toContain('kept$poll');
  });

  it('reprints a declaration list whose kind changed (const -> let lives in flags)', () => {
    const toLet: ts.TransformerFactory<ts.SourceFile> = (ctx) => (sf) =>
      ts.visitEachChild(sf, function visit(node): ts.Node {
        if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
          return ts.setOriginalNode(f.createVariableDeclarationList(node.declarations, ts.NodeFlags.Let), node);
        }
        return ts.visitEachChild(node, visit, ctx);
      }, ctx);
    const sf = ts.createSourceFile('input.ts', 'const  a = 1;\nlet b = 2;\n', ts.ScriptTarget.Latest, true);
    const out = rewriteFile(ts, sf, 'input.ts', [toLet], { sourceMap: false })!;
    expect(out.code).toBe('let a = 1;\nlet b = 2;\n');
  });
});
