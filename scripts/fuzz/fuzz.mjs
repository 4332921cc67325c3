// The differential fuzzer: generate, run natively and lowered, compare, shrink, save.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, execBundles, ROOT, tempDir } from './build.mjs';
import { diff, failureKind } from './compare.mjs';
import { DEFAULT_FEATURES, generate, Invalid, render } from './gen.mjs';
import { candidates } from './shrink.mjs';

export const FIXTURES = join(ROOT, 'test-fixtures/fuzz');

/**
 * Run programs ({ id, source }) natively and lowered. Returns Map<id, { native, lowered,
 * diff, kind, skipped }>. `mode` is the lowering ('tspoll', or 'es5' to check the harness
 * itself); `custom` replaces the lowering with a function (tests of the shrinker use a broken
 * one). A program whose native run takes its process down is `skipped` (with the reason):
 * there is nothing to compare against.
 */
export async function check(programs, { mode = 'tspoll', custom, timeoutMs = 5000, nativeOverride } = {}) {
  const dir = tempDir();
  try {
    const [nat, low] = await Promise.all([
      nativeOverride ? null : bundle(programs, 'native', join(dir, 'native.mjs')),
      bundle(programs, mode, join(dir, 'lowered.mjs'), custom),
    ]);
    // Native first: a program that runs away natively (a generator bug, the likelier kind)
    // then takes its process down before the lowered runs spend their timeouts.
    const files = nat ? { native: nat.file, lowered: low.file } : { lowered: low.file };
    const res = await execIsolating(files, programs.map((p) => String(p.id)), timeoutMs);
    const out = new Map();
    for (const p of programs) {
      const id = String(p.id);
      const native = nativeOverride ? nativeOverride(p) : res.native[id];
      const lowered = res.lowered[id];
      const diagnostics = low.diagnostics?.get(id) ?? [];
      if (native.died) {
        out.set(id, { native, lowered, diff: null, kind: null, skipped: `program ${native.died} in the native run`, diagnostics });
        continue;
      }
      const d = lowered.died ? `program ${lowered.died} in the lowered run` : diff(native, lowered);
      out.set(id, { native, lowered, diff: d, kind: d ? failureKind(native, lowered) : null, diagnostics });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * execBundles for the programs `ids`, surviving programs that take the child process down
 * (out of memory, never yielding, crashing), which would otherwise lose the whole batch: the
 * batch is split until such a program runs alone, then each mode runs alone to tell which
 * run died. A run that died gets the Outcome { ok: false, error: 'PROCESS DIED: ...', died }.
 */
async function execIsolating(files, ids, timeoutMs) {
  try {
    return await execBundles(files, { timeoutMs, ids });
  } catch (e) {
    if (!e.died) throw e;
    const modes = Object.keys(files);
    let runs;
    if (ids.length > 1) {
      const half = Math.ceil(ids.length / 2);
      runs = [ids.slice(0, half), ids.slice(half)].map((part) => () => execIsolating(files, part, timeoutMs));
    } else if (modes.length > 1) {
      runs = modes.map((m) => () => execIsolating({ [m]: files[m] }, ids, timeoutMs));
    } else {
      return { [modes[0]]: { [ids[0]]: { ok: false, error: `PROCESS DIED: ${e.died}`, log: { ev: [] }, died: e.died } } };
    }
    // One after the other: a runaway child must not slow its sibling's programs into timeouts.
    const results = [];
    for (const run of runs) results.push(await run());
    return Object.fromEntries(modes.map((m) => [m, Object.assign({}, ...results.map((r) => r[m]))]));
  }
}

/**
 * Delta debugging on the AST: repeatedly try every one-step reduction (in batches, one
 * esbuild call per batch) and keep the smallest candidate that still fails the same way.
 */
export async function shrink(ast, kind, opts = {}, log = () => {}) {
  let best = ast;
  let bestSrc = render(ast);
  let bestResult = null;
  const batchSize = opts.batchSize ?? 150;
  for (let round = 0; round < 200; round++) {
    const cands = [];
    const seen = new Set([bestSrc]);
    for (const c of candidates(best)) {
      let src;
      try {
        src = render(c);
      } catch (e) {
        if (e instanceof Invalid) continue;
        throw e;
      }
      if (seen.has(src) || src.length >= bestSrc.length) continue;
      seen.add(src);
      cands.push({ ast: c, source: src });
    }
    // Smallest first: big deletions are tried before small rewrites.
    cands.sort((a, b) => a.source.length - b.source.length);
    let found = null;
    for (let i = 0; i < cands.length && !found; i += batchSize) {
      const batch = cands.slice(i, i + batchSize).map((c, j) => ({ ...c, id: `c${i + j}` }));
      const res = await check(batch, opts);
      for (const c of batch) {
        const r = res.get(c.id);
        if (r.diff && r.kind === kind && r.native?.error !== 'TIMEOUT (never settled)') {
          found = { ...c, result: r };
          break;
        }
      }
    }
    if (!found) break;
    best = found.ast;
    bestSrc = found.source;
    bestResult = found.result;
    log(`  shrink round ${round}: ${bestSrc.length} chars`);
  }
  return { ast: best, source: bestSrc, result: bestResult };
}

export function fixtureSource(source, native, note) {
  return (
    `// Fuzzer regression (scripts/fuzz). ${note}\n` +
    `// EXPECTED is the native run of this program; the lowered run must match it.\n` +
    source +
    `export const EXPECTED = ${JSON.stringify(native)};\n`
  );
}

/**
 * Fuzz a list of seeds. Mismatches are shrunk and saved as fixtures (unless `save` is false).
 * Returns { total, failures: [{ seed, kind, diff, fixture }], skipped: [{ seed, reason }] }.
 */
export async function fuzzSeeds(seeds, opts = {}) {
  const { batch = 250, save = true, shrinkFailures = true, features = DEFAULT_FEATURES, log = () => {} } = opts;
  const failures = [];
  const skipped = []; // programs whose native run took its process down
  const declined = {}; // compiler diagnostic code -> programs with a function left native
  let total = 0;
  for (let i = 0; i < seeds.length; i += batch) {
    const progs = seeds.slice(i, i + batch).map((seed) => ({ id: String(seed), seed, ast: generate(seed, features) }));
    for (const p of progs) p.source = render(p.ast);
    const res = await check(progs, opts);
    total += progs.length;
    for (const p of progs) {
      let r = res.get(p.id);
      for (const c of new Set(r.diagnostics)) declined[c] = (declined[c] ?? 0) + 1;
      if ((r.native && !r.native.ok && /TIMEOUT/.test(r.native.error)) || r.kind === 'hang') {
        // On a loaded machine a slow run can pass for a hang: run it again alone, with time.
        const again = (await check([p], { ...opts, timeoutMs: 20_000 })).get(p.id);
        if (!again.diff && !again.skipped && !/TIMEOUT/.test(again.native?.error ?? '')) {
          log(`seed ${p.seed}: timed out in the batch, passes alone (machine load); not a mismatch`);
          continue;
        }
        r = again;
      }
      if (r.skipped) {
        log(`seed ${p.seed}: skipped: ${r.skipped}`);
        skipped.push({ seed: p.seed, reason: r.skipped });
        continue;
      }
      if (r.native && !r.native.ok && /TIMEOUT|LOWERING FAILED/.test(r.native.error)) {
        log(`seed ${p.seed}: the native run failed (generator bug): ${r.native.error}`);
        failures.push({ seed: p.seed, kind: 'generator-bug', diff: r.native.error });
        continue;
      }
      if (!r.diff) continue;
      log(`seed ${p.seed}: ${r.kind}: ${r.diff}`);
      const failure = { seed: p.seed, kind: r.kind, diff: r.diff, fixture: null, source: p.source };
      if (shrinkFailures) {
        const s = await shrink(p.ast, r.kind, opts, log);
        const final = s.result ?? r;
        failure.shrunk = s.source;
        failure.diff = final.diff;
        if (save && final.native) {
          mkdirSync(FIXTURES, { recursive: true });
          const file = join(FIXTURES, `${p.seed}.ts`);
          writeFileSync(file, fixtureSource(s.source, final.native, `seed ${p.seed}, ${r.kind}: ${final.diff}`));
          failure.fixture = file;
        }
      }
      failures.push(failure);
    }
    log(`${total}/${seeds.length} programs, ${failures.length} failing`);
  }
  return { total, failures, skipped, declined };
}

/** The saved regressions: [{ name, source, expected }]. */
export function loadFixtures() {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(FIXTURES, f), 'utf8');
      const m = /^export const EXPECTED = (.*);$/m.exec(text);
      return { name: f, id: f.replace(/\.ts$/, '').replace(/\W/g, '_'), source: text, expected: m ? JSON.parse(m[1]) : null };
    });
}
