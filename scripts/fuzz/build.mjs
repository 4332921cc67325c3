// Builds many generated programs into one bundle per mode (one esbuild call each), and runs
// a native bundle against a lowered one in a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');

/**
 * Import a workspace TS entry from plain `node`: bundle it with esbuild (workspace packages
 * through the `source` condition), leaving only `typescript` external, resolved from the
 * package that depends on it (a large CJS module that needs no bundling).
 */
export async function importTs(entry, pkgJson) {
  const req = createRequire(pkgJson);
  const tsPath = req.resolve('typescript');
  const dir = mkdtempSync(join(tmpdir(), 'tspoll-load-'));
  const out = join(dir, 'module.mjs');
  try {
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      conditions: ['source'],
      logLevel: 'silent',
      plugins: [
        {
          name: 'ts-external',
          setup(b) {
            b.onResolve({ filter: /^typescript$/ }, () => ({ path: tsPath, external: true }));
          },
        },
      ],
      banner: { js: "import { createRequire as $cr } from 'node:module'; const require = $cr(import.meta.url);" },
    });
    return await import(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Resolves `@tspoll/<pkg>[/sub]` to the package's TS sources (its `source` export), from
 * anywhere: the scripts are not a workspace package, so node_modules cannot find them.
 */
export function workspacePlugin() {
  return {
    name: 'tspoll-workspace',
    setup(b) {
      b.onResolve({ filter: /^@tspoll\/[^/]+(\/.*)?$/ }, (a) => {
        const m = /^@tspoll\/([^/]+)(\/.*)?$/.exec(a.path);
        const dir = join(ROOT, 'packages', m[1]);
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        const e = pkg.exports?.['.' + (m[2] ?? '')];
        const target = typeof e === 'string' ? e : (e?.source ?? e?.default);
        if (!target) return { errors: [{ text: `no export ${a.path}` }] };
        return { path: join(dir, target) };
      });
    },
  };
}

let compilerPromise = null;
/** The compiler, from its TS sources (see importTs). */
export function loadCompiler() {
  compilerPromise ??= importTs(join(ROOT, 'packages/compiler/src/index.ts'), join(ROOT, 'packages/compiler/package.json'));
  return compilerPromise;
}

let tsPromise = null;
function loadTs() {
  tsPromise ??= import('typescript').then((m) => m.default ?? m);
  return tsPromise;
}

/**
 * Lowerings. Each maps a program's source to { code } or { error }.
 * - native: the source as written (esbuild strips nothing but types)
 * - tspoll: @tspoll/compiler transformSource
 * - es5: TypeScript's own ES5 downlevel (a sanity check of the harness itself)
 */
export async function lowerer(mode, custom) {
  if (custom) return custom;
  if (mode === 'native') return (src) => ({ code: src });
  if (mode === 'es5') {
    const ts = await loadTs();
    return (src, file) => {
      const out = ts.transpileModule(src, {
        fileName: file,
        compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.ESNext, ignoreDeprecations: '6.0', lib: ['es2015'] },
      });
      return { code: out.outputText };
    };
  }
  if (mode === 'tspoll') {
    const c = await loadCompiler();
    return (src, file) => {
      try {
        const out = c.transformSource(src, file, { sourceMap: false });
        const diags = out.diagnostics ?? [];
        // A function the compiler declines (TSP1xxx "not lowered") stays native and the rest
        // of the file is lowered: that mixed program must still behave, so it runs. Only a
        // file returned untouched because of a syntax or internal error is a failure.
        const fatal = diags.filter((d) => d.code === 'TSP1000' || d.code === 'TSP9000');
        if (fatal.length || (!out.changed && diags.length === 0 && /\basync\b/.test(src))) {
          return { error: 'compiler: ' + (diags.map(describeDiag).join('; ') || 'returned the file unchanged') };
        }
        return { code: out.code, diagnostics: diags.map((d) => d.code) };
      } catch (e) {
        return { error: 'compiler threw: ' + (e?.stack ?? String(e)).split('\n').slice(0, 4).join(' | ') };
      }
    };
  }
  throw new Error('unknown mode ' + mode);
}

function describeDiag(d) {
  if (typeof d === 'string') return d;
  const msg = typeof d.messageText === 'string' ? d.messageText : (d.message ?? d.messageText?.messageText ?? JSON.stringify(d));
  return (d.code ? `${d.code} ` : '') + msg;
}

/**
 * Bundle programs ({ id, source }) for one mode. Returns { file, failed: Map<id, reason> }.
 * A program whose lowering fails (compiler error, or output esbuild rejects) is replaced by
 * a stub whose main throws the reason, so one bad program never hides the others.
 */
export async function bundle(programs, mode, outFile, custom) {
  const lower = await lowerer(mode, custom);
  const failed = new Map();
  const codes = new Map();
  const diagnostics = new Map();
  for (const p of programs) {
    const file = `/fuzz/p${p.id}.ts`;
    let r;
    try {
      r = lower(p.source, file);
    } catch (e) {
      r = { error: 'lowering threw: ' + String(e?.message ?? e) };
    }
    if (r.error) failed.set(p.id, r.error);
    else codes.set(p.id, r.code);
    if (r.diagnostics?.length) diagnostics.set(p.id, r.diagnostics);
  }
  const harness = join(here, 'harness', mode === 'tspoll' ? 'tspoll.ts' : 'native.ts');
  for (let attempt = 0; attempt < 5; attempt++) {
    const entry =
      programs.map((p, i) => `import * as m${i} from 'prog:${p.id}';`).join('\n') +
      `\nexport const programs = {${programs.map((p, i) => `${JSON.stringify(String(p.id))}: m${i}.main`).join(', ')}};\n` +
      `export { runProgram } from 'fuzz-harness';\n`;
    const plugin = {
      name: 'fuzz',
      setup(b) {
        b.onResolve({ filter: /^fuzz-entry$/ }, () => ({ path: 'entry', namespace: 'fuzz' }));
        b.onResolve({ filter: /^fuzz-harness$/ }, () => ({ path: harness }));
        b.onResolve({ filter: /^prog:/ }, (a) => ({ path: a.path.slice(5), namespace: 'prog' }));
        b.onLoad({ filter: /.*/, namespace: 'fuzz' }, () => ({ contents: entry, loader: 'js', resolveDir: here }));
        b.onLoad({ filter: /.*/, namespace: 'prog' }, (a) => {
          const id = a.path;
          const contents = codes.has(id)
            ? codes.get(id)
            : `export function main() { throw new Error(${JSON.stringify('LOWERING FAILED: ' + (failed.get(id) ?? '?'))}); }`;
          return { contents, loader: 'ts', resolveDir: here };
        });
      },
    };
    try {
      await esbuild.build({
        entryPoints: ['fuzz-entry'],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'es2022',
        outfile: outFile,
        conditions: ['source'],
        absWorkingDir: ROOT,
        nodePaths: [join(ROOT, 'node_modules')],
        plugins: [workspacePlugin(), plugin],
        logLevel: 'silent',
        sourcemap: false,
      });
      return { file: outFile, failed, diagnostics };
    } catch (e) {
      const errs = e.errors ?? [];
      let blamed = 0;
      for (const er of errs) {
        const ns = er.location?.namespace;
        const f = er.location?.file ?? '';
        const id = ns === 'prog' ? f : /^prog:(.*)$/.exec(f)?.[1];
        if (id !== undefined && codes.has(id)) {
          codes.delete(id);
          failed.set(id, `lowered output rejected by esbuild: ${er.text} (line ${er.location?.line}: ${er.location?.lineText?.trim()})`);
          blamed++;
        }
      }
      if (!blamed) throw e;
    }
  }
  throw new Error('bundle: too many failing programs');
}

/**
 * Run bundles in a child process; resolves to { native: {id: Outcome}, lowered: {...} }.
 * The child's heap is bounded: a program that allocates without end never yields to the
 * per-program timer, so only the heap limit stops it, and a small one stops it in seconds
 * (a batch of 250 programs needs under 50 MB). A child that ends without a result
 * rejects with `died`, what happened in words ("exhausted memory", "hung the process", ...).
 */
export function execBundles(files, { timeoutMs = 3000, processTimeoutMs = 120_000, ids = null, heapMb = 256 } = {}) {
  return new Promise((res, rej) => {
    const args = [`--max-old-space-size=${heapMb}`, join(here, 'exec.mjs'), JSON.stringify({ files, timeoutMs, ids })];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errOut = '';
    let killed = false;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (errOut += d));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, processTimeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const start = out.lastIndexOf('\n@@RESULT@@');
      if (start < 0) {
        const died = killed
          ? `hung the process (killed after ${processTimeoutMs / 1000} s)`
          : /heap limit|heap out of memory/.test(errOut)
            ? 'exhausted memory'
            : `crashed the process (code ${code}, signal ${signal})${crashLine(errOut)}`;
        rej(Object.assign(new Error(`exec failed (code ${code}, signal ${signal}): ${errOut.slice(-2000)}`), { died }));
        return;
      }
      try {
        res(JSON.parse(out.slice(start + 11)));
      } catch (e) {
        rej(new Error(`exec output unreadable (${out.length} chars): ${e.message}; stderr: ${errOut.slice(-500)}`));
      }
    });
  });
}

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'tspoll-fuzz-'));
}

/** The line of a crash's stderr naming the error, to tell crashes apart in the summary. */
function crashLine(stderr) {
  const line = stderr.split('\n').find((l) => /^\w*Error\b/.test(l));
  return line ? `: ${line.slice(0, 200)}` : '';
}
