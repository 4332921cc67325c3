// Real services (issue 12): autocannon against a fastify service and a raw node:http service,
// each built natively and lowered by tspoll (build.mjs), in fresh server processes.
//
//   node scripts/bench/http/run.mjs                    both services, 3 rounds each
//   node scripts/bench/http/run.mjs fastify --rounds 5
//   node scripts/bench/http/run.mjs --quick            1 round, 1 s warm-up, 2 s runs (quick-http.json)
//   node scripts/bench/http/run.mjs --profile          one --cpu-prof run of each server, top entries
//   node scripts/bench/http/run.mjs --report           the table again, from results/http.json
//
// Options: --rounds N (3), --duration S (8), --warmup S (2), --connections N (50),
// --max-load L (1.5) and --max-wait S (900): before measuring, wait while the 1-minute load
// average is above L, for at most S seconds (then run anyway and say so); --quiet-cores C
// (0.5) and --run-wait S (120): before each run, wait while other processes keep more than C
// cores busy (measured over 2 s), for at most S seconds; --json FILE.
//
// In a round each build runs once, in a fresh server process, and the order reverses from one
// round to the next. A run: start the server, fetch every route once and check the answer is
// the one every other build gave (status, content type, body), warm up for --warmup seconds,
// then measure for --duration seconds. autocannon runs in this process, so the load generator
// and the server share the machine's cores. Ratios are pair-by-pair within a round, then the
// median over rounds, as in ../run.mjs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { BENCH } from '../lib/build.mjs';
import { buildService, SERVICES } from './build.mjs';
import { answers, CHECKS, Misbehaved, PATHS, startServer, stopServer, TOKEN } from './serve.mjs';

const argv = process.argv.slice(2);
const VALUE_OPTS = ['--rounds', '--duration', '--warmup', '--connections', '--max-load', '--max-wait', '--quiet-cores', '--run-wait', '--json'];
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const names = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && VALUE_OPTS.includes(argv[i - 1])));
const ROUNDS = +opt('--rounds', quick || profile ? 1 : 3);
const DURATION = +opt('--duration', quick ? 2 : 8);
const WARMUP = +opt('--warmup', quick ? 1 : 2);
const CONNECTIONS = +opt('--connections', 50);
const MAX_LOAD = +opt('--max-load', 1.5);
const MAX_WAIT = +opt('--max-wait', quick ? 0 : 900);
const QUIET_CORES = +opt('--quiet-cores', 0.5);
const RUN_WAIT = +opt('--run-wait', quick ? 0 : 120);
const VARIANTS = ['native', 'tspoll'];
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

const log = (m) => console.error(m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const uptime = () => {
  try {
    return execFileSync('uptime').toString().trim();
  } catch {
    return `load average: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
  }
};

function median(xs) {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return '–';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** utime + stime of a process in ms, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((+f[11] + +f[12]) * 1000) / CLK_TCK; // fields 14 and 15 of stat(5)
  } catch {
    return NaN;
  }
}

/** Busy CPU time of the whole machine in ms (all cores), from /proc/stat; NaN elsewhere. */
function machineBusyMs() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0); // idle + iowait
    const total = f.slice(0, 8).reduce((a, x) => a + x, 0); // without guest, counted in user
    return ((total - idle) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

function load(port, seconds) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    headers: { 'x-token': TOKEN },
    requests: PATHS.map((path) => ({ method: 'GET', path })),
  });
}

/** Wait while the 1-minute load average is above MAX_LOAD, at most MAX_WAIT seconds. */
async function waitForQuiet() {
  const t0 = Date.now();
  for (;;) {
    const l = loadavg()[0];
    if (l <= MAX_LOAD) return { waitedS: Math.round((Date.now() - t0) / 1000), uptime: uptime(), quiet: true };
    if ((Date.now() - t0) / 1000 >= MAX_WAIT) {
      log(`  load average ${l.toFixed(2)} still above ${MAX_LOAD} after ${MAX_WAIT} s: measuring anyway`);
      return { waitedS: Math.round((Date.now() - t0) / 1000), uptime: uptime(), quiet: false };
    }
    log(`  load average ${l.toFixed(2)} > ${MAX_LOAD}: waiting 60 s (${uptime()})`);
    await sleep(60_000);
  }
}

/**
 * Before each run, with nothing of ours running: the cores other processes keep busy over
 * 2 s. While that is above QUIET_CORES, wait (10 s at a time, at most RUN_WAIT seconds).
 */
async function othersBusy() {
  const t0 = Date.now();
  for (;;) {
    const m0 = machineBusyMs();
    await sleep(2000);
    const busy = (machineBusyMs() - m0) / 2000;
    if (!(busy > QUIET_CORES) || (Date.now() - t0) / 1000 >= RUN_WAIT) return { busy, waitedS: Math.round((Date.now() - t0) / 1000) };
    await sleep(10_000);
  }
}

/** One measured run of one build: fresh server, route check, warm-up, measurement. */
async function runOnce(service, variant, file, reference) {
  const before = await othersBusy();
  const s = await startServer(file);
  let crashed = null;
  s.child.on('exit', (code, sig) => (crashed = `server exited (${code ?? sig}) during the run; stderr: ${s.stderr().trim()}`));
  try {
    const got = await answers(s.port);
    if (reference.answers) {
      for (let i = 0; i < got.length; i++) {
        const a = reference.answers[i];
        const b = got[i];
        if (a.status !== b.status || a.type !== b.type || a.body !== b.body) {
          throw new Misbehaved(
            `${service}/${variant}: GET ${b.path}${b.token ? '' : ' (no token)'} answered ${b.status} ${b.type} ${JSON.stringify(b.body.slice(0, 300))}, ` +
              `but ${reference.from} answered ${a.status} ${a.type} ${JSON.stringify(a.body.slice(0, 300))}`,
          );
        }
      }
    } else {
      reference.answers = got;
      reference.from = `${service}/${variant}`;
    }
    if (WARMUP > 0) await load(s.port, WARMUP);
    if (crashed) throw new Misbehaved(`${service}/${variant}: ${crashed}`);
    const la = loadavg()[0];
    const c0 = cpuMs(s.child.pid);
    const g0 = process.cpuUsage();
    const m0 = machineBusyMs();
    const r = await load(s.port, DURATION);
    const m1 = machineBusyMs();
    const g = process.cpuUsage(g0);
    const c1 = cpuMs(s.child.pid);
    if (crashed) throw new Misbehaved(`${service}/${variant}: ${crashed}`);
    if (r.errors || r.timeouts || r.non2xx || r.requests.total === 0) {
      throw new Misbehaved(
        `${service}/${variant}: under load ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers of ${r.requests.total} requests` +
          ` (stderr: ${s.stderr().trim().slice(0, 500)})`,
      );
    }
    return {
      reqPerSec: r.requests.average,
      reqPerSecTotal: r.requests.total / r.duration,
      total: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      mean: r.latency.mean,
      max: r.latency.max,
      kbPerReq: r.throughput.total / r.requests.total / 1024,
      serverCpuUsPerReq: ((c1 - c0) * 1000) / r.requests.total,
      serverCpuShare: (c1 - c0) / (r.duration * 1000),
      loadgenCpuShare: (g.user + g.system) / 1000 / (r.duration * 1000),
      // Cores kept busy by everything else on the machine during the measurement. /proc/stat
      // and /proc/<pid>/stat are sampled in ticks at slightly different moments, so a quiet
      // machine reads a few hundredths either side of 0 (the table shows a negative one as 0).
      otherCores: (m1 - m0 - (c1 - c0) - (g.user + g.system) / 1000) / (r.duration * 1000),
      otherCoresBefore: before.busy,
      waitedS: before.waitedS,
      load1: la,
    };
  } finally {
    await stopServer(s);
  }
}

const METRICS = ['reqPerSec', 'p99', 'mean', 'p50', 'serverCpuUsPerReq'];

async function runService(service, dir) {
  const b = { name: service, rounds: [], variants: {}, ratios: {}, diagnostics: {} };
  const files = {};
  for (const v of VARIANTS) {
    const r = await buildService(service, v, join(dir, `${service}.${v}.mjs`));
    files[v] = r.file;
    if (r.diagnostics.length) b.diagnostics[v] = r.diagnostics;
  }
  const reference = {};
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...VARIANTS].reverse() : VARIANTS;
    const row = {};
    for (const v of order) row[v] = await runOnce(service, v, files[v], reference);
    b.rounds.push(row);
    log(
      `  ${service} round ${round + 1}/${ROUNDS}: ` +
        order.map((v) => `${v} ${fmt(row[v].reqPerSec)} req/s, p99 ${row[v].p99} ms, ${fmt(row[v].serverCpuUsPerReq)} µs CPU/req`).join('; ') +
        ` (load ${row[order[0]].load1.toFixed(2)}; other processes ${order.map((v) => row[v].otherCores.toFixed(2)).join(' and ')} cores)`,
    );
  }
  for (const v of VARIANTS) {
    const agg = {};
    for (const k of Object.keys(b.rounds[0][v])) agg[k] = median(b.rounds.map((r) => r[v][k]));
    b.variants[v] = agg;
  }
  for (const m of METRICS) b.ratios[m] = median(b.rounds.map((r) => r.tspoll[m] / r.native[m]));
  b.bodyBytes = Object.fromEntries(reference.answers.map((a) => [a.path + (a.token ? '' : ' (no token)'), a.body.length]));
  b.met = b.ratios.reqPerSec >= 1;
  return b;
}

function table(results) {
  const lines = [
    '| service | build | req/s | p99 ms | mean ms | server CPU µs/req | server CPU | load generator CPU | other processes | tspoll ÷ native req/s | tspoll ÷ native p99 | tspoll ÷ native mean latency | tspoll ÷ native CPU/req | rounds | goal ≥1× req/s |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const b of results) {
    for (const v of VARIANTS) {
      const x = b.variants[v];
      const t = v === 'tspoll';
      lines.push(
        `| ${b.name} | ${v} | ${fmt(x.reqPerSec)} | ${fmt(x.p99)} | ${fmt(x.mean)} | ${fmt(x.serverCpuUsPerReq)} | ${Math.round(x.serverCpuShare * 100)} % | ${Math.round(x.loadgenCpuShare * 100)} % | ${Math.max(0, x.otherCores).toFixed(2)} cores | ` +
          `${t ? fmt(b.ratios.reqPerSec) + '×' : ''} | ${t ? fmt(b.ratios.p99) + '×' : ''} | ${t ? fmt(b.ratios.mean) + '×' : ''} | ${t ? fmt(b.ratios.serverCpuUsPerReq) + '×' : ''} | ${b.rounds.length} | ${t ? (b.met ? 'yes' : '**no**') : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

/** A bundle's line → source module map, from esbuild's "// path" comments. */
function bundleModules(bundle) {
  const marks = [];
  readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      const m = /^\/\/ ((?:packages|scripts)\/\S+\.ts)$/.exec(l);
      if (m) marks.push([i, m[1]]);
    });
  return (line) => {
    let f = '(bundle)';
    for (const [i, m] of marks) if (i <= line) f = m;
    return f;
  };
}

/** Which part of the process a profile node's self time belongs to. */
function category(cf, moduleOf, bundle) {
  if (cf.url === '') {
    if (/^\((garbage collector|idle|program)\)$/.test(cf.functionName)) return cf.functionName;
    return 'native code (no script: writev, builtins)';
  }
  if (cf.url.endsWith(bundle.split('/').pop())) {
    const m = moduleOf(cf.lineNumber);
    if (m.startsWith('packages/runtime/')) return 'tspoll runtime (packages/runtime)';
    return 'service code (scripts/bench/http, as built)';
  }
  if (cf.url.startsWith('node:')) return 'node internals (node:*)';
  if (cf.url.includes('/node_modules/')) return 'fastify and its dependencies';
  return 'other scripts';
}

/** Self time by function from a .cpuprofile, as [{ name, where, ms, pct }], largest first. */
function topEntries(file, bundle, n = 25) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const moduleOf = bundleModules(bundle);
  const byCategory = new Map();
  const byId = new Map(p.nodes.map((nd) => [nd.id, nd]));
  const self = new Map();
  const dt = p.timeDeltas;
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const nd = byId.get(p.samples[i]);
    const us = dt[i] ?? 0;
    total += us;
    const cf = nd.callFrame;
    const where = cf.url ? `${cf.url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|tspoll-http-[^/]+\/)/, '')}:${cf.lineNumber + 1}` : '';
    const mod = cf.url.endsWith(bundle.split('/').pop()) ? ` [${moduleOf(cf.lineNumber)}]` : '';
    const key = `${cf.functionName || '(anonymous)'}\t${where}${mod}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const c = category(cf, moduleOf, bundle);
    byCategory.set(c, (byCategory.get(c) ?? 0) + us);
  }
  return {
    totalMs: total / 1000,
    categories: [...byCategory.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: +(us / 1000).toFixed(1), pct: +((100 * us) / total).toFixed(1) })),
    top: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => {
        const [name, where] = k.split('\t');
        return { name, where, ms: +(us / 1000).toFixed(1), pct: +((100 * us) / total).toFixed(1) };
      }),
  };
}

async function profileService(service, dir) {
  const out = {};
  for (const v of VARIANTS) {
    const file = (await buildService(service, v, join(dir, `${service}.${v}.mjs`))).file;
    const profDir = join(dir, `prof-${service}-${v}`);
    mkdirSync(profDir, { recursive: true });
    const s = await startServer(file, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250']);
    let r;
    let requests = CHECKS.length;
    try {
      await answers(s.port);
      if (WARMUP > 0) requests += (await load(s.port, WARMUP)).requests.total;
      r = await load(s.port, DURATION);
      requests += r.requests.total;
    } finally {
      await stopServer(s);
    }
    const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    const t = topEntries(join(profDir, prof), file);
    out[v] = { reqPerSec: r.requests.average, p99: r.latency.p99, requests, ...t };
    console.log(
      `\n${service}/${v} under --cpu-prof: ${fmt(r.requests.average)} req/s, p99 ${r.latency.p99} ms; ${fmt(t.totalMs)} ms of samples over ${requests} requests (warm-up included)`,
    );
    console.log('  self time by part (µs per request, share of samples):');
    for (const c of t.categories) console.log(`  ${fmt((c.ms * 1000) / requests).padStart(6)} µs  ${String(c.pct).padStart(5)} %  ${c.name}`);
    console.log('  top functions by self time:');
    for (const e of t.top) console.log(`  ${String(e.pct).padStart(5)} %  ${e.name}  ${e.where}`);
  }
  return out;
}

async function main() {
  if (argv.includes('--report')) {
    // Print the table again from a results file (--json, default results/http.json).
    const data = JSON.parse(readFileSync(opt('--json', join(BENCH, 'results', 'http.json')), 'utf8'));
    for (const b of data.results) for (const m of METRICS) b.ratios[m] ??= median(b.rounds.map((r) => r.tspoll[m] / r.native[m]));
    console.log(table(data.results));
    console.log(`\n${data.date}; before: ${data.uptimeBefore}; after: ${data.uptimeAfter}`);
    return;
  }
  const chosen = names.length ? names : SERVICES;
  const unknown = chosen.filter((n) => !SERVICES.includes(n));
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${SERVICES.join(', ')}`);
  log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s, ${ROUNDS} round(s)`);
  const dir = mkdtempSync(join(tmpdir(), 'tspoll-http-'));
  try {
    if (profile) {
      const profiles = {};
      for (const s of chosen) profiles[s] = await profileService(s, dir);
      const out = opt('--json', join(BENCH, 'results', 'http-profile.json'));
      writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, uptime: uptime(), profiles }, null, 1) + '\n');
      console.log(`\nprofiles summarised in ${out}`);
      return;
    }
    const quiet = await waitForQuiet();
    log(`  ${quiet.uptime}`);
    const results = [];
    for (const s of chosen) {
      log(`${s}…`);
      results.push(await runService(s, dir));
    }
    const after = uptime();
    console.log('\n' + table(results));
    console.log(`\nbefore: ${quiet.uptime}${quiet.waitedS ? ` (waited ${quiet.waitedS} s)` : ''}\nafter:  ${after}`);
    const out = opt('--json', join(BENCH, 'results', quick ? 'quick-http.json' : 'http.json'));
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          cores: cpus().length,
          cpu: cpus()[0]?.model,
          autocannon: { connections: CONNECTIONS, pipelining: 1, warmupS: WARMUP, durationS: DURATION, paths: PATHS, loadGenerator: 'in the runner process' },
          uptimeBefore: quiet.uptime,
          waitedForQuietS: quiet.waitedS,
          quietBefore: quiet.quiet,
          uptimeAfter: after,
          results,
        },
        null,
        1,
      ) + '\n',
    );
    console.log(`raw results: ${out}`);
  } catch (e) {
    if (e instanceof Misbehaved) {
      console.error(`\nMISBEHAVED: ${e.message}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
