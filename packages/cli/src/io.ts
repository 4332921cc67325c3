import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';

/** Reads an input file named on the command line, or fails with a one-line usage error. */
export function readInput(file: string): { path: string; code: string } {
  const abs = path.resolve(file);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new UsageError(`cannot find file '${file}'`);
  }
  if (!st.isFile()) throw new UsageError(`'${file}' is not a file`);
  try {
    return { path: abs, code: readFileSync(abs, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Path shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** `file:line:col - error TEXT`, tsc's one-line style (col 1-based). */
export function formatLocated(file: string | undefined, line: number | undefined, col: number | undefined, severity: string, text: string): string {
  const where = file ? `${displayPath(file)}${line !== undefined ? `:${line}:${col ?? 1}` : ''} - ` : '';
  return `${where}${severity} ${text}`;
}
