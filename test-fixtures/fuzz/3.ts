// Fuzzer regression (scripts/fuzz). seed 3, crash: program crashed the process (code 1, signal null) in the lowered run
// EXPECTED is the native run of this program; the lowered run must match it.
import { H } from 'fuzz-harness';
async function f0(lg) {
  const cl = [];
  lg.log((await (8 * 9)));
  lg.log((((5 + 2) + (7, 6)) - ((9 + 2) * (2 * 8))));
  if ((((4 ?? 6) + 7) !== 5)) {
    return ((await Promise.resolve(2)) * 1);
  }
  if (!(H.sum([(await H.thenable(2)), 8]) >= 5)) {
    (await Promise.resolve((await 6)));
    lg.log(8);
  }
  lg.log(arguments.length);
  const v0 = ((await 9) && (await 5));
  lg.log(cl.map((f) => f()));
  return 4;
}
async function f1(lg, p0, p1) {
  const cl = [];
  let v1 = ((((await 2) + (5, p1)) > H.sum([(p0 ?? p0), (p0 * p0)])) ? (await p1) : (H.sum([p0, 0]) + p1));
  L2: for await (const i3 of H.aiter(lg, [v1])) {
    switch (p0) {
      case 3: {
        switch ((p0++)) {
          case 0 + p1: {
            lg.log(v1);
          }
          case 3: {
            p0 = (((9 && (await f0(lg))) === ((v1++) ?? (v1 + 1))) ? ((await f0(lg)) + (8 - p1)) : (!(v1 >= (p1 ?? i3)) ? H.sum([p0, i3]) : ((i3 === 3) ? v1 : p1)));
          }
          default: {
            lg.log(p1);
            let v4 = (p1 * (await f0(lg)));
          }
        }
      }
      case 0 + (i3, 6): {
        L5: for (let i6 = 0; i6 < 3; i6++) {
          let v1 = i3;
        }
      }
      case 4: {
        break;
      }
    }
    (await H.thenable(((await H.thenable(3)) && (!(i3 >= 9) ? p0 : p1))));
    lg.log(`${i3}-${(p1++)}`);
  }
  cl.push(() => ((p0 && p1) && (p0, 9)));
  lg.log(cl.map((f) => f()));
  return (await f0(lg));
}
async function f2(lg) {
  const cl = [];
  lg.log((await Promise.resolve((await 8))));
  lg.log((await (await Promise.resolve(4))));
  for await (const i7 of H.aiter(lg, [5, (await f1(lg, 2, 0)), 5])) {
    if (!(((await H.sleep(2)), i7) >= 7)) {
      let [d8, d9 = ((H.sum([i7, i7]), (0 + i7)) && H.sum([(i7 - i7), 1])), d10] = [(await f1(lg, i7, ((await H.sleep(1)), 6))), (((await f1(lg, i7, 2)) === i7) ? (((i7 === i7) ? 3 : i7) && 0) : (3 + (i7, i7)))];
      if ((d9 === 3)) {
        return (await Promise.resolve((await f0(lg))));
      }
      d9 ??= (d8++);
    } else {
      lg.log(((await Promise.resolve(5)) * ((await H.sleep(0)), i7)));
    }
    try {
      if (((!(i7 >= i7) ? i7 : (await f0(lg))) > 6)) {
        lg.log(((await f0(lg)) + i7));
        var v11 = ((((3, 4) ?? (await f0(lg))) > ((!(i7 >= 9) ? 0 : i7) - (await i7))) ? i7 : (9, (i7 || 3)));
      }
      switch (i7) {
        case 1: {
          const v12 = (i7 ?? ((7 - i7), H.sum([7, i7])));
        }
        default: {
          let v13 = i7;
          var v14 = (v13++);
        }
      }
    } catch (e15) {
      lg.log(H.err(e15));
    } finally {
      lg.log(((6 * (3 * i7)) * i7));
    }
  }
  lg.log(cl.map((f) => f()));
  return (await Promise.resolve((await Promise.resolve(8))));
}
async function f3(lg, p0, p1) {
  if ((((((p0 > p0) ? 8 : 6) === p0) ? (await f0(lg)) : (p1 + p1)) > 5)) {
    for (let i16 = 0; i16 < 2; i16++) {
      lg.log(H.sum([((p1++) + p1), (await f0(lg))]));
      lg.log((((0 - i16) + H.sum([3, i16])) - (!(((7 > 0) ? 0 : p1) >= (p0 + 0)) ? (await Promise.resolve(i16)) : (p0++))));
      try {
        if (((H.sum([p0, p1]) - (p1++)) === 3)) {
          break;
        }
        if (!(i16 >= 1)) {
          continue;
        }
      } finally {
        p0 ??= (await f1(lg, i16, (await Promise.resolve(5))));
        lg.log(1);
      }
    }
    p1 += ((H.sum([(await Promise.resolve(p0)), H.sum([p0, p0])]) > (p1 || (await Promise.resolve(p1)))) ? (p1, p1) : (await Promise.resolve(2)));
  } else {
    for (let i17 = 0; i17 < H.cap(((await H.sleep(0)), i17), 2); i17++) {
      switch ((await Promise.resolve(4))) {
        case 3: {
          break;
        }
        case 0: {
          const v18 = (await f1(lg, (i17 + i17), i17));
          break;
        }
      }
    }
    lg.log((5 + ((p1 && p0), 5)));
  }
  if ((p0 > 7)) {
    lg.log((await H.thenable(H.sum([p0, p1]))));
    for (let i19 = 0; i19 < 1; i19++) {
      (await Promise.resolve(2));
      {
        let w20 = 0;
        do {
            if (((p1++) === 5)) {
            continue;
          }
          ((await new Promise((r) => setTimeout(r, 1))), (9 + (p0 - 1)));
          let v21 = p1;
          } while (++w20 < 1);
      }
    }
  }
  if (!(p0 >= 2)) {
    const v22 = ((((await H.sleep(2)), 9) || (!(p0 >= 4) ? p1 : p0)) - (await f1(lg, 3, p0)));
    lg.log(`${(5 + (9 - p1))}-${(((await H.sleep(2)), p1) * (v22 - p0))}`);
  }
  lg.log(((await H.sleep(0)), (p0 * p1)));
  let v23 = (await p0);
  return (await (p1 && 2));
}
export async function main(lg) {
  lg.log((!((await 9) >= ((await Promise.resolve(5)) + ((3 === 7) ? 1 : 8))) ? ((5 - 4) + (4 ?? 7)) : 8));
  lg.log(arguments.length);
  return (2 - H.sum([(2, 5), (await Promise.resolve(2))]));
}
export const EXPECTED = {"ok":true,"value":-5,"log":{"ev":[5,1]}};
