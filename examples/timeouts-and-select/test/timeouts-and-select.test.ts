import { describe, expect, it } from 'vitest';
import { tspoll } from './cli.ts';

/** Index of the first line containing `text`, asserting that there is one. */
function at(lines: string[], text: string): number {
  const i = lines.findIndex((l) => l.includes(text));
  expect(i, `line containing ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
  return i;
}

describe('examples/timeouts-and-select', { timeout: 120_000 }, () => {
  it('cancels the losing branch and its finally block runs (its catch does not)', () => {
    const r = tspoll(['run', 'src/main.ts']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    // 1. timeout wins: the query is cancelled while suspended, its finally runs before the error arrives.
    expect(at(lines, 'slow: started')).toBeLessThan(at(lines, 'slow: finally (cleanup runs)'));
    expect(at(lines, 'slow: finally (cleanup runs)')).toBeLessThan(at(lines, '-> TimeoutError: timed out after 30 ms'));
    expect(r.stdout).not.toContain('slow: finished');
    expect(r.stdout).not.toContain('catch (never printed');
    // 2. the query wins: it finishes normally, finally included.
    expect(at(lines, 'fast: finished')).toBeLessThan(at(lines, 'fast: finally (cleanup runs)'));
    expect(r.stdout).toContain('-> fast result');
    // 3. select: both branches start; "a" finishes; "b" is cancelled and its finally runs
    // before select delivers the winner.
    expect(at(lines, 'a: started')).toBeLessThan(at(lines, 'a: finished'));
    expect(at(lines, 'b: started')).toBeLessThan(at(lines, 'a: finished'));
    expect(at(lines, 'b: finally (cleanup runs)')).toBeLessThan(at(lines, '-> branch 0 won with "a result"'));
    expect(r.stdout).not.toContain('b: finished');
  });
});
