/**
 * The 2-D classification datasets of the `mlp` surface (CONTRACT.md §6), generated from
 * `dataSeed` by the project's seeded generator (src/engine/rng.ts) and the engine-independent
 * sin/cos (src/math/trig.ts): the same points, bit for bit, in the page and the CLI.
 *
 * Every dataset has `samples` points, the first ⌈n/2⌉ of class 0 and the rest of class 1, each
 * moved by Gaussian noise of standard deviation `dataNoise` (in the units of the plot, whose
 * points lie within about [−1.5, 1.5]²):
 * - spiral: two interleaved spirals (TensorFlow Playground's), radius 0 → 1.2 over 1.75 turns;
 * - moons: scikit-learn's make_moons, centred (two interleaved half circles);
 * - circles: scikit-learn's make_circles, radius 1 (class 0) around radius 0.5 (class 1);
 * - xor: uniform in [−1, 1]², class 1 where x₁·x₂ > 0 (decided before the noise);
 * - blobs: two round Gaussian blobs of spread 0.35 around (−0.6, −0.6) and (0.6, 0.6).
 */
import { Rng } from '../rng';
import { cos, sin } from '../../math/trig';

export const datasetNames = ['spiral', 'moons', 'circles', 'xor', 'blobs'] as const;
export type DatasetName = (typeof datasetNames)[number];

export function isDatasetName(s: unknown): s is DatasetName {
  return typeof s === 'string' && (datasetNames as readonly string[]).includes(s);
}

export interface Points {
  /** [x₁ of point 0, x₂ of point 0, x₁ of point 1, ...]. */
  x: Float64Array;
  /** Labels 0 or 1. */
  t: Float64Array;
  n: number;
}

/** The generator's stream for datasets (batches and noise use 1 and 2). */
const STREAM_DATA = 3;

export function makeDataset(name: DatasetName, samples: number, noise: number, seed: number): Points {
  const n = samples;
  const x = new Float64Array(2 * n);
  const t = new Float64Array(n);
  const rng = new Rng(seed, STREAM_DATA);
  const n0 = Math.ceil(n / 2);
  const n1 = n - n0;
  for (let i = 0; i < n; i++) {
    const cls = i < n0 ? 0 : 1;
    const j = cls === 0 ? i : i - n0; // index within its class
    const m = cls === 0 ? n0 : n1; // size of its class
    let a: number;
    let b: number;
    switch (name) {
      case 'spiral': {
        const r = (1.2 * j) / m;
        const th = (1.75 * 2 * Math.PI * j) / m + cls * Math.PI;
        a = r * sin(th);
        b = r * cos(th);
        break;
      }
      case 'moons': {
        const th = m > 1 ? (Math.PI * j) / (m - 1) : 0;
        if (cls === 0) {
          a = cos(th) - 0.5;
          b = sin(th) - 0.25;
        } else {
          a = 1 - cos(th) - 0.5;
          b = 0.5 - sin(th) - 0.25;
        }
        break;
      }
      case 'circles': {
        const th = (2 * Math.PI * j) / m;
        const r = cls === 0 ? 1 : 0.5;
        a = r * cos(th);
        b = r * sin(th);
        break;
      }
      case 'xor': {
        // Draw until the point's class is this one (x₁·x₂ > 0 for class 1), so the classes stay balanced.
        do {
          a = 2 * rng.uniform() - 1;
          b = 2 * rng.uniform() - 1;
        } while ((a * b > 0 ? 1 : 0) !== cls);
        break;
      }
      case 'blobs': {
        const c = cls === 0 ? -0.6 : 0.6;
        a = c + 0.35 * rng.normal();
        b = c + 0.35 * rng.normal();
        break;
      }
    }
    if (noise > 0) {
      a += noise * rng.normal();
      b += noise * rng.normal();
    }
    x[2 * i] = a;
    x[2 * i + 1] = b;
    t[i] = cls;
  }
  return { x, t, n };
}
