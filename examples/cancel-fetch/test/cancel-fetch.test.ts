// Runs the example as its README says (`npm start`): a timeout that cancels a lowered function
// awaiting fetch closes the HTTP connection only when the fetch was given currentSignal().
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('examples/cancel-fetch', { timeout: 120_000 }, () => {
  it('timeout closes the real connection when the fetch has currentSignal(), and not without it', () => {
    const out = execFileSync('npm', ['start', '--silent'], { cwd: exampleDir, encoding: 'utf8', timeout: 60_000 });
    const [, without, withSignal] = out.split(/^\d\. /m);
    expect(without).toContain('-> TimeoutError: timed out after 200 ms');
    expect(without).toContain('server: the connection is still open 300 ms later');
    expect(withSignal).toContain('-> TimeoutError: timed out after 200 ms');
    const ms = Number(/server: the connection closed (\d+) ms after the timeout/.exec(withSignal!)?.[1]);
    // Closed by the abort itself, long before the 300 ms the example waits.
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(150);
  });
});
