// The few TypeScript internals the front end relies on, typed and guarded in one place.
// Each has a public fallback, so a TypeScript release that renames one degrades a feature
// (fine-grained source maps, syntax-error reporting) instead of breaking the compiler.
import type ts from 'typescript';

/** The printer's output buffer (`ts.createTextWriter`); we only need its text and position. */
export interface TextWriter {
  getText(): string;
  getTextPos(): number;
}

interface InternalPrinter extends ts.Printer {
  writeNode?(hint: ts.EmitHint, node: ts.Node, sourceFile: ts.SourceFile | undefined, writer: TextWriter): void;
}

/**
 * Print `node` into a fresh writer, calling `onNode` before each node is emitted with the
 * writer's current offset. Returns undefined when the internals are missing.
 */
export function printTracked(
  tsi: typeof ts,
  hint: ts.EmitHint,
  node: ts.Node,
  sf: ts.SourceFile,
  onNode: (node: ts.Node, genOffset: number) => void,
): string | undefined {
  const create = (tsi as unknown as { createTextWriter?: (nl: string) => TextWriter }).createTextWriter;
  if (typeof create !== 'function') return undefined;
  const writer = create('\n');
  const printer = tsi.createPrinter(
    { newLine: tsi.NewLineKind.LineFeed, removeComments: false },
    {
      onEmitNode(h, n, emit) {
        onNode(n, writer.getTextPos());
        emit(h, n);
      },
    },
  ) as InternalPrinter;
  if (typeof printer.writeNode !== 'function') return undefined;
  printer.writeNode(hint, node, sf, writer);
  return writer.getText();
}

/** Syntax errors found while parsing (`program.getSyntacticDiagnostics` without a program). */
export function parseDiagnostics(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** The node a transformer derived `node` from, one step up (`ts.getOriginalNode` jumps to the root). */
export function originalOf(node: ts.Node): ts.Node | undefined {
  return (node as unknown as { original?: ts.Node }).original;
}
