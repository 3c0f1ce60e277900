/**
 * The layer order of src/ and a checker for it (used by layers.test.ts).
 *
 * A module is the first path segment under src/ (src/optim/adam.ts → optim, src/App.tsx → App).
 * A module may import from a module of a LOWER rank only; modules that share a rank are siblings
 * and import nothing from each other. A top-level folder that is not in LAYERS is an error, so a
 * new folder gets a place in the order before it gets code.
 *
 *   0  math, styles          pure numerics (engine-independent sin, cos, exp); CSS is a leaf asset
 *   1  surfaces, optim       one surface / one optimizer per file, each knowing nothing of the other
 *   2  engine                config validation and the deterministic runner (worker and CLI)
 *   3  worker, share, i18n   the Web Worker and its client; share links and presets; words
 *   4  plot, explain         pure plotting helpers and palette; explanation quantities and TeX
 *   5  state                 the zustand store and its engine wiring
 *   6  export                PyTorch script, CSV/JSON, SVG, GIF (DOM-free)
 *   7  components            React + D3 views
 *   8  App                   the page
 *   9  main, cli             entry points: the browser's and the headless runner's
 *
 * Besides: the numeric core (math, surfaces, optim, engine) imports no UI package.
 */
import ts from 'typescript';

export const LAYERS: readonly (readonly string[])[] = [
  ['math', 'styles'],
  ['surfaces', 'optim'],
  ['engine'],
  ['worker', 'share', 'i18n', 'data'],
  ['plot', 'explain'],
  ['state'],
  ['export'],
  ['components'],
  ['App'],
  ['main', 'cli'],
];

/** Packages the numeric core must not import (it runs in the worker and the CLI, without a DOM). */
export const CORE = ['math', 'surfaces', 'optim', 'engine'] as const;
export const UI_PACKAGES = ['react', 'react-dom', 'zustand', 'd3', 'katex', 'comlink'] as const;

export interface SourceFile {
  /** Path relative to the project root with forward slashes, e.g. 'src/optim/adam.ts'. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  message: string;
}

const rankOf = new Map<string, number>(LAYERS.flatMap((names, rank) => names.map((n) => [n, rank] as [string, number])));

/** 'src/optim/adam.ts' → 'optim'; 'src/App.tsx' → 'App'; outside src → null. */
export function moduleOf(path: string): string | null {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return null;
  return parts.length === 2 ? parts[1].replace(/\.[^.]+$/, '') : parts[1];
}

/** Joins a relative specifier onto the importing file's folder ('src/a/b.ts' + '../c/d' → 'src/c/d'). */
export function resolve(from: string, specifier: string): string {
  const out = from.split('/').slice(0, -1);
  for (const seg of specifier.replace(/\?.*$/, '').split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Every import, export-from, dynamic import() and require() specifier of a TypeScript source. */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

export function checkLayers(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const from = moduleOf(file.path);
    if (from === null) continue;
    const fromRank = rankOf.get(from);
    if (fromRank === undefined) {
      out.push({ file: file.path, specifier: '', message: `src/${from} has no place in LAYERS (tests/unit/layers.ts): add it` });
      continue;
    }
    for (const spec of importsOf(file.text)) {
      if (!spec.startsWith('.')) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if ((CORE as readonly string[]).includes(from) && (UI_PACKAGES as readonly string[]).includes(pkg)) {
          out.push({ file: file.path, specifier: spec, message: `${from} is numeric core and must not import the UI package ${pkg}` });
        }
        continue;
      }
      const target = resolve(file.path, spec);
      const to = moduleOf(target);
      if (to === null) {
        out.push({ file: file.path, specifier: spec, message: `imports ${target}, outside src` });
        continue;
      }
      if (to === from) continue;
      const toRank = rankOf.get(to);
      if (toRank === undefined) {
        out.push({ file: file.path, specifier: spec, message: `imports src/${to}, which has no place in LAYERS` });
      } else if (toRank > fromRank) {
        out.push({ file: file.path, specifier: spec, message: `${from} (layer ${fromRank}) imports ${to} (layer ${toRank}), a higher layer` });
      } else if (toRank === fromRank) {
        out.push({ file: file.path, specifier: spec, message: `${from} imports its sibling ${to} (both layer ${fromRank})` });
      }
    }
  }
  return out;
}
