// Fuzzer regression (scripts/fuzz). seed 9, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg, p0) {
  const cl = [];
  if ((p0 > 2)) {
    lg.log(p0);
    lg.log(`${((p0 || p0) || 5)}-${((await H.sleep(1)), 0)}`);
  } else {
    cl.push(() => (((p0 > 4) ? 7 : p0) + 3));
  }
  cl.push(() => 4);
  let v0 = ((await new Promise((r) => setTimeout(r, 0))), (p0, 6));
  const v1 = ((await p0) + (await 3));
  B2: {
    if (((await 2) > 2)) {
      break B2;
    }
    const v3 = (v1 ?? ((4 + v1) + (p0 * p0)));
    try {
      switch ((await v3)) {
        case 0: {
        }
        case 2: {
          p0 -= 4;
          (await Promise.reject(new Error('R' + (await v3))));
          break;
        }
        case 0 + v3: {
          lg.log((H.sum([((8 === p0) ? v0 : 0), (await Promise.resolve(v3))]) - (await Promise.reject(new Error('R' + 2)))));
        }
        default: {
          const v1 = H.sum([(v0++), (await Promise.resolve(v3))]);
        }
      }
    } catch (e4) {
      lg.log(H.err(e4));
      lg.log(((await new Promise((r) => setTimeout(r, 1))), (0 && 8)));
    } finally {
      p0 &&= (!((((p0 - 6) > (!(1 >= v3) ? v3 : 8)) ? 2 : (v0++)) >= (!((4 + p0) >= H.sum([p0, 5])) ? (v0++) : (await Promise.resolve(v1)))) ? p0 : ((p0 - p0) && 5));
    }
    lg.log(`${v3}-${(!(H.sum([3, p0]) >= (v3 && v1)) ? (await p0) : (4, p0))}`);
  }
  if (!(p0 >= 3)) {
    try {
      try {
        if ((((4 === (await Promise.resolve(p0))) ? (p0++) : (!(v1 >= v0) ? 6 : p0)) !== 6)) {
          return (await (!(p0 >= p0) ? v0 : p0));
        }
      } catch (e5) {
        lg.log(H.err(e5));
      } finally {
        lg.log(((2 > (await Promise.resolve(8))) ? p0 : ((await H.sleep(2)), p0)));
        lg.log((3 + ((v1 && v0) * (await H.thenable(p0)))));
      }
      lg.log((((p0 + v0) && (6 * v1)) * (await v1)));
    } catch (e6) {
      lg.log(H.err(e6));
      try {
        let v0 = (p0++);
        lg.log(p0);
      } catch (e7) {
        lg.log(H.err(e7));
        if ((8 === 4)) {
          return (H.sum([((await H.sleep(0)), v0), (p0 + v1)]) - 4);
        }
        if ((((v1 && 7) - 9) > 7)) {
          return ((await new Promise((r) => setTimeout(r, 0))), (v1 + v0));
        }
      } finally {
        lg.log((!(((!(v1 >= p0) ? 8 : 6), ((await H.sleep(1)), p0)) >= (await Promise.resolve(8))) ? H.sum([(v0 - 4), ((v1 === 8) ? p0 : 2)]) : 8));
      }
      lg.log(`${((v0 - p0) || (p0++))}-${v1}`);
    }
    let { k0: d8 = v0, k1: d9 = H.sum([H.sum([v1, 9]), ((8 ?? v0) - (p0, 0))]) } = {  };
    cl.push(() => (p0 * 8));
  }
  if (((await Promise.resolve(v1)) === 1)) {
    lg.log((((await p0) === p0) ? v1 : (!(((await H.sleep(0)), p0) >= v1) ? v1 : v1)));
    if (((p0++) > 5)) {
      if (!((((await 3) === (p0 + p0)) ? (v0 * p0) : (6 || p0)) >= 0)) {
        lg.log(H.sum([(await 5), ((await Promise.resolve(8)) + (v0, v1))]));
        p0 ??= (v0++);
        let v10 = ((((await 6) === v0) ? (v0 && p0) : ((await new Promise((r) => setTimeout(r, 1))), v1)) ?? H.sum([p0, v1]));
      }
      try {
        lg.log(v0);
        if ((((!(5 >= p0) ? 2 : v1) && (v0++)) !== 5)) {
          throw new Error('T' + H.sum([(await Promise.resolve(7)), p0]));
        }
      } catch (e11) {
        lg.log(H.err(e11));
        if ((v0 === 7)) {
          return (v0++);
        }
        let v12 = ((((((await H.sleep(0)), v0) > v0) ? (v0 + v0) : (await 2)) > ((await H.sleep(1)), v0)) ? ((5 ?? v0) + v1) : v0);
      } finally {
        lg.log(v1);
      }
    }
  } else {
    L13: for (const i14 of H.iter(lg, [(((await new Promise((r) => setTimeout(r, 0))), 3) + (await v1)), (p0++)])) {
      (await Promise.resolve((await i14)));
      for (let i15 = 0; i15 < 3; i15++) {
        let v1 = ((await H.sleep(0)), (9, p0));
        lg.log(v1);
      }
      lg.log((!(H.sum([((i14 > 6) ? v0 : 5), (v0++)]) >= (await p0)) ? ((v0++) ?? H.sum([i14, 8])) : (v0 && (v0 - i14))));
    }
    if (!((await Promise.resolve(8)) >= 1)) {
      return (v0 - ((0 * 8) * (await 4)));
    }
  }
  return (await (await 4));
}
async function f1(lg, p0) {
  const cl = [];
  lg.log(`${p0}-${((await H.thenable(p0)) || (!(p0 >= 9) ? p0 : 5))}`);
  lg.log((((await Promise.resolve(p0)) ?? (await Promise.resolve(1))) + p0));
  if (((await f0(lg, 8)) > 4)) {
    return (p0++);
  }
  lg.log(cl.map((f) => f()));
  return (((await f0(lg, p0)) * (p0 + 8)) && p0);
}
async function f2(lg, p0, p1) {
  const cl = [];
  (await Promise.resolve(((6 - 0) ?? p0)));
  cl.push(() => (9 + (p1 && 6)));
  const g16 = async (x17) => {
    lg.log((x17++));
    for await (const i18 of (async function* (xs) { try { for (const x of xs) { await null; yield x; } } finally { lg.log('gen.finally'); await null; lg.log('gen.closed'); } })([((p1 - 2) + (p0 + p0)), x17])) {
      (await H.thenable(((!(p1 >= p0) ? x17 : x17) - 4)));
      x17 += 0;
    }
    return ((await new Promise((r) => setTimeout(r, 1))), (p1 * p0));
  };
  lg.log(cl.map((f) => f()));
  return ((p1 - (await Promise.resolve(6))) && ((0 + 1), (0 * p0)));
}
class C0 {
  constructor(v) { this.v = v; }
  async m0(lg, p0, p1) {
    const cl = [];
    cl.push(() => 8);
    cl.push(() => 2);
    if ((7 > 4)) {
      for (let i19 = 0; i19 < H.cap(this.v, 2); i19++) {
        try {
          p0 ||= (4 ?? (((p1 > i19) ? 3 : p1) + this.v));
          let v20 = ((await Promise.resolve(1)) - ((await Promise.reject(new Error('R' + i19))) * p0));
        } catch (e21) {
          lg.log(H.err(e21));
          lg.log(((await Promise.resolve(8)) && (H.sum([p1, p1]) * (await p0))));
          lg.log(i19);
        } finally {
          this.v += ((this.v > (await Promise.resolve(p1))) ? (((p1 > i19) ? p1 : i19) || H.sum([p0, 4])) : p0);
          let v22 = ((await H.sleep(0)), ((await H.sleep(1)), 1));
        }
      }
      let [d23, d24, d25] = [(await (await f1(lg, p1)))];
    } else {
      {
        let w27 = 0;
        L26: do {
            if (!(((((2 === p0) ? 2 : p1) > this.v) ? (await Promise.resolve(p0)) : p0) >= 5)) {
            continue L26;
          }
          lg.log((await (p1 + p0)));
          try {
            p1 ||= (await f0(lg, (p1 ?? p0)));
            lg.log(((await f1(lg, p1)) + (p0 * p0)));
            let v28 = (await f1(lg, ((9 > p0) ? 1 : p0)));
            lg.log((2 * (await H.thenable(p0))));
          } finally {
            lg.log(7);
            (await Promise.resolve(8));
          }
          } while (++w27 < 3);
      }
      const g29 = async () => {
        const v30 = (await H.sum([p0, 5]));
        p0 += (await (p1 * p1));
        return (p1 - H.sum([(await Promise.resolve(p1)), (await H.thenable(p1))]));
      };
    }
    for (let i31 = 0; i31 < 1; i31++) {
      if (!(p0 >= 7)) {
        lg.log(((H.sum([9, i31]) > i31) ? ((p1 > this.v) ? H.sum([i31, p1]) : H.sum([p0, p0])) : i31));
        try {
          if (!(((0 || p0) ?? (i31 + p0)) >= 2)) {
            continue;
          }
        } finally {
          lg.log((await f0(lg, (await f2(lg, p1, p1)))));
        }
      }
    }
    return 5;
  }
  async m1(lg, p0, p1) {
    const cl = [];
    lg.log(p1);
    if (((await 7) !== 7)) {
      let v32 = p0;
      lg.log((((2 * v32) && (await Promise.resolve(p1))) ?? 9));
    }
    this.v += ((this.v || (p0 * p0)) - 8);
    B33: {
      cl.push(() => (!(6 >= this.v) ? H.sum([p1, p0]) : (6 * 0)));
      if (((await 3) > 2)) {
        break B33;
      }
    }
    let { k0: d34 = 2 } = { k0: (await Promise.resolve((2 && p1))) };
    return p1;
  }
}
class C1 {
  constructor(v) { this.v = v; }
  async m0(lg, p0, p1) {
    const cl = [];
    for (let i35 = 0; i35 < 3; i35++) {
      (await f0(lg, (await new C0(p0).m1(lg, i35, p0))));
    }
    lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f2(lg.sub(), p1, H.sum([p0, 9])))), 0))));
    try {
      const g36 = async (x37) => {
        p1 ||= (!(((2 - x37) + 5) >= 2) ? ((await p0) && (await new C0(7).m1(lg, p0, p0))) : (0 - (p0 && 3)));
        ((await new Promise((r) => setTimeout(r, 1))), (x37 * ((p1 > 6) ? 0 : 2)));
        const v38 = (await p1);
        return ((await H.thenable(5)) + p0);
      };
      lg.log(`${p0}-${this.v}`);
      lg.log(arguments.length);
    } finally {
      try {
        lg.log(((!((await Promise.reject(new Error('R' + 0))) >= (await f2(lg, p0, 1))) ? (p0 + p0) : (!(5 >= 0) ? p0 : p1)) ?? ((await p0) ?? (p1 ?? p1))));
        if (((!((p0 * 0) >= (await H.thenable(p0))) ? this.v : (p0 + 0)) === 1)) {
          this.v += p0;
          lg.log(((await new C0(8).m1(lg, p0, 1)) - (await new C0(1).m1(lg, p1, p0))));
        } else {
          if ((p1 !== 5)) {
            throw new Error('T' + this.v);
          }
          lg.log(H.sum([(await Promise.resolve(p1)), 7]));
        }
        try {
          const v39 = p0;
        } finally {
          (await Promise.resolve(8));
        }
        this.v += H.sum([p0, H.sum([(await new C0(p1).m1(lg, p0, 6)), 9])]);
      } catch (e40) {
        lg.log(H.err(e40));
        try {
          p0 = H.sum([(p1 + H.sum([p0, p0])), p1]);
          let v41 = ((((p0 ?? p0) === (!(2 >= p0) ? 7 : p1)) ? (p0 + p0) : (await Promise.resolve(p0))) - this.v);
        } catch (e42) {
          lg.log(H.err(e42));
          let v43 = this.v;
          p1 ||= p0;
        }
        lg.log((p0 - ((await new C0(p0).m0(lg, 0, p1)) - (await H.thenable(p0)))));
      } finally {
        lg.log((await f0(lg, (3 * p0))));
      }
    }
    lg.log(`${((await f2(lg, p1, p1)) && (await Promise.resolve(p1)))}-${((p1 ?? 0) * p0)}`);
    lg.log(cl.map((f) => f()));
    return (p0 * p0);
  }
}
export async function main(lg) {
  L44: for (const i45 of [(7 && 9), (await H.thenable(1))]) {
    const v46 = (await f1(lg, H.sum([i45, 9])));
  }
  if ((((8 ?? 8), (6 + 2)) === 7)) {
    lg.log(4);
    try {
      try {
        lg.log(((await f2(lg, 5, 0)) || (await 3)));
        (await f2(lg, (await H.thenable(4)), 8));
        if (!(7 >= 3)) {
          return 3;
        }
      } finally {
        lg.log((0 + ((7 - 1), (4 ?? 2))));
        lg.log((await H.race([f2(lg.sub(), 9, 6), H.never()])));
      }
      (await (6 - (5 || 3)));
      lg.log((await new Promise((res) => setTimeout(() => res(lg.detach(f2(lg.sub(), (3 + 3), 4))), 0))));
    } catch (e47) {
      lg.log(H.err(e47));
      switch ((!(3 >= (await Promise.resolve(5))) ? ((9 === 8) ? 8 : 8) : (4, 0))) {
        case 2: {
          break;
        }
        case 3: {
          lg.log(H.sum([(await new C0(1).m0(lg, 0, 0)), H.sum([8, (1 ?? 6)])]));
          lg.log(((await Promise.resolve(3)), H.sum([7, 4])));
          break;
        }
        default: {
          let v48 = (2 && 4);
          lg.log((((await H.sleep(0)), 5) - H.sum([(await f2(lg, 1, v48)), (await Promise.resolve(v48))])));
        }
      }
      if (((((2 > 4) ? 0 : 5) + 2) === 4)) {
        let v49 = (9 && 9);
        if ((((await 2) || (await Promise.resolve(v49))) === 2)) {
          return 3;
        }
        lg.log(((v49++) * ((v49 * v49) || (v49 + 5))));
      } else {
        if (!(((await Promise.resolve(6)) + (0, 7)) >= 2)) {
          return (!(H.sum(await H.join([lg.detach((async () => { try { return await f2(lg.sub(), 0, 2); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f1(lg.sub(), 1); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f1(lg.sub(), 3); } catch (e) { return H.err(e); } })())])) >= (5, H.sum([2, 0]))) ? (((2 > 1) ? 6 : 7) * 1) : (await new C1(4).m0(lg, 3, 1)));
        }
        lg.log(3);
      }
    } finally {
      const h50 = H.spawn(f2(lg.sub(), ((await new Promise((r) => setTimeout(r, 0))), 9), (1 * 1)));
      lg.log((((6 + 6), 2) + (H.sum([5, 7]), ((7 > 7) ? 3 : 5))));
      lg.log((await h50));
      lg.detach(f2(lg.sub(), (1 * 7), H.sum([7, 6])));
    }
    lg.log(((await 2) + (((6 * 2) === H.sum([2, 4])) ? 9 : 5)));
  } else {
    const h51 = H.spawn(f1(lg.sub(), 3));
    lg.log(9);
    lg.log((await h51));
    lg.log(arguments.length);
  }
  const h52 = H.spawn(f2(lg.sub(), (5 + 5), H.sum([3, 3])));
  lg.log(3);
  lg.log((await h52));
  const g53 = async () => {
    lg.log(((8 === 5) ? (9 * H.sum([8, 5])) : (((2 - 5) === (5 * 5)) ? (7 * 5) : (3 - 0))));
    try {
      lg.log(4);
      if ((H.sum([(5 - 9), (6 + 5)]) > 7)) {
        throw ((0 + 5) + H.sum(await Promise.all([lg.detach((async () => { try { return await f2(lg.sub(), 2, 5); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f2(lg.sub(), 5, 4); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f2(lg.sub(), 5, 3); } catch (e) { return H.err(e); } })())])));
      }
      lg.log((H.sum([2, (await f0(lg, 3))]) * 3));
    } finally {
      lg.log((4 * 7));
      lg.log((H.sum(await H.join([lg.detach((async () => { try { return await f1(lg.sub(), 6); } catch (e) { return H.err(e); } })()), lg.detach((async () => { try { return await f2(lg.sub(), 3, 2); } catch (e) { return H.err(e); } })())])) - (await new C1(3).m0(lg, 6, 3))));
    }
    lg.log(`${((await H.sleep(1)), 9)}-${((await new Promise((r) => setTimeout(r, 1))), 0)}`);
    return ((3 || (4 ?? 9)), (await 3));
  };
  lg.log((await lg.detach(f2(lg.sub(), (await 9), (await Promise.resolve(7)))).then((v) => H.sum([v, 1]))));
  lg.log(7);
  L54: for (const i55 of [H.sum([(await Promise.resolve(0)), 1])]) {
    const g56 = async () => {
      lg.log(((await new Promise((r) => setTimeout(r, 0))), H.sum([1, i55])));
      if ((9 > 0)) {
        return ((await new C1(5).m0(lg, 5, i55)) - 8);
      }
      (await (await g53()));
      return i55;
    };
    lg.log(((await i55), ((await Promise.resolve(i55)) && i55)));
    lg.log(arguments.length);
  }
  return (await H.thenable((6, 2)));
}
export const EXPECTED = {"ok":true,"value":2,"log":{"ev":["18-18",36,8,"8-0","Error: R2",0,"11-8",9,9,9,-5,9,9,9,2,[],18,"18-0","Error: R2",0,"21-18",19,19,19,9,19,19,19,-7,"10-10",20,8,"8-0","Error: R2",0,"11-8",9,9,9,-5,9,9,9,2,[],10,"10-0","Error: R2",0,"13-10",11,11,11,-7,11,11,11,0,9,3,1,3,0,1,7,1,1],"subs":[{"ev":["3-3",6,8,"8-0","Error: R2",0,"11-8",9,9,9,-5,9,9,9,2,[],3,"3-0","Error: R2",0,"6-3",4,4,4,0,4,4,4,7]},{"ev":[[15]]},{"ev":[[15]]}]}};
