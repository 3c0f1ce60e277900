/** The training-recipe presets (issue 12): each one shows what its point claims, on the engine. */
import { describe, expect, it } from 'vitest';
import { runComparison } from '../../src/engine';
import type { RunResult } from '../../src/engine/types';
import { decodeShare } from '../../src/share/codec';
import { getPreset } from '../../src/share/presets';

function runPreset(id: string): RunResult[] {
  const p = getPreset(id);
  if (!p) throw new Error(`no preset ${id}`);
  const d = decodeShare(p.query);
  expect(d.notices).toEqual([]);
  return runComparison(d.state.config).runs;
}

const last = (r: RunResult) => r.loss.length - 1;
const point = (r: RunResult, k: number): [number, number] => [r.path[2 * k], r.path[2 * k + 1]];
const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('training-recipe presets', () => {
  it('warm-up rescues Adam: without it the loss climbs 16-fold, with it it never exceeds the start and ends 100× lower', () => {
    const [plain, warm] = runPreset('warmup-adam');
    expect(warm.lr).toBeDefined();
    expect(warm.lr![0]).toBeCloseTo(0.005, 15);
    expect(warm.lr![50]).toBe(0.5);
    const start = plain.loss[0];
    expect(Math.max(...plain.loss)).toBeGreaterThan(16 * start);
    expect(Math.max(...warm.loss)).toBeLessThanOrEqual(start);
    expect(warm.loss[last(warm)] * 100).toBeLessThan(plain.loss[last(plain)]);
  });

  it('cosine decay removes SGD’s jitter at B = 1: steps 80× shorter at the end, 5× closer to the minimum', () => {
    const minimum = point(runComparison(decodeShare('v=1&s=linreg&o=newton&n=3').state.config).runs[0], 3);
    const [constant, cosine] = runPreset('cosine-sgd-jitter');
    const tail = (r: RunResult) => {
      const N = last(r);
      let jitter = 0;
      let away = 0;
      for (let k = N - 50; k <= N; k++) {
        jitter += dist(point(r, k), point(r, k - 1));
        away += dist(point(r, k), minimum);
      }
      return { jitter: jitter / 51, away: away / 51 };
    };
    const a = tail(constant);
    const b = tail(cosine);
    expect(b.jitter * 80).toBeLessThan(a.jitter);
    expect(b.away * 5).toBeLessThan(a.away);
    expect(cosine.lr![last(cosine)]).toBe(0);
  });

  it('norm clipping keeps the gradient’s direction, value clipping bends it by over 40° and ends 3.5× higher', () => {
    const [norm, value] = runPreset('clip-norm-vs-value');
    // The gradient of ½(x² + 50y²) at (3, 1) is (3, 50): clipping bites on the first step.
    expect(norm.clipped![0]).toBe(1);
    expect(value.clipped![0]).toBe(1);
    const angle = (r: RunResult) => Math.atan2(r.path[3] - r.path[1], r.path[2] - r.path[0]);
    const downhill = Math.atan2(-50, -3);
    expect(Math.abs(angle(norm) - downhill)).toBeLessThan(1e-12);
    expect(Math.abs(angle(value) - downhill)).toBeGreaterThan((40 * Math.PI) / 180);
    expect(value.loss[last(value)]).toBeGreaterThan(3.5 * norm.loss[last(norm)]);
  });

  it('the EMA sits inside the noise cloud: over the last 150 steps, at most 0.6× the raw iterates’ distance from the minimum', () => {
    const [r] = runPreset('ema-noise-cloud');
    const N = last(r);
    let raw = 0;
    let ema = 0;
    let cx = 0;
    let cy = 0;
    for (let k = N - 150; k <= N; k++) {
      raw += Math.hypot(r.path[2 * k], r.path[2 * k + 1]);
      ema += Math.hypot(r.ema![2 * k], r.ema![2 * k + 1]);
      cx += r.path[2 * k] / 151;
      cy += r.path[2 * k + 1] / 151;
    }
    expect(ema).toBeLessThan(0.6 * raw);
    // Inside the cloud: the EMA's last point is nearer the cloud's centre than the cloud's mean radius around it.
    let spread = 0;
    for (let k = N - 150; k <= N; k++) spread += Math.hypot(r.path[2 * k] - cx, r.path[2 * k + 1] - cy) / 151;
    expect(Math.hypot(r.ema![2 * N] - cx, r.ema![2 * N + 1] - cy)).toBeLessThan(spread);
  });

  it('the large-model recipe settles near (1, 1), plain Adam is still in the valley with a loss 1000× higher', () => {
    const [recipe, adam] = runPreset('large-model-recipe');
    expect(dist(point(recipe, last(recipe)), [1, 1])).toBeLessThan(0.05);
    expect(adam.loss[last(adam)]).toBeGreaterThan(1000 * recipe.loss[last(recipe)]);
    expect(recipe.lr![0]).toBeCloseTo(0.0005, 15);
    expect(Math.max(...recipe.lr!)).toBe(0.05);
  });
});
