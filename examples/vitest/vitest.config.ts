// The recipe: the tspoll plugin (its Vite export) in vitest.config, so the code under test
// *and the test files* are lowered. Without it, async functions stay native Promises: abort()
// cannot run their finally blocks, and virtual time cannot reach their sleeps.
import tspoll from '@tspoll/unplugin/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [tspoll()],
  test: { include: ['src/**/*.test.ts'] },
});
