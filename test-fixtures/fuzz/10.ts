// Fuzzer regression (scripts/fuzz). seed 10, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0) {
  let { k0: d0 = (((p0 ?? 5) - 1) + 7) } = {  };
  lg.log(H.sum([((d0 ?? p0) + (await Promise.resolve(d0))), ((!(p0 >= 8) ? d0 : d0) + d0)]));
  return (0 && H.sum([(await Promise.resolve(p0)), (p0 && p0)]));
}
async function f1(lg, p0) {
  const cl = [];
  lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f0(lg.sub(), (p0 - p0)))), 0))));
  try {
    if (((await H.thenable(p0)) > 2)) {
      throw new Error('T' + p0);
    }
    const g1 = async () => {
      ((await new Promise((r) => setTimeout(r, 0))), (await f0(lg, p0)));
      return (p0++);
    };
    L2: for (const i3 of H.iter(lg, [(await f0(lg, p0)), ((await Promise.resolve(p0)) && (4 + 8)), ((p0 && p0) + (p0 - 1))])) {
      lg.log(5);
      if ((H.sum([(8, p0), (p0++)]) === 6)) {
        let v4 = (H.sum(await Promise.all([lg.detach((async () => { try { return await f0(lg.sub(), 6); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f0(lg.sub(), 0); } catch (e) { return H.err(e); } })())])) + (await H.thenable(i3)));
      }
      lg.detach(f0(lg.sub(), 9));
      try {
        lg.log((await g1()));
        (await H.thenable((((p0 + 0) > (await p0)) ? (3 - i3) : i3)));
        lg.log(i3);
        p0 -= (((!(i3 >= 5) ? p0 : i3) && (await i3)) * (await f0(lg, p0)));
      } catch (e5) {
        lg.log(H.err(e5));
      } finally {
        if ((i3 !== 3)) {
          continue L2;
        }
        var v6 = (i3, p0);
      }
    }
  } catch (e7) {
    lg.log(H.err(e7));
    const p8 = lg.detach(f0(lg.sub(), (p0 && 5)));
    lg.log(arguments.length);
    lg.log((await p8));
    lg.log(arguments.length);
  } finally {
    p0 ||= p0;
    if ((p0 > 1)) {
      return p0;
    }
  }
  lg.log(`${p0}-${((p0 - p0) && (await f0(lg, 7)))}`);
  lg.log(p0);
  lg.log(((await H.thenable(p0)) ?? (((await p0) === p0) ? ((await H.sleep(0)), p0) : p0)));
  lg.log(cl.map((f) => f()));
  return ((p0 + (p0 * p0)) ?? p0);
}
async function f2(lg, p0, p1) {
  lg.log(((((await f1(lg, p1)) ?? H.sum([p1, 8])) === ((p1 - p1) + (await H.thenable(p1)))) ? (p1 || (p0 ?? p0)) : 8));
  {
    let w9 = 0;
    do {
        lg.log((p1++));
      const g10 = async (x11) => {
        let v12 = p1;
        p1 ??= (v12++);
        return ((((0, 4) || (await f0(lg, x11))) === p1) ? (await 3) : ((await Promise.resolve(x11)) * ((await H.sleep(0)), p1)));
      };
      lg.log(8);
      } while (++w9 < 1);
  }
  for (let i13 = 0; i13 < 3; i13++) {
    lg.log((H.sum([p1, i13]) || i13));
    lg.log(i13);
  }
  lg.log((await Promise.resolve((await Promise.resolve(p0)))));
  lg.log((await f0(lg, (!(p0 >= p0) ? p1 : p1))));
  let v14 = ((((p1 === p1) ? p0 : p0) || 5) ?? (p0 + (await Promise.resolve(p0))));
  return (await f0(lg, (!(p1 >= 9) ? 9 : 3)));
}
async function f3(lg) {
  const cl = [];
  (await Promise.resolve((await Promise.resolve(8))));
  if ((8 > 4)) {
    return (await Promise.resolve(0));
  }
  for (let i15 = 0; i15 < 3; i15++) {
    lg.log((((await f0(lg, 7)) + ((i15 === i15) ? i15 : 6)) * (6, (2, i15))));
    try {
      switch ((await H.thenable(0))) {
        case 0: {
        }
        case 3: {
          lg.log(((await H.sleep(1)), H.sum([7, i15])));
          lg.log(H.sum([(await H.thenable(i15)), ((1 - i15) * (i15 * i15))]));
          break;
        }
        case 0 + ((i15 === 1) ? i15 : i15): {
          break;
        }
      }
    } catch (e16) {
      lg.log(H.err(e16));
    } finally {
      lg.log(`${(await f0(lg, i15))}-${i15}`);
    }
  }
  lg.log(6);
  lg.log(cl.map((f) => f()));
  return ((await Promise.resolve(8)) ?? (9 - H.sum([7, 1])));
}
class C0 {
  constructor(v) { this.v = v; }
  async m0(lg) {
    const cl = [];
    let [d17, d18, d19 = 9] = [2];
    lg.log(arguments.length);
    if (!((await Promise.resolve(2)) >= 7)) {
      return this.v;
    }
    cl.push(() => (d17 + (d18 + d17)));
    return 3;
  }
}
export async function main(lg) {
  const g20 = async () => {
    lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f0(lg.sub(), 1))), 0))));
    return 1;
  };
  lg.log(0);
  for await (const i21 of (async function* (xs) { try { for (const x of xs) { await null; yield x; } } finally { lg.log('gen.finally'); await null; lg.log('gen.closed'); } })([(await Promise.resolve(1)), 0, 4])) {
    lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f0(lg.sub(), (i21 && 3)))), 0))));
    lg.log(i21);
    lg.log(arguments.length);
  }
  let { k0: d22 } = { k0: 7 };
  lg.log(`${((!(6 >= d22) ? d22 : d22) || (d22++))}-${(await Promise.resolve(1))}`);
  switch (((await H.sleep(0)), 8)) {
    case 2: {
      lg.log(arguments.length);
    }
    case 3: {
      try {
        const v23 = 2;
      } catch (e24) {
        lg.log(H.err(e24));
        const h25 = H.spawn(f3(lg.sub()));
        lg.log(d22);
        lg.log((await h25));
        try {
          let v26 = H.sum([(!((await Promise.resolve(d22)) >= d22) ? (await Promise.resolve(d22)) : (await H.thenable(7))), (d22++)]);
        } catch (e27) {
          lg.log(H.err(e27));
          lg.log((d22 - d22));
        }
      } finally {
        (await Promise.resolve(2));
        let v28 = (!(((d22 + d22) || (8 - d22)) >= (await Promise.resolve(d22))) ? ((!(d22 >= 4) ? d22 : d22) + (await f3(lg))) : ((await f2(lg, d22, 4)), (4 * d22)));
      }
      lg.log(arguments.length);
      break;
    }
    case 1: {
    }
  }
  lg.log((d22 - d22));
  return 7;
}
export const EXPECTED = {"ok":true,"value":7,"log":{"ev":[0,0,1,1,0,0,1,0,4,1,"gen.finally","gen.closed","7-1",0],"subs":[{"ev":[36]},{"ev":[24]},{"ev":[36]}]}};
