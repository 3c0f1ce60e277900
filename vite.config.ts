/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './scripts/vite-service-worker.ts';
import { optimizerImpl } from './scripts/vite-optimizer-impl.ts';

export default defineConfig({
  // Relative URLs everywhere (page, assets, workers, service worker): the build runs from any
  // sub-path (https://host/any/where/) as well as from the root.
  base: './',
  plugins: [react(), optimizerImpl(), serviceWorker()],
  worker: { format: 'es' },
  build: {
    // No modulepreload polyfill in the first chunk: the page's static imports are one chunk, and a
    // browser without <link rel="modulepreload"> (Safari < 17) only loses the early fetch of a lazy
    // chunk's dependencies, which still load when it is imported.
    modulePreload: { polyfill: false },
    // The one first chunk is ~510 KB minified (~160 KB gzipped, React's ~190 KB of it): warn above that.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Everything the page imports statically goes into one chunk: split into ~25 shared
        // chunks (each also imported by some lazy chunk), the same code gzipped ~9 KB larger
        // (every file compressed alone, plus their import/export glue). Lazy chunks stay apart.
        // src/main.tsx is in it too, so it awaits nothing at its top level (see boot() there).
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
  },
});
