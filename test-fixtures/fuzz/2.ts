// Fuzzer regression (scripts/fuzz). seed 2, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0, p1) {
  const cl = [];
  switch (p1) {
    case 2: {
      lg.log((((!(p1 >= p0) ? 6 : 2), p0) + (((p0++) === (5 ?? p1)) ? (await Promise.resolve(p0)) : (p1, p0))));
    }
    default: {
      lg.log((((await p1) > H.sum([(1 ?? 8), (await H.thenable(p1))])) ? p1 : ((await Promise.resolve(6)) + (3 * p0))));
      switch ((!(p0 >= (p0++)) ? (await p1) : (p0 + p1))) {
        case 0: {
          break;
        }
        case 2: {
          if ((((p0 + p1) && (p1 || p1)) === 2)) {
            throw new Error('T' + ((((await H.sleep(1)), 1) === (p1 - H.sum([2, 7]))) ? (p0++) : (p1++)));
          }
        }
      }
    }
  }
  switch (((p0 + p1) ?? (await p1))) {
    case 0 + ((await H.sleep(2)), p1): {
      lg.log((await (9 - p1)));
      break;
    }
    case 0: {
      break;
    }
    case 3: {
      lg.log(p1);
      break;
    }
    default: {
      if ((H.sum([(1 + p1), (1 * p1)]) > 1)) {
        return (await Promise.resolve((p0 || p0)));
      }
      let [d0, d1, d2 = ((await new Promise((r) => setTimeout(r, 1))), (await Promise.resolve(p0)))] = [(((await 4) + (await Promise.resolve(0))), p1), (((await H.thenable(p0)) === p0) ? ((p1++) - (await Promise.resolve(p1))) : ((5 || p1) ?? ((p1 === 2) ? 4 : 3))), ((await Promise.resolve(p1)) + (await 2))];
    }
  }
  lg.log((((await p1) === (await 7)) ? 3 : ((await H.sleep(2)), p0)));
  lg.log(cl.map((f) => f()));
  return p1;
}
class C0 {
  constructor(v) { this.v = v; }
  async m0(lg, p0, p1) {
    B3: {
      p0 += (await Promise.resolve(p0));
      (await f0(lg, 9, p0));
      if (((await 2) === 2)) {
        break B3;
      }
      if (!(((p0 + 5) + H.sum([p1, 0])) >= 1)) {
        return (p1 || H.sum([(p1 ?? p1), p1]));
      }
    }
    try {
      p1 &&= p1;
    } catch (e4) {
      lg.log(H.err(e4));
    } finally {
      this.v += (!(3 >= (((8 === p1) ? p0 : p0) && (await Promise.resolve(p1)))) ? ((p1 && 2) || (await f0(lg, p0, p0))) : (await f0(lg, 6, p1)));
    }
    if ((5 !== 2)) {
      return p0;
    }
    if (!(((p1 + p0) || this.v) >= 2)) {
      return 7;
    }
    return (await Promise.resolve(H.sum([p1, p0])));
  }
}
class C1 {
  constructor(v) { this.v = v; }
  async m0(lg) {
    if ((4 === 3)) {
      lg.log((3 + ((await Promise.resolve(9)) && (6 + 5))));
    }
    lg.log((5 * 7));
    if ((((8 - 1) * (3 + 3)) > 1)) {
      lg.log(this.v);
      lg.log((await H.thenable((await f0(lg, 3, 8)))));
    } else {
      lg.log(arguments.length);
      lg.log(`${(((await H.thenable(9)) === (await new C0(5).m0(lg, 4, 3))) ? 8 : 9)}-${6}`);
    }
    if (((H.sum([6, 2]) - (1 * 6)) !== 1)) {
      let v5 = ((((await new Promise((r) => setTimeout(r, 0))), 9) > this.v) ? (2 + (await Promise.resolve(7))) : (!(0 >= ((0 === 4) ? 6 : 3)) ? (0 * 6) : ((await H.sleep(1)), 3)));
    } else {
      lg.log(((((6 + 5) === ((await H.sleep(2)), 2)) ? 2 : (1 - 4)) + (((await new C0(7).m0(lg, 6, 2)) === (3 + 4)) ? (await f0(lg, 4, 4)) : (3 + 2))));
    }
    lg.log(9);
    for (const i6 of [9]) {
      {
        let w8 = 0;
        L7: do {
            lg.log(this.v);
          } while (++w8 < 2);
      }
    }
    return 0;
  }
  async m1(lg) {
    lg.log(arguments.length);
    {
      let w9 = 0;
      do {
          lg.log((await Promise.resolve((1 - 1))));
        } while (++w9 < 2);
    }
    return 5;
  }
}
export async function main(lg) {
  const cl = [];
  L10: for (let i11 = 0; i11 < 3; i11++) {
    lg.log(H.sum([(await Promise.resolve(i11)), i11]));
  }
  let { k0: d12 = (((4 - 2) && 5) * 1), k1: d13 } = { k0: (((0 === (6 - 5)) ? (6, 0) : 5) + 2) };
  var v14 = (((d13 > (d13++)) ? 9 : d13) && d12);
  let { k0: d15 } = { k0: H.sum([((d12++) - (await Promise.resolve(d13))), (d12, ((await new Promise((r) => setTimeout(r, 1))), 1))]) };
  B16: {
    if (((await 2) === 1)) {
      break B16;
    }
    for (let i17 = 0; i17 < 2; i17++) {
      let [d18 = (6 - (2 * 5))] = [(await Promise.resolve((9 - 7)))];
      let v19 = (await Promise.resolve((await Promise.resolve(d13))));
    }
    if (((await d12) !== 4)) {
      return (await H.sum([d15, v14]));
    }
  }
  try {
    {
      let w21 = 0;
      L20: do {
          lg.log(4);
        lg.log((d13 && d13));
        } while (++w21 < 1);
    }
  } finally {
    lg.log(`${3}-${(await new C1(d15).m0(lg))}`);
  }
  B22: {
    if (((await 0) === 1)) {
      break B22;
    }
    B23: {
      try {
        const v24 = (await (1 ?? d12));
      } catch (e25) {
        lg.log(H.err(e25));
        lg.log(((((v14 > d13) ? v14 : d13) + (v14 - d15)) + (((d15 === 8) ? 8 : d12) + 3)));
        v14 += (7 + ((d13++) || v14));
      } finally {
        lg.log(v14);
        lg.log((d12++));
      }
      if (((await 1) === 1)) {
        break B23;
      }
      (await Promise.resolve(H.sum([1, (!(1 >= d13) ? 8 : v14)])));
      lg.log(arguments.length);
    }
  }
  lg.log(cl.map((f) => f()));
  return 4;
}
export const EXPECTED = {"ok":true,"value":"NaN","log":{"ev":[0,2,4]}};
