// Print `runtime.dump()` from a running process on a signal, as `kill -USR2 <pid>` would
// ask a JVM for a thread dump. See docs/introspection.md.
import type { Runtime } from '../scheduler/runtime.js';
import type { DumpOptions } from '../task/introspect.js';
import '../task/introspect.js'; // installs runtime.dump()

export interface DumpSignalOptions extends Omit<DumpOptions, 'format'> {
  /** Where the report goes. Default: process.stderr. */
  output?: { write(s: string): unknown };
  /** `'json'` writes one JSON line instead of the text report. */
  format?: 'text' | 'json';
}

/**
 * On `signal`, write the text (or JSON) dump of `runtime` to stderr. Returns a function that
 * removes the handler. The handler runs from the event loop, so a task that never yields
 * delays the dump until it does (and then shows up with a never-yields warning).
 * SIGUSR1 is reserved by Node for the inspector; Windows has no SIGUSR2 (use SIGBREAK).
 */
export function installDumpSignal(runtime: Runtime, signal: NodeJS.Signals = 'SIGUSR2', options: DumpSignalOptions = {}): () => void {
  const { output = process.stderr, format = 'text', ...dumpOptions } = options;
  runtime.instrument = true; // timings from now on, so the dumps show busy and idle time
  const handler = () => {
    const text = format === 'json' ? `${JSON.stringify(runtime.dump(dumpOptions))}\n` : runtime.dump({ ...dumpOptions, format: 'text' });
    output.write(text);
  };
  process.on(signal, handler);
  return () => void process.off(signal, handler);
}
