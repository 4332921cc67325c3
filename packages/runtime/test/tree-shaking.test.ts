// What a bundle of a program contains, and that what it opts into still works there. Programs
// import '@tspoll/runtime' as an installed package (a node_modules link in a temporary
// directory), so the package's `exports` and `sideEffects` apply as in a user's build; their
// async functions are lowered by the compiler, so tasks sit in compiler-named states.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../../compiler/src/index.js';
import { runNode } from './support/child.js';

const dir = mkdtempSync(join(tmpdir(), 'tspoll-tree-shaking-'));
mkdirSync(join(dir, 'node_modules/@tspoll'), { recursive: true });
symlinkSync(resolve(__dirname, '..'), join(dir, 'node_modules/@tspoll/runtime'), 'dir');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CORE_PROGRAM = resolve(__dirname, '../../../scripts/bench/size/core-program.ts');

/** Write `files` (lowered), bundle `entry` as a user's build would, and list the runtime modules in it. */
async function bundle(name: string, files: Record<string, string>, entry = 'main.ts') {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  for (const [file, source] of Object.entries(files)) {
    const out = transformSource(source, join(root, file), { sourceMap: false });
    writeFileSync(join(root, file), out.code);
  }
  const outfile = join(root, 'out.mjs');
  const r = await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['source'],
    metafile: true,
    logLevel: 'error',
  });
  const modules = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs).find((k) => k.endsWith('.mjs'))!]!.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([f]) => f.replace(/^.*packages\/runtime\/src\//, ''));
  return { outfile, modules, code: readFileSync(outfile, 'utf8') };
}

// Tasks parked in named states, started when this module loads. It imports nothing from the
// runtime but the ABI its lowered code calls, so it runs before the main entry (and any
// introspection it brings) is evaluated: the calls that suspend become tasks of the default runtime.
const PARKED = `
let open!: (v: number) => void;
const gate = new Promise<number>((r) => (open = r));
async function parked(): Promise<number> {
  return await gate;
}
async function twice(): Promise<number> {
  const a = await gate;
  return a + (await gate);
}
export const calls = [parked(), twice()];
export const release = (v: number): void => open(v);
`;

/** The lowered PARKED module runs before introspection is installed (bundles keep ESM order). */
function parkedFirst(code: string): boolean {
  const spawned = code.indexOf('calls = [parked(), twice()]');
  const installed = code.indexOf('installInspector({');
  return spawned >= 0 && installed > spawned;
}

describe('a program bundles only the runtime it uses', () => {
  it('the size benchmark\'s program (spawn, sleep, timeout, join, select): no introspection, and it runs', async () => {
    const { outfile, modules } = await bundle('core', {
      'program.ts': readFileSync(CORE_PROGRAM, 'utf8'),
      'main.ts': `import { main } from './program.js';\nmain().then((s) => console.log(s));\n`,
    });
    expect(modules).toContain('scheduler/runtime.ts');
    expect(modules).toContain('time/driver.ts');
    expect(modules).not.toContain('task/introspect.ts');
    expect(modules.filter((m) => m.startsWith('stream/') || m.startsWith('sync/'))).toEqual([]);
    const r = await runNode(outfile);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('2 4 1 TimeoutError');
  });

  it('with no timer, no timer driver or wheel; virtual time then says what is missing', async () => {
    const { outfile, modules } = await bundle('no-timers', {
      'main.ts': `
        import { defaultRuntime, spawn } from '@tspoll/runtime';
        async function twice(x: number): Promise<number> {
          return 2 * (await Promise.resolve(x));
        }
        spawn(twice(21)).then((v) => {
          let paused = '';
          try {
            defaultRuntime().pauseTime();
          } catch (e) {
            paused = (e as Error).message;
          }
          console.log(JSON.stringify({ v, paused }));
        });
      `,
    });
    expect(modules.filter((m) => m.startsWith('time/'))).toEqual([]);
    const r = await runNode(outfile);
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as { v: number; paused: string };
    expect(out.v).toBe(42);
    expect(out.paused).toMatch(/timer driver.*sleep/);
  });

  it('with a timer, virtual time works: startPaused and advance()', async () => {
    const { outfile } = await bundle('virtual-time', {
      'main.ts': `
        import { Runtime, sleep } from '@tspoll/runtime';
        const rt = new Runtime({ startPaused: true });
        const t0 = rt.now();
        rt.spawn(sleep(3_600_000)).then(async () => {
          const t1 = rt.now();
          const late = rt.spawn(sleep(1_000));
          await rt.advance(1_000);
          await late;
          console.log(t1 - t0, rt.now() - t1);
        });
      `,
    });
    const r = await runNode(outfile);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('3600000 1000');
  });
});

describe('introspection, when a program imports it', () => {
  it('lists the tasks started before it loaded, in their named states', async () => {
    const { outfile, modules, code } = await bundle('introspect', {
      'parked.ts': PARKED,
      'report.ts': `
        import { defaultRuntime } from '@tspoll/runtime';
        import '@tspoll/runtime/introspect';
        import { calls, release } from './parked.js';
        // After a host turn: a call's first await yields, so the tasks reach their gate then.
        setTimeout(() => {
          const d = defaultRuntime().dump();
          const text = defaultRuntime().dump({ format: 'text' });
          const tasks = d.tasks.map((t) => ({ name: t.name, status: t.status, frame: t.backtrace[0] }));
          release(20);
          Promise.all(calls).then((v) => console.log(JSON.stringify({ tasks, text, v, after: defaultRuntime().taskCount })));
        }, 0);
      `,
      'main.ts': `import './parked.js';\nimport './report.js';\n`,
    });
    expect(modules).toContain('task/introspect.ts');
    expect(parkedFirst(code)).toBe(true);
    const r = await runNode(outfile);
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as {
      tasks: { name: string; status: string; frame: { name: string; state: string; awaits?: string } }[];
      text: string;
      v: number[];
      after: number;
    };
    expect(out.tasks).toEqual([
      { name: 'parked', status: 'idle', frame: expect.objectContaining({ name: 'parked', state: 'WaitingForGate', awaits: 'gate' }) },
      { name: 'twice', status: 'idle', frame: expect.objectContaining({ name: 'twice', state: 'WaitingForGate', awaits: 'gate' }) },
    ]);
    expect(out.text).toContain('2 live task(s)');
    expect(out.text).toContain('parked WaitingForGate  await gate');
    expect(out.v).toEqual([20, 40]);
    expect(out.after).toBe(0);
  });

  it('without it, runtime.dump() says what to import; formatDump from the main entry brings it along', async () => {
    const without = await bundle('no-introspect', {
      'main.ts': `
        import { defaultRuntime } from '@tspoll/runtime';
        try {
          defaultRuntime().dump();
        } catch (e) {
          console.log(JSON.stringify((e as Error).message));
        }
      `,
    });
    expect(without.modules).not.toContain('task/introspect.ts');
    const r1 = await runNode(without.outfile);
    expect(r1.err).toBe('');
    expect(JSON.parse(r1.out)).toContain("'@tspoll/runtime/introspect'");
    const withFormat = await bundle('format-dump', {
      'parked.ts': PARKED,
      'main.ts': `
        import { defaultRuntime, formatDump } from '@tspoll/runtime';
        import { release } from './parked.js';
        console.log(JSON.stringify(formatDump(defaultRuntime().dump()).split('\\n')[0]));
        release(1);
      `,
    });
    expect(withFormat.modules).toContain('task/introspect.ts');
    const r2 = await runNode(withFormat.outfile);
    expect(r2.err).toBe('');
    expect(JSON.parse(r2.out)).toBe('runtime "default": 2 live task(s), 0 warning(s)');
  });

  it('the dump signal of @tspoll/runtime/node reports the tasks started before it was installed', async () => {
    const { outfile, modules, code } = await bundle('dump-signal', {
      'parked.ts': PARKED,
      'signal.ts': `
        import { defaultRuntime } from '@tspoll/runtime';
        import { installDumpSignal } from '@tspoll/runtime/node';
        import { release } from './parked.js';
        let report = '';
        const uninstall = installDumpSignal(defaultRuntime(), 'SIGUSR2', { output: { write: (s: string) => (report += s) } });
        process.kill(process.pid, 'SIGUSR2');
        const wait = setInterval(() => {
          if (report === '') return;
          clearInterval(wait);
          uninstall();
          release(1);
          console.log(JSON.stringify(report));
        }, 5);
      `,
      'main.ts': `import './parked.js';\nimport './signal.js';\n`,
    });
    expect(modules).toContain('task/introspect.ts');
    expect(parkedFirst(code)).toBe(true);
    const r = await runNode(outfile);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as string;
    expect(report).toContain('2 live task(s)');
    expect(report).toContain('parked WaitingForGate  await gate');
    expect(report).toContain('twice WaitingForGate  await gate');
  });
});
