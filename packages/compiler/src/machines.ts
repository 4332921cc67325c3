// The state listing of one lowered function: what `--emit-states` prints and what the
// `<fixture>.states.json` files pin down. Produced by the lowering through `onMachine`.

export interface SourceLoc {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
}

export interface MachineState {
  id: number;
  name: string;
  /** Source text of the awaited expression, for states that wait on one. */
  awaits?: string;
  /** Where the awaited expression is (in the machine's file). */
  loc?: { line: number; col: number };
  /** Locals live across this state's await: the frame fields it keeps. */
  live: string[];
}

export interface MachineTransition {
  from: number;
  to: number;
  /** e.g. 'next', 'await', 'branch', 'loop', 'throw', 'finally', 'cancel', 'return'. */
  kind: string;
}

export interface MachineDescription {
  name: string;
  loc: SourceLoc;
  states: MachineState[];
  transitions: MachineTransition[];
}

/** Version of the `.states.json` documents; bump on incompatible changes. */
export const STATES_SCHEMA_VERSION = 1;

export interface StatesDocument {
  schemaVersion: typeof STATES_SCHEMA_VERSION;
  file: string;
  machines: MachineDescription[];
}
