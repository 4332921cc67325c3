// The Install section of the README, as a new user follows it: `npm run pack` makes the four
// tarballs, npm installs them into a project outside the workspace (with TypeScript 6,
// esbuild and ts-patch 4 from the registry), and one program runs through the CLI, the
// esbuild plugin and `tspc`, lowered each time.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { PACKAGES, packAll } from './pack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = mkdtempSync(path.join(tmpdir(), 'tspoll-install-'));
const EXPECTED = 'lowered: true\nslow: finally\nresult: fast\n';

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: project, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('installing the packed packages with npm, outside the workspace', { timeout: 180_000 }, () => {
  let tarballs: string[];

  beforeAll(() => {
    tarballs = packAll(path.join(project, 'packs'));
    cpSync(path.join(root, 'scripts/fixtures/install'), project, { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'tspoll-install-check', private: true, type: 'module' }, null, 2));
    const tgz = (name: string) => tarballs[PACKAGES.indexOf(name)]!;
    const npmInstall = (args: string[]) => sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...args]);
    // The README's two commands, then what the three builds use.
    npmInstall([tgz('runtime')]);
    npmInstall(['-D', tgz('compiler'), tgz('unplugin'), tgz('cli'), 'esbuild@0.28.2', 'ts-patch@4', 'typescript@~6.0']);
  }, 180_000);

  it('the tarballs are ready to publish: real versions, MIT licence, the linked docs inside', () => {
    for (const name of PACKAGES) {
      const dir = path.join(project, 'node_modules/@tspoll', name);
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(JSON.stringify(pkg), name).not.toContain('workspace:');
      expect(pkg.version).toBe('0.1.0');
      expect(pkg.license).toBe('MIT');
      expect(pkg.publishConfig).toMatchObject({ access: 'public' });
      expect(JSON.stringify(pkg.exports), name).not.toContain('"source"'); // the workspace's own condition
      expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
      // Every relative link of the package's docs resolves among the installed @tspoll packages.
      for (const md of markdownFiles(dir)) {
        for (const [, target] of readFileSync(md, 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
          if (/^[a-z]+:/.test(target!)) continue;
          expect(existsSync(path.resolve(path.dirname(md), target!)), `${path.relative(project, md)} links ${target}`).toBe(true);
        }
      }
    }
  });

  it('the CLI builds a classic script with the installed global runtime at its head; it runs alone', () => {
    expect(existsSync(path.join(project, 'node_modules/@tspoll/runtime/dist/tspoll-runtime.global.js'))).toBe(true);
    writeFileSync(path.join(project, 'page.js'), 'var seen = this;\nasync function twice(x) { return (await x) * 2; }\ntwice(21).then((v) => console.log(v, typeof seen.twice));\n');
    sh('npx', ['tspoll', 'build', '--script', 'page.js', '-o', 'out/page.js']);
    const code = readFileSync(path.join(project, 'out/page.js'), 'utf8');
    expect(code).not.toMatch(/\bimport\b|\brequire\(/);
    // As a classic script in a fresh realm, with only the host functions the runtime uses.
    const run = `const vm = require('vm'); vm.runInNewContext(require('fs').readFileSync('out/page.js', 'utf8'), { console, queueMicrotask, setTimeout, clearTimeout, setImmediate, performance });`;
    expect(sh(process.execPath, ['-e', run])).toBe('42 function\n');
  });

  it('the CLI runs the program, lowered', () => {
    expect(sh('npx', ['tspoll', 'run', 'src/main.ts'])).toBe(EXPECTED);
  });

  it("the esbuild plugin builds it (the README's recipe), lowered, with no path of this machine in it", () => {
    sh(process.execPath, ['build.mjs']);
    const bundle = readFileSync(path.join(project, 'out/bundle.mjs'), 'utf8');
    expect(bundle).toMatch(/loc: "src\/main\.ts:\d+:\d+"/);
    expect(bundle).not.toContain(project);
    expect(sh(process.execPath, ['out/bundle.mjs'])).toBe(EXPECTED);
  });

  it("the runtime's entry points have types under moduleResolution node10 too (typesVersions)", () => {
    const imports = ["import { spawn } from '@tspoll/runtime';", "import { PENDING } from '@tspoll/runtime/abi';", "import { dump } from '@tspoll/runtime/introspect';", "import { TcpListener } from '@tspoll/runtime/node';", 'export const all = [spawn, PENDING, dump, TcpListener];', ''];
    mkdirSync(path.join(project, 'node10'), { recursive: true });
    writeFileSync(path.join(project, 'node10/a.ts'), imports.join('\n'));
    const options = { strict: true, target: 'es2022', module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0', noEmit: true, types: [], skipLibCheck: true };
    writeFileSync(path.join(project, 'node10/tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['a.ts'] }));
    expect(sh('npx', ['tsc', '-p', 'node10'])).toBe('');
  });

  it('tspc (ts-patch 4, TypeScript 6) type-checks and lowers it', () => {
    sh('npx', ['tspc', '-p', '.']);
    const js = readFileSync(path.join(project, 'tsc-out/main.js'), 'utf8');
    expect(js).toContain('@tspoll/runtime/abi');
    expect(js).toMatch(/loc: "src\/main\.ts:\d+:\d+"/);
    expect(js).not.toContain(project);
    expect(sh(process.execPath, ['tsc-out/main.js'])).toBe(EXPECTED);
  });
});

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f));
}
