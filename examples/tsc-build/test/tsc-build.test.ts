// Builds this example with ts-patch's `tspc` (on the Node this repository runs, 20.x, although
// ts-patch 4 declares >=22.15) and runs the output, next to a plain `tsc` build of the same
// sources: same report, but only the tspc build is lowered, and both keep the declared types.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO = path.resolve(EXAMPLE, '../..');
const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');
const TSPC = path.join(EXAMPLE, 'node_modules/ts-patch/bin/tspc.js');
const NATIVE_OUT = path.join(REPO, 'packages/compiler/.tmp/tsc-build-native');

function node(args: string[], cwd = REPO): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function run(file: string): Record<string, unknown> {
  return JSON.parse(node([file]).trim()) as Record<string, unknown>;
}

describe('tsc + ts-patch build', () => {
  beforeAll(() => {
    // tspc loads the transformer, and the output loads the runtime, from their dist builds.
    node([TSC, '-b', 'packages/runtime', 'packages/compiler']);
    rmSync(path.join(EXAMPLE, 'out'), { recursive: true, force: true });
    rmSync(NATIVE_OUT, { recursive: true, force: true });
  }, 240_000);

  it('tspc type-checks, lowers, and the output runs like the plain tsc build', () => {
    // As the README says: `npm run build` in the example, no global pnpm.
    execFileSync('npm', ['run', 'build'], { cwd: EXAMPLE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    node([TSC, '-p', EXAMPLE, '--outDir', NATIVE_OUT]);
    const lowered = JSON.parse(execFileSync('npm', ['start', '--silent'], { cwd: EXAMPLE, encoding: 'utf8' }).trim()) as Record<string, unknown>;
    const native = run(path.join(NATIVE_OUT, 'main.js'));
    expect(native.lowered).toBe(false);
    expect(lowered.lowered).toBe(true);
    expect({ ...lowered, lowered: undefined }).toEqual({ ...native, lowered: undefined });
    expect(native).toMatchObject({ count: 6, retries: 2 });

    const js = readFileSync(path.join(EXAMPLE, 'out/pipeline.js'), 'utf8');
    expect(js).toContain('@tspoll/runtime/abi');
    expect(js).not.toMatch(/\basync\s+(function|read|readWithRetry)\b/);
    // loc strings name the file relative to the tsconfig's directory, never a path of this machine.
    expect(js).toMatch(/loc: "src\/pipeline\.ts:\d+:\d+"/);
    expect(js).not.toContain(REPO);
    // Declarations come from the source as written.
    const dts = readFileSync(path.join(EXAMPLE, 'out/pipeline.d.ts'), 'utf8');
    expect(dts).toContain('runPipeline(source: Source, ids: number[]): Promise<Report>');
    expect(dts).toContain('read(id: number): Promise<RawRecord>');
  }, 120_000);

  it('reports lowering errors through tspc with the TSP code and position (strict: true)', () => {
    // A throwaway project inside the example, so it resolves the same packages.
    const dir = path.join(EXAMPLE, '.tmp/diagnostics');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    const config = JSON.parse(readFileSync(path.join(EXAMPLE, 'tsconfig.json'), 'utf8'));
    // What the lowering refuses keeps the function native, silently under tsc (it cannot
    // show a warning); the plugin's `strict` makes it an error.
    const build = (strict: boolean) => {
      config.compilerOptions.plugins = config.compilerOptions.plugins.map((p: object) => ({ ...p, strict }));
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
      try {
        return node([TSPC, '-p', dir, '--pretty', 'false']);
      } catch (e) {
        return String((e as { stdout?: string }).stdout);
      }
    };
    // `with` cannot be lowered: TSP1004 (tsc also rejects `with` in strict code).
    writeFileSync(path.join(dir, 'src/bad.ts'), ['export async function f(o: any) {', '  with (o) {', '    await o;', '  }', '}', ''].join('\n'));
    writeFileSync(path.join(dir, 'src/ok.ts'), 'export async function ok() { return await 1; }\n');
    expect(build(false)).not.toMatch(/TSP1004/);
    const output = build(true);
    expect(output).toMatch(/src\/bad\.ts\(2,3\): error TS91004: TSP1004: /);
    // The rest of the project is still emitted and lowered.
    const ok = readFileSync(path.join(dir, 'out/ok.js'), 'utf8');
    expect(ok).toContain('@tspoll/runtime/abi');
    expect(ok).not.toContain('async function ok');
  }, 120_000);
});
