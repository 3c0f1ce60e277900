import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/engine';
import { normalizeSweep, sweep, type SweepConfig, type SweepResult } from '../../src/engine/sweep';
import { converged, eigenvalues2, gdStable, momentumOptimum, momentumStable, sharpnessAlong, stabilityThreshold } from '../../src/engine/stability';
import { makeObjective, surfaces } from '../../src/surfaces';

/** κ = 100, rotated so that both eigen-directions mix x and y. */
const surface = { name: 'quadratic', params: { kappa: 100, angle: 25 } };
const start: [number, number] = [-3.5, 2];

function eigen(): number[] {
  const obj = makeObjective(surfaces.quadratic, surface.params, 0);
  const h = new Float64Array(3);
  obj.hessian(0, 0, h);
  return eigenvalues2(h[0], h[1], h[2]);
}

function startLoss(): number {
  const c = normalizeConfig({ surface, optimizers: [{ name: 'gd' }], start });
  return makeObjective(surfaces.quadratic, c.surface.params, 0).value(start[0], start[1]);
}

function measured(s: SweepConfig, r: SweepResult, f0: number): boolean[][] {
  const nx = s.xs.length;
  return Array.from({ length: Math.max(1, s.ys.length) }, (_, j) =>
    s.xs.map((_, i) => converged(f0, r.loss[j * nx + i], r.divergedAt[j * nx + i])),
  );
}

/**
 * Compares a measured row with the analytic one along lr: they must agree on every cell except one
 * whose lr lies within one grid step of an analytic edge (the grid cannot resolve the edge finer).
 */
function disagreements(xs: number[], got: boolean[], want: (lr: number) => boolean): number[] {
  const ratio = xs[1] / xs[0];
  const bad: number[] = [];
  xs.forEach((lr, i) => {
    if (got[i] === want(lr)) return;
    const nearEdge = want(lr / ratio) !== want(lr) || want(lr * ratio) !== want(lr);
    if (!nearEdge) bad.push(i);
  });
  return bad;
}

describe('on the quadratic with κ = 100 the measured map agrees with the analysis', () => {
  const lambdas = eigen();
  const f0 = startLoss();

  it('has the eigenvalues 1 and κ', () => {
    expect(lambdas[0]).toBeCloseTo(1, 12);
    expect(lambdas[1]).toBeCloseTo(100, 10);
  });

  it('GD converges exactly where 0 < lr·λ < 2 for every eigenvalue', () => {
    const s = normalizeSweep({ surface, start, steps: 300, optimizer: { name: 'gd' }, x: { key: 'lr', from: 1e-3, to: 0.1, n: 128, scale: 'log' } });
    const got = measured(s, sweep(s), f0)[0];
    const want = (lr: number) => lambdas.every((l) => gdStable(lr, l));
    expect(disagreements(s.xs, got, want)).toEqual([]);
    // Both sides of the edge lr = 2/λmax = 0.02 are on the grid, and the last convergent cell is next to it.
    const last = got.lastIndexOf(true);
    expect(got.slice(0, last + 1).every(Boolean)).toBe(true);
    expect(s.xs[last]).toBeLessThan(0.02 * (s.xs[1] / s.xs[0]));
    expect(s.xs[last + 1]).toBeGreaterThan(0.02 / (s.xs[1] / s.xs[0]));
  });

  const momentumSweep = normalizeSweep({
    surface,
    start,
    steps: 300,
    optimizer: { name: 'momentum' },
    x: { key: 'lr', from: 1e-3, to: 0.1, n: 64, scale: 'log' },
    y: { key: 'momentum', from: 0, to: 0.95, n: 48, scale: 'linear' },
  });
  const momentumResult = sweep(momentumSweep);

  it('heavy-ball momentum converges exactly where 0 < lr·λ < 2 + 2β for every eigenvalue', () => {
    const got = measured(momentumSweep, momentumResult, f0);
    momentumSweep.ys.forEach((beta, j) => {
      const want = (lr: number) => lambdas.every((l) => momentumStable(lr, beta, l));
      expect({ beta, bad: disagreements(momentumSweep.xs, got[j], want) }).toEqual({ beta, bad: [] });
    });
    // The edge moves with β: at β = 0.95 lr = 0.039 converges, which GD (β = 0) cannot.
    const j = momentumSweep.ys.length - 1;
    const i = momentumSweep.xs.findIndex((lr) => lr > 0.036);
    expect(got[j][i]).toBe(true);
    expect(got[0][i]).toBe(false);
  });

  it('the best measured cell is within one cell of (lr*, β*)', () => {
    const { xs, ys } = momentumSweep;
    const nx = xs.length;
    let best = 0;
    for (let c = 1; c < momentumResult.loss.length; c++) {
      if (momentumResult.divergedAt[c] < 0 && !(momentumResult.loss[c] >= momentumResult.loss[best])) best = c;
    }
    const bi = best % nx;
    const bj = (best - bi) / nx;
    const opt = momentumOptimum(lambdas[0], lambdas[1]);
    expect(opt.lr).toBeCloseTo((2 / 11) ** 2, 12);
    expect(opt.momentum).toBeCloseTo((9 / 11) ** 2, 12);
    // Fractional grid positions of the optimum.
    const iStar = ((nx - 1) * Math.log(opt.lr / xs[0])) / Math.log(xs[nx - 1] / xs[0]);
    const jStar = ((ys.length - 1) * (opt.momentum - ys[0])) / (ys[ys.length - 1] - ys[0]);
    expect(Math.abs(bi - iStar)).toBeLessThanOrEqual(1);
    expect(Math.abs(bj - jStar)).toBeLessThanOrEqual(1);
    expect(momentumResult.loss[best]).toBeLessThan(1e-20);
  });
});

describe('the stability threshold along a path', () => {
  it('is the largest Hessian eigenvalue: κ everywhere on the quadratic, 1001.6 at Rosenbrock’s minimum', () => {
    const q = makeObjective(surfaces.quadratic, { kappa: 100, angle: 25 }, 0);
    const s = sharpnessAlong((x, y, out) => q.hessian(x, y, out), new Float64Array([1, 2, -3, 0.5]));
    expect(s[0]).toBeCloseTo(100, 10);
    expect(s[1]).toBeCloseTo(100, 10);
    const r = makeObjective(surfaces.rosenbrock, {}, 0.5);
    const [at] = sharpnessAlong((x, y, out) => r.hessian(x, y, out), new Float64Array([1, 1]));
    // H = [[802, −400], [−400, 200]] + 0.5·I
    expect(at).toBeCloseTo(501 + Math.hypot(301, 400) + 0.5, 9);
  });

  it('is 2/lr for GD, (2 + 2β)/lr for heavy ball, (2 + 2β)/((1 + 2β)·lr) for Nesterov, GD’s as a reference otherwise', () => {
    expect(stabilityThreshold({ name: 'gd', lr: 0.01 })).toEqual({ value: 200, exact: true });
    expect(stabilityThreshold({ name: 'momentum', lr: 0.01, momentum: 0.9, dampening: 0 })!.value).toBeCloseTo(380, 9);
    expect(stabilityThreshold({ name: 'nesterov', lr: 0.01, momentum: 0.9 })!.value).toBeCloseTo(380 / 2.8, 9);
    expect(stabilityThreshold({ name: 'adam', lr: 0.01 })).toEqual({ value: 200, exact: false });
  });

  it('Nesterov on the κ = 100 quadratic converges exactly below its threshold', () => {
    const s = normalizeSweep({ surface, start, steps: 300, optimizer: { name: 'nesterov', momentum: 0.9 }, x: { key: 'lr', from: 1e-3, to: 0.1, n: 96, scale: 'log' } });
    const got = measured(s, sweep(s), startLoss())[0];
    const edge = stabilityThreshold({ name: 'nesterov', lr: 1, momentum: 0.9 })!.value; // lr·λ at the edge
    expect(disagreements(s.xs, got, (lr) => lr * 100 < edge && lr * 1 < edge)).toEqual([]);
    expect(got.some(Boolean) && !got.every(Boolean)).toBe(true);
  });
});
