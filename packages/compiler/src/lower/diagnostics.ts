// The lowering's diagnostic codes (DIAGNOSTICS.md lists them). The API returns a diagnosed
// function native, but an error fails a build, so messages say what to do, not what was kept.
// Codes never change meaning once released.
import type ts from 'typescript';

export interface LowerDiagnostic {
  code: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  node?: ts.Node;
  fix?: string;
  /** The function the error keeps from being lowered (for the lowering report). */
  fn?: ts.Node;
}

export const LowerCodes = {
  /** An await in a position the lowering does not handle (see message). */
  UnsupportedAwaitPosition: 'TSP1001',
  /** A closure captures a per-iteration binding of a loop that is split at an await. */
  PerIterationCapture: 'TSP1002',
  /** `using` / `await using` declarations. */
  UsingDeclaration: 'TSP1003',
  /** A syntax form the lowering does not handle (with, sloppy-mode function in statement position...). */
  UnsupportedSyntax: 'TSP1004',
  /** A class method whose class has no name the poll function could be reached through. */
  AnonymousClassMethod: 'TSP1005',
  /** `super` used in a way the accessor capture does not cover. */
  UnsupportedSuper: 'TSP1006',
  /** Async generator functions stay native. */
  AsyncGenerator: 'TSP1007',
  /** Internal error while lowering one function (the API returns it native). */
  Internal: 'TSP9000',
} as const;

/** Thrown inside the lowering of one function; the transformer reports it and keeps the function native. */
export class Unsupported extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly node: ts.Node | undefined,
  ) {
    super(message);
  }
}

/** The way out every message offers: on its own after a `;`, or after a fix as `…, ${KEEP_NATIVE}`. */
export const MARK_NATIVE = 'mark the function with // @tspoll-native to keep it native';
export const KEEP_NATIVE = `or ${MARK_NATIVE}`;
