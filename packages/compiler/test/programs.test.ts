// Whole programs, natively and lowered: each fixture in test-fixtures/programs runs as a Node
// process of its own (top-level code, `main();` with nothing awaiting it, servers, unhandled
// rejections, the exit code), and the two runs must print the same and exit the same way.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleFixtures, fixtureName, listFixtures, REPO_DIR } from './harness.js';

const DIR = path.join(REPO_DIR, 'test-fixtures/programs');
const files = listFixtures(DIR);
let bundle: Bundle;

afterAll(() => bundle?.dispose());
beforeAll(async () => {
  bundle = await bundleFixtures(files, 'programs');
});

interface Run {
  stdout: string;
  code: number | null;
  /** The line naming the error of an uncaught exception or unhandled rejection, if any. */
  error: string | undefined;
}

function run(file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 20_000, encoding: 'utf8' }, (e, stdout, stderr) => {
      const error = stderr.split('\n').find((l) => /^\w*Error\b/.test(l));
      resolve({ stdout, code: e ? (e.code as number | null) : 0, error });
    });
  });
}

describe.each(files.map((f) => [fixtureName(f), f] as const))('%s', (name, file) => {
  it('prints the same and exits the same way, lowered', async () => {
    expect(bundle.compiled.get(file)?.diagnostics).toEqual([]);
    expect(bundle.compiled.get(file)?.changed).toBe(true);
    const [native, lowered] = await Promise.all([run(bundle.native.get(name)!), run(bundle.lowered.get(name)!)]);
    expect(native.stdout).not.toBe('');
    expect(lowered).toEqual(native);
  });
});

it('an unobserved failure ends both runs with exit code 1 and the error on stderr', async () => {
  const native = await run(bundle.native.get('unhandled-exit')!);
  expect(native).toMatchObject({ code: 1, error: 'Error: nobody awaits this' });
});
