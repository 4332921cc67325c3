// Runs the built `tspoll` command as a child process, as users do.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(here, '..');
const BIN = process.env.TSPOLL_CLI_BIN ?? path.join(pkg, 'bin/tspoll.js');
const fixture = (name: string) => path.join(here, 'fixtures', name);
const tmpDirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tspoll-cli-'));
  tmpDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

function tspoll(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? pkg, env: opts.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function node(file: string, args: string[] = [], cwd?: string): Run {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', timeout: 30_000, cwd });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The same program built without tspoll: what the lowered build must reproduce. */
async function nativeBuild(entry: string, outfile: string): Promise<void> {
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
}

/** A user mistake is reported on one line (plus one per diagnostic), without a stack trace. */
function expectCleanError(r: Run, status: number, pattern: RegExp): void {
  expect(r.status).toBe(status);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe('');
}

const PROGRAM_OUTPUT = ['sum(10) = 55', 'try > ok > finally', 'try > catch failed > finally'];

describe('tspoll --help', { timeout: 180_000 }, () => {
  it('prints usage for the command and every subcommand', () => {
    for (const args of [['--help'], ['-h'], [], ['build', '--help'], ['run', '--help'], ['transform', '--help'], ['--emit-states', '--help'], ['help', 'build']]) {
      const r = tspoll(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage/);
    }
    expect(tspoll(['build', '--help']).stdout).toContain('--outfile');
    expect(tspoll(['--emit-states', '--help']).stdout).toContain('mermaid');
    expect(tspoll(['--help']).stdout).toContain('Exit codes: 0 ok, 1 diagnostics or build errors, 2 usage errors');
  });

  it('lists the emit-states subcommand that usage errors point to, and the extensions the README lists', () => {
    const main = tspoll(['--help']).stdout;
    expect(main).toMatch(/^ {2}tspoll emit-states <file>/m);
    const hint = /see '(tspoll emit-states --help)'/.exec(tspoll(['--emit-states', fixture('fetch.ts'), '--format', 'pdf']).stderr)?.[1];
    expect(hint).toBe('tspoll emit-states --help');
    expect(tspoll(['emit-states', '--help']).stdout).toMatch(/^Usage: tspoll emit-states <file>/);
    const readme = readFileSync(path.join(pkg, 'README.md'), 'utf8');
    const fromReadme = /Accepts `([^`]+)`/.exec(readme)?.[1]!.split(' ');
    const fromHelp = /one file \(([^)]*)\)/.exec(tspoll(['transform', '--help']).stdout)?.[1]!.split(' ');
    expect(fromHelp).toEqual(fromReadme);
  });
});

describe('usage errors', { timeout: 180_000 }, () => {
  it('exit with 2 and one clear line', () => {
    expectCleanError(tspoll(['frobnicate']), 2, /^tspoll: error: unknown command 'frobnicate'/m);
    expectCleanError(tspoll(['--frob']), 2, /^tspoll: error: unknown option '--frob'/m);
    expectCleanError(tspoll(['build', fixture('program.ts'), '-o', 'x.mjs', '--bogus']), 2, /unknown option '--bogus'/);
    expectCleanError(tspoll(['build', fixture('program.ts')]), 2, /missing --outfile/);
    expectCleanError(tspoll(['build', fixture('program.ts'), '-o', 'x.mjs', '--platform', 'deno']), 2, /--platform must be one of node, browser/);
    expectCleanError(tspoll(['transform']), 2, /missing input file/);
    expectCleanError(tspoll(['--emit-states', fixture('fetch.ts'), '--format', 'png']), 2, /--format must be one of text, json, mermaid, dot/);
    expectCleanError(tspoll(['run']), 2, /missing entry file/);
  });

  it('missing files are one line, exit 2', () => {
    for (const args of [['transform', 'nope.ts'], ['build', 'nope.ts', '-o', 'x.mjs'], ['run', 'nope.ts'], ['--emit-states', 'nope.ts']]) {
      const r = tspoll(args);
      expectCleanError(r, 2, /^tspoll: error: cannot find file 'nope\.ts'$/m);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('syntax errors and diagnostics', { timeout: 180_000 }, () => {
  it('transform, build, run and --emit-states report a syntax error at its location, exit 1', () => {
    const dir = tmp();
    for (const args of [
      ['transform', fixture('syntax-error.ts')],
      ['build', fixture('syntax-error.ts'), '-o', path.join(dir, 'x.mjs')],
      ['run', fixture('syntax-error.ts')],
      ['--emit-states', fixture('syntax-error.ts')],
    ]) {
      const r = tspoll(args);
      expectCleanError(r, 1, /test\/fixtures\/syntax-error\.ts:2:\d+ - error/);
    }
  });
});

describe('compiler diagnostics', { timeout: 180_000 }, () => {
  it('transform and build warn of what the lowering refuses, at its location, and succeed with the function native', () => {
    const dir = tmp();
    const transformed = tspoll(['transform', fixture('diagnostic.js')]);
    expect(transformed.status).toBe(0);
    expect(transformed.stderr).toMatch(/^test\/fixtures\/diagnostic\.js:3:3 - warning TSP1004: a 'with' statement hides which locals/m);
    expect(transformed.stderr.trim().split('\n')).toHaveLength(1);
    expect(transformed.stdout).toMatch(/async function lookup/);
    // (A `with` statement cannot be bundled into an ES module: a CommonJS bundle.)
    const out = path.join(dir, 'x.cjs');
    const built = tspoll(['build', fixture('diagnostic.js'), '-o', out, '--format', 'cjs']);
    expect(built.stderr).toMatch(/^test\/fixtures\/diagnostic\.js:3:3 - warning TSP1004: a 'with' statement hides which locals/m);
    expect(built.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/async function lookup\(scope\) \{\n\s+with \(scope\)/);
  });

  it('--strict-lowering makes them errors: each printed at its location, exit 1, nothing written', () => {
    const dir = tmp();
    for (const args of [['transform', fixture('diagnostic.js')], ['build', fixture('diagnostic.js'), '-o', path.join(dir, 'x.cjs'), '--format', 'cjs']]) {
      const r = tspoll([...args, '--strict-lowering']);
      expectCleanError(r, 1, /^test\/fixtures\/diagnostic\.js:3:3 - error TSP1004: a 'with' statement hides which locals/m);
      expect(r.stderr.trim().split('\n')).toHaveLength(2); // the diagnostic, then the summary
    }
    expect(existsSync(path.join(dir, 'x.cjs'))).toBe(false);
  });
});

describe('tspoll build', { timeout: 180_000 }, () => {
  it('--platform node --format esm gives one runnable .mjs whose output matches the native build', async () => {
    const dir = tmp();
    const out = path.join(dir, 'sub', 'program.mjs');
    const r = tspoll(['build', fixture('program.ts'), '--outfile', out, '--platform', 'node', '--format', 'esm']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const code = readFileSync(out, 'utf8');
    expect(code).not.toMatch(/async function (sum|guarded|main)\b/);
    expect(code).toMatch(/loc: "test\/fixtures\/program\.ts:\d+:\d+"/);
    expect(code).not.toContain(here);
    expect(code).not.toMatch(/from\s*["']@tspoll\//); // the runtime is bundled
    // Runs alone, from an unrelated directory.
    const alone = path.join(tmp(), 'alone.mjs');
    copyFileSync(out, alone);
    const lowered = node(alone, ['5']);
    await nativeBuild(fixture('program.ts'), path.join(dir, 'native.mjs'));
    const native = node(path.join(dir, 'native.mjs'), ['5']);
    expect(native.stdout).toBe([...PROGRAM_OUTPUT, 'args: ["5"]', ''].join('\n'));
    expect(lowered.stderr).toBe('');
    expect(lowered.stdout).toBe(native.stdout);
    expect(lowered.status).toBe(5);
  });

  it("esbuild's errors in a lowered file name the user's line", () => {
    const dir = tmp();
    const lines = ['export async function main(n: number) {', '  let t = 0;', '  for (let i = 0; i < n; i++) t += await Promise.resolve(i);', '  return t;', '}', "const extra = require('./nope');", 'console.log(extra);', ''];
    writeFileSync(path.join(dir, 'main.ts'), lines.join('\n'));
    const r = tspoll(['build', 'main.ts', '-o', 'out.mjs'], { cwd: dir });
    expectCleanError(r, 1, /^main\.ts:6:23 - error: Could not resolve "\.\/nope"$/m);
  });

  it('build --report and transform --report say what was lowered and what stayed native, and why', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'main.ts'), ["import { legacy } from './legacy';", 'export async function main() { return await legacy(); }', '// @tspoll-native', 'export async function kept() { await 1; }', ''].join('\n'));
    writeFileSync(path.join(dir, 'legacy.ts'), '// @tspoll-native-file\nexport async function legacy() { return 1; }\n');
    const built = tspoll(['build', 'main.ts', '-o', 'out.mjs', '--report'], { cwd: dir });
    expect(built.status).toBe(0);
    expect(built.stderr).toBe(
      'tspoll: lowered 1 async function in 1 file; kept 1 function native, and one whole file\n  legacy.ts  whole file (// @tspoll-native-file)\n  main.ts:4:1  kept  (// @tspoll-native)\n',
    );
    const transformed = tspoll(['transform', 'main.ts', '--report'], { cwd: dir });
    expect(transformed.status).toBe(0);
    expect(transformed.stderr).toBe('tspoll: lowered 1 async function in 1 file; kept 1 function native\n  main.ts:4:1  kept  (// @tspoll-native)\n');
    expect(transformed.stdout).toContain('main$poll');
    expect(tspoll(['build', 'main.ts', '-o', 'out.mjs'], { cwd: dir }).stderr).toBe('');
  });

  it('--format cjs, --minify and --sourcemap', () => {
    const dir = tmp();
    const out = path.join(dir, 'program.cjs');
    const r = tspoll(['build', fixture('program.ts'), '-o', out, '--format', 'cjs', '--minify', '--sourcemap']);
    expect(r.status).toBe(0);
    expect(existsSync(out + '.map')).toBe(true);
    const code = readFileSync(out, 'utf8');
    expect(code.split('\n').length).toBeLessThan(10);
    expect(code).toContain('//# sourceMappingURL=program.cjs.map');
    const run = node(out, ['0']);
    expect(run.stdout).toBe([...PROGRAM_OUTPUT, 'args: ["0"]', ''].join('\n'));
  });

  it('--platform browser bundles without Node built-ins', () => {
    const dir = tmp();
    const out = path.join(dir, 'fetch.js');
    const r = tspoll(['build', fixture('fetch.ts'), '-o', out, '--platform', 'browser']);
    expect(r.status).toBe(0);
    const code = readFileSync(out, 'utf8');
    expect(code).not.toMatch(/node:|createRequire/);
    expect(code).not.toMatch(/async function fetch_and_process/);
    expect(code).toMatch(/fetch_and_process\$poll/); // lowered, and kept (exported)
  });
});

describe('tspoll run', { timeout: 180_000 }, () => {
  it('runs the entry with its arguments and forwards the exit code', () => {
    const r = tspoll(['run', fixture('program.ts'), '3', '--flag', 'x y']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([...PROGRAM_OUTPUT, 'args: ["3","--flag","x y"]', ''].join('\n'));
    expect(r.status).toBe(3);
  });

  it('an uncaught error exits 1 with a stack mapped to the original source', () => {
    const r = tspoll(['run', fixture('throws.ts')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: thrown on line 7');
    expect(r.stderr).toMatch(/throws\.ts:7:\d+/);
  });

  it('works from any directory, even one without @tspoll/runtime installed', () => {
    const dir = tmp();
    copyFileSync(fixture('program.ts'), path.join(dir, 'main.ts'));
    const r = tspoll(['run', 'main.ts', '0'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([...PROGRAM_OUTPUT, 'args: ["0"]', ''].join('\n'));
    expect(r.status).toBe(0);
  });
});

describe('tspoll transform', { timeout: 180_000 }, () => {
  it('lowers a .ts file to stdout; imports stay imports', () => {
    const r = tspoll(['transform', fixture('fetch.ts')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/from ["']@tspoll\/runtime\/abi["']/);
    expect(r.stdout).not.toMatch(/async function fetch_and_process/);
    expect(r.stdout).toContain('fetch_and_process');
    // Named relative to the working directory: no path of this machine in the output.
    expect(r.stdout).toMatch(/loc: "test\/fixtures\/fetch\.ts:\d+:\d+"/);
    expect(r.stdout).not.toContain(pkg);
  });

  it('-o writes the file; --runtime-module changes the import', () => {
    const dir = tmp();
    const out = path.join(dir, 'out', 'fetch.ts');
    const r = tspoll(['transform', fixture('fetch.ts'), '-o', out, '--runtime-module', 'my-runtime/abi']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/from ["']my-runtime\/abi["']/);
  });

  it('lowered TypeScript starts with // @ts-nocheck; it and the files using it pass strict tsc; the map keeps its lines', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'node_modules', '@tspoll'), { recursive: true });
    symlinkSync(path.resolve(pkg, '../runtime'), path.join(dir, 'node_modules', '@tspoll', 'runtime'));
    // No return types written: the wrappers' inferred types are what other files see.
    const source = ['export async function g() { await null; return 1; }', 'export const h = async (x: string) => { await null; return x.length; };', 'export class C { async m() { await null; return "m"; } }', ''].join('\n');
    writeFileSync(path.join(dir, 'src.ts'), source);
    const r = tspoll(['transform', 'src.ts', '-o', 'lib.ts', '--sourcemap'], { cwd: dir });
    expect(r.status).toBe(0);
    const lowered = readFileSync(path.join(dir, 'lib.ts'), 'utf8');
    expect(lowered.split('\n')[0]).toBe('// @ts-nocheck');
    const use = ["import { g, h, C } from './lib.js';", 'export const a: Promise<number> = g();', "export const b: Promise<number> = h('x');", 'export const c: Promise<string> = new C().m();', 'g().then((v) => v + 1);', ''].join('\n');
    writeFileSync(path.join(dir, 'use.ts'), use);
    const tsconfig = { compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', noEmit: true, types: [] }, files: ['use.ts'] };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
    const tsc = spawnSync(process.execPath, [path.resolve(pkg, '../../node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // The header is an extra first line: the source map's lines move down with the code. The
    // same source as .js (it has no types) lowers to the same code without the header.
    writeFileSync(path.join(dir, 'src.js'), source);
    const js = tspoll(['transform', 'src.js', '--sourcemap'], { cwd: dir });
    expect(js.stdout.startsWith('// @ts-nocheck')).toBe(false);
    const mappings = (code: string) => (JSON.parse(Buffer.from(/base64,(\S+)/.exec(code)![1]!, 'base64').toString('utf8')) as { mappings: string }).mappings;
    expect(mappings(js.stdout)).toMatch(/[A-Za-z]/);
    expect(mappings(lowered)).toBe(`;${mappings(js.stdout)}`);
  });

  it('accepts a plain .js script, and the result runs', () => {
    const dir = tmp();
    const r = tspoll(['transform', fixture('script.js')]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/async function twice/);
    // Run the transformed script next to a node_modules that has the runtime.
    const work = path.join(dir, 'work');
    mkdirSync(path.join(work, 'node_modules', '@tspoll'), { recursive: true });
    symlinkSync(path.resolve(pkg, '../runtime'), path.join(work, 'node_modules', '@tspoll', 'runtime'));
    const file = path.join(work, 'script.mjs');
    writeFileSync(file, r.stdout);
    const run = node(file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('twice 42\n');
  });
});

describe('classic scripts (--script)', { timeout: 180_000 }, () => {
  // A script whose top-level var, function declaration and `this` are the global object's.
  const SCRIPT = [
    'var log = [];',
    'var self = this;',
    'async function twice(x) {',
    '  const a = await Promise.resolve(x);',
    '  log.push(this === self, typeof globalThis.twice);',
    '  return a * 2;',
    '}',
    "var done = twice(21).then((v) => { log.push(v); console.log(log.join(' ')); });",
    '',
  ].join('\n');
  const runScript = (code: string) => {
    const ctx = vm.createContext({ console: { log: (...a: unknown[]) => out.push(a.join(' ')) }, queueMicrotask, setTimeout, clearTimeout, setImmediate, performance });
    const out: string[] = [];
    vm.runInContext(code, ctx);
    return (vm.runInContext('done', ctx) as Promise<void>).then(() => out);
  };

  it('transform --script: no import, the global runtime; it runs as a script after @tspoll/runtime/global', async () => {
    const dir = tmp();
    const file = path.join(dir, 'page.js');
    writeFileSync(file, SCRIPT);
    const r = tspoll(['transform', '--script', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\bimport\b|\brequire\(/);
    expect(r.stdout).toContain('__tspoll.start(');
    const runtime = readFileSync(path.resolve(pkg, '../runtime/dist/tspoll-runtime.global.js'), 'utf8');
    const native = await runScript(SCRIPT);
    expect(native).toEqual(['true function 42']);
    expect(await runScript(`${runtime}\n${r.stdout}`)).toEqual(native);
    expect(tspoll(['transform', '--script', '--module', 'cjs', file]).status).toBe(2);
  });

  it('build --script: one self-contained classic script (runtime at its head, still sloppy), minified and mapped', async () => {
    const dir = tmp();
    const file = path.join(dir, 'page.ts');
    writeFileSync(file, SCRIPT.replace('twice(x)', 'twice(x: number)'));
    const out = path.join(dir, 'out/page.js');
    const r = tspoll(['build', '--script', file, '-o', out, '--sourcemap', '--minify']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const code = readFileSync(out, 'utf8');
    expect(code.startsWith('"use strict"')).toBe(false); // the runtime's directive stays inside it
    expect(code).toMatch(/\/\/# sourceMappingURL=page\.js\.map\n$/);
    expect(JSON.parse(readFileSync(`${out}.map`, 'utf8')).sources).toEqual(['../page.ts']);
    expect(await runScript(code)).toEqual(['true function 42']);
    expect(tspoll(['build', '--script', file, '-o', out, '--format', 'esm']).status).toBe(2);
  });
});

describe('tspoll --emit-states', { timeout: 180_000 }, () => {
  it('text: states with awaits, locations and live locals, transitions, and the generated code', () => {
    const r = tspoll(['--emit-states', fixture('fetch.ts'), '--fn', 'fetch_and_process']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^async function fetch_and_process \(test\/fixtures\/fetch\.ts:5:\d+\)/m);
    expect(r.stdout).toMatch(/\bStart\b/);
    expect(r.stdout).toMatch(/awaits client\.get\(url\)\s+at 6:\d+\s+live: [^\n]*/);
    expect(r.stdout).toMatch(/awaits response\.json\(\)\s+at 7:\d+\s+live: [^\n]*/);
    expect(r.stdout).toContain('transitions:');
    expect(r.stdout).toContain('generated code:');
    expect(r.stdout).not.toContain('withCleanup');
  });

  it('json: the versioned StatesDocument', () => {
    const r = tspoll(['--emit-states', fixture('fetch.ts'), '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.file).toBe('test/fixtures/fetch.ts');
    expect(doc.machines[0].loc.file).toBe('test/fixtures/fetch.ts');
    expect(doc.machines.map((m: { name: string }) => m.name)).toEqual(['fetch_and_process', 'withCleanup']);
    const fp = doc.machines[0];
    expect(fp.states[0].name).toBe('Start');
    expect(fp.states.filter((s: { awaits?: string }) => s.awaits).map((s: { awaits: string }) => s.awaits)).toEqual(['client.get(url)', 'response.json()']);
    // withCleanup has exceptional edges into its catch and finally.
    const kinds = doc.machines[1].transitions.map((t: { kind: string }) => t.kind);
    expect(kinds.some((k: string) => /throw|catch|finally/.test(k))).toBe(true);
  });

  it('mermaid: a stateDiagram-v2 like the seed', () => {
    const r = tspoll(['--emit-states', fixture('fetch.ts'), '--fn', 'fetch_and_process', '--format', 'mermaid']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(r.stdout).toMatch(/\[\*\] --> Start/);
    expect(r.stdout).toMatch(/Start --> \w+: client\.get\(url\)/);
    expect(r.stdout).toMatch(/--> \w+: response\.json\(\)/);
    expect(r.stdout).toMatch(/ --> \[\*\]/);
  });

  it('dot, and an error for an unknown --fn', () => {
    const r = tspoll(['--emit-states', fixture('fetch.ts'), '--format', 'dot']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^digraph tspoll \{/);
    expect(r.stdout).toContain('cluster_1');
    expectCleanError(tspoll(['--emit-states', fixture('fetch.ts'), '--fn', 'nope']), 1, /no async function named 'nope'.*found: fetch_and_process, withCleanup/);
  });

  it('several try blocks and loops: every state is its own node in text, json, mermaid and dot', () => {
    const json = JSON.parse(tspoll(['--emit-states', fixture('tries.ts'), '--format', 'json']).stdout);
    const m = json.machines[0];
    const names: string[] = m.states.map((s: { name: string }) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Catch', 'Catch2', 'AfterTry', 'AfterTry2', 'For', 'For2']));
    const nameOf = (id: number) => m.states.find((s: { id: number }) => s.id === id).name;
    const edges = new Set<string>(m.transitions.map((t: { from: number; to: number }) => `${nameOf(t.from)} -> ${nameOf(t.to)}`));

    // text: one line per state, and the transitions name the states they join.
    const text = tspoll(['--emit-states', fixture('tries.ts')]).stdout;
    const listed = [...text.matchAll(/^ +-?\d+ (\w+)/gm)].map((x) => x[1]);
    expect(listed).toEqual(names);
    const textEdges = new Set([...text.matchAll(/^ {4}(\w+ -> \w+) {2}\[/gm)].map((x) => x[1]));
    expect(textEdges).toEqual(edges);

    // mermaid: each edge joins the nodes of its own states; no edge appears that the machine lacks.
    const mermaid = tspoll(['--emit-states', fixture('tries.ts'), '--format', 'mermaid']).stdout;
    const mEdges = new Set([...mermaid.matchAll(/^ {4}(\w+) --> (\w+)/gm)].map((x) => `${x[1]} -> ${x[2]}`));
    expect(mEdges).toEqual(edges);

    // dot: one node per state, edges between state ids.
    const dot = tspoll(['--emit-states', fixture('tries.ts'), '--format', 'dot']).stdout;
    const nodes = [...dot.matchAll(/^ {4}"(m0_s-?\d+)" \[label="(\w+)/gm)];
    expect(nodes.map((x) => x[2])).toEqual(names);
    expect(new Set(nodes.map((x) => x[1])).size).toBe(names.length);
    const label = new Map(nodes.map((x) => [x[1], x[2]]));
    const dEdges = new Set([...dot.matchAll(/^ {4}"(m0_s-?\d+)" -> "(m0_s-?\d+)"/gm)].map((x) => `${label.get(x[1])} -> ${label.get(x[2])}`));
    expect(dEdges).toEqual(edges);
  });

  it('--out picks the format from its extension and refuses extensions it does not write', () => {
    const dir = tmp();
    const json = path.join(dir, 'states.json');
    expect(tspoll(['--emit-states', fixture('fetch.ts'), '--out', json]).status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).schemaVersion).toBe(1);
    const mmd = path.join(dir, 'states.mmd');
    expect(tspoll(['--emit-states', fixture('fetch.ts'), '--out', mmd]).status).toBe(0);
    expect(readFileSync(mmd, 'utf8')).toMatch(/^stateDiagram-v2/);
    for (const name of ['states.docx', 'states', 'states.html']) {
      expectCleanError(tspoll(['--emit-states', fixture('fetch.ts'), '--out', path.join(dir, name)]), 2, /--out '[^']*': the extension must be one of \.txt, \.json, \.mmd, \.dot, \.gv, \.svg, \.png, \.pdf/);
      expect(existsSync(path.join(dir, name))).toBe(false);
    }
    expectCleanError(tspoll(['--emit-states', fixture('fetch.ts'), '--out', mmd, '--format', 'dot']), 2, /--out \.mmd is mermaid: use --format mermaid or omit --format/);
    expectCleanError(tspoll(['--emit-states', fixture('fetch.ts'), '--out', path.join(dir, 'x.pdf'), '--format', 'text']), 2, /renders with Graphviz/);
  });

  it('--out file.svg renders with Graphviz, or says clearly that it is not installed', () => {
    const dir = tmp();
    const hasDot = spawnSync('dot', ['-V']).error === undefined;
    if (process.env.CI === 'true') expect(hasDot, 'CI installs graphviz').toBe(true);
    const svg = path.join(dir, 'fetch.svg');
    const r = tspoll(['--emit-states', fixture('fetch.ts'), '--out', svg]);
    if (hasDot) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(readFileSync(svg, 'utf8')).toMatch(/<svg[\s\S]*fetch_and_process/);
      const png = path.join(dir, 'fetch.png');
      expect(tspoll(['--emit-states', fixture('fetch.ts'), '--out', png]).status).toBe(0);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      const pdf = path.join(dir, 'fetch.pdf');
      expect(tspoll(['--emit-states', fixture('fetch.ts'), '--out', pdf]).status).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // Without dot on the PATH (only node), the message is the clear one.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const without = tspoll(['--emit-states', fixture('fetch.ts'), '--out', path.join(dir, 'x.svg')], { env: { ...process.env, PATH: bin } });
    expectCleanError(without, 1, /Graphviz \(dot\) is not installed/);
  });
});
