import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoweringReport } from '@tspoll/compiler';
import { CliError, EXIT_USAGE } from './errors.js';

/** Reads an input file named on the command line, or fails with a one-line usage error. */
export function readInput(file: string): { path: string; code: string } {
  const abs = path.resolve(file);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new CliError(`cannot find file '${file}'`, EXIT_USAGE);
  }
  if (!st.isFile()) throw new CliError(`'${file}' is not a file`, EXIT_USAGE);
  try {
    return { path: abs, code: readFileSync(abs, 'utf8') };
  } catch (e) {
    throw new CliError(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`, EXIT_USAGE);
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
  // Coded messages read `error TSP1001: ...` (as tsc's), others `error: ...`.
  return `${where}${severity}${/^[A-Z]+\d+:/.test(text) ? ' ' : ': '}${text}`;
}

/** `--report`: the compiler's summary of what was lowered, with paths as the CLI shows them. */
export function printReport(report: LoweringReport): void {
  process.stderr.write(report.format(displayPath));
}
