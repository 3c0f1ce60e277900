/**
 * End-to-end tests: the production build (`vite build` + `vite preview`) in real Chromium,
 * driven by playwright-core. Debian's /usr/bin/chromium by default; another Chrome through
 * CHROME_PATH. Failures save a screenshot under test-results/.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
