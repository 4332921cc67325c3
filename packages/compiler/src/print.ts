// Prints nodes the lowering produced, remembering for each printed node where its source
// came from, so the replacement spans get fine-grained source maps (a statement moved into a
// `case` still maps to the user's line, and so does a stack frame thrown from it).
import type ts from 'typescript';
import { printTracked } from './ts-internal.js';

/** `gen` is an offset into the printed text; `src` an offset into the original source. */
export interface Segment {
  gen: number;
  src: number;
}

export interface Printed {
  text: string;
  segments: Segment[];
}

export class NodePrinter {
  private readonly scanner: ts.Scanner;
  private readonly fallback: ts.Printer;

  /**
   * With `track` false nothing is recorded (`segments` is empty): the per-node bookkeeping
   * costs about a third of the printing, and only a source map or a blame needs it.
   */
  constructor(
    readonly tsi: typeof ts,
    private readonly sf: ts.SourceFile,
    private readonly track = true,
  ) {
    // One scanner, reused to skip trivia before each mapped node.
    this.scanner = tsi.createScanner(tsi.ScriptTarget.Latest, true, tsi.LanguageVariant.Standard, sf.text);
    this.fallback = tsi.createPrinter({ newLine: tsi.NewLineKind.LineFeed, removeComments: false });
  }

  print(node: ts.Node): Printed {
    const tsi = this.tsi;
    const hint = tsi.isSourceFile(node) ? tsi.EmitHint.SourceFile : tsi.EmitHint.Unspecified;
    if (!this.track) return { text: this.fallback.printNode(hint, node, this.sf), segments: [] };
    const segments: Segment[] = [];
    const text = printTracked(tsi, hint, node, this.sf, (n, gen) => {
      const src = this.sourceOffset(n);
      if (src !== undefined) segments.push({ gen, src });
    });
    if (text === undefined) return { text: this.fallback.printNode(hint, node, this.sf), segments: [] };
    return { text, segments: settle(text, segments) };
  }

  /** Where `node`'s code starts in the user's source, if it came from there. */
  private sourceOffset(node: ts.Node): number | undefined {
    const tsi = this.tsi;
    let range: ts.SourceMapRange | ts.Node = tsi.getSourceMapRange(node);
    if (range.pos < 0) range = tsi.getOriginalNode(node);
    // A node parsed from some other text (a template the lowering parsed) is not ours.
    if (range.pos < 0 || range.end > this.sf.text.length || range.pos > range.end) return undefined;
    if ('kind' in range && !(range.flags & tsi.NodeFlags.Synthesized) && sourceFileOf(range) !== this.sf) {
      return undefined;
    }
    this.scanner.resetTokenState(range.pos);
    this.scanner.scan();
    const start = this.scanner.getTokenStart();
    return start <= range.end ? start : range.pos;
  }
}

function sourceFileOf(node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node;
  while (n && n.parent) n = n.parent;
  // Nodes of a file parsed without parent pointers: trust them only if they are the file.
  return n;
}

/**
 * The printer notifies before it writes a line's indentation; move such segments onto the
 * first real character, and keep one segment per generated offset (the outermost node wins,
 * which is the statement a debugger stops on).
 */
function settle(text: string, segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  let last = -1;
  for (const s of segments) {
    let gen = s.gen;
    while (gen < text.length && (text[gen] === ' ' || text[gen] === '\n')) gen++;
    if (gen === last) continue;
    last = gen;
    out.push({ gen, src: s.src });
  }
  return out.sort((a, b) => a.gen - b.gen);
}
