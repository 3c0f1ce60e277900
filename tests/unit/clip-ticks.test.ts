/**
 * The plot's marks of clipped steps (pathLayer's `clippedTicks`): one bar per clipped step at the
 * point the step left, across the path, shown once that step is taken; bars closer than a few
 * pixels merge; a path kept at a stride puts the bar on the kept segment that holds the step.
 */
import { describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import type { RunResult } from '../../src/engine/types';
import { clippedTicks } from '../../src/components/plot/pathLayer';

function fakeRun(index: number[], clipped: number[]): RunResult {
  return { index: Int32Array.from(index), clipped: Uint8Array.from(clipped) } as unknown as RunResult;
}

describe('marks of clipped steps', () => {
  it('marks step k at point k, across the segment, from step k on', () => {
    // A path along x, 10 px a point.
    const px = Float32Array.from([0, 0, 10, 0, 20, 0, 30, 0, 40, 0]);
    const t = clippedTicks(fakeRun([0, 1, 2, 3, 4], [0, 1, 0, 1]), px, 5)!;
    expect([...t.steps]).toEqual([2, 4]);
    expect([...t.ticks]).toEqual([10, 0, -0, 1, 30, 0, -0, 1]);
  });

  it('a stride: the bar sits on the kept segment that holds the step, interpolated', () => {
    const px = Float32Array.from([0, 0, 0, 40, 0, 80]);
    const t = clippedTicks(fakeRun([0, 4, 8], [0, 0, 1, 0, 0, 0, 1, 0]), px, 3)!;
    expect([...t.steps]).toEqual([3, 7]);
    expect(t.ticks[1]).toBe(20);
    expect(t.ticks[5]).toBe(60);
    expect([t.ticks[2], t.ticks[3]]).toEqual([-1, 0]);
  });

  it('bars closer than the gap merge; no clipping, no bars', () => {
    const px = Float32Array.from([0, 0, 1, 0, 2, 0, 5, 0, 10, 0]);
    const t = clippedTicks(fakeRun([0, 1, 2, 3, 4], [1, 1, 1, 1]), px, 5)!;
    expect([...t.steps]).toEqual([1, 4]);
    expect(clippedTicks(fakeRun([0, 1, 2], [0, 0]), px, 3)).toBeNull();
  });

  it('a real run: one bar per clipped step while they are apart', () => {
    const run = runComparison(normalizeConfig({ surface: { name: 'rosenbrock' }, start: [-1.2, 1], steps: 120, optimizers: [{ name: 'adam', lr: 0.05, clip: { norm: 5 } }] })).runs[0];
    const count = run.path.length / 2;
    // 100 px a unit: the points are apart.
    const px = Float32Array.from(run.path, (v) => v * 100);
    const t = clippedTicks(run, px, count)!;
    const clippedSteps = [...run.clipped!].flatMap((b, k) => (b ? [k + 1] : []));
    expect(t.steps.length).toBeGreaterThan(5);
    expect(t.steps.length).toBeLessThanOrEqual(clippedSteps.length);
    for (const s of t.steps) expect(clippedSteps).toContain(s);
    for (let i = 0; i < t.steps.length; i++) {
      const k = t.steps[i] - 1;
      expect(t.ticks[4 * i]).toBeCloseTo(px[2 * k], 3);
      expect(t.ticks[4 * i + 1]).toBeCloseTo(px[2 * k + 1], 3);
      expect(Math.hypot(t.ticks[4 * i + 2], t.ticks[4 * i + 3])).toBeCloseTo(1, 5);
    }
  });
});
