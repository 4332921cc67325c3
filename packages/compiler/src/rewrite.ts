// Runs transformers over a parsed file and splices the result back into the original text.
// Independent of what the transformers do, so it is tested with small transformers of its own.
// A large file is transformed and printed a chunk of top-level statements at a time: the
// transformed tree of one chunk is printed to text, and can be collected, before the next
// chunk is transformed (a 20k-line file's whole lowered tree is several hundred MB).
import type ts from 'typescript';
import { applyRendered, type Emitted, type Rendered, renderEdit } from './emit.js';
import type { TopOfFile } from './lower/index.js';
import { NodePrinter } from './print.js';
import { mergeRuntimeImports } from './runtime-import.js';
import { Splicer } from './splice.js';

export interface RewriteOptions {
  sourceMap: boolean;
  /**
   * Record where each printed node came from, for `Emitted.origin` (default: `sourceMap`).
   * Without it, `origin` inside an edit is the start of what the edit replaced.
   */
  track?: boolean;
  /** When set, runtime imports the transformers add are merged into one. */
  runtimeModule?: string;
  compilerOptions?: ts.CompilerOptions;
  /**
   * The most characters of top-level statements one transform gets (a longer statement is a
   * chunk of its own); default: the whole file at once. The transformers then see a
   * SourceFile with some of the file's statements; what they hoist to the top of the file,
   * `top` picks out of each chunk's result.
   */
  chunkSize?: number;
  top?: TopOfFile;
  /** Of a file in several chunks, only those whose text this accepts are transformed. */
  mayChange?: (text: string) => boolean;
}

/** Transform `sf` and return the new text (and map), or null if the tree did not change. */
export function rewriteFile(
  tsi: typeof ts,
  sf: ts.SourceFile,
  fileName: string,
  transformers: ts.TransformerFactory<ts.SourceFile>[],
  options: RewriteOptions,
): Emitted | null {
  const printer = new NodePrinter(tsi, sf, options.track ?? options.sourceMap);
  const splicer = new Splicer(tsi, sf);
  const chunks = chunkStatements(sf, options.chunkSize ?? Infinity);
  const top = options.top;
  // What goes to the top of the file comes before a chunk's own edits at the same place.
  const hoisted: Rendered[] = [];
  const rendered: Rendered[] = [];
  for (const [from, to] of chunks) {
    if (chunks.length > 1 && options.mayChange && !options.mayChange(sf.text.slice(sf.statements[from]!.pos, sf.statements[to - 1]!.end))) continue;
    const input = chunks.length === 1 ? sf : tsi.factory.updateSourceFile(sf, sf.statements.slice(from, to));
    const result = tsi.transform(input, transformers, options.compilerOptions);
    // Printed before dispose(), which drops what the transformers noted on the file's nodes.
    try {
      let out = result.transformed[0]!;
      if (options.runtimeModule !== undefined) out = mergeRuntimeImports(tsi, input, out, options.runtimeModule);
      let statements: readonly ts.Statement[] = out.statements;
      if (top) {
        const prologue: ts.Statement[] = [];
        const rest: ts.Statement[] = [];
        for (const s of statements) (top.isHoisted(s) ? prologue : rest).push(s);
        if (prologue.length > 0) {
          hoisted.push(renderEdit(splicer.insertBefore(top.prologueAt, prologue), printer));
          statements = rest;
        }
      }
      if (out !== input) for (const edit of splicer.diffStatements(from, to, statements)) rendered.push(renderEdit(edit, printer));
    } finally {
      result.dispose();
    }
  }
  if (top) {
    const finished = top.finish();
    if (finished === null) return null;
    if (finished.runtimeImport) hoisted.unshift(renderEdit(splicer.insertBefore(top.importAt, [finished.runtimeImport]), printer));
  }
  if (hoisted.length === 0 && rendered.length === 0) return null;
  return applyRendered(sf, fileName, [...hoisted, ...rendered], options.sourceMap, chunks.map(([from]) => (from === 0 ? 0 : sf.statements[from]!.pos)));
}

/** [from, to) ranges of `sf.statements`, each at most `size` characters unless one statement is longer. */
function chunkStatements(sf: ts.SourceFile, size: number): [number, number][] {
  const stmts = sf.statements;
  if (sf.text.length <= size || stmts.length <= 1) return [[0, stmts.length]];
  const chunks: [number, number][] = [];
  let from = 0;
  for (let i = 1; i < stmts.length; i++) {
    if (stmts[i]!.end - stmts[from]!.pos <= size) continue;
    chunks.push([from, i]);
    from = i;
  }
  chunks.push([from, stmts.length]);
  return chunks;
}
