// Defaults and the cheap text checks shared by every entry point (API, ts-patch).
import path from 'node:path';

export const DEFAULT_RUNTIME_MODULE = '@tspoll/runtime/abi';

/** Nothing to lower without the keyword; the check costs one regex scan. */
export const MAY_HAVE_ASYNC = /\basync\b/;

/** `// @tspoll-native-file` on a line of its own opts the whole file out. */
export const FILE_OPT_OUT = /^[ \t]*\/\/[ \t]*@tspoll-native-file\b/m;

/**
 * The name a file has in generated code (`defineMachine(..., { loc })`) and in machine
 * descriptions: relative to the project root, with `/` separators, so output built on one
 * machine names no directory of it. Relative names are taken as given.
 */
export function projectPath(fileName: string, root: string): string {
  const rel = path.isAbsolute(fileName) ? path.relative(root, fileName) : fileName;
  return rel.split(path.sep).join('/');
}
