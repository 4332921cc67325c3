// Task descriptors in the shared arena. Two formats, both behind a 16-byte header
// [function id, format, n, 0] (the function, a module URL and an export name, is interned
// once per runtime and announced to the workers on their control ports):
//
//  * FAST: arguments that are all numbers, booleans, null, undefined or strings (the common
//    case for CPU-bound work) as 16-byte cells [tag, length, f64], string characters after
//    the cells. No serialiser and no intermediate buffer on either side.
//  * CLONE: anything else, through v8.serialize (structured clone); `n` is its byte length.
//
// The reader is worker.mjs `decode`.
import v8 from 'node:v8';

export const FAST = 0;
export const CLONE = 1;

export const T_NUMBER = 0;
export const T_STRING = 1;
export const T_TRUE = 2;
export const T_FALSE = 3;
export const T_NULL = 4;
export const T_UNDEFINED = 5;

const HEADER = 16;
const CELL = 16;

/** A descriptor ready to be written: `size` bytes, fast, or as the v8 clone `clone`. */
export interface Encoded {
  fn: number;
  args: readonly unknown[];
  clone: Uint8Array | null;
  size: number;
}

/** Bytes of the fast format for `args`, or -1 when they need the clone format. */
export function fastSize(args: readonly unknown[]): number {
  let size = HEADER + CELL * args.length;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const t = typeof a;
    if (t === 'string') size += 2 * (a as string).length;
    else if (!(t === 'number' || t === 'boolean' || t === 'undefined' || a === null)) return -1;
  }
  return size;
}

/** The clone format's payload (throws what v8.serialize throws for uncloneable args). */
export function cloneArgs(args: readonly unknown[]): Uint8Array {
  return v8.serialize(args);
}

export const HEADER_BYTES = HEADER;

/** Write `e` at byte `at` (8-aligned) of the views over the shared buffer. */
export function write(e: Encoded, at: number, i32: Int32Array, f64: Float64Array, u8: Uint8Array, u16: Uint16Array): void {
  const h = at >> 2;
  i32[h] = e.fn;
  if (e.clone !== null) {
    i32[h + 1] = CLONE;
    i32[h + 2] = e.clone.length;
    u8.set(e.clone, at + HEADER);
    return;
  }
  const args = e.args;
  i32[h + 1] = FAST;
  i32[h + 2] = args.length;
  let chars = (at + HEADER + CELL * args.length) >> 1;
  for (let i = 0; i < args.length; i++) {
    const cell = at + HEADER + CELL * i;
    const a = args[i];
    switch (typeof a) {
      case 'number':
        i32[cell >> 2] = T_NUMBER;
        f64[(cell + 8) >> 3] = a;
        break;
      case 'string':
        i32[cell >> 2] = T_STRING;
        i32[(cell >> 2) + 1] = a.length;
        for (let k = 0; k < a.length; k++) u16[chars + k] = a.charCodeAt(k);
        chars += a.length;
        break;
      case 'boolean':
        i32[cell >> 2] = a ? T_TRUE : T_FALSE;
        break;
      default:
        i32[cell >> 2] = a === null ? T_NULL : T_UNDEFINED;
    }
  }
}
