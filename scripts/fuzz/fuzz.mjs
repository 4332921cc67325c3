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
 * diff, kind }>. `mode` is the lowering ('tspoll', or 'es5' to check the harness itself);
 * `custom` replaces the lowering with a function (tests of the shrinker use a broken one).
 */
export async function check(programs, { mode = 'tspoll', custom, timeoutMs = 5000, nativeOverride } = {}) {
  const dir = tempDir();
  try {
    const [nat, low] = await Promise.all([
      nativeOverride ? null : bundle(programs, 'native', join(dir, 'native.mjs')),
      bundle(programs, mode, join(dir, 'lowered.mjs'), custom),
    ]);
    const files = { lowered: low.file };
    if (nat) files.native = nat.file;
    let res;
    try {
      res = await execBundles(files, { timeoutMs });
    } catch (e) {
      if (!e.hung || programs.length === 1) throw e;
      // A program looped forever without yielding: split the batch to find it.
      const half = Math.ceil(programs.length / 2);
      const a = await check(programs.slice(0, half), { mode, custom, timeoutMs, nativeOverride });
      const b = await check(programs.slice(half), { mode, custom, timeoutMs, nativeOverride });
      return new Map([...a, ...b]);
    }
    const out = new Map();
    for (const p of programs) {
      const id = String(p.id);
      const native = nativeOverride ? nativeOverride(p) : res.native[id];
      const lowered = res.lowered[id];
      const d = diff(native, lowered);
      out.set(id, { native, lowered, diff: d, kind: d ? failureKind(native, lowered) : null, diagnostics: low.diagnostics?.get(id) ?? [] });
    }
    return out;
  } catch (e) {
    if (e.hung && programs.length === 1) {
      const id = String(programs[0].id);
      const lowered = { ok: false, error: 'HANG: the lowered program never yielded (process killed)', log: { ev: [] } };
      return new Map([[id, { native: null, lowered, diff: 'lowered run hung the process', kind: 'hang' }]]);
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
 * Returns { total, failures: [{ seed, kind, diff, fixture }] }.
 */
export async function fuzzSeeds(seeds, opts = {}) {
  const { batch = 250, save = true, shrinkFailures = true, features = DEFAULT_FEATURES, log = () => {} } = opts;
  const failures = [];
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
        if (!again.diff && !/TIMEOUT/.test(again.native?.error ?? '')) {
          log(`seed ${p.seed}: timed out in the batch, passes alone (machine load); not a mismatch`);
          continue;
        }
        r = again;
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
  return { total, failures, declined };
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
