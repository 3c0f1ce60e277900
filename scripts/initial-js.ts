/**
 * The page's initial JavaScript: the scripts and module preloads that a build's index.html loads
 * before any interaction, each file gzipped at level 9 (as a server would send it). Used by
 * `npm run bench:ui` and by tests/unit/bundle-budget.test.ts, which fails when it grows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 17: at most 150 KB of JavaScript, gzipped, before any interaction. */
export const INITIAL_JS_BUDGET = 150 * 1024;

export function initialJs(outDir: string): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(?:\.\/|\/)?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gzipBytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
  return { files, gzipBytes };
}
