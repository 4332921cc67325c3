// esbuild reports errors and warnings (an unresolved import, `x === -0`, ...) at positions in
// the code it was given, which for a lowered file is the compiler's output: lines that do not
// exist in the user's file, or one line off because of the added runtime import. This maps
// every such location back through the lowering's source map, onto the user's own line, whose
// text becomes the message's code frame (`lineText`); esbuild's notes and suggestion stay.
import path from 'node:path';
import { decode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import type { BuildResult, Location, Message, PluginBuild } from 'esbuild';

interface Lowered {
  /** The user's text, split into lines. */
  lines: string[];
  /** The lowering's map, decoded lazily (most builds report nothing). */
  mappings: string;
  decoded?: SourceMapSegment[][];
}

/** The lowered files of one plugin instance, by absolute path. */
export class LoweredFiles {
  private readonly files = new Map<string, Lowered>();

  add(file: string, original: string, map: { mappings: string }): void {
    this.files.set(path.resolve(file), { lines: original.split(/\r\n|\r|\n/), mappings: map.mappings });
  }

  get(file: string): Lowered | undefined {
    return this.files.get(path.resolve(file));
  }
}

/**
 * The segment a generated position falls in: the last one at or before it on its line, or,
 * when the line has none there (code the lowering added), the last one of an earlier line.
 */
function segmentAt(f: Lowered, line0: number, col16: number): { seg: SourceMapSegment; exact: boolean } | undefined {
  const lines = (f.decoded ??= decode(f.mappings));
  for (let l = Math.min(line0, lines.length - 1); l >= 0; l--) {
    let best: SourceMapSegment | undefined;
    for (const s of lines[l]!) if (s.length >= 4 && (l < line0 || s[0] <= col16)) best = s;
    if (best) return { seg: best, exact: l === line0 };
  }
  return undefined;
}

/**
 * The column in the user's line: the segment's start moved by the offset into it when the
 * flagged text is there (unchanged text), else where the flagged text occurs from the segment's
 * start on (a printed node, e.g. `this.total === -0` from `total === -0`), else the segment's start.
 */
function originalColumn(lineText: string, seg: SourceMapSegment, col16: number, flagged: string): number {
  const start = Math.min(seg[3]!, lineText.length);
  if (!flagged) return start;
  const moved = start + (col16 - seg[0]);
  if (lineText.startsWith(flagged, moved)) return moved;
  const found = lineText.indexOf(flagged, start);
  return found >= 0 ? found : start;
}

// esbuild's columns count UTF-8 bytes; source maps count UTF-16 code units.
const utf16Col = (text: string, bytes: number): number => Buffer.from(text).subarray(0, bytes).toString().length;
const byteCol = (text: string, units: number): number => Buffer.byteLength(text.slice(0, units));

/** Rewrites `loc` (a position in the lowered text of `file`) in place; returns a note to add, if any. */
function remapLocation(loc: Location, f: Lowered, text: string): string | undefined {
  const col16 = utf16Col(loc.lineText, loc.column);
  const flagged = loc.lineText.slice(col16, col16 + utf16Col(loc.lineText.slice(col16), loc.length));
  const to = segmentAt(f, loc.line - 1, col16);
  const line0 = to ? to.seg[2]! : 0;
  const lineText = f.lines[line0] ?? '';
  const at = to?.exact ? originalColumn(lineText, to.seg, col16, flagged) : 0;
  loc.line = line0 + 1;
  loc.column = byteCol(lineText, at);
  loc.lineText = lineText;
  // Keep the underline only where the user's line has the same text as the flagged one.
  loc.length = flagged && lineText.startsWith(flagged, at) ? Buffer.byteLength(flagged) : 0;
  if (to?.exact) return undefined;
  if (/^Could not resolve "@tspoll\/runtime/.test(text)) {
    return 'tspoll added this import for the lowered async functions: install @tspoll/runtime in the project (npm install @tspoll/runtime).';
  }
  return 'This is in code tspoll generated for this file; the position shown is the nearest line of your code before it.';
}

function remapMessage(m: Message, files: LoweredFiles, cwd: string): void {
  // The plugin's own diagnostics are placed on the user's text already.
  if (m.pluginName === 'tspoll') return;
  const locs: Array<{ loc: Location; text: string; notes: Message['notes'] | undefined }> = [];
  if (m.location) locs.push({ loc: m.location, text: m.text, notes: m.notes });
  for (const n of m.notes) if (n.location) locs.push({ loc: n.location, text: n.text, notes: undefined });
  for (const { loc, text, notes } of locs) {
    if (loc.namespace && loc.namespace !== 'file') continue;
    const f = files.get(path.resolve(cwd, loc.file));
    if (!f) continue;
    const note = remapLocation(loc, f, text);
    if (note && notes) notes.push({ text: note, location: null });
  }
}

/** Map every message of `result` that points into a lowered file. */
export function remapResult(result: Pick<BuildResult, 'errors' | 'warnings'>, files: LoweredFiles, cwd: string): void {
  for (const m of result.errors) remapMessage(m, files, cwd);
  for (const m of result.warnings) remapMessage(m, files, cwd);
}

const PRINTS = new Set(['warning', 'error', undefined]);

/**
 * Installs the remapping on an esbuild build. esbuild prints its log before `onEnd` callbacks
 * run, so at the levels that print only messages (the default `warning`, and `error`) the
 * plugin takes the printing over and prints the mapped messages in esbuild's own format.
 * At `info` and above esbuild's log (which has more than messages) is left as it is; the
 * messages in the result and in a thrown BuildFailure are mapped at every level.
 */
export function setupRemap(build: PluginBuild, files: LoweredFiles): void {
  const level = build.initialOptions.logLevel;
  const print = PRINTS.has(level);
  if (print) build.initialOptions.logLevel = 'silent';
  build.onEnd(async (result) => {
    remapResult(result, files, build.initialOptions.absWorkingDir ?? process.cwd());
    if (!print) return;
    const color = build.initialOptions.color ?? process.stderr.isTTY === true;
    const shown: Array<[Message[], 'error' | 'warning']> = [[result.errors, 'error']];
    if (level !== 'error') shown.unshift([result.warnings, 'warning']);
    for (const [messages, kind] of shown) {
      if (messages.length === 0) continue;
      const text = await build.esbuild.formatMessages(messages, { kind, color });
      process.stderr.write(text.join(''));
    }
  });
}
