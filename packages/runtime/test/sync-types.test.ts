// Type-check the stream and sync tests (and the sources they exercise), so API typing
// regressions (inference of buffered(), filter() guards, guard types) fail the suite.
import { resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const tests = [
  'stream-combinators.test.ts',
  'stream-interop.test.ts',
  'stream-lowered.fixture.ts',
  'sync-channels.test.ts',
  'sync-introspect.test.ts',
  'sync-notify-barrier.test.ts',
  'sync-semaphore.test.ts',
].map((f) => resolve(root, 'packages/runtime/test', f));
const mine = [...tests, resolve(root, 'packages/runtime/src/stream/'), resolve(root, 'packages/runtime/src/sync/')];

it('stream and sync tests type-check against the API', () => {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.base.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  })!;
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    // The fixture imports the package by name; point it at the sources.
    paths: { '@tspoll/runtime': [resolve(root, 'packages/runtime/src/index.ts')] },
  };
  const program = ts.createProgram(tests, options);
  const errors = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && mine.some((m) => d.file!.fileName.startsWith(m)))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName.slice(root.length + 1)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(errors).toEqual([]);
});
