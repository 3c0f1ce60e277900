/** Builds the app once and serves the build with `vite preview` on a free port for the e2e files. */
import type { TestProject } from 'vitest/node';
import { build, preview, type PreviewServer } from 'vite';

let server: PreviewServer | undefined;

/** A build folder of its own, so that a `vite build` elsewhere cannot swap files under the tests. */
export const OUT_DIR = 'node_modules/.descent-e2e';

export default async function setup(project: TestProject) {
  await build({ logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
  server = await preview({ build: { outDir: OUT_DIR }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseURL', url.replace(/\/$/, ''));
  return async () => {
    await server?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
