// Runs transformers over a parsed file and splices the result back into the original text.
// Independent of what the transformers do, so it is tested with small transformers of its own.
import type ts from 'typescript';
import { applyEdits, type Emitted } from './emit.js';
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
}

/** Transform `sf` and return the new text (and map), or null if the tree did not change. */
export function rewriteFile(
  tsi: typeof ts,
  sf: ts.SourceFile,
  fileName: string,
  transformers: ts.TransformerFactory<ts.SourceFile>[],
  options: RewriteOptions,
): Emitted | null {
  const result = tsi.transform(sf, transformers, options.compilerOptions);
  try {
    let out = result.transformed[0]!;
    if (options.runtimeModule !== undefined) out = mergeRuntimeImports(tsi, sf, out, options.runtimeModule);
    if (out === sf) return null;
    const edits = new Splicer(tsi, sf).diffFile(out) ?? [
      // The splice found no structure to keep: the whole file is reprinted.
      { kind: 'overwrite' as const, start: 0, end: sf.text.length, nodes: [out], indent: '' },
    ];
    if (edits.length === 0) return null;
    return applyEdits(sf, fileName, edits, new NodePrinter(tsi, sf, options.track ?? options.sourceMap), options.sourceMap);
  } finally {
    result.dispose();
  }
}
