import { describe, expect, it } from 'vitest';
import { tspoll } from './cli.ts';

describe('examples/echo-server', { timeout: 120_000 }, () => {
  it("serves the seed's read_and_write on loopback and the clients get their bytes back", () => {
    const r = tspoll(['run', 'src/main.ts']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^echo server on 127\.0\.0\.1:\d+$/m);
    expect(r.stdout).toContain('client 0: ok "pingHello,world"');
    expect(r.stdout).toContain('client 1: ok "tspoll says hi, Hello,world"');
    expect(r.stdout).toMatch(/client 2: ok x+…x*Hello,world \(1011 bytes\)/);
    expect(r.stdout).toContain('server handled 3 connections');
    expect(r.stdout).toContain('all echoes verified');
    expect(r.status).toBe(0);
  });

  it('the lowered read_and_write is a poll machine awaiting read, then write_all', () => {
    const r = tspoll(['--emit-states', 'src/main.ts', '--fn', 'read_and_write', '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    const m = doc.machines[0];
    expect(m.name).toBe('read_and_write');
    const awaits = m.states.map((s: { awaits: string | null }) => s.awaits).filter(Boolean);
    expect(awaits[0]).toContain('read(s)');
    expect(awaits[1]).toContain('writeAll(s, reply)');
  });
});
