// Errors the CLI reports as one line, without a stack trace, and their exit codes.

export const EXIT_OK = 0;
/** Diagnostics, build errors, syntax errors, failed tools. */
export const EXIT_ERRORS = 1;
/** Bad command line: unknown command or option, missing or unreadable input file. */
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_ERRORS,
    /** Further lines (e.g. one per diagnostic), printed before `message` if given. */
    readonly lines: readonly string[] = [],
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string, readonly command?: string) {
    super(message, EXIT_USAGE);
  }
}
