// Awaiting an object reads nothing of it but `then`, as natively: chai's assertion objects are
// Proxies that throw on any property they do not have (`await expect(p).to.eventually…`), found
// by node-fetch's suite. The runtime also reads its future brand, a symbol (README).
const seen: string[] = [];
function strict(then?: (r: (v: string) => void) => void): object {
  return new Proxy(
    {},
    {
      get(_t, k) {
        if (typeof k !== 'string') return undefined;
        seen.push(k);
        if (k === 'then') return then;
        throw new Error(`Invalid property: ${k}`);
      },
    },
  );
}
const api = { make: (then?: (r: (v: string) => void) => void) => strict(then) };

async function direct(): Promise<string> {
  const v = await strict();
  return typeof v;
}
async function viaCall(): Promise<string> {
  const v = await api.make();
  return typeof v;
}
async function thenable(): Promise<string> {
  return await api.make((r) => r('resolved'));
}
async function returned(): Promise<object> {
  await null;
  return strict();
}

async function main(): Promise<void> {
  for (const f of [direct, viaCall, thenable, returned]) {
    seen.length = 0;
    try {
      console.log(f.name, typeof (await f()), seen.join(','));
    } catch (e) {
      console.log(f.name, 'threw', (e as Error).message, seen.join(','));
    }
  }
}
main();
