/**
 * A Vite plugin that writes the service worker (scripts/sw.template.js) next to the built page,
 * with the list of files to cache for offline use. Hand-written rather than vite-plugin-pwa: the
 * whole job is ~60 lines, and it adds no dependency (workbox pulls in dozens of packages). Files
 * are listed relative to the service worker, so the build works from any sub-path. KaTeX's .woff
 * and .ttf fallbacks are left out (every browser that has service workers reads .woff2).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

const TEMPLATE = new URL('./sw.template.js', import.meta.url);
export const SW_FILE = 'sw.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

/** The files of a build that the service worker caches (paths relative to the build folder). */
export function precacheList(outDir: string): string[] {
  return files(outDir)
    .map((f) => relative(outDir, f).split(sep).join('/'))
    .filter((f) => f !== SW_FILE && !/\.(map|woff|ttf)$/.test(f))
    .sort();
}

export function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'descent-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const list = precacheList(outDir);
        const hash = createHash('sha256');
        for (const f of list) hash.update(f).update(readFileSync(join(outDir, f)));
        const version = hash.digest('hex').slice(0, 12);
        const source = readFileSync(TEMPLATE, 'utf8')
          .replace("'__VERSION__'", JSON.stringify(version))
          .replace('__PRECACHE__', JSON.stringify(['./', ...list.map((f) => `./${f}`)], null, 2));
        writeFileSync(join(outDir, SW_FILE), source);
      },
    },
  };
}
