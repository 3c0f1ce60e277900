import { describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import { lrRangeTest, rangeLrs, smoothLoss, suggestLr } from '../../src/engine/rangeTest';

describe('the learning-rate range test', () => {
  it('grows the rate exponentially from `from` to `to` over the steps', () => {
    const lrs = rangeLrs(1e-6, 10, 8);
    expect(lrs[0]).toBe(1e-6);
    expect(lrs[7]).toBeCloseTo(10, 12);
    for (let k = 1; k < 8; k++) expect(lrs[k] / lrs[k - 1]).toBeCloseTo((1e7) ** (1 / 7), 10);
  });

  it('smooths with a bias-corrected moving average (the first point is the first loss)', () => {
    const s = smoothLoss([4, 4, 4, 1], 0.5);
    expect(s[0]).toBe(4);
    expect(s[2]).toBeCloseTo(4, 12);
    expect(s[3]).toBeCloseTo((0.5 * 3.5 + 0.5 * 1) / (1 - 0.0625), 12);
  });

  it('suggests the rate of the steepest fall per decade before the minimum, and stops at 4× the best', () => {
    // A plateau, a fall between lr 1e-3 and 1e-2 (steepest at 3e-3), a minimum at 1e-1, then a blow-up.
    const lrs = [1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 1, 10];
    const loss = [10, 10, 9, 5, 2, 1.5, 1, 3, 100];
    const r = suggestLr(lrs, loss);
    expect(r.minimum).toBe(6);
    expect(r.minLr).toBe(1e-1);
    expect(r.suggestedLr).toBe(3e-3);
    expect(r.kept).toBe(9);
    expect(suggestLr(lrs, [10, 10, 9, 5, 2, 1.5, 1, 5, 6]).kept).toBe(8);
    expect(suggestLr(lrs, [10, 10, 9, Number.NaN, 2, 1, 1, 1, 1]).kept).toBe(3);
  });

  it('has no suggestion when the loss never falls', () => {
    expect(suggestLr([1, 2, 3], [1, 2, 3])).toMatchObject({ suggestedLr: null, minLr: 1, minimum: 0 });
  });
});

describe('a range-test run', () => {
  it('steps with the growing rate: its first steps are the run at the first rates, bit for bit', () => {
    const base = normalizeConfig({ surface: { name: 'linreg' }, batchSize: 8, seed: 2, steps: 150, optimizers: [{ name: 'momentum' }] });
    const r = lrRangeTest(base, base.optimizers[0]);
    expect(r.lrs).toHaveLength(150);
    expect(r.lrs[0]).toBe(1e-6);
    // Step 1 uses lrs[0] = 1e-6: the same as a plain run at that rate for one step.
    const one = runComparison({ ...base, steps: 1, optimizers: [{ ...base.optimizers[0], lr: 1e-6 }] }).runs[0];
    expect(r.loss[0]).toBe(one.loss[1]);
    // Two steps: the second at lrs[1] differs from a constant 1e-6 (the rate did change).
    const two = runComparison({ ...base, steps: 2, optimizers: [{ ...base.optimizers[0], lr: 1e-6 }] }).runs[0];
    expect(r.loss[1]).not.toBe(two.loss[2]);
  });

  it('on the data surfaces the loss falls, then blows up, and the suggestion lies before the minimum', () => {
    for (const name of ['linreg', 'logreg', 'tinynet']) {
      const base = normalizeConfig({ surface: { name }, batchSize: 16, steps: 200, optimizers: [{ name: 'gd' }] });
      const r = lrRangeTest(base, base.optimizers[0]);
      expect(r.suggestedLr, name).not.toBeNull();
      expect(r.suggestedLr!).toBeLessThanOrEqual(r.minLr!);
      expect(r.smoothed[r.minimum]).toBeLessThan(r.smoothed[0]);
      // The rate reaches 10: far past stable for GD on the least-squares bowl, so that curve stops
      // before the end (logistic regression's bounded gradient lets GD survive even lr = 10).
      if (name === 'linreg') expect(r.kept).toBeLessThan(200);
    }
  });
});
