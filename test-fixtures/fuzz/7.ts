// Fuzzer regression (scripts/fuzz). seed 7, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0, p1) {
  lg.log(((await new Promise((r) => setTimeout(r, 0))), (p1 ?? 0)));
  lg.log((9, (!((!(4 >= p0) ? p0 : 9) >= p1) ? ((p0 > p1) ? p0 : p1) : H.sum([3, p0]))));
  return (await (!(p0 >= p0) ? p0 : p1));
}
async function f1(lg, p0, p1) {
  const cl = [];
  switch (H.sum([(await Promise.resolve(p1)), H.sum([4, 2])])) {
    case 0: {
      break;
    }
    default: {
      lg.log(((p0 - (p1 - p1)) + p1));
      lg.log(`${p1}-${(!(((await new Promise((r) => setTimeout(r, 0))), p0) >= p1) ? p0 : p0)}`);
    }
  }
  switch (p1) {
    case 1: {
      let { k0: d0 } = { k0: (await Promise.resolve((9, p0))) };
    }
    case 3: {
      if ((p0 === 3)) {
        lg.log(p0);
        p0 = (2 * p1);
        lg.log(p1);
      } else {
        let { k0: d1 } = {  };
      }
      for (let i2 = 0; i2 < 2; i2++) {
        lg.log(arguments.length);
      }
      break;
    }
    default: {
      lg.log(5);
      if ((p0 === 5)) {
        B3: {
          if ((((p1 + 2), 3) > 5)) {
            return 2;
          }
          if (((await 3) === 1)) {
            break B3;
          }
          lg.log((p1 && (((await Promise.resolve(p1)) === p1) ? p0 : (p0++))));
        }
        lg.log((await f0(lg, (p0++), (4 + p1))));
        for (let i4 = 0; i4 < 3; i4++) {
          const v5 = 0;
        }
      } else {
        switch (p1) {
          case 0 + H.sum([6, p0]): {
            lg.log((!((p0 && (!(6 >= 4) ? p0 : 5)) >= p0) ? p0 : (H.sum([p1, 1]), p1)));
            var v6 = (!(H.sum([p1, ((p1 === p0) ? p1 : p0)]) >= H.sum([3, 7])) ? (await p1) : 1);
            break;
          }
          case 0 + H.sum([9, p1]): {
            break;
          }
          case 2: {
            let v7 = (await Promise.resolve(((p1 > 2) ? p1 : p1)));
            let v8 = 8;
            break;
          }
        }
      }
    }
  }
  for (const i9 of [H.sum([(5 || 1), p0]), 4]) {
    lg.log((await Promise.resolve(((await new Promise((r) => setTimeout(r, 0))), i9))));
    lg.log((await Promise.resolve((await Promise.resolve(i9)))));
    let [d10 = 8, d11 = H.sum([(p0++), (!(((p1 === p0) ? 1 : p0) >= ((i9 > 3) ? p1 : 0)) ? i9 : (p0 + p0))]), d12] = [p1, (((((2 > p1) ? p1 : p0) === (p1, p1)) ? p1 : H.sum([8, p1])) + ((H.sum([5, p1]) > ((i9 === i9) ? p0 : p0)) ? (p0, i9) : (p1, 0)))];
  }
  lg.log(arguments.length);
  p0 ||= (((5, p1) - ((await new Promise((r) => setTimeout(r, 0))), p1)) * 9);
  lg.log(H.sum([7, (await Promise.resolve(7))]));
  L13: for (let i14 = 0; i14 < 2; i14++) {
    if (!(p1 >= 2)) {
      break;
    }
    let { k0: d15 } = {  };
  }
  lg.log(cl.map((f) => f()));
  return 8;
}
async function f2(lg, p0, p1) {
  if ((((!(p1 >= 8) ? p0 : 2), (await Promise.resolve(1))) !== 0)) {
    if ((p0 !== 3)) {
      lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f1(lg.sub(), 8, H.sum([p0, p0])))), 0))));
    }
  } else {
    try {
      (await Promise.resolve(((8 + p1) + 7)));
    } finally {
      let [d16 = 7, d17] = [];
    }
  }
  lg.log((await lg.detach(f0(lg.sub(), (p0, p1), (await p0))).then((v) => H.sum([v, 1]))));
  let v18 = H.sum([8, H.sum(await Promise.all([lg.detach((async () => { try { return await f1(lg.sub(), 0, p0); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f0(lg.sub(), p0, p0); } catch (e) { return H.err(e); } })())]))]);
  lg.log(3);
  lg.log(((await 1) - ((await f0(lg, p1, p0)) * (await v18))));
  lg.log((await f1(lg, ((6 > v18) ? p0 : p0), (await Promise.resolve(p0)))));
  if (!(p0 >= 2)) {
    p1 += H.sum([((v18, p0) + (1 + p1)), H.sum(await H.join([lg.detach((async () => { try { return await f1(lg.sub(), p1, v18); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f0(lg.sub(), p1, v18); } catch (e) { return H.err(e); } })())]))]);
    p1 ||= (await f1(lg, (await Promise.resolve(p0)), v18));
    if (!(((p0 > (!(p0 >= 7) ? v18 : p1)) ? H.sum([p1, p0]) : (7 + 7)) >= 0)) {
      return ((await p1) + (await H.thenable(p0)));
    }
  }
  return ((((await Promise.resolve(8)) > (!(p0 >= p0) ? p1 : p1)) ? ((p1 > 9) ? p1 : p0) : p1) && ((await new Promise((r) => setTimeout(r, 1))), 3));
}
async function f3(lg, p0) {
  ((await H.sleep(2)), (!(p0 >= (p0++)) ? (p0 * p0) : (p0 * p0)));
  let v19 = (((p0++) > (await f0(lg, p0, p0))) ? (await Promise.resolve(p0)) : ((H.sum([2, p0]) > p0) ? (p0 + 0) : (await H.thenable(1))));
  {
    let w20 = 0;
    do {
        try {
        lg.log(0);
      } catch (e21) {
        lg.log(H.err(e21));
      }
      } while (++w20 < 1);
  }
  let v22 = (await (v19 + 9));
  return (((((await Promise.resolve(p0)) === (2 + p0)) ? (0, 8) : (6 && 9)) > ((await H.sleep(2)), p0)) ? (p0++) : 6);
}
class C0 {
  constructor(v) { this.v = v; }
  async m0(lg, p0, p1) {
    const h23 = H.spawn(f1(lg.sub(), (p0 ?? p1), ((await new Promise((r) => setTimeout(r, 1))), p0)));
    lg.log((p0 + this.v));
    lg.log((await h23));
    switch ((((await H.sleep(1)), p0) + p0)) {
      case 3: {
        break;
      }
      case 0: {
        B24: {
          if (!((await Promise.resolve(p1)) >= 5)) {
            let v25 = p0;
            lg.log((!(p1 >= (await p1)) ? ((await Promise.resolve(v25)) + p0) : H.sum([H.sum([5, v25]), ((await H.sleep(2)), p0)])));
            const v26 = (this.v ?? (await H.race([f1(lg.sub(), p0, 3), H.never()])));
          }
          if (((await 0) > 0)) {
            break B24;
          }
        }
      }
      case 4: {
      }
      default: {
        lg.log(`${this.v}-${H.sum([(7 + p1), (p0 + p0)])}`);
      }
    }
    return p1;
  }
  async m1(lg, p0, p1) {
    const cl = [];
    cl.push(() => 5);
    let [d27, d28, d29 = (((9 + ((p0 > 2) ? 1 : p1)) === p1) ? this.v : this.v)] = [7];
    switch (p0) {
      case 2: {
        if (!(p0 >= 1)) {
          return d29;
        }
        lg.log(`${((p1 > this.v) ? this.v : H.sum([d27, d29]))}-${(await f1(lg, d28, p1))}`);
      }
      case 0 + (6 || d28): {
        try {
          lg.log(arguments.length);
          L30: for (let i31 = 0; i31 < 1; i31++) {
            ((await new Promise((r) => setTimeout(r, 0))), (await 4));
          }
          try {
            (await f3(lg, p1));
            lg.log(d27);
            if ((p0 !== 3)) {
              return ((5 || (await 6)) + d28);
            }
          } finally {
            d28 += ((await d29) + (p0 - (d27 * 8)));
            let v32 = ((await 5) * 1);
          }
          switch (this.v) {
            case 0: {
            }
            case 3: {
              lg.log((await Promise.reject(new Error('R' + ((0 === d28) ? d28 : d28)))));
              (await f3(lg, ((8 ?? p1) - 8)));
              break;
            }
            default: {
              lg.log(H.sum([4, (p0 ?? (await f2(lg, 5, d27)))]));
              const v33 = ((await Promise.reject(new Error('R' + d28))) || (await Promise.resolve(3)));
            }
          }
        } catch (e34) {
          lg.log(H.err(e34));
          lg.log(this.v);
        } finally {
          lg.log(this.v);
        }
      }
      case 1: {
        if (((await d28) === 1)) {
          return ((await H.sleep(0)), (await H.thenable(1)));
        }
        let { k0: d35 = 8, k1: d36 = d28, k2: d37 = 4 } = { k0: this.v, k1: 4 };
        break;
      }
    }
    if (!(9 >= 1)) {
      return (p1 + H.sum([this.v, d29]));
    }
    let v38 = H.sum([(7 ?? H.sum([p1, p1])), 7]);
    return this.v;
  }
}
class C1 {
  constructor(v) { this.v = v; }
  async m0(lg, p0) {
    const cl = [];
    const h39 = H.spawn(f0(lg.sub(), ((p0 === p0) ? p0 : p0), (await f0(lg, p0, 4))));
    lg.log(3);
    lg.log((await h39));
    lg.log(arguments.length);
    switch ((p0 || 1)) {
      case 0: {
        cl.push(() => H.sum([1, 8]));
        break;
      }
      default: {
        lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f3(lg.sub(), (p0 ?? 3)))), 0))));
      }
    }
    return ((0 > H.sum(await Promise.all([lg.detach((async () => { try { return await f3(lg.sub(), 2); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f1(lg.sub(), 9, 5); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f1(lg.sub(), 8, p0); } catch (e) { return H.err(e); } })())]))) ? (((3 > 8) ? p0 : p0) + (await Promise.reject(new Error('R' + p0)))) : H.sum(await H.join([lg.detach((async () => { try { return await f0(lg.sub(), 6, p0); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f3(lg.sub(), 6); } catch (e) { return H.err(e); } })())])));
  }
}
export async function main(lg) {
  if ((7 > 0)) {
    return (1 - 6);
  }
  for (let i40 = 0; i40 < 2; i40++) {
    for (let i41 = 0; i41 < 1; i41++) {
      lg.log(i41);
      if (((await Promise.resolve(i41)) !== 4)) {
        lg.log(5);
        lg.log(i40);
        let v42 = (await f3(lg, H.sum([i40, 9])));
      }
      lg.log((i40 - ((i41, i40), (i40 + 7))));
    }
    lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f3(lg.sub(), 6))), 0))));
    let v43 = ((await Promise.resolve(9)) ?? (await f0(lg, i40, 6)));
    if (!(8 >= 2)) {
      if (((await H.thenable(v43)) !== 0)) {
        if (((await Promise.resolve(8)) === 6)) {
          break;
        }
        lg.log(((i40 > v43) ? i40 : 4));
      }
      const p44 = lg.detach(f3(lg.sub(), (await 7)));
      v43 ??= (await Promise.resolve(((await new Promise((r) => setTimeout(r, 0))), 9)));
      lg.log((await p44));
    }
  }
  lg.log((await Promise.resolve(5)));
  lg.log(H.sum([5, (6 - (await 0))]));
  lg.log(9);
  return 6;
}
export const EXPECTED = {"ok":true,"value":-5,"log":{"ev":[]}};
