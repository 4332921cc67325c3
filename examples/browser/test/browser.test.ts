import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { startServer } from '../serve.mjs';
import { exampleDir, tspoll } from './cli.ts';

// Debian's chromium (apt-get install chromium); never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

describe('examples/browser', { timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    const r = tspoll(['build', 'src/main.ts', '--platform', 'browser', '--outfile', 'out/main.js', '--sourcemap']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    server = await startServer(0);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('the bundle contains the runtime and no native async function for the lowered code', async () => {
    const { readFile } = await import('node:fs/promises');
    const code = await readFile(path.join(exampleDir, 'out/main.js'), 'utf8');
    expect(code).not.toMatch(/async function fetch_and_process/);
    expect(code).not.toMatch(/from\s*["']@tspoll\/runtime/); // bundled, not imported
    expect(code).not.toMatch(/from\s*["']node:/);
  });

  it('runs lowered async functions on the runtime in headless Chromium', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('body[data-status]', { timeout: 15_000 });
    const status = await page.getAttribute('body', 'data-status');
    const lines = await page.locator('#log li').allTextContents();
    await page.close();
    expect(errors).toEqual([]);
    expect(status).toBe('done');
    expect(lines[0]).toMatch(/^fetch_and_process is a poll machine: Start -> WaitingFor\w+ -> WaitingFor\w+( -> \w+)* -> Done$/);
    expect(lines).toContain('result: {"id":7,"name":"seven","tags":["lazy","poll"]}');
    // timeout cancels `slow` while it sleeps: its finally runs before the TimeoutError is seen.
    expect(lines.indexOf('slow: finally ran on cancellation')).toBeGreaterThan(0);
    expect(lines.indexOf('slow: finally ran on cancellation')).toBeLessThan(lines.indexOf('timeout: TimeoutError'));
  });
});
