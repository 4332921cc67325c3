// Defaults and the cheap text checks shared by every entry point (API, ts-patch).

export const DEFAULT_RUNTIME_MODULE = '@tspoll/runtime/abi';

/** Nothing to lower without the keyword; the check costs one regex scan. */
export const MAY_HAVE_ASYNC = /\basync\b/;

/** `// @tspoll-native-file` on a line of its own opts the whole file out. */
export const FILE_OPT_OUT = /^[ \t]*\/\/[ \t]*@tspoll-native-file\b/m;
