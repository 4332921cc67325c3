// A file is lowered, printed and guarded a chunk of top-level statements at a time
// (rewrite.ts), so that the lowered tree of only one chunk is alive at once. Where the chunks
// fall must not show in the output: every fixture and workspace source lowers to the same
// code, source map, diagnostics and machines whether it is one chunk or one per statement.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformSource } from '../src/index.js';
import { REPO_DIR } from './harness.js';

const dirs = ['test-fixtures/lowering', 'test-fixtures/programs', 'scripts/bench/suites', 'packages/compiler/src/lower', 'packages/cli/src', 'packages/runtime/src/task'];
const files = dirs.flatMap((d) =>
  readdirSync(path.join(REPO_DIR, d))
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(d, f)),
);

describe('chunks leave no trace in the output', () => {
  it.each(files)('%s', (file) => {
    const src = readFileSync(path.join(REPO_DIR, file), 'utf8');
    const whole = transformSource(src, file, { chunkSize: Infinity });
    const chunked = transformSource(src, file, { chunkSize: 1 });
    expect(chunked.code).toBe(whole.code);
    expect(JSON.stringify(chunked.map)).toBe(JSON.stringify(whole.map));
    expect(chunked.diagnostics).toEqual(whole.diagnostics);
    expect(chunked.machines).toEqual(whole.machines);
  });

  it('the files above include ones that are lowered, in many chunks', () => {
    const lowered = files.filter((f) => transformSource(readFileSync(path.join(REPO_DIR, f), 'utf8'), f, { sourceMap: false }).changed);
    expect(lowered.length).toBeGreaterThan(40);
  });
});
