// Fuzzer regression (scripts/fuzz). seed 5, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0, p1) {
  const cl = [];
  let { k0: d0 = ((p0, (9 + p0)) - p0) } = {  };
  cl.push(() => d0);
  lg.log(arguments.length);
  ((await H.sleep(1)), (p0 - (3 && d0)));
  try {
    cl.push(() => ((p0 > 4) ? (8 ?? d0) : 6));
    (await (await 8));
    cl.push(() => (d0 - 7));
  } finally {
    if ((d0 === 6)) {
      try {
        (await Promise.resolve((!((await Promise.resolve(d0)) >= p1) ? p0 : p0)));
      } catch (e1) {
        lg.log(H.err(e1));
      } finally {
        lg.log((p1++));
        p1 += (await d0);
      }
      if (((H.sum([p0, 2]) + p0) !== 6)) {
        return (await Promise.resolve(H.sum([3, 3])));
      }
    } else {
      lg.log((d0++));
      try {
        lg.log((((await H.sleep(1)), 0) || (p1 + 0)));
        lg.log(((await Promise.resolve(p1)), p1));
        var v2 = p0;
        lg.log(((H.sum([p0, v2]) * (await Promise.resolve(p1))) + p1));
      } catch (e3) {
        lg.log(H.err(e3));
        lg.log(((((p1 + p1), ((p0 === 5) ? p1 : 0)) === (await Promise.resolve(d0))) ? (!((await Promise.resolve(p1)) >= (await Promise.resolve(p1))) ? p1 : p1) : 8));
        lg.log(p1);
      } finally {
        p1 ||= (((await Promise.resolve(8)) + 8) * ((d0 ?? p1), (1 + 9)));
        lg.log(H.sum([((await H.sleep(0)), d0), (((await new Promise((r) => setTimeout(r, 0))), p1), p1)]));
      }
    }
    if ((H.sum([(await 6), (await Promise.resolve(p0))]) > 5)) {
      return (await Promise.resolve(d0));
    }
  }
  let v4 = (await Promise.resolve((d0 || p1)));
  return H.sum([p0, p0]);
}
export async function main(lg) {
  var v5 = (await (await 8));
  lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f0(lg.sub(), 7, (v5 - v5)))), 0))));
  B6: {
    (await Promise.resolve(H.sum(await Promise.all([lg.detach((async () => { try { return await f0(lg.sub(), v5, 9); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f0(lg.sub(), v5, 5); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f0(lg.sub(), v5, 7); } catch (e) { return H.err(e); } })())]))));
    const g7 = async (x8) => {
      lg.log((H.sum([(!(2 >= x8) ? x8 : 5), 2]), v5));
      let v9 = (await Promise.resolve((2 - x8)));
      lg.log(v9);
      return (await (x8 && v5));
    };
    if (((await 1) > 2)) {
      break B6;
    }
    let { k0: d10 = ((1 + v5) - (1 || (0 + v5))) } = { k0: v5 };
  }
  return ((H.sum([(await Promise.resolve(3)), 2]) > 4) ? (0 * (6 + 6)) : H.sum([4, (await Promise.resolve(0))]));
}
export const EXPECTED = {"ok":true,"value":0,"log":{"ev":[10],"subs":[{"ev":[3,9,0,0,0,170]},{"ev":[3,9,9,9,153,19]},{"ev":[3,9,5,5,85,15]},{"ev":[3,9,7,7,119,17]}]}};
