/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './scripts/vite-service-worker.ts';

export default defineConfig({
  // Relative URLs everywhere (page, assets, workers, service worker): the build runs from any
  // sub-path (https://host/any/where/) as well as from the root.
  base: './',
  plugins: [react(), serviceWorker()],
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
  },
});
