import { describe, expect, it } from 'vitest';
import { tspoll } from './cli.ts';

describe('examples/fetch-and-process', { timeout: 120_000 }, () => {
  it("runs the seed's fetch_and_process against a local server and prints the states it moves through", () => {
    const r = tspoll(['run', 'src/main.ts']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    // Start, one state per await (client.get, .json()), Done: the seed's FetchAndProcessState.
    const header = lines.find((l) => l.startsWith('fetch_and_process states: '));
    expect(header).toMatch(/^fetch_and_process states: Start( -> \w+){2,} -> Done$/);
    const [, first, second] = header!.replace('fetch_and_process states: ', '').split(' -> ');
    const polls = lines.filter((l) => /^\s+poll #\d+: /.test(l)).map((l) => l.trim());
    expect(polls[0]).toBe(`poll #1: Start -> ${first} (Pending)`);
    expect(polls.at(-1)).toMatch(/-> Done \(Ready\)$/);
    // The states are visited in order, each at least once.
    const visited = polls.map((p) => /-> (\w+)/.exec(p)![1]).filter((s, i, a) => s !== a[i - 1]);
    expect(visited).toEqual([first, second, 'Done']);
    // runtime.dump() while waiting: the task's logical backtrace shows the machine in its first
    // await state, waiting on client.get(url).
    expect(r.stdout).toContain(`dump: fetch_and_process ${first}  await client.get(url)`);
    expect(r.stdout).toContain('result: {"id":7,"name":"seven","tags":["lazy","poll"]}');
    expect(r.stdout).toContain('error: HTTP 404 for <server>/missing');
  });
});
