// Differential check with the compiler: a program using channels, locks and streams from
// async functions (stream-lowered.fixture.ts) logs the same events natively and lowered.
// Each run happens in a fresh Node process, on the bundles the compiler's harness builds.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundleFixtures } from '../../compiler/test/harness.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stream-lowered.fixture.ts');

function run(file: string, runtime: string): unknown {
  const script = `
    const m = await import(${JSON.stringify(pathToFileURL(file).href)});
    const rt = await import(${JSON.stringify(pathToFileURL(runtime).href)});
    const log = [];
    const future = rt.isLowered(m.main);
    const ret = m.main(log);
    let out;
    try { out = { log, result: await ret, future }; }
    catch (e) { out = { log, error: String(e), future }; }
    process.stdout.write(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  return JSON.parse(stdout);
}

it('channels, locks and streams behave the same lowered and native', async () => {
  const bundle = await bundleFixtures([FIXTURE], 'runtime-streams');
  try {
    // Info notes (e.g. an async generator kept native) are fine; nothing worse.
    expect(bundle.compiled.get(FIXTURE)?.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const name = 'stream-lowered.fixture';
    const native = run(bundle.native.get(name)!, bundle.runtime) as { future: boolean; log: string[] };
    const lowered = run(bundle.lowered.get(name)!, bundle.runtime) as { future: boolean; log: string[] };
    expect(native.future).toBe(false);
    expect(lowered.future).toBe(true); // it really was lowered
    expect(native.log).toContain('gen finally');
    expect(native.log).toContain('Lagged 3');
    expect({ ...lowered, future: null }).toEqual({ ...native, future: null });
  } finally {
    rmSync(path.dirname(bundle.runtime), { recursive: true, force: true });
  }
});
