// Fuzzer regression (scripts/fuzz). seed 8, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0, p1) {
  const cl = [];
  try {
    p0 += ((p0++) && ((p0 ?? p0) - 5));
    (await (!((p0 || p1) >= p1) ? p0 : (p1 && p1)));
    let { k0: d0 = ((H.sum([p0, p0]) + p1) + 7), k1: d1 } = { k0: p1, k1: (p0++) };
  } catch (e2) {
    lg.log(H.err(e2));
    lg.log(H.sum([((await Promise.resolve(1)), ((await H.sleep(1)), p1)), 2]));
    let { k0: d3 } = {  };
  } finally {
    if (!(4 >= 2)) {
      for await (const i4 of H.aiter(lg, [(await 1), (H.sum([8, p1]) - (await p0)), (!((p0 || 5) >= ((await H.sleep(0)), p1)) ? (await Promise.reject(new Error('R' + p1))) : 3)])) {
        lg.log((await (p0, 5)));
      }
      let [d5 = 4, d6] = [];
      switch (p0) {
        case 1: {
          const v7 = (!(((await p0) + ((await new Promise((r) => setTimeout(r, 0))), p1)) >= (await Promise.resolve(0))) ? (d5++) : d6);
        }
      }
    } else {
      if ((((p1 + p1) || p1) !== 1)) {
        let v8 = ((p0, p0) + (await p0));
      }
    }
  }
  const g9 = async () => {
    if ((p1 === 0)) {
      lg.log((p0 + p0));
      const v10 = (((4 || p1) ?? (p0 - p1)) && p0);
      const v11 = (p1++);
    } else {
      lg.log(p0);
      lg.log((await Promise.resolve((await Promise.resolve(p1)))));
    }
    lg.log(arguments.length);
    return (await (await Promise.resolve(p0)));
  };
  cl.push(() => (p0 + 4));
  lg.log((await g9()));
  let [d12 = ((((0 + p0) - (p0 ?? p1)) === (0 && 9)) ? 4 : p1), d13] = [((await H.thenable(p0)) * (await 3)), ((await Promise.resolve(8)) + 3)];
  return ((((await Promise.resolve(p1)) * (await p1)) > (2 + (p0 && p0))) ? ((await p0) * (p0 && p0)) : (await 0));
}
export async function main(lg) {
  const cl = [];
  (await ((5 && 3) ?? (7 ?? 1)));
  for (let i14 = 0; i14 < 3; i14++) {
    ((await new Promise((r) => setTimeout(r, 1))), ((i14 > (6 || i14)) ? (0 + i14) : (i14, i14)));
    let v15 = (((await Promise.resolve(6)) * (!(i14 >= i14) ? i14 : i14)) && (await f0(lg, i14, i14)));
    if (((((await Promise.resolve(v15)) === (8, i14)) ? (!(v15 >= 1) ? i14 : v15) : (i14 || 6)) === 4)) {
      try {
        var v16 = (await Promise.resolve(((await H.sleep(0)), 0)));
        let v17 = (v15++);
      } finally {
        v15 += (await (v15++));
        (await H.thenable(v15));
      }
      if (!(((v15++), i14) >= 6)) {
        break;
      }
    } else {
      const v18 = (((await Promise.resolve(6)) === (i14 + (i14 + v15))) ? (3 || (v15, i14)) : 3);
    }
    lg.log(((await new Promise((r) => setTimeout(r, 0))), H.sum([v15, 2])));
  }
  var v19 = ((2 === (await f0(lg, 1, 8))) ? 5 : (((1 === 4) ? 0 : 8) + (await Promise.resolve(9))));
  try {
    const g20 = async (x21) => {
      const v22 = ((await 4) - (((5 === 7) ? 0 : 3), (await f0(lg, x21, 3))));
      v19 ||= 0;
      v19 += (await Promise.resolve((x21++)));
      return 9;
    };
    let { k0: d23 = (v19++), k1: d24 = 4, k2: d25 } = { k0: (await Promise.resolve((await Promise.resolve(v19)))), k1: (await f0(lg, 0, (v19, v19))) };
    lg.log(d23);
  } catch (e26) {
    lg.log(H.err(e26));
    if ((v19 > 3)) {
      lg.log(((v19 === ((((v19 > 7) ? v19 : 2) > (await H.thenable(4))) ? (await H.thenable(3)) : v19)) ? (await Promise.resolve(0)) : 8));
      let v27 = 9;
      if (((await Promise.resolve(2)) !== 5)) {
        lg.log(((await H.sleep(0)), (await Promise.resolve(6))));
        lg.log((!((await Promise.resolve(1)) >= (8 - (v19 + 1))) ? (await v27) : (await Promise.resolve(6))));
      } else {
        (await Promise.resolve(3));
      }
    }
    for (let i28 = 0; i28 < 1; i28++) {
      {
        let w29 = 0;
        do {
            v19 = ((v19++) || ((v19 + i28) - (v19++)));
          lg.log(8);
          } while (++w29 < 3);
      }
      switch (7) {
        case 3: {
          let v19 = (await H.thenable((2, i28)));
          break;
        }
        case 1: {
          lg.log((await Promise.resolve((v19 ?? 0))));
          (await H.thenable(v19));
          break;
        }
        case 2: {
          break;
        }
        default: {
          let v30 = (((v19 - i28) * (i28 + 0)) && i28);
          lg.log((H.sum([(await f0(lg, v19, v19)), (await Promise.resolve(v19))]) - (v30++)));
        }
      }
    }
  }
  lg.log(cl.map((f) => f()));
  return (5, (!(((2 > 8) ? 3 : 3) >= (7 * 7)) ? (await 7) : 4));
}
export const EXPECTED = {"ok":true,"value":7,"log":{"ev":[2,-1,1,3,-1,2,1,2,3,1,3,-1,8,3,-1,1,17,3,1,17,[]]}};
