import { describe, expect, it } from 'vitest';
import { rangeLrs, smoothLoss, suggestLr } from '../../src/engine/rangeTest';

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
