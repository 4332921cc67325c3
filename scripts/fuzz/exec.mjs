// Child process: import each bundle and run its programs, at most CONCURRENCY at a time.
// Prints `@@RESULT@@{ mode: { id: Outcome } }` so stray program output cannot corrupt it.
import { pathToFileURL } from 'node:url';

const { files, timeoutMs, ids } = JSON.parse(process.argv[2]);
const CONCURRENCY = 16;
const unhandled = [];
process.on('unhandledRejection', (e) => unhandled.push(String(e?.message ?? e)));
process.on('rejectionHandled', () => {});

const results = {};
for (const [mode, file] of Object.entries(files)) {
  const mod = await import(pathToFileURL(file).href);
  const entries = Object.entries(mod.programs).filter(([id]) => ids === null || ids.includes(id));
  const out = {};
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [id, main] = entries[next++];
      out[id] = await mod.runProgram(main, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  results[mode] = out;
}
results.unhandled = unhandled.length;
// Tasks of a broken lowering may still hold timers: leave once the results are flushed
// (exiting right after a large write to a pipe would cut it short).
process.stdout.write('\n@@RESULT@@' + JSON.stringify(results) + '\n', () => process.exit(0));
