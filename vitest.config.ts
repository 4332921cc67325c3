import { defineConfig } from 'vitest/config';

// Tests resolve workspace packages through the "source" export condition, so they
// run against src/ (no rebuild needed) and every test sees one copy of each package.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
