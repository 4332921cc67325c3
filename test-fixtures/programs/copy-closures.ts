// Sync-first copies of functions with no await of their own keep the closures they create,
// which read the copy's locals (parameters reassigned after the closure, per-iteration loop
// bindings, try/catch/finally, nested functions and classes, the TDZ); one with an await and a
// closure goes through its wrapper. Each such call must behave as natively.

const log: unknown[] = [];
async function acc(n: number) { const get = () => n; n += 1; const set = (v: number) => { n = v; }; return { get, set }; }
async function guarded(x: number) {
  const seen: (() => number)[] = [];
  try {
    seen.push(() => x);
    if (x > 2) throw new Error('big ' + x);
    x *= 10;
  } catch (e) {
    seen.push(() => x + 1000);
    x = -1;
  } finally {
    seen.push(() => x + 5);
  }
  return seen.map((f) => f());
}
async function loopy(k: number) {
  const fs: (() => string)[] = [];
  for (let i = 0; i < k; i++) { const j = i * 2; fs.push(() => `${i}:${j}:${k}`); }
  for (const s of ['a', 'b']) fs.push(() => s + k);
  k = 99;
  let w = 0; while (w < 2) { const q = w; fs.push(() => 'w' + q + k); w++; }
  return fs.map((f) => f());
}
async function shadow(x: number) { function inner() { const x1 = 3; let x = 7; return x + x1; } const g = () => x; x++; return [inner(), g()]; }
async function rec(n: number): Promise<number> { const f = () => n; if (n <= 0) return f(); return f() + (await rec(n - 1)); }
async function thrower(v: string) { const f = () => { throw new Error(v); }; if (v === 'x') f(); return f; }
async function lazyTdz() { let out: string; try { out = String(read()); } catch (e) { out = (e as Error).constructor.name; } const z = 4; function read() { return z; } return [out, read()]; }
async function cls(n: number) { class K { m = n; static s = () => n * 3; get v() { return n; } } n = 8; return [new K().m, K.s(), new K().v]; }
async function thenable(v: number) { const o = { then(r: (x: number) => void) { r(v * 2); } }; v = 21; return o; }
async function main() {
  const a = await acc(1); log.push(a.get()); a.set(40); log.push(a.get());
  const b = await acc(5); log.push(b.get(), a.get());
  log.push(await guarded(1), await guarded(3));
  log.push(await loopy(3));
  log.push(await shadow(1));
  log.push(await rec(4));
  try { await thrower('x'); } catch (e) { log.push('caught ' + (e as Error).message); }
  const t = await thrower('y'); try { t(); } catch (e) { log.push('later ' + (e as Error).message); }
  log.push(await lazyTdz());
  log.push(await cls(2));
  log.push(await thenable(1));
  const p = acc(3); log.push(p instanceof Promise);
  console.log(JSON.stringify(log));
}
main();
