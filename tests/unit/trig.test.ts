import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cos, sin } from '../../src/math/trig';

const ulp = (v: number) => Math.max(Math.abs(v) * Number.EPSILON, Number.MIN_VALUE);

describe('engine-independent sin and cos', () => {
  it('agree with Math.sin and Math.cos within one ulp where the reduction is exact', () => {
    fc.assert(
      fc.property(fc.double({ min: -8e5, max: 8e5, noNaN: true }), (x) => {
        expect(Math.abs(sin(x) - Math.sin(x))).toBeLessThanOrEqual(ulp(Math.sin(x)) + 1e-300);
        expect(Math.abs(cos(x) - Math.cos(x))).toBeLessThanOrEqual(ulp(Math.cos(x)) + 1e-300);
      }),
      { numRuns: 20000 },
    );
  });

  it('keep the exact values and signs at the special points', () => {
    expect(sin(0)).toBe(0);
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(sin(Math.PI / 2)).toBe(1);
    expect(cos(Math.PI)).toBe(-1);
    expect(sin(Math.PI)).toBeCloseTo(1.2246467991473532e-16, 30);
    expect(Number.isNaN(sin(Infinity))).toBe(true);
    expect(Number.isNaN(cos(NaN))).toBe(true);
  });

  it('are odd and even', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), (x) => {
        expect(sin(-x)).toBe(-sin(x));
        expect(cos(-x)).toBe(cos(x));
      }),
    );
  });
});
