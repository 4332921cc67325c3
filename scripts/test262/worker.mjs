// One worker process of the test262 runner (lib.mjs starts them): receives test files, runs
// each scenario natively and lowered as classic scripts, each in a realm of its own (a fresh
// node:vm context), and answers with the outcomes. The lowering is the compiler's API, called
// in-process with `script: true`; the lowered script reads the runtime from the global
// `__tspoll`, which the runtime's global script defines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const dir = process.env.TSPOLL_T262_DIR;
const { transformSource } = await import(pathToFileURL(process.env.TSPOLL_T262_COMPILER).href);
const runtimeScript = new vm.Script(readFileSync(process.env.TSPOLL_T262_RUNTIME, 'utf8'), { filename: 'tspoll-runtime.global.js' });
const { frontMatter, scenarios } = await import('./lib.mjs');

const harness = new Map();
function harnessScript(name) {
  let s = harness.get(name);
  if (!s) harness.set(name, (s = new vm.Script(readFileSync(path.join(dir, 'harness', name), 'utf8'), { filename: `harness/${name}` })));
  return s;
}

/** The first line of what a script threw, whatever realm or type it is. */
function describe(e) {
  try {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      const name = e.name ?? e.constructor?.name ?? 'Error';
      const message = e.message === undefined ? String(e) : String(e.message);
      return `${name}: ${message}`.split('\n')[0];
    }
    return String(e).split('\n')[0];
  } catch {
    return 'an exotic value was thrown';
  }
}

/** The run in progress: uncaught errors from host callbacks are charged to it. */
let current = null;
process.on('uncaughtException', (e) => current?.finish({ ok: false, error: `uncaught: ${describe(e)}` }));
process.on('unhandledRejection', () => {}); // test262 does not fail a test on these

// Host functions the runtime needs (a vm context has only the language's own globals). The
// native runs get them as well, so both see the same global object.
const HOST = { queueMicrotask, setTimeout, clearTimeout, setImmediate, clearImmediate, performance };

/** A new realm with the host globals, `print` and `$262`. */
function newRealm(print) {
  const ctx = vm.createContext({});
  const global = vm.runInContext('this', ctx);
  const define = (k, v) => Object.defineProperty(global, k, { value: v, writable: true, configurable: true, enumerable: false });
  for (const [k, v] of Object.entries(HOST)) define(k, v);
  define('print', print);
  const $262 = {
    global,
    createRealm: () => newRealm(print).$262,
    evalScript: (code) => vm.runInContext(code, ctx),
    gc: undefined,
    agent: {},
  };
  define('$262', $262);
  runtimeScript.runInContext(ctx);
  return { ctx, $262 };
}

/** Run the scripts in a fresh realm; an async test ends when it prints its completion. */
function runScripts(scripts, isAsync, timeout) {
  return new Promise((resolve) => {
    let done = false;
    let timer;
    const run = {
      finish(r) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (current === run) current = null;
        resolve(r);
      },
    };
    current = run;
    const print = (msg) => {
      const s = String(msg);
      if (s.startsWith('Test262:AsyncTestComplete')) run.finish({ ok: true });
      else if (s.startsWith('Test262:AsyncTestFailure:')) run.finish({ ok: false, error: s.slice('Test262:AsyncTestFailure:'.length).split('\n')[0] });
    };
    let ctx;
    try {
      ({ ctx } = newRealm(print));
    } catch (e) {
      return run.finish({ ok: false, error: `realm setup: ${describe(e)}` });
    }
    for (const s of scripts) {
      let script = s.script;
      try {
        script ??= new vm.Script(s.code, { filename: s.filename });
      } catch (e) {
        return run.finish({ ok: false, error: `${s.lowered ? 'lowered output does not parse: ' : ''}${describe(e)}` });
      }
      try {
        script.runInContext(ctx);
      } catch (e) {
        return run.finish({ ok: false, error: describe(e) });
      }
      if (done) return; // a failure printed synchronously
    }
    if (!isAsync) return run.finish({ ok: true });
    timer = setTimeout(() => run.finish({ ok: false, error: `timeout: no $DONE within ${timeout} ms` }), timeout);
  });
}

/** The scripts of one scenario: harness files, then the test (lowered when asked). */
function prepare(file, source, meta, scenario, lowered) {
  const scripts = [];
  if (scenario !== 'raw') {
    const includes = ['assert.js', 'sta.js', ...(meta.flags.includes('async') ? ['doneprintHandle.js'] : []), ...meta.includes];
    for (const name of [...new Set(includes)]) scripts.push({ script: harnessScript(name) });
  }
  const code = scenario === 'strict' ? `"use strict";\n${source}` : source;
  if (!lowered) {
    scripts.push({ code, filename: file });
    return { scripts };
  }
  const out = transformSource(code, file, { script: true, sourceMap: false, root: '/' });
  const codes = out.diagnostics.map((d) => d.code);
  scripts.push({ code: out.code, filename: file, lowered: true });
  return { scripts, changed: out.changed, codes };
}

async function runTest(file, timeout, modes) {
  const source = readFileSync(path.join(dir, 'test', file), 'utf8');
  const meta = frontMatter(source);
  const isAsync = meta.flags.includes('async');
  const out = [];
  for (const scenario of scenarios(meta.flags)) {
    const entry = { scenario };
    for (const mode of modes) {
      let prepared;
      try {
        prepared = prepare(file, source, meta, scenario, mode === 'lowered');
      } catch (e) {
        entry[mode] = { ok: false, error: `compiler threw: ${describe(e)}` };
        continue;
      }
      const r = await runScripts(prepared.scripts, isAsync, timeout);
      if (mode === 'lowered') {
        r.changed = prepared.changed;
        if (prepared.codes.length > 0) r.codes = prepared.codes;
      }
      entry[mode] = r;
      // Let what the test left running finish before the next realm starts.
      await new Promise((res) => setImmediate(res));
    }
    out.push(entry);
  }
  return { file, folder: file.split('/').slice(0, 3).join('/'), scenarios: out };
}

process.on('message', async (m) => {
  if (m.type === 'exit') process.exit(0); // timers a test left behind must not keep us

  if (m.type === 'run') {
    const result = await runTest(m.file, m.timeout, m.modes);
    process.send({ type: 'result', index: m.index, result });
  }
});
process.send({ type: 'ready' });
