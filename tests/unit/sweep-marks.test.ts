import { describe, expect, it } from 'vitest';
import { normalizeSweep } from '../../src/engine/sweep';
import { axisIndex, axisValueAt, defaultAxis, defaultYKey, lossScale, stabilityMarks } from '../../src/components/lab/sweepGeometry';

const q = { surface: { name: 'quadratic', params: { kappa: 100, angle: 40 } } };
const lr = { key: 'lr', from: 1e-3, to: 0.1, n: 16, scale: 'log' };
const mom = { key: 'momentum', from: 0, to: 0.9, n: 10, scale: 'linear' };

describe('the marks drawn over a sweep map', () => {
  it('heavy ball on the quadratic: one edge lr = (2 + 2β)/λ per eigenvalue, and the optimum (lr*, β*)', () => {
    const m = stabilityMarks(normalizeSweep({ ...q, optimizer: { name: 'momentum' }, x: lr, y: mom }))!;
    expect(m.lambdas[0]).toBeCloseTo(1, 10);
    expect(m.lambdas[1]).toBeCloseTo(100, 10);
    expect(m.lines).toHaveLength(2);
    for (const line of m.lines) for (const [x, beta] of line.points) expect(x * line.lambda).toBeCloseTo(2 + 2 * beta, 10);
    expect(m.optimum![0]).toBeCloseTo((2 / 11) ** 2, 10);
    expect(m.optimum![1]).toBeCloseTo((9 / 11) ** 2, 10);
  });

  it('the axes swapped put lr on y', () => {
    const m = stabilityMarks(normalizeSweep({ ...q, optimizer: { name: 'momentum' }, x: mom, y: lr }))!;
    const [beta, x] = m.lines[1].points[3];
    expect(x * m.lines[1].lambda).toBeCloseTo(2 + 2 * beta, 10);
  });

  it('Nesterov: lr·λ·(1 + 2β) = 2 + 2β; GD as a strip: vertical edges at 2/λ; l2 shifts λ', () => {
    const n = stabilityMarks(normalizeSweep({ ...q, optimizer: { name: 'nesterov' }, x: lr, y: { ...mom, from: 0.1 } }))!;
    for (const [x, beta] of n.lines[1].points) expect(x * 100 * (1 + 2 * beta)).toBeCloseTo(2 + 2 * beta, 8);
    expect(n.optimum).toBeNull();
    const g = stabilityMarks(normalizeSweep({ surface: { name: 'quadratic', params: { kappa: 100 }, l2: 1 }, optimizer: { name: 'gd' }, x: lr }))!;
    expect(g.lines[1].points).toEqual([[2 / 101, -Infinity], [2 / 101, Infinity]]);
  });

  it('draws nothing where the analysis does not apply', () => {
    expect(stabilityMarks(normalizeSweep({ surface: { name: 'rosenbrock' }, optimizer: { name: 'momentum' }, x: lr, y: mom }))).toBeNull();
    expect(stabilityMarks(normalizeSweep({ ...q, optimizer: { name: 'adam' }, x: lr }))).toBeNull();
    expect(stabilityMarks(normalizeSweep({ ...q, optimizer: { name: 'gd' }, x: { key: 'weightDecay', from: 0, to: 1, n: 4 } }))).toBeNull();
  });
});

describe('sweep map geometry', () => {
  it('places values on log and linear axes, and back', () => {
    const a = { from: 1e-4, to: 1, n: 5, scale: 'log' as const };
    expect(axisIndex(a, 1e-2)).toBeCloseTo(2, 12);
    expect(axisValueAt(a, 3)).toBeCloseTo(1e-1, 12);
    const b = { from: 0, to: 0.9, n: 10, scale: 'linear' as const };
    expect(axisIndex(b, 0.45)).toBeCloseTo(4.5, 12);
  });

  it('colours by log loss, topped at the starting loss; by the excess over the best when a loss is ≤ 0', () => {
    const s = lossScale(new Float64Array([1e-6, 1e-2, 1e6, Number.NaN]), new Int32Array([-1, -1, -1, 4]), 100)!;
    expect(s.excess).toBe(false);
    expect(s.lo).toBeCloseTo(-6, 12);
    expect(s.hi).toBeCloseTo(2, 12);
    const e = lossScale(new Float64Array([-1, 0, 3]), new Int32Array([-1, -1, -1]))!;
    expect(e.excess).toBe(true);
    expect(e.value(3)).toBeCloseTo(Math.log10(4), 6);
    expect(lossScale(new Float64Array([1]), new Int32Array([7]))).toBeNull();
  });

  it('starts each optimizer on sensible axes', () => {
    expect(defaultYKey({ name: 'momentum' }, false)).toBe('momentum');
    expect(defaultYKey({ name: 'adam', betas: [0.9, 0.999] }, false)).toBe('betas.0');
    expect(defaultYKey({ name: 'gd' }, true)).toBe('batchSize');
    expect(defaultYKey({ name: 'gd' }, false)).toBe('');
    expect(defaultAxis('batchSize', { name: 'gd' }, 64)).toEqual({ key: 'batchSize', from: 1, to: 64, scale: 'log' });
  });
});
