// The type-level assertions (expectTypeOf) of the combinator tests only bite when the file is
// type-checked: do that here, reporting diagnostics in the files this suite owns.
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const mine = [
  'packages/runtime/test/combinators.test.ts',
  'packages/runtime/test/time.test.ts',
  'packages/runtime/test/cancellation.test.ts',
  'packages/runtime/src/combinators/',
  'packages/runtime/src/time/',
  'packages/runtime/src/sync/cancellation_token.ts',
  'packages/runtime/src/task/join_set.ts',
];

describe('types', () => {
  it('combinator, time and cancellation APIs type-check as the tests expect', () => {
    const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.base.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    })!;
    const options = { ...config.options, noEmit: true, composite: false, declaration: false, declarationMap: false };
    const program = ts.createProgram(mine.filter((f) => f.endsWith('.test.ts')).map((f) => resolve(root, f)), options);
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && mine.some((m) => d.file!.fileName.startsWith(resolve(root, m))))
      .map((d) => `${d.file!.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });
});
