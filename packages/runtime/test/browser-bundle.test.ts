// The core (src/index.ts) must bundle for the browser: no Node built-in may be reachable
// from it (Node I/O lives behind '@tspoll/runtime/node').
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = resolve(__dirname, '../src/index.ts');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('the core bundles for the browser', () => {
  it('esbuild platform=browser: no Node built-in is imported or resolved', async () => {
    const imported: string[] = [];
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          // Record every import of a built-in (esbuild would otherwise fail or stub some).
          name: 'no-node-builtins',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (builtins.has(args.path)) imported.push(`${args.path} (from ${args.importer})`);
              return undefined;
            });
          },
        },
      ],
    }).catch((e: { errors?: { text: string }[] }) => {
      throw new Error(`browser bundle failed:\n${(e.errors ?? []).map((x) => x.text).join('\n')}`);
    });
    expect(imported).toEqual([]);
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((p) => p.includes('/src/node/'))).toBe(false);
    const code = result.outputFiles![0]!.text;
    expect(code).not.toMatch(/\brequire\(["'](node:)?[a-z_]+["']\)/);
    // The pieces this suite owns are in it.
    for (const name of ['TimingWheel', 'FuturesUnordered', 'CancellationToken', 'JoinSet']) expect(code).toContain(name);
  });

  it('the bundle runs timers and combinators without Node globals', async () => {
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', globalName: 'tspoll', write: false, logLevel: 'silent' });
    const code = result.outputFiles[0]!.text;
    // A browser-like global: no process, no setImmediate, no require; MessageChannel exists.
    const { runInNewContext } = await import('node:vm');
    const sandbox: Record<string, unknown> = {
      setTimeout, clearTimeout, queueMicrotask, performance, MessageChannel, AbortController, AbortSignal, console,
    };
    runInNewContext(code, sandbox);
    const lib = sandbox.tspoll as typeof import('../src/index.js');
    expect(typeof (sandbox as { process?: unknown }).process).toBe('undefined');
    const r = new lib.Runtime({ startPaused: true });
    const t0 = r.now();
    const out = await r.spawn(lib.select(lib.sleep(86_400_000), lib.join(lib.sleep(1000), lib.sleep(2000))));
    expect(out.index).toBe(1);
    expect(r.now() - t0).toBe(2000);
  });
});
