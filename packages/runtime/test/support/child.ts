// Run a built script in a child Node process, collecting its output, and kill it if it has
// not exited within a bound: the "exits by itself" tests fail with code null instead of hanging.
import { spawn } from 'node:child_process';

export interface ChildRun {
  /** Exit code; null when the bound killed it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export function runNode(file: string, options: { nodeArgs?: string[]; boundMs?: number; onLine?: (line: string) => void } = {}): Promise<ChildRun> {
  const { nodeArgs = [], boundMs = 20_000, onLine } = options;
  return new Promise((res) => {
    const child = spawn(process.execPath, [...nodeArgs, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (onLine) for (const l of d.split('\n')) if (l) onLine(l);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const guard = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, boundMs);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      res({ code: killed ? null : code, signal, out, err });
    });
  });
}
