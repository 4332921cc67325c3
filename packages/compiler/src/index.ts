// @tspoll/compiler: the public API used by the bundler plugin, the CLI and the tests.
// Lowering itself lives in ./lower; ./source.ts parses, runs it, and splices its output
// back into the user's text so that only async functions change.
import type { MachineDescription } from './machines.js';
import { lowerSource, type TransformOptions, type TransformResult } from './source.js';

export { Codes, type Diagnostic, diagnosticText, formatDiagnostic, type Severity } from './diagnostics.js';
export {
  type MachineDescription,
  type MachineState,
  type MachineTransition,
  type SourceLoc,
  STATES_SCHEMA_VERSION,
  type StatesDocument,
} from './machines.js';

export { DEFAULT_RUNTIME_MODULE, projectPath } from './options.js';
export { type KeptNative, LoweringReport, type LoweringSummary, type ReportedFile } from './report.js';

export { resolveModuleKind, SCRIPT_RUNTIME_GLOBAL, type TransformOptions, type TransformResult } from './source.js';

/** Lower every async function in `code`; everything else stays byte-identical. */
export function transformSource(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
  return lowerSource(code, fileName, options, true);
}

/** The state machines `transformSource` would build, for `--emit-states` (nothing is printed). */
export function analyzeSource(code: string, fileName: string): MachineDescription[] {
  return lowerSource(code, fileName, { sourceMap: false }, false).machines;
}

