// The `tspoll` command line: build, run, transform, --emit-states.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { displayPath, formatLocated, printReport, readInput } from './io.js';
import type { Diagnostic } from '@tspoll/compiler';
import type { MachineDesc } from './states.js';

// The compiler (TypeScript), esbuild and the plugin load only in the commands that use them,
// so `--help` and usage errors answer at once.
const loadBuild = () => import('./build.js');
const loadCompiler = () => import('@tspoll/compiler');

export type { BuildOptions } from './build.js';
export { CliError, UsageError, EXIT_OK, EXIT_ERRORS, EXIT_USAGE } from './errors.js';
export type { MachineDesc } from './states.js';

const VERSION = '0.1.0';

/** What `transform` reads (the README lists the same). */
const TRANSFORM_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * `--emit-states --out`: the format each extension stands for; `render` ones are drawn by
 * Graphviz from the dot text. Other extensions are refused, so a `.pdf` never holds a listing.
 */
const OUT_EXTENSIONS: Record<string, { format: 'text' | 'json' | 'mermaid' | 'dot'; render?: 'svg' | 'png' | 'pdf' }> = {
  '.txt': { format: 'text' },
  '.json': { format: 'json' },
  '.mmd': { format: 'mermaid' },
  '.dot': { format: 'dot' },
  '.gv': { format: 'dot' },
  '.svg': { format: 'dot', render: 'svg' },
  '.png': { format: 'dot', render: 'png' },
  '.pdf': { format: 'dot', render: 'pdf' },
};
const OUT_EXTENSIONS_HELP = '.txt text, .json, .mmd mermaid, .dot/.gv, and .svg/.png/.pdf\n                              rendered with Graphviz dot';

const HELP: Record<string, string> = {
  main: `tspoll ${VERSION}: lowers async functions into poll() state machines

Usage:
  tspoll build <entry> --outfile <file> [options]   bundle with the runtime included
  tspoll run <entry> [args...]                      build to a temp dir and run with Node
  tspoll transform <file> [-o <out>]                lower one file, no bundling
  tspoll emit-states <file> [options]               show each async function's states
                                                    (also spelled: tspoll --emit-states <file>)

Run 'tspoll <command> --help' for a command's options.
Exit codes: 0 ok, 1 diagnostics or build errors, 2 usage errors.
`,
  build: `Usage: tspoll build <entry> --outfile <file> [options]

Bundles <entry> and everything it imports with esbuild, lowering async functions on the
way, and includes @tspoll/runtime. A function the lowering cannot handle stays native, with
a warning.

Options:
  -o, --outfile <file>        output file (required)
      --platform node|browser default: node
      --format esm|cjs        default: esm (with --platform node: a runnable .mjs)
      --minify                minify the output
      --sourcemap             write <outfile>.map next to the output
      --report                print what was lowered and what stayed native (and why)
      --script                <entry> is a classic script: lower it alone, no bundling,
                              into a script that stays one (top-level var, function and
                              this stay global), with the global runtime
                              (@tspoll/runtime/global) at its head
      --strict-lowering       fail on what the lowering refuses (TSP1xxx, TSP9000)
                              instead of warning and keeping that function native
  -h, --help                  show this help
`,
  run: `Usage: tspoll run [--keep] <entry> [args...]

Builds <entry> (lowered, runtime included) into a temporary directory and runs it with
Node (--enable-source-maps). Arguments after <entry> go to the program; the exit code is
the program's.

Options:
      --keep                  keep the temporary build and print its path
  -h, --help                  show this help
`,
  transform: `Usage: tspoll transform <file> [-o <out>] [options]

Lowers the async functions of one file (${TRANSFORM_EXTENSIONS.join(' ')}) without bundling:
imports, including the added runtime import, stay imports. TypeScript stays TypeScript,
with a // @ts-nocheck line at its head: generated code is not typed; type-check the sources.
A function the lowering cannot handle stays native, with a warning.

Options:
  -o, --out <file>            write to <file> instead of stdout
      --runtime-module <id>   module the generated code imports (default @tspoll/runtime/abi)
      --module esm|cjs|auto   how to add the runtime import (default auto)
      --sourcemap             append an inline source map
      --report                print what was lowered and what stayed native (and why)
      --script                the file is a classic script and stays one: no import is
                              added, generated code reads the runtime from the global
                              __tspoll (load @tspoll/runtime/global first)
      --strict-lowering       fail on what the lowering refuses (TSP1xxx, TSP9000)
                              instead of warning and keeping that function native
  -h, --help                  show this help
`,
  'emit-states': `Usage: tspoll emit-states <file> [--fn <name>] [--format text|json|mermaid|dot] [--out <file>]
       tspoll --emit-states <file> [...]

For each async function in <file>: its states (name, the await it waits on, source
location, live locals) and transitions, including exceptional edges into catch/finally.

Options:
      --fn <name>             only this function
      --format <fmt>          text (default; also prints the generated code), json
                              (versioned schema), mermaid (stateDiagram-v2), dot
      --out <file>            write to <file>, in the format its extension names:
                              ${OUT_EXTENSIONS_HELP}
  -h, --help                  show this help
`,
};

type Values = Record<string, string | boolean | undefined>;

function parse(command: string, args: string[], options: ParseArgsConfig['options'], allowPositionals = true): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    let msg = (e as Error).message.split('\n')[0]!;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const opt = /'([^']+)'/.exec(msg)?.[1];
      msg = `unknown option '${opt ?? msg}'`;
    } else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      msg = msg.replace(/^Option /, 'option ');
    }
    throw new UsageError(msg, command);
  }
}

function oneOf<T extends string>(name: string, value: string | boolean | undefined, allowed: readonly T[], dflt: T, command: string): T {
  if (value === undefined) return dflt;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`, command);
}

function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`, command);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`, command);
  return positionals[0]!;
}

// ---------------------------------------------------------------- build

async function cmdBuild(args: string[]): Promise<number> {
  const { values, positionals } = parse('build', args, {
    outfile: { type: 'string', short: 'o' },
    platform: { type: 'string' },
    format: { type: 'string' },
    minify: { type: 'boolean' },
    sourcemap: { type: 'boolean' },
    report: { type: 'boolean' },
    script: { type: 'boolean' },
    'strict-lowering': { type: 'boolean' },
  });
  if (values.help) return help('build');
  const entry = onePositional('build', positionals, 'entry file');
  const outfile = values.outfile as string | undefined;
  if (!outfile) throw new UsageError('missing --outfile <file>', 'build');
  const strict = !!values['strict-lowering'];
  if (values.script) {
    if (values.format !== undefined) throw new UsageError('--script makes a classic script: --format does not apply', 'build');
    const input = readInput(entry);
    const result = await lower(input.code, input.path, { sourceMap: !!values.sourcemap, script: true, strict }, !!values.report);
    const { buildScript } = await loadBuild();
    buildScript({ code: result.code, map: result.map, file: input.path, outfile: path.resolve(outfile), minify: !!values.minify, sourcemap: !!values.sourcemap });
    return EXIT_OK;
  }
  const platform = oneOf('platform', values.platform, ['node', 'browser'] as const, 'node', 'build');
  const format = oneOf('format', values.format, ['esm', 'cjs'] as const, 'esm', 'build');
  const input = readInput(entry);
  const { bundle } = await loadBuild();
  const { warnings } = await bundle({ entry: input.path, outfile: path.resolve(outfile), platform, format, minify: !!values.minify, sourcemap: !!values.sourcemap, report: !!values.report, strict });
  for (const w of warnings) console.error(w);
  return EXIT_OK;
}

// ---------------------------------------------------------------- run

async function cmdRun(args: string[]): Promise<number> {
  // Options before the entry are ours; everything after it belongs to the program.
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-') && args[i] !== '--') i++;
  const ours = args.slice(0, i);
  let rest = args.slice(i);
  if (rest[0] === '--') rest = rest.slice(1);
  const { values } = parse('run', ours, { keep: { type: 'boolean' } }, false);
  if (values.help) return help('run');
  const entry = rest[0];
  if (entry === undefined) throw new UsageError('missing entry file', 'run');
  const input = readInput(entry);
  const dir = mkdtempSync(path.join(tmpdir(), 'tspoll-run-'));
  const outfile = path.join(dir, path.basename(input.path).replace(/\.[^.]*$/, '') + '.mjs');
  try {
    const { bundle } = await loadBuild();
    await bundle({ entry: input.path, outfile, platform: 'node', format: 'esm', sourcemap: 'inline', externalPackages: true });
    if (values.keep) console.error(`tspoll: built ${outfile}`);
    return await runNode(outfile, rest.slice(1));
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function runNode(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', file, ...args], { stdio: 'inherit' });
    // The child gets terminal signals itself; we only wait for it to finish.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', ignore);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', ignore);
      const signo = signal ? ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1 : 0;
      resolve(code ?? 128 + signo);
    });
  });
}

// ---------------------------------------------------------------- transform & emit-states


/** Runs the compiler; errors become a CliError listing every diagnostic. `report`: print the summary first. */
async function lower(code: string, file: string, opts: { runtimeModule?: string; moduleKind?: 'esm' | 'cjs' | 'auto'; sourceMap?: boolean; script?: boolean; strict?: boolean }, report = false) {
  const { diagnosticText, LoweringReport, transformSource } = await loadCompiler();
  const result = transformSource(code, file, opts);
  if (report) {
    const r = new LoweringReport();
    r.add(file, result);
    printReport(r);
  }
  const diags = result.diagnostics;
  const diagLine = (d: Diagnostic) => formatLocated(d.file ?? file, d.line, d.column, d.severity, diagnosticText(d));
  const errors = diags.filter((d) => d.severity !== 'warning' && d.severity !== 'info');
  for (const d of diags) if (!errors.includes(d)) console.error(diagLine(d));
  if (errors.length) throw new CliError(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${displayPath(file)}`, EXIT_ERRORS, errors.map(diagLine));
  // The compiler does not parse files without `async`; still refuse to pass on broken syntax.
  if (!result.changed) (await loadBuild()).checkSyntax(code, file);
  return result;
}

function writeOut(out: string | undefined, text: string): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, text);
  } catch (e) {
    throw new CliError(`cannot write '${out}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

async function cmdTransform(args: string[]): Promise<number> {
  const { values, positionals } = parse('transform', args, {
    out: { type: 'string', short: 'o' },
    'runtime-module': { type: 'string' },
    module: { type: 'string' },
    sourcemap: { type: 'boolean' },
    report: { type: 'boolean' },
    script: { type: 'boolean' },
    'strict-lowering': { type: 'boolean' },
  });
  if (values.help) return help('transform');
  const file = onePositional('transform', positionals, 'input file');
  const moduleKind = oneOf('module', values.module, ['esm', 'cjs', 'auto'] as const, 'auto', 'transform');
  if (values.script && (values.module !== undefined || values['runtime-module'] !== undefined)) {
    throw new UsageError(`--script adds no import: --${values.module !== undefined ? 'module' : 'runtime-module'} does not apply`, 'transform');
  }
  const input = readInput(file);
  const opts = { runtimeModule: values['runtime-module'] as string | undefined, moduleKind, sourceMap: !!values.sourcemap, script: !!values.script, strict: !!values['strict-lowering'] };
  const result = await lower(input.code, input.path, opts, !!values.report);
  let code = result.code;
  const map = result.map as { mappings?: string; toUrl?: () => string; toString(): string } | null | undefined;
  if (result.changed && /\.[cm]?tsx?$/.test(input.path)) code = withoutTypeCheck(code, map);
  if (values.sourcemap && map) {
    const url = map.toUrl ? map.toUrl() : `data:application/json;charset=utf-8;base64,${Buffer.from(typeof map === 'string' ? map : JSON.stringify(map)).toString('base64')}`;
    code = `${code.replace(/\n?$/, '\n')}//# sourceMappingURL=${url}\n`;
  }
  writeOut(values.out as string | undefined, code);
  return EXIT_OK;
}

/**
 * Generated code is not written to type-check (a frame is an untyped object), so lowered
 * TypeScript starts with `// @ts-nocheck`, after a `#!` line: a project that type-checks what it
 * runs (ts-node, `tsc` over the output) has checked the sources; this is build output. The
 * source map gets the empty line the header takes.
 */
function withoutTypeCheck(code: string, map: { mappings?: string } | null | undefined): string {
  const at = code.startsWith('#!') ? code.indexOf('\n') + 1 : 0;
  if (at === 0 && code.startsWith('#!')) return code; // a lone `#!` line: nothing to check
  if (map != null && typeof map.mappings === 'string') {
    const lines = map.mappings.split(';');
    lines.splice(at === 0 ? 0 : 1, 0, '');
    map.mappings = lines.join(';');
  }
  return `${code.slice(0, at)}// @ts-nocheck\n${code.slice(at)}`;
}

export const GRAPHVIZ_MISSING = 'Graphviz (dot) is not installed: install it (Debian/Ubuntu: apt-get install graphviz) or use --format dot|mermaid';

function renderWithDot(dot: string, out: string, kind: 'svg' | 'png' | 'pdf'): void {
  const r = spawnSync('dot', [`-T${kind}`, '-o', out], { input: dot, encoding: 'utf8' });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(GRAPHVIZ_MISSING);
    throw new CliError(`cannot run Graphviz dot: ${r.error.message}`);
  }
  if (r.status !== 0) throw new CliError(`Graphviz dot failed: ${(r.stderr || '').trim().split('\n')[0]}`);
}

async function cmdEmitStates(args: string[]): Promise<number> {
  const { values, positionals } = parse('emit-states', args, {
    'emit-states': { type: 'boolean' },
    fn: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) return help('emit-states');
  const file = onePositional('emit-states', positionals, 'input file');
  const out = values.out as string | undefined;
  const byExt = out === undefined ? undefined : OUT_EXTENSIONS[path.extname(out).toLowerCase()];
  if (out !== undefined && !byExt) {
    throw new UsageError(`--out '${out}': the extension must be one of ${Object.keys(OUT_EXTENSIONS).join(', ')}`, 'emit-states');
  }
  const render = byExt?.render;
  const format = oneOf('format', values.format, ['text', 'json', 'mermaid', 'dot'] as const, byExt?.format ?? 'text', 'emit-states');
  if (byExt && format !== byExt.format) {
    throw new UsageError(`--out ${path.extname(out!)} ${render ? 'renders with Graphviz from dot' : `is ${byExt.format}`}: use --format ${byExt.format} or omit --format`, 'emit-states');
  }
  const input = readInput(file);
  const result = await lower(input.code, input.path, { sourceMap: false });
  const { selectMachines, toDot, toJson, toMermaid, toText } = await import('./states.js');
  const { extractFunction } = await import('./generated.js');
  const all = (result.machines ?? []) as MachineDesc[];
  const fn = values.fn as string | undefined;
  const machines = selectMachines(all, fn);
  if (fn !== undefined && machines.length === 0) {
    const names = all.map((m) => m.name).join(', ');
    throw new CliError(`no async function named '${fn}' in ${displayPath(input.path)}${names ? ` (found: ${names})` : ''}`);
  }
  let text: string;
  switch (format) {
    case 'json':
      text = toJson(input.path, machines);
      break;
    case 'mermaid':
      text = toMermaid(machines);
      break;
    case 'dot':
      text = toDot(machines);
      break;
    default:
      if (machines.length === 0) text = `no async functions in ${displayPath(input.path)}\n`;
      else text = toText(machines, (fn !== undefined && extractFunction(result.code, input.path, fn)) || result.code);
  }
  if (render) renderWithDot(text, out!, render);
  else writeOut(out, text);
  return EXIT_OK;
}

// ---------------------------------------------------------------- main

function help(command: string): number {
  process.stdout.write(HELP[command] ?? HELP.main!);
  return EXIT_OK;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  build: cmdBuild,
  run: cmdRun,
  transform: cmdTransform,
  'emit-states': cmdEmitStates,
};

/** Runs the CLI; returns the exit code. User mistakes are printed as one line, never thrown. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      if (first === 'help' && rest[0] && HELP[rest[0]]) return help(rest[0]);
      return help('main');
    }
    if (first === '--version' || first === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (argv.includes('--emit-states') && !COMMANDS[first]) return await cmdEmitStates(argv);
    const cmd = COMMANDS[first];
    if (!cmd) {
      throw new UsageError(first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`);
    }
    return await cmd(rest);
  } catch (e) {
    if (e instanceof CliError) {
      for (const line of e.lines) console.error(line);
      const hint = e instanceof UsageError ? ` (see 'tspoll ${e.command ? e.command + ' ' : ''}--help')` : '';
      console.error(`tspoll: error: ${e.message}${hint}`);
      return e.exitCode;
    }
    throw e;
  }
}
