/**
 * Generates the datasets of the data surfaces, deterministically, and writes them to
 * `src/surfaces/data/{linreg,logreg,tinynet}.json` (values rounded to 4 decimals). The JSON files
 * are committed and imported by the surface modules, so every machine sees the same data; this
 * script only documents (and can reproduce) how they were made.
 *
 *     npx tsx scripts/gen-datasets.ts           # (re)write the three files
 *     npx tsx scripts/gen-datasets.ts --check   # exit 1 if a file differs from what it would write
 *
 * Randomness: a seeded mulberry32 generator with Box–Muller normals, one generator per dataset.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** mulberry32: a tiny 32-bit PRNG; returns uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normals from `rand` by Box–Muller (both values of each pair are used). */
export function normals(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - rand(); // (0, 1]: log(u1) is finite
    const u2 = rand();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/** Rounds to 4 decimals (what the JSON files store). */
export function round4(v: number): number {
  const r = Math.round(v * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no −0
}

export interface XYData {
  x: number[];
  y: number[];
}
export interface ABTData {
  a: number[];
  b: number[];
  t: number[];
}

/**
 * linreg: 64 points on the noisy line y = 0.8·x + 1.5 + N(0, 0.4²), x uniform in [1, 5].
 * As x is not centred (mean ≈ 3), w and b are strongly coupled: the loss over (w, b) is a tilted,
 * elongated ravine (Hessian [[E x², E x], [E x, 1]], condition number ≈ 100).
 */
export function genLinreg(): XYData {
  const rand = mulberry32(20240601);
  const normal = normals(rand);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 64; i++) {
    const xi = round4(1 + 4 * rand());
    x.push(xi);
    y.push(round4(0.8 * xi + 1.5 + 0.4 * normal()));
  }
  return { x, y };
}

/**
 * logreg: 100 points (a, b) in two overlapping Gaussian classes, t alternating 1, 0, 1, 0, ...
 * Class t has mean ±(1, 0.7) (+ for t = 1) and strongly correlated noise: a = ±1 + ν,
 * b = ±0.7 + 0.8·ν + 0.45·ξ, ν = 1.1·ξ', ξ, ξ' ~ N(0, 1). The classes overlap (the best line through
 * the origin classifies about 72% of them), so the (bias-free) logistic loss has a finite minimum;
 * the correlation of a and b makes its bowl elongated (Hessian condition number ≈ 16 there).
 */
export function genLogreg(): ABTData {
  const rand = mulberry32(20240602);
  const normal = normals(rand);
  const a: number[] = [];
  const b: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < 100; i++) {
    const ti = i % 2 === 0 ? 1 : 0;
    const sign = ti === 1 ? 1 : -1;
    const na = 1.1 * normal();
    const nb = 0.8 * na + 0.45 * normal();
    a.push(round4(sign * 1 + na));
    b.push(round4(sign * 0.7 + nb));
    t.push(ti);
  }
  return { a, b, t };
}

/**
 * tinynet: 64 points from y = 1.5·tanh(2x) + N(0, 0.15²), x uniform in [−2, 2]. Fitting
 * w₂·tanh(w₁·x) gives two mirrored minima near ±(2, 1.5) and a saddle at the origin.
 */
export function genTinynet(): XYData {
  const rand = mulberry32(20240603);
  const normal = normals(rand);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 64; i++) {
    const xi = round4(-2 + 4 * rand());
    x.push(xi);
    y.push(round4(1.5 * Math.tanh(2 * xi) + 0.15 * normal()));
  }
  return { x, y };
}

/** The files' contents: compact JSON, one array per line, with a trailing newline. */
export function datasetFiles(): Record<'linreg' | 'logreg' | 'tinynet', string> {
  const fmt = (obj: Record<string, number[]>): string =>
    '{\n' +
    Object.entries(obj)
      .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n') +
    '\n}\n';
  const lin = genLinreg();
  const log = genLogreg();
  const tiny = genTinynet();
  return {
    linreg: fmt({ x: lin.x, y: lin.y }),
    logreg: fmt({ a: log.a, b: log.b, t: log.t }),
    tinynet: fmt({ x: tiny.x, y: tiny.y }),
  };
}

/** Where the files live: src/surfaces/data, relative to this script. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../src/surfaces/data');

function main(argv: string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const [name, text] of Object.entries(datasetFiles())) {
    const file = resolve(DATA_DIR, `${name}.json`);
    if (check) {
      let old = '';
      try {
        old = readFileSync(file, 'utf8');
      } catch {
        // missing: stale
      }
      if (old !== text) {
        console.error(`${file} is out of date`);
        stale++;
      }
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(main(process.argv.slice(2)));
}
