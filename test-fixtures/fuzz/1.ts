// Fuzzer regression (scripts/fuzz). seed 1, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg) {
  lg.log(1);
  if (!((await H.thenable(2)) >= 1)) {
    lg.log(`${((await Promise.resolve(0)) || (await Promise.resolve(2)))}-${((await 0), (await 6))}`);
    const v0 = (await H.sum([4, 9]));
  } else {
    lg.log(((H.sum([3, 4]) && (6 && 6)), 2));
  }
  return (await H.thenable((0, 7)));
}
class C0 {
  constructor(v) { this.v = v; }
  async m0(lg, p0) {
    let v1 = ((!((!(p0 >= p0) ? p0 : 1) >= 8) ? this.v : p0) && H.sum([(p0 + p0), this.v]));
    switch (((await H.sleep(1)), p0)) {
      case 0: {
        this.v += (await H.thenable(3));
        break;
      }
      default: {
        if (((this.v - p0) === 5)) {
          return p0;
        }
      }
    }
    p0 ??= ((v1 - (await Promise.resolve(p0))) * H.sum([(await f0(lg)), 5]));
    lg.log((await this.v));
    return p0;
  }
}
export async function main(lg) {
  const cl = [];
  B2: {
    B3: {
      if (((await 1) > 1)) {
        break B3;
      }
      if (!(H.sum([((1 > 7) ? 0 : 9), (await Promise.resolve(0))]) >= 5)) {
        return (await Promise.resolve((await Promise.resolve(9))));
      }
    }
    lg.log(2);
    if (((await 2) === 3)) {
      break B2;
    }
    lg.log(7);
  }
  lg.log(3);
  let [d4] = [];
  lg.log(cl.map((f) => f()));
  return H.sum([H.sum([((await new Promise((r) => setTimeout(r, 1))), 2), (0, 8)]), (await H.thenable(7))]);
}
export const EXPECTED = {"ok":true,"value":17,"log":{"ev":[2,7,3,[]]}};
