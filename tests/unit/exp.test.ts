import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp, log1p } from '../../src/math/exp';

const ulp = (v: number) => Math.max(Math.abs(v) * Number.EPSILON, Number.MIN_VALUE);

describe('engine-independent exp and log1p', () => {
  it('exp agrees with Math.exp within one ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: -740, max: 709, noNaN: true }), (x) => {
        expect(Math.abs(exp(x) - Math.exp(x))).toBeLessThanOrEqual(ulp(Math.exp(x)));
      }),
      { numRuns: 20000 },
    );
  });

  it('log1p agrees with Math.log1p within two ulps on [0, 1], where softplus uses it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (u) => {
        expect(Math.abs(log1p(u) - Math.log1p(u))).toBeLessThanOrEqual(2 * ulp(Math.log1p(u)));
      }),
      { numRuns: 20000 },
    );
  });

  it('log1p stays within eight ulps above 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e12, noNaN: true }), (u) => {
        expect(Math.abs(log1p(u) - Math.log1p(u))).toBeLessThanOrEqual(8 * ulp(Math.log1p(u)));
      }),
    );
  });

  it('handles the edges', () => {
    expect(exp(0)).toBe(1);
    expect(Math.abs(exp(1) - Math.E)).toBeLessThanOrEqual(ulp(Math.E));
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(-745)).toBeGreaterThan(0);
    expect(Number.isNaN(exp(NaN))).toBe(true);
    expect(log1p(0)).toBe(0);
    expect(log1p(Infinity)).toBe(Infinity);
    expect(Number.isNaN(log1p(-0.5))).toBe(true);
  });
});
