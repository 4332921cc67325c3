// runtime.dump() on machines the compiler generated: the state names and await texts it
// shows are the compiler's own (defineMachine info), down through nested machines.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { type Bundle, bundleFixtures, importFile } from '../../compiler/test/harness.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/introspect-lowered.fixture.ts');
let bundle: Bundle | undefined;
afterAll(() => bundle?.dispose());

it('dump() shows the compiler-named states and awaits of lowered async functions', async () => {
  bundle = await bundleFixtures([FIXTURE], 'runtime-introspect');
  const rt = (await importFile(bundle.runtime)) as typeof import('../src/index.js');
  const mod = (await importFile(bundle.lowered.get('introspect-lowered.fixture')!)) as {
    handler(gate: Promise<number>): import('../src/index.js').Future<number>;
  };
  const runtime = new rt.Runtime({ name: 'lowered', trackSpawnLocations: true });
  let release!: (v: number) => void;
  // lazy(): the call starts when the runtime first polls it, as a task of that runtime. (A plain
  // call would start at once, on the default runtime, as natively.)
  const h = runtime.spawn(rt.lazy(mod.handler, new Promise<number>((r) => (release = r))));
  for (let i = 0; i < 50 && runtime.dump().tasks[0]!.backtrace.length < 3; i++) await new Promise((r) => setTimeout(r, 1));
  const d = runtime.dump();
  expect(d.taskCount).toBe(1);
  // The spawn site in this file, not a frame of the (bundled) runtime.
  expect(d.tasks[0]!.location).toMatch(/introspect-lowered\.test\.ts:\d+:\d+/);
  const [outer, innerFrame, leaf] = d.tasks[0]!.backtrace;
  // The names the compiler generated, read back from the machines' info.
  expect(outer!.name).toBe('handler');
  expect(outer!.state).toBe('WaitingForInner');
  expect(outer!.awaits).toBe('inner(gate)');
  expect(outer!.loc).toMatch(/introspect-lowered\.fixture\.ts:\d+:\d+$/);
  expect(innerFrame!.name).toBe('inner');
  expect(innerFrame!.awaits).toBe('gate');
  expect(leaf!.name).toBe('PromiseBridge');
  expect(d.tasks[0]!.warnings).toEqual([]);
  const text = runtime.dump({ format: 'text' });
  if (process.env.SHOW_DUMP) console.log(text);
  expect(text).toContain(`handler ${outer!.state}  await inner(gate)`);
  expect(text).toContain(`inner ${innerFrame!.state}  await gate`);
  release(20);
  expect(await h).toBe(41);
  expect(runtime.dump().taskCount).toBe(0);
});

it('a lowered function adopting the promise it returned is listed as WaitingForReturnValue, and cancels', async () => {
  bundle ??= await bundleFixtures([FIXTURE], 'runtime-introspect');
  const rt = (await importFile(bundle.runtime)) as typeof import('../src/index.js');
  const mod = (await importFile(bundle.lowered.get('introspect-lowered.fixture')!)) as {
    passOn(p: Promise<number>): Promise<number>;
  };
  const runtime = new rt.Runtime({ name: 'adopting' });
  const pending = (tag: number) => {
    let release!: (v: number) => void;
    return { promise: new Promise<number>((r) => (release = r)), release: () => release(tag) };
  };
  const a = pending(7);
  const h = runtime.spawn(rt.lazy(mod.passOn, a.promise));
  for (let i = 0; i < 50 && runtime.dump().tasks[0]?.backtrace.length !== 2; i++) await new Promise((r) => setTimeout(r, 1));
  const [frame, leaf] = runtime.dump().tasks[0]!.backtrace;
  expect(frame).toMatchObject({ name: 'passOn', state: 'WaitingForReturnValue' });
  expect(leaf!.name).toBe('AdoptionBridge'); // the bridge that takes a native promise's turns
  a.release();
  expect(await h).toBe(7);
  // Cancelled while adopting: the task ends cancelled, and the promise settling later changes nothing.
  const b = pending(8);
  const c = runtime.spawn(rt.lazy(mod.passOn, b.promise));
  for (let i = 0; i < 50 && runtime.dump().tasks[0]?.backtrace.length !== 2; i++) await new Promise((r) => setTimeout(r, 1));
  expect(runtime.dump().tasks[0]!.backtrace[0]!.state).toBe('WaitingForReturnValue');
  c.abort();
  await expect(c).rejects.toBeInstanceOf(rt.Cancelled);
  b.release();
  await new Promise((r) => setTimeout(r, 1));
  expect(runtime.dump().taskCount).toBe(0);
});
