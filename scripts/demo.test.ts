// `npm run demo` must keep working: run scripts/demo.mjs (built packages required) and check
// the story it tells. Builds go to a temp dir so the examples' own tests are not disturbed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('scripts/demo.mjs', { timeout: 240_000 }, () => {
  it('builds the examples, runs fetch-and-process and the echo server, prints the mermaid diagram', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tspoll-demo-'));
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/demo.mjs')], { cwd: root, encoding: 'utf8', timeout: 230_000, env: { ...process.env, TSPOLL_DEMO_OUT: out } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^\s+\S+\/main\.m?js\s+[\d.]+ KB$/gm)).toHaveLength(4);
    expect(r.stdout).toMatch(/poll #1: Start -> WaitingFor\w+ \(Pending\)/);
    expect(r.stdout).toContain('result: {"id":7,"name":"seven","tags":["lazy","poll"]}');
    expect(r.stdout).toContain('all echoes verified');
    expect(r.stdout).toMatch(/stateDiagram-v2\n\s+%% async function fetch_and_process/);
    expect(r.stdout).toMatch(/Start --> WaitingFor\w+: client\.get\(url\)/);
    expect(r.stdout.split('\n').length).toBeLessThan(60); // short and readable
  });
});
