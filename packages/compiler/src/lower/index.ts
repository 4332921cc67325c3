// Public surface of the lowering engine (used by ../index.ts and ../transform.ts).
export { createChunkedLowering, createLowerTransformer, type LowerOptions, type TopOfFile } from './transformer.js';
export type { LowerDiagnostic } from './diagnostics.js';
export { LowerCodes } from './diagnostics.js';
export type { MachineDescription } from './describe.js';
