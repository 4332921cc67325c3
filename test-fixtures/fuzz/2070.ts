// Fuzzer regression (scripts/fuzz). seed 2070, lowering-failed: outcome: native returned "undefined" vs lowered threw "Error: LOWERING FAILED: lowered output rejected by esbuild: Cannot assign to "v0_1" because it is a constant (line 209: v0_1 = 0;)"
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0, p1) {
  let v0 = 0;
  for (let i8 = 0; i8 < 1; i8++) {
    const v0 = 0;
    lg.log((await 0));
  }
  v0;
  for (const i11 of [0]) {
    let v0 = 0;
    lg.log((await 0));
    lg.log(v0);
  }
}
class C0 {
  constructor(v) { this.v = v; }
}
class C1 extends C0 {
  async m0(lg, p0) {
    return (await f0(lg, 0, 0));
  }
}
export async function main(lg) {
}
export const EXPECTED = {"ok":true,"value":"undefined","log":{"ev":[]}};
