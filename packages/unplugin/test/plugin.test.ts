import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import tspollEsbuild from '../src/esbuild.ts';
import tspollRollup from '../src/rollup.ts';
import tspollVite from '../src/vite.ts';
import { cleanTmp, esbuildBundle, fixture, here, runNode, runtimeFromSource, tmp } from './helpers.ts';

afterAll(cleanTmp);

const EXPECTED_PIPELINE = [
  '{"id":0,"total":6}',
  '{"id":1,"total":8}',
  '{"id":2,"total":10}',
  'caught odd 1 even 2',
  'finally 1, finally 2',
  '[{"id":7,"total":20},"caught odd 3"]',
  'done',
  '',
].join('\n');

/** The lowered program must not contain the original async function declarations. */
function expectLowered(code: string): void {
  expect(code).not.toMatch(/async function fetchAndProcess/);
  expect(code).not.toMatch(/async function mayFail/);
  expect(code).toMatch(/fetchAndProcess/);
}

describe('esbuild', { timeout: 120_000 }, () => {
  it('builds a program whose lowered run matches the native run', async () => {
    const dir = tmp();
    const native = await esbuildBundle(fixture('pipeline.ts'), path.join(dir, 'native.mjs'), []);
    expect(native).toMatch(/async function fetchAndProcess/);
    const lowered = await esbuildBundle(fixture('pipeline.ts'), path.join(dir, 'lowered.mjs'), [tspollEsbuild()], { absWorkingDir: here });
    expectLowered(lowered);
    // Named relative to esbuild's working directory: no path of the building machine.
    expect(lowered).toMatch(/loc: "fixtures\/pipeline\.ts:\d+:\d+"/);
    expect(lowered).not.toContain(here);
    const a = runNode(path.join(dir, 'native.mjs'));
    const b = runNode(path.join(dir, 'lowered.mjs'));
    expect(a.stdout).toBe(EXPECTED_PIPELINE);
    expect(b.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
    expect(b.status).toBe(0);
  });

  it('maps a stack trace thrown inside a lowered function back to the original line', async () => {
    const dir = tmp();
    const out = path.join(dir, 'throws.mjs');
    const code = await esbuildBundle(fixture('throws.ts'), out, [tspollEsbuild()], { sourcemap: 'inline' });
    expect(code).not.toMatch(/async function failAfterAwait/);
    const r = runNode(out, ['--enable-source-maps']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Error: boom x 1');
    // The first frame is the throw statement of failAfterAwait, line 8 of the fixture.
    const frames = r.stdout.split('\n').filter((l) => l.trim().startsWith('at '));
    expect(frames[0]).toMatch(/throws\.ts:8:\d+/);
  });

  it("maps esbuild's own errors and warnings in a lowered file back to the user's lines, with their code frame and notes", async () => {
    const file = fixture('esbuild-messages.ts');
    const source = (await readFile(file, 'utf8')).split('\n');
    const lineOf = (text: string) => source.findIndex((l) => l.includes(text)) + 1;
    const failure = await esbuild
      .build({ entryPoints: [file], bundle: true, write: false, platform: 'node', format: 'esm', conditions: ['source'], logLevel: 'silent', plugins: [tspollEsbuild()] })
      .then(() => undefined, (e: esbuild.BuildFailure) => e);
    expect(failure?.errors).toHaveLength(1);
    const error = failure!.errors[0]!;
    expect(error.text).toBe('Could not resolve "./does-not-exist"');
    expect(error.location).toMatchObject({ line: lineOf('does-not-exist'), column: source[lineOf('does-not-exist') - 1]!.indexOf("'./does"), lineText: "const missing = require('./does-not-exist');", length: "'./does-not-exist'".length });
    const warning = failure!.warnings.find((w) => w.id === 'equals-negative-zero')!;
    expect(warning.location).toMatchObject({ line: lineOf('=== -0'), column: source[lineOf('=== -0') - 1]!.indexOf('-0'), lineText: "  if (sum === -0) console.log('none');", length: 2 });
    expect(warning.notes[0]!.text).toMatch(/Object\.is\(x, -0\)/);
    // The printed frame is the user's line.
    const [printed] = await esbuild.formatMessages([warning], { kind: 'warning', color: false });
    expect(printed).toContain(`esbuild-messages.ts:${lineOf('=== -0')}:`);
    expect(printed).toContain("if (sum === -0) console.log('none');");
  });

  it("prints the mapped messages in esbuild's format at the default log level", async () => {
    const file = fixture('esbuild-messages.ts');
    const source = (await readFile(file, 'utf8')).split('\n');
    const printed: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await esbuild.build({ entryPoints: [file], bundle: true, write: false, platform: 'node', format: 'esm', conditions: ['source'], color: false, plugins: [tspollEsbuild()] }).catch(() => undefined);
    } finally {
      process.stderr.write = write;
    }
    const text = printed.join('');
    expect(text).toContain(`esbuild-messages.ts:${source.findIndex((l) => l.includes('=== -0')) + 1}:`);
    expect(text).toContain(`esbuild-messages.ts:${source.findIndex((l) => l.includes('does-not-exist')) + 1}:`);
    expect(text).toMatch(/\[WARNING\][\s\S]*\[ERROR\]/);
    expect(text).not.toContain('this.sum');
  });

  it('report: says what was lowered and what stayed native, to a callback or on stderr', async () => {
    const dir = tmp();
    await writeFile(path.join(dir, 'main.ts'), "import { legacy } from './legacy';\nexport async function main() { return await legacy(); }\n// @tspoll-native\nexport async function kept() { await 1; }\n");
    await writeFile(path.join(dir, 'legacy.ts'), '// @tspoll-native-file\nexport async function legacy() { return 1; }\n');
    const build = (report: NonNullable<Parameters<typeof tspollEsbuild>[0]>['report']) =>
      esbuild.build({ entryPoints: [path.join(dir, 'main.ts')], absWorkingDir: dir, bundle: true, write: false, format: 'esm', conditions: ['source'], logLevel: 'silent', external: ['@tspoll/runtime/abi'], plugins: [tspollEsbuild({ report })] });
    let summary: unknown;
    await build((r) => (summary = r.summary()));
    expect(summary).toEqual({
      files: { lowered: 1, native: 1 },
      functions: { lowered: 1, native: 1 },
      native: [
        { file: path.join(dir, 'legacy.ts'), name: '*', line: 1, column: 1, reason: '@tspoll-native-file' },
        { file: path.join(dir, 'main.ts'), name: 'kept', line: 4, column: 1, reason: '@tspoll-native' },
      ],
    });
    const printed: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await build(true);
    } finally {
      process.stderr.write = write;
    }
    expect(printed.join('')).toBe(
      'tspoll: lowered 1 async function in 1 file; kept 1 function native, and one whole file\n' +
        '  legacy.ts  whole file (// @tspoll-native-file)\n' +
        '  main.ts:4:1  kept  (// @tspoll-native)\n',
    );
  });

  it('points a missing runtime at the file with a hint to install it', async () => {
    const dir = tmp(); // outside the workspace: @tspoll/runtime does not resolve from here
    const file = path.join(dir, 'main.ts');
    await writeFile(file, 'export async function f() {\n  return await 1;\n}\n');
    const failure = await esbuild
      .build({ entryPoints: [file], bundle: true, write: false, logLevel: 'silent', plugins: [tspollEsbuild()] })
      .then(() => undefined, (e: esbuild.BuildFailure) => e);
    const error = failure!.errors[0]!;
    expect(error.text).toBe('Could not resolve "@tspoll/runtime/abi"');
    expect(error.location).toMatchObject({ line: 1, column: 0, lineText: 'export async function f() {' });
    expect(error.notes.map((n) => n.text).join('\n')).toMatch(/install @tspoll\/runtime/);
  });

  it('reports compiler diagnostics as esbuild errors with a location', async () => {
    const dir = tmp();
    let failure: esbuild.BuildFailure | undefined;
    try {
      await esbuildBundle(fixture('syntax-error.ts'), path.join(dir, 'x.mjs'), [tspollEsbuild()]);
    } catch (e) {
      failure = e as esbuild.BuildFailure;
    }
    expect(failure?.errors?.length).toBeGreaterThan(0);
    const err = failure!.errors[0]!;
    expect(err.text).toMatch(/^TSP\d{4}: /);
    expect(err.pluginName).toBe('tspoll');
    expect(err.location?.file).toMatch(/syntax-error\.ts$/);
    expect(err.location?.line).toBe(2);
  });

  it('warns of what the lowering refuses (TSP1004) at its location, and builds with the function native', async () => {
    const out = path.join(tmp(), 'x.mjs');
    // (A `with` statement cannot be bundled into an ES module: a CommonJS bundle.)
    const result = await esbuild.build({ entryPoints: [fixture('diagnostic.js')], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [tspollEsbuild()] });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.text).toMatch(/^TSP1004: a 'with' statement hides which locals/);
    expect(result.warnings[0]!.location).toMatchObject({ line: 3, column: 2 });
    expect(await readFile(out, 'utf8')).toMatch(/async function lookup/);
  });

  it('strict: true makes what the lowering refuses (TSP1004) an error at its location', async () => {
    let failure: esbuild.BuildFailure | undefined;
    try {
      await esbuildBundle(fixture('diagnostic.js'), path.join(tmp(), 'x.mjs'), [tspollEsbuild({ strict: true })]);
    } catch (e) {
      failure = e as esbuild.BuildFailure;
    }
    expect(failure?.errors).toHaveLength(1);
    const err = failure!.errors[0]!;
    expect(err.text).toMatch(/^TSP1004: a 'with' statement hides which locals/);
    expect(err.location).toMatchObject({ line: 3, column: 2 });
    expect(err.location?.file).toMatch(/diagnostic\.js$/);
  });

  it('honours include/exclude and leaves files without `async` alone', async () => {
    const dir = tmp();
    const excluded = await esbuildBundle(fixture('pipeline.ts'), path.join(dir, 'a.mjs'), [tspollEsbuild({ exclude: [/pipeline\.ts$/] })]);
    expect(excluded).toMatch(/async function fetchAndProcess/);
    const notIncluded = await esbuildBundle(fixture('pipeline.ts'), path.join(dir, 'b.mjs'), [tspollEsbuild({ include: [/\.mts$/] })]);
    expect(notIncluded).toMatch(/async function fetchAndProcess/);
    const viaGlob = await esbuildBundle(fixture('pipeline.ts'), path.join(dir, 'c.mjs'), [tspollEsbuild({ include: ['**/fixtures/*.ts'] })]);
    expectLowered(viaGlob);
    const plain = await esbuildBundle(fixture('no-async.ts'), path.join(dir, 'd.mjs'), []);
    const withPlugin = await esbuildBundle(fixture('no-async.ts'), path.join(dir, 'e.mjs'), [tspollEsbuild()]);
    expect(withPlugin).toBe(plain);
  });
});

describe('rollup', { timeout: 120_000 }, () => {
  it('builds a program whose lowered run matches the native run', async () => {
    const dir = tmp();
    const bundle = await rollup({ input: fixture('pipeline.mjs'), plugins: [tspollRollup(), runtimeFromSource()], onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const code = output[0].code;
    expectLowered(code);
    expect(code).toMatch(/loc: "packages\/unplugin\/test\/fixtures\/pipeline\.mjs:\d+:\d+"/); // relative to the working directory
    const out = path.join(dir, 'rollup.mjs');
    await writeFile(out, code);
    const r = runNode(out);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(runNode(fixture('pipeline.mjs')).stdout);
    expect(r.stdout).toBe(EXPECTED_PIPELINE);
  });

  it('reports compiler diagnostics through this.error with a location', async () => {
    const dir = tmp();
    const src = path.join(dir, 'bad.mjs');
    await writeFile(src, (await readFile(fixture('syntax-error.ts'), 'utf8')).replace(': Promise<number>', ''));
    let err: (Error & { plugin?: string; loc?: { file?: string; line: number; column: number } }) | undefined;
    try {
      await rollup({ input: src, plugins: [tspollRollup()], onwarn: () => {} });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err).toBeDefined();
    expect(err!.plugin).toBe('tspoll');
    expect(err!.message).toMatch(/TSP\d{4}/);
    expect(err!.loc?.line).toBe(2);
    expect(err!.loc?.file).toBe(src);
  });
});

describe('vite', { timeout: 120_000 }, () => {
  it('builds a program whose lowered run matches the native run', async () => {
    const dir = tmp();
    await viteBuild({
      configFile: false,
      logLevel: 'silent',
      root: path.dirname(fixture('pipeline.ts')),
      plugins: [tspollVite()],
      resolve: { conditions: ['source'] },
      ssr: { noExternal: true, resolve: { conditions: ['source'], externalConditions: ['source'] } },
      build: {
        ssr: fixture('pipeline.ts'),
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'vite.mjs' } },
      },
    });
    const code = await readFile(path.join(dir, 'vite.mjs'), 'utf8');
    expectLowered(code);
    expect(code).toMatch(/loc: "pipeline\.ts:\d+:\d+"/); // relative to Vite's root
    expect(code).not.toContain(here);
    const r = runNode(path.join(dir, 'vite.mjs'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXPECTED_PIPELINE);
  });

  it('reports compiler diagnostics through this.error with a location', async () => {
    let err: (Error & { plugin?: string; loc?: { file?: string; line: number; column: number } }) | undefined;
    try {
      await viteBuild({
        configFile: false,
        logLevel: 'silent',
        root: path.dirname(fixture('syntax-error.ts')),
        plugins: [tspollVite()],
        build: { ssr: fixture('syntax-error.ts'), outDir: tmp(), write: false },
      });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err).toBeDefined();
    expect(err!.plugin).toBe('tspoll');
    expect(err!.message).toMatch(/TSP1000/);
    expect(err!.loc).toMatchObject({ line: 2 });
    expect(err!.loc?.file).toMatch(/syntax-error\.ts$/);
  });
});
