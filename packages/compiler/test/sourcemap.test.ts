// Source maps through the whole chain: compiler map -> esbuild bundle -> Node's
// --enable-source-maps. A stack trace from inside a lowered function names the user's line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SourceMap as NodeSourceMap } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { transformSource } from '../src/index.js';
import { bundleFixtures, listFixtures, REPO_DIR } from './harness.js';

const FIXTURE = path.join(REPO_DIR, 'test-fixtures/sourcemap/throws.ts');
const THROW_LINE = 12; // 1-based, the `throw` in the fixture

describe('source maps', () => {
  it('maps the lowered throw statement back to its line and column', () => {
    const code = readFileSync(FIXTURE, 'utf8');
    const out = transformSource(code, 'throws.ts');
    expect(out.changed).toBe(true);
    const map = new NodeSourceMap(JSON.parse(out.map!.toString()));
    const lines = out.code.split('\n');
    const genLine = lines.findIndex((l) => l.includes('throw new Error'));
    const entry = map.findEntry(genLine, lines[genLine]!.indexOf('throw')) as { originalLine: number; originalColumn: number };
    expect(entry.originalLine + 1).toBe(THROW_LINE);
    expect(entry.originalColumn).toBe(4);
    // The map embeds the original source for debuggers.
    expect(JSON.parse(out.map!.toString()).sourcesContent).toEqual([code]);
  });

  it('a stack trace thrown inside a lowered function points at the user line', async () => {
    const bundle = await bundleFixtures([FIXTURE], 'sourcemap');
    const url = pathToFileURL(bundle.lowered.get('throws')!).href;
    const script = `import(${JSON.stringify(url)}).then((m) => m.main()).then(() => console.log('no error'), (e) => console.log(e.stack));`;
    let stack: string;
    try {
      stack = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { encoding: 'utf8' });
    } finally {
      bundle.dispose();
    }
    expect(stack).toContain('thrown at line 12');
    const frame = stack.split('\n').find((l) => l.includes('throws.ts:'));
    expect(frame, stack).toBeDefined();
    expect(frame).toContain(`throws.ts:${THROW_LINE}:`);
    // defineMachine names the poll function after the user's function: `at Machine.main (...)`.
    expect(frame).toMatch(/at (Machine\.)?main \(/);
  });

  it('every user statement moved into a poll function maps back to its own line (whole corpus)', () => {
    let checked = 0;
    for (const file of listFixtures(path.join(REPO_DIR, 'test-fixtures/lowering'))) {
      const code = readFileSync(file, 'utf8');
      const out = transformSource(code, file);
      if (!out.changed) continue;
      const map = new NodeSourceMap(JSON.parse(out.map!.toString()));
      const original = code.split('\n');
      out.code.split('\n').forEach((line, i) => {
        const col = line.indexOf('log.push(');
        if (col < 0) return;
        const entry = map.findEntry(i, col) as { originalLine: number };
        expect(original[entry.originalLine], `${path.basename(file)}:${i + 1} ${line.trim()}`).toContain('log.push(');
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });
});
