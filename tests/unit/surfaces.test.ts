/**
 * Surfaces: exact derivatives (against PyTorch autograd fixtures, finite differences and hand
 * computation), the finite-sum structure of the data surfaces, critical points, the l2 objective,
 * the plotting grid, the registry and the shipped datasets.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFiles, genLinreg, genLogreg, genTinynet } from '../../scripts/gen-datasets';
import {
  defaultSurfaceParams,
  getSurface,
  isSurfaceName,
  makeObjective,
  surfaceGrid,
  surfaceNames,
  surfaces,
  type SurfaceCore,
  type SurfaceDef,
  type BuiltinSurfaceName,
  type SurfaceName,
} from '../../src/surfaces';
import { analyticCore } from '../../src/surfaces/util';

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers

interface FixtureSurface {
  name: string;
  params?: Record<string, number>;
  l2?: number;
}
interface DerivativeFixture {
  surface: FixtureSurface;
  point: [number, number];
  value: number;
  grad: [number, number];
  hessian: [[number, number], [number, number]];
}
interface TrajectoryFixture {
  surface: FixtureSurface;
  path: [number, number][];
  loss: number[];
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/torch-reference.json', import.meta.url), 'utf8')) as {
  derivatives: DerivativeFixture[];
  trajectories: TrajectoryFixture[];
};
/** Surfaces added later: autograd fixtures of the same shape (scripts/gen-derivatives.py). */
const derivatives2 = JSON.parse(readFileSync(new URL('../fixtures/derivatives-2.json', import.meta.url), 'utf8')) as {
  derivatives: DerivativeFixture[];
};
const allDerivatives = [...reference.derivatives, ...derivatives2.derivatives];

const analyticNames = surfaceNames.filter((n) => surfaces[n].kind === 'analytic');
const dataNames = surfaceNames.filter((n) => surfaces[n].kind === 'data');

/** |a − b| ≤ rel·max(1, |b|) */
function expectClose(actual: number, expected: number, rel: number, what = ''): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: ${actual} differs from ${expected} by ${Math.abs(actual - expected)} > ${tol}`);
  }
}

const EPS = Number.EPSILON;
/** Step of the finite differences. */
const H = 1e-3;

/**
 * Five-point central difference of `fn` at t: (F(t−2h) − 8F(t−h) + 8F(t+h) − F(t+2h)) / 12h, with
 * truncation error h⁴·F⁽⁵⁾/30 (≈ 1e-12·F⁽⁵⁾). Also returns the largest |F| it saw, for the
 * round-off part of the tolerance.
 */
function diff5(fn: (t: number) => number, t: number): { d: number; big: number } {
  const a = fn(t - 2 * H);
  const b = fn(t - H);
  const c = fn(t + H);
  const e = fn(t + 2 * H);
  return { d: (a - 8 * b + 8 * c - e) / (12 * H), big: Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(e)) };
}

/** Tolerance for a five-point difference: truncation (relative 1e-8) plus round-off ≈ 4ε·|F|/h. */
function cdTol(exact: number, magnitudeOfF: number): number {
  return 1e-8 * Math.max(1, Math.abs(exact)) + (4 * EPS * Math.max(1, Math.abs(magnitudeOfF))) / H;
}

/** Expects |exact − numeric.d| within cdTol. */
function expectDiff(exact: number, numeric: { d: number; big: number }, what: string): void {
  const tol = cdTol(exact, numeric.big);
  if (!(Math.abs(exact - numeric.d) <= tol)) {
    throw new Error(`${what}: exact ${exact} vs finite difference ${numeric.d} (off by ${Math.abs(exact - numeric.d)} > ${tol})`);
  }
}

/**
 * A number in [lo, hi]: mostly uniform (fc.double alone crowds its values near 0 and the bounds,
 * which would leave most of a domain untested), sometimes fc.double's edge cases.
 */
function inRange(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1 << 30 }).map((k) => lo + ((hi - lo) * k) / (1 << 30)) },
    { weight: 1, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }) },
  );
}

/** A random point of the surface's domain (fast-check arbitrary). */
function pointIn(def: SurfaceDef): fc.Arbitrary<[number, number]> {
  return fc.tuple(inRange(def.domain.x[0], def.domain.x[1]), inRange(def.domain.y[0], def.domain.y[1]));
}

/** Random parameters within each spec's range (log-uniform for log-scale parameters). */
function paramsOf(def: SurfaceDef): fc.Arbitrary<Record<string, number>> {
  const entries = def.params.map((p) =>
    p.scale === 'log'
      ? inRange(Math.log(p.min), Math.log(p.max)).map((v) => [p.key, Math.exp(v)] as const)
      : inRange(p.min, p.max).map((v) => [p.key, v] as const),
  );
  return fc.tuple(...entries).map((kv) => Object.fromEntries(kv));
}

const l2Arb = fc.oneof(fc.constant(0), inRange(0, 2));

/** Surface × params × l2 × point. */
function objectiveCase(def: SurfaceDef) {
  return fc.record({ params: paramsOf(def), l2: l2Arb, p: pointIn(def) });
}

const g = new Float64Array(2);
const gp = new Float64Array(2);
const gm = new Float64Array(2);
const hess = new Float64Array(3);

// ---------------------------------------------------------------------------------------------

describe('registry', () => {
  it('lists every surface once: the analytic ones in contract order, then the data surfaces', () => {
    expect(surfaceNames).toEqual([
      'quadratic',
      'rosenbrock',
      'beale',
      'himmelblau',
      'saddle',
      'rastrigin',
      'camel',
      'sharpflat',
      'linreg',
      'logreg',
      'tinynet',
    ]);
    expect(Object.keys(surfaces).sort()).toEqual([...surfaceNames].sort());
    for (const name of surfaceNames) expect(surfaces[name].name).toBe(name);
  });

  it('looks surfaces up by name and rejects unknown names', () => {
    expect(getSurface('rosenbrock')).toBe(surfaces.rosenbrock);
    expect(getSurface('nope')).toBeUndefined();
    expect(getSurface('toString')).toBeUndefined();
    expect(isSurfaceName('tinynet')).toBe(true);
    expect(isSurfaceName('constructor')).toBe(false);
  });

  it('gives the quadratic its kappa (log scale, default 10) and angle (degrees, default 0) parameters', () => {
    expect(defaultSurfaceParams(surfaces.quadratic)).toEqual({ kappa: 10, angle: 0 });
    const [kappa, angle] = surfaces.quadratic.params;
    expect([kappa.key, kappa.min, kappa.max, kappa.scale]).toEqual(['kappa', 1, 1000, 'log']);
    expect([angle.key, angle.min, angle.max, angle.scale]).toEqual(['angle', -90, 90, 'linear']);
    for (const name of surfaceNames) if (name !== 'quadratic') expect(defaultSurfaceParams(surfaces[name])).toEqual({});
  });

  it.each(surfaceNames)('%s: describes its kind, axes, formula and domain consistently', (name) => {
    const def = surfaces[name];
    const expectedAxes: Record<BuiltinSurfaceName, [string, string]> = {
      quadratic: ['x', 'y'],
      rosenbrock: ['x', 'y'],
      beale: ['x', 'y'],
      himmelblau: ['x', 'y'],
      saddle: ['x', 'y'],
      rastrigin: ['x', 'y'],
      camel: ['x', 'y'],
      sharpflat: ['x', 'y'],
      linreg: ['w', 'b'],
      logreg: ['w_1', 'w_2'],
      tinynet: ['w_1', 'w_2'],
    };
    expect(def.axes).toEqual(expectedAxes[name]);
    expect(def.kind).toBe(dataNames.includes(name) ? 'data' : 'analytic');
    expect(def.latex.length).toBeGreaterThan(10);
    expect(def.label.length).toBeGreaterThan(0);
    expect(def.domain.x[0]).toBeLessThan(def.domain.x[1]);
    expect(def.domain.y[0]).toBeLessThan(def.domain.y[1]);
    const core = def.create(defaultSurfaceParams(def));
    if (def.kind === 'analytic') {
      expect(core.n).toBe(0);
      expect(core.data).toBeNull();
    } else {
      expect(core.n).toBeGreaterThan(0);
      expect(core.data).not.toBeNull();
    }
  });

  it('fills missing or non-finite parameters with their defaults', () => {
    const a = surfaces.quadratic.create({});
    const b = surfaces.quadratic.create({ kappa: 10, angle: 0 });
    const c = surfaces.quadratic.create({ kappa: Number.NaN });
    for (const [x, y] of [
      [1, 2],
      [-3, 0.5],
    ]) {
      expect(a.value(x, y)).toBe(b.value(x, y));
      expect(c.value(x, y)).toBe(b.value(x, y));
    }
  });
});

describe('derivatives match PyTorch autograd (fixtures)', () => {
  it('has derivative fixtures for every analytic surface', () => {
    const covered = new Set(allDerivatives.map((d) => d.surface.name));
    for (const name of analyticNames) expect(covered.has(name), name).toBe(true);
  });

  it.each(allDerivatives.map((d, i) => [i, d.surface.name, d] as const))(
    'fixture %i (%s): value, gradient and Hessian agree to 1e-9 relative',
    (_i, name, d) => {
      const def = getSurface(name);
      expect(def).toBeDefined();
      const core = def!.create(d.surface.params ?? {});
      const [x, y] = d.point;
      const v = core.valueGrad(x, y, g);
      core.hessian(x, y, hess);
      expectClose(v, d.value, 1e-9, 'valueGrad value');
      expectClose(core.value(x, y), d.value, 1e-9, 'value');
      expectClose(g[0], d.grad[0], 1e-9, 'df/dx');
      expectClose(g[1], d.grad[1], 1e-9, 'df/dy');
      expectClose(hess[0], d.hessian[0][0], 1e-9, 'd2f/dx2');
      expectClose(hess[1], d.hessian[0][1], 1e-9, 'd2f/dxdy');
      expectClose(hess[1], d.hessian[1][0], 1e-9, 'd2f/dydx');
      expectClose(hess[2], d.hessian[1][1], 1e-9, 'd2f/dy2');
    },
  );

  it.each(reference.trajectories.map((t, i) => [i, t.surface.name, t] as const))(
    'trajectory %i (%s): the objective (l2 included) equals torch\'s loss at every point of the path',
    (_i, name, t) => {
      const core = makeObjective(getSurface(name)!, t.surface.params ?? {}, t.surface.l2 ?? 0);
      expect(t.path.length).toBe(t.loss.length);
      t.path.forEach(([x, y], k) => expectClose(core.value(x, y), t.loss[k], 1e-9, `loss[${k}]`));
    },
  );
});

describe('hand-computed values', () => {
  it('rosenbrock at (−1, 2): f = 104, ∇f = (396, 200), H = [[402, 400], [400, 200]]', () => {
    const core = surfaces.rosenbrock.create({});
    expect(core.valueGrad(-1, 2, g)).toBe(104);
    expect([g[0], g[1]]).toEqual([396, 200]);
    core.hessian(-1, 2, hess);
    expect([...hess]).toEqual([402, 400, 200]);
  });

  it('rosenbrock at (−1.5, 2): f = 12.5, ∇f = (−155, −50), H = [[1902, 600], [600, 200]]', () => {
    const core = surfaces.rosenbrock.create({});
    expect(core.valueGrad(-1.5, 2, g)).toBe(12.5);
    expect([g[0], g[1]]).toEqual([-155, -50]);
    core.hessian(-1.5, 2, hess);
    expect([...hess]).toEqual([1902, 600, 200]);
  });

  it('quadratic κ = 4, angle 30°: H = [[7/4, −3√3/4], [−3√3/4, 13/4]] and f, ∇f at (1, 0) and (1, 2)', () => {
    const core = surfaces.quadratic.create({ kappa: 4, angle: 30 });
    const r3 = Math.sqrt(3);
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-14);
    // (1, 0): u = √3/2, v = −1/2, f = ½(3/4 + 4/4) = 7/8
    close(core.valueGrad(1, 0, g), 0.875);
    close(g[0], 1.75);
    close(g[1], (-3 * r3) / 4);
    // (1, 2): f = 7.375 − 1.5√3, ∇f = H·(1, 2)
    close(core.valueGrad(1, 2, g), 7.375 - 1.5 * r3);
    close(g[0], 1.75 - 1.5 * r3);
    close(g[1], 6.5 - (3 * r3) / 4);
    core.hessian(1, 2, hess);
    close(hess[0], 1.75);
    close(hess[1], (-3 * r3) / 4);
    close(hess[2], 3.25);
  });

  it('quadratic with default params at (−3.5, 2): f = 26.125, ∇f = (−3.5, 20), H = diag(1, 10)', () => {
    const core = surfaces.quadratic.create({});
    expect(core.valueGrad(-3.5, 2, g)).toBe(26.125);
    expect([g[0], g[1]]).toEqual([-3.5, 20]);
    core.hessian(-3.5, 2, hess);
    expect([...hess]).toEqual([1, 0, 10]);
  });

  it('saddle at (1, 1): f = 1/4, ∇f = (2, −1), H = diag(2, 1)', () => {
    const core = surfaces.saddle.create({});
    expect(core.valueGrad(1, 1, g)).toBe(0.25);
    expect([g[0], g[1]]).toEqual([2, -1]);
    core.hessian(1, 1, hess);
    expect([...hess]).toEqual([2, 0, 1]);
  });
});

describe.each(surfaceNames)('%s: exact derivatives (property tests, with random params and l2)', (name) => {
  const def = surfaces[name];

  it('valueGrad returns value() and the gradient equals central differences of f', () => {
    fc.assert(
      fc.property(objectiveCase(def), ({ params, l2, p: [x, y] }) => {
        const core = makeObjective(def, params, l2);
        const f = core.valueGrad(x, y, g);
        expect(f).toBe(core.value(x, y));
        expectDiff(g[0], diff5((t) => core.value(t, y), x), 'df/dx');
        expectDiff(g[1], diff5((t) => core.value(x, t), y), 'df/dy');
      }),
    );
  });

  it('the Hessian equals central differences of the gradient, and is symmetric (∂x∂y = ∂y∂x)', () => {
    fc.assert(
      fc.property(objectiveCase(def), ({ params, l2, p: [x, y] }) => {
        const core = makeObjective(def, params, l2);
        core.hessian(x, y, hess);
        const gx = (i: 0 | 1) => (t: number) => (core.valueGrad(t, y, gp), gp[i]);
        const gy = (i: 0 | 1) => (t: number) => (core.valueGrad(x, t, gp), gp[i]);
        const dyx = diff5(gx(1), x); // ∂/∂x of ∂f/∂y
        const dxy = diff5(gy(0), y); // ∂/∂y of ∂f/∂x
        expectDiff(hess[0], diff5(gx(0), x), 'd2f/dx2');
        expectDiff(hess[1], dyx, 'd2f/dydx');
        expectDiff(hess[1], dxy, 'd2f/dxdy');
        expectDiff(hess[2], diff5(gy(1), y), 'd2f/dy2');
        expect(Math.abs(dxy.d - dyx.d)).toBeLessThanOrEqual(cdTol(hess[1], dxy.big) + cdTol(hess[1], dyx.big));
      }),
    );
  });

  if (def.kind === 'analytic') {
    it('batchGrad writes the full gradient and sampleLoss returns f, whatever the indices', () => {
      const idx = Int32Array.from([3, 1, 4]);
      fc.assert(
        fc.property(objectiveCase(def), ({ params, l2, p: [x, y] }) => {
          const core = makeObjective(def, params, l2);
          const f = core.valueGrad(x, y, g);
          gp.fill(Number.NaN);
          core.batchGrad(x, y, idx, 0, 2, gp);
          expect([gp[0], gp[1]]).toEqual([g[0], g[1]]);
          expect(core.sampleLoss(7, x, y)).toBe(f);
        }),
      );
    });
  }
});

describe.each(dataNames)('%s: finite-sum structure (property tests)', (name) => {
  const def = surfaces[name];
  const n = def.create({}).n;
  const all = Int32Array.from({ length: n }, (_, i) => i);

  it('the full-batch gradient is the mean of the per-sample gradients, and f the mean of sampleLoss', () => {
    fc.assert(
      fc.property(pointIn(def), l2Arb, ([x, y], l2) => {
        const core = makeObjective(def, {}, l2);
        const f = core.valueGrad(x, y, g);
        let sx = 0;
        let sy = 0;
        let sf = 0;
        for (let i = 0; i < n; i++) {
          core.batchGrad(x, y, all, i, i + 1, gp);
          sx += gp[0];
          sy += gp[1];
          sf += core.sampleLoss(i, x, y);
        }
        expectClose(sx / n, g[0], 1e-10, 'mean per-sample df/dx');
        expectClose(sy / n, g[1], 1e-10, 'mean per-sample df/dy');
        expectClose(sf / n, f, 1e-10, 'mean sampleLoss');
      }),
    );
  });

  it('batchGrad over all indices (any order) equals valueGrad', () => {
    fc.assert(
      fc.property(pointIn(def), l2Arb, fc.shuffledSubarray([...all], { minLength: n, maxLength: n }), ([x, y], l2, perm) => {
        const core = makeObjective(def, {}, l2);
        core.valueGrad(x, y, g);
        core.batchGrad(x, y, Int32Array.from(perm), 0, n, gp);
        expectClose(gp[0], g[0], 1e-10, 'df/dx');
        expectClose(gp[1], g[1], 1e-10, 'df/dy');
      }),
    );
  });

  it('batchGrad over idx[from..to) is the mean of the single-sample gradients there, and each is ∇ of sampleLoss', () => {
    fc.assert(
      fc.property(
        pointIn(def),
        l2Arb,
        fc.array(fc.nat({ max: n - 1 }), { minLength: 3, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        ([x, y], l2, list, a, b) => {
          const core = makeObjective(def, {}, l2);
          const idx = Int32Array.from(list);
          const from = a % (list.length - 1);
          const to = from + 1 + (b % (list.length - from));
          core.batchGrad(x, y, idx, from, to, g);
          let sx = 0;
          let sy = 0;
          for (let k = from; k < to; k++) {
            core.batchGrad(x, y, idx, k, k + 1, gp);
            sx += gp[0];
            sy += gp[1];
            // The single-sample gradient is the derivative of that sample's loss.
            const i = idx[k];
            expectDiff(gp[0], diff5((t) => core.sampleLoss(i, t, y), x), `dl${i}/dx`);
            expectDiff(gp[1], diff5((t) => core.sampleLoss(i, x, t), y), `dl${i}/dy`);
          }
          const m = to - from;
          expectClose(g[0], sx / m, 1e-10, 'batch df/dx');
          expectClose(g[1], sy / m, 1e-10, 'batch df/dy');
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** Minima quoted in CONTRACT.md §1 (coordinates to the precision given there). */
const contractMinima: Partial<Record<SurfaceName, { points: [number, number][]; value: number; tol: number }>> = {
  quadratic: { points: [[0, 0]], value: 0, tol: 0 },
  rosenbrock: { points: [[1, 1]], value: 0, tol: 0 },
  beale: { points: [[3, 0.5]], value: 0, tol: 0 },
  himmelblau: {
    points: [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ],
    value: 0,
    tol: 1e-6,
  },
  saddle: {
    points: [
      [0, Math.SQRT2],
      [0, -Math.SQRT2],
    ],
    value: -1,
    tol: 0,
  },
  rastrigin: { points: [[0, 0]], value: 0, tol: 0 },
  camel: {
    points: [
      [0.0898, -0.7126],
      [-0.0898, 0.7126],
    ],
    value: -1.0316,
    tol: 1e-4,
  },
  sharpflat: {
    points: [
      [1, 0],
      [-1, 0],
    ],
    value: 0,
    tol: 0,
  },
};

describe.each(surfaceNames)('%s: critical points and default start', (name) => {
  const def = surfaces[name];
  const params = defaultSurfaceParams(def);
  const core = def.create(params);
  const cps = def.criticalPoints(params);
  const minima = cps.filter((c) => c.kind === 'min');
  const saddles = cps.filter((c) => c.kind === 'saddle');

  it('lists at least one global minimum, all inside the domain, with value f(point)', () => {
    expect(minima.some((c) => c.global)).toBe(true);
    for (const c of cps) {
      const [x, y] = c.point;
      expect(x).toBeGreaterThanOrEqual(def.domain.x[0]);
      expect(x).toBeLessThanOrEqual(def.domain.x[1]);
      expect(y).toBeGreaterThanOrEqual(def.domain.y[0]);
      expect(y).toBeLessThanOrEqual(def.domain.y[1]);
      expectClose(c.value, core.value(x, y), 1e-12, `value at ${c.point}`);
    }
  });

  it('has a (numerically) zero gradient at every listed point', () => {
    for (const c of cps) {
      core.valueGrad(c.point[0], c.point[1], g);
      expect(Math.hypot(g[0], g[1]), `${c.kind} at ${c.point}`).toBeLessThan(1e-10);
    }
  });

  it('has a positive-definite Hessian at minima and an indefinite one at saddle points', () => {
    for (const c of minima) {
      core.hessian(c.point[0], c.point[1], hess);
      expect(hess[0], `min at ${c.point}`).toBeGreaterThan(0);
      expect(hess[0] * hess[2] - hess[1] * hess[1], `min at ${c.point}`).toBeGreaterThan(0);
    }
    for (const c of saddles) {
      core.hessian(c.point[0], c.point[1], hess);
      expect(hess[0] * hess[2] - hess[1] * hess[1], `saddle at ${c.point}`).toBeLessThan(0);
    }
  });

  it('marks as global exactly the lowest minima, and no grid point of the domain is lower', () => {
    const best = Math.min(...minima.map((c) => c.value));
    for (const c of minima) expect(Boolean(c.global), `${c.point}`).toBe(Math.abs(c.value - best) <= 1e-9 * Math.max(1, Math.abs(best)));
    const grid = surfaceGrid(core, def.domain, 161, 161);
    let lowest = Infinity;
    for (const v of grid) lowest = Math.min(lowest, v);
    expect(best).toBeLessThanOrEqual(lowest);
  });

  it('returns fresh copies (mutating the result does not change the next call)', () => {
    const a = def.criticalPoints(params);
    a[0].point[0] = 1e9;
    a[0].value = 1e9;
    expect(def.criticalPoints(params)[0]).toEqual(cps[0]);
  });

  const expected = contractMinima[name];
  if (expected) {
    it('contains the contract\'s minima at the contract\'s value', () => {
      for (const [px, py] of expected.points) {
        const match = minima.find(
          (c) => Math.abs(c.point[0] - px) <= expected.tol + 1e-12 && Math.abs(c.point[1] - py) <= expected.tol + 1e-12,
        );
        expect(match, `minimum near (${px}, ${py})`).toBeDefined();
        expect(match!.global).toBe(true);
        expect(Math.abs(match!.value - expected.value)).toBeLessThanOrEqual(Math.max(expected.tol, 1e-15));
      }
    });
  }

  it('starts by default inside the domain, away from every critical point, where the gradient is not small', () => {
    const [x, y] = def.defaultStart;
    expect(x).toBeGreaterThan(def.domain.x[0]);
    expect(x).toBeLessThan(def.domain.x[1]);
    expect(y).toBeGreaterThan(def.domain.y[0]);
    expect(y).toBeLessThan(def.domain.y[1]);
    for (const c of cps) expect(Math.hypot(c.point[0] - x, c.point[1] - y)).toBeGreaterThan(0.1);
    core.valueGrad(x, y, g);
    expect(Math.hypot(g[0], g[1])).toBeGreaterThan(1e-3);
  });
});

describe('specific critical points', () => {
  it('quadratic: the minimum is (0, 0) with f = 0 for any kappa and angle', () => {
    fc.assert(
      fc.property(paramsOf(surfaces.quadratic), (params) => {
        expect(surfaces.quadratic.criticalPoints(params)).toEqual([{ point: [0, 0], value: 0, kind: 'min', global: true }]);
        const core = surfaces.quadratic.create(params);
        core.hessian(0, 0, hess);
        // eigenvalues 1 and κ: trace 1 + κ, determinant κ
        expectClose(hess[0] + hess[2], 1 + params.kappa, 1e-12, 'trace');
        expectClose(hess[0] * hess[2] - hess[1] * hess[1], params.kappa, 1e-9, 'det');
      }),
    );
  });

  it('saddle: the saddle point is (0, 0) with Hessian diag(2, −2)', () => {
    const s = surfaces.saddle.criticalPoints({}).filter((c) => c.kind === 'saddle');
    expect(s).toEqual([{ point: [0, 0], value: 0, kind: 'saddle' }]);
    surfaces.saddle.create({}).hessian(0, 0, hess);
    expect([...hess]).toEqual([2, 0, -2]);
  });

  it('himmelblau: four minima with f below 1e-25, refined beyond the quoted 6 digits', () => {
    const core = surfaces.himmelblau.create({});
    const m = surfaces.himmelblau.criticalPoints({}).filter((c) => c.kind === 'min');
    expect(m).toHaveLength(4);
    for (const c of m) {
      expect(core.value(c.point[0], c.point[1])).toBeLessThan(1e-25);
      core.valueGrad(c.point[0], c.point[1], g);
      expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-12);
    }
  });

  it('camel: two global minima, mirror images, f ≈ −1.0316', () => {
    const m = surfaces.camel.criticalPoints({}).filter((c) => c.global);
    expect(m).toHaveLength(2);
    expect(m[0].point[0]).toBeCloseTo(-m[1].point[0], 12);
    expect(m[0].point[1]).toBeCloseTo(-m[1].point[1], 12);
    for (const c of m) expect(c.value).toBeCloseTo(-1.0316284535, 9);
  });

  it('rastrigin: only (0, 0) is global; the neighbouring local minima are higher', () => {
    const m = surfaces.rastrigin.criticalPoints({});
    expect(m.filter((c) => c.global)).toEqual([{ point: [0, 0], value: 0, kind: 'min', global: true }]);
    for (const c of m) if (!c.global) expect(c.value).toBeGreaterThan(0.9);
  });

  it('tinynet: two mirrored global minima with equal loss and a saddle exactly at the origin', () => {
    const cps = surfaces.tinynet.criticalPoints({});
    const m = cps.filter((c) => c.kind === 'min');
    expect(m).toHaveLength(2);
    expect(m[0].point[0]).toBe(-m[1].point[0]);
    expect(m[0].point[1]).toBe(-m[1].point[1]);
    expectClose(m[0].value, m[1].value, 1e-14, 'mirrored values');
    expect(m.every((c) => c.global)).toBe(true);
    expect(Math.abs(m[0].point[0])).toBeGreaterThan(1);
    expect(cps.filter((c) => c.kind === 'saddle')).toEqual([
      { point: [0, 0], value: surfaces.tinynet.create({}).value(0, 0), kind: 'saddle' },
    ]);
  });

  it('linreg: the minimum is the least-squares fit (normal equations hold)', () => {
    const [c] = surfaces.linreg.criticalPoints({});
    const data = surfaces.linreg.create({}).data;
    if (data?.kind !== 'xy') throw new Error('linreg data should be xy');
    const [w, b] = c.point;
    let rx = 0;
    let r1 = 0;
    for (let i = 0; i < data.x.length; i++) {
      const r = w * data.x[i] + b - data.y[i];
      rx += r * data.x[i];
      r1 += r;
    }
    expect(Math.abs(rx)).toBeLessThan(1e-10);
    expect(Math.abs(r1)).toBeLessThan(1e-10);
  });

  it.each(dataNames)('%s: the minima lie well inside the domain (at least 15%% of its width from each edge)', (name) => {
    const def = surfaces[name];
    for (const c of def.criticalPoints({})) {
      const fx = (c.point[0] - def.domain.x[0]) / (def.domain.x[1] - def.domain.x[0]);
      const fy = (c.point[1] - def.domain.y[0]) / (def.domain.y[1] - def.domain.y[0]);
      expect(fx).toBeGreaterThan(0.15);
      expect(fx).toBeLessThan(0.85);
      expect(fy).toBeGreaterThan(0.15);
      expect(fy).toBeLessThan(0.85);
    }
  });

  it('linreg is an elongated ravine: condition number of the Hessian above 20', () => {
    surfaces.linreg.create({}).hessian(0, 0, hess);
    const tr = hess[0] + hess[2];
    const det = hess[0] * hess[2] - hess[1] * hess[1];
    const d = Math.sqrt((tr * tr) / 4 - det);
    expect((tr / 2 + d) / (tr / 2 - d)).toBeGreaterThan(20);
  });
});

describe('makeObjective and the l2 term', () => {
  it('returns the surface core itself when l2 = 0', () => {
    expect(makeObjective(surfaces.rosenbrock, {}, 0)).toBe(surfaces.rosenbrock.create({}));
    expect(makeObjective(surfaces.linreg, {}, 0)).toBe(surfaces.linreg.create({}));
  });

  it.each(surfaceNames)('%s: adds (λ/2)|θ|² to f and sampleLoss, λθ to the gradients and λI to the Hessian', (name) => {
    const def = surfaces[name];
    const base = def.create({});
    const idx = Int32Array.from({ length: Math.max(base.n, 1) }, (_, i) => i);
    fc.assert(
      fc.property(pointIn(def), inRange(1e-3, 2), ([x, y], l2) => {
        const obj = makeObjective(def, {}, l2);
        const extra = 0.5 * l2 * (x * x + y * y);
        expect(obj.n).toBe(base.n);
        expect(obj.data).toBe(base.data);
        const f0 = base.valueGrad(x, y, gm);
        expectClose(obj.valueGrad(x, y, g), f0 + extra, 1e-14, 'value');
        expectClose(obj.value(x, y), f0 + extra, 1e-14, 'value()');
        expectClose(g[0], gm[0] + l2 * x, 1e-14, 'gx');
        expectClose(g[1], gm[1] + l2 * y, 1e-14, 'gy');
        base.batchGrad(x, y, idx, 0, 1, gm);
        obj.batchGrad(x, y, idx, 0, 1, g);
        expectClose(g[0], gm[0] + l2 * x, 1e-14, 'batch gx');
        expectClose(g[1], gm[1] + l2 * y, 1e-14, 'batch gy');
        expectClose(obj.sampleLoss(0, x, y), base.sampleLoss(0, x, y) + extra, 1e-14, 'sampleLoss');
        base.hessian(x, y, hess);
        const h0 = [hess[0], hess[1], hess[2]];
        obj.hessian(x, y, hess);
        expectClose(hess[0], h0[0] + l2, 1e-14, 'hxx');
        expect(hess[1]).toBe(h0[1]);
        expectClose(hess[2], h0[2] + l2, 1e-14, 'hyy');
      }),
      { numRuns: 50 },
    );
  });

  it('moves the quadratic\'s minimum nowhere but raises its curvature by λ', () => {
    const obj = makeObjective(surfaces.quadratic, { kappa: 10, angle: 0 }, 0.5);
    expect(obj.valueGrad(0, 0, g)).toBe(0);
    expect([g[0], g[1]]).toEqual([0, 0]);
    obj.hessian(0, 0, hess);
    expect([...hess]).toEqual([1.5, 0, 10.5]);
  });
});

describe('surfaceGrid', () => {
  const plane: SurfaceCore = analyticCore(
    (x, y) => x + 100 * y,
    (x, y, out) => {
      out[0] = 1;
      out[1] = 100;
      return x + 100 * y;
    },
    (_x, _y, out) => out.fill(0),
  );
  const domain = { x: [-1, 3] as [number, number], y: [2, 6] as [number, number] };

  it('samples the corners row-major, row 0 at the top (y1), column 0 at the left (x0)', () => {
    const nx = 5;
    const ny = 3;
    const v = surfaceGrid(plane, domain, nx, ny);
    expect(v).toHaveLength(15);
    expect(v[0]).toBe(-1 + 600); // (x0, y1)
    expect(v[nx - 1]).toBe(3 + 600); // (x1, y1)
    expect(v[(ny - 1) * nx]).toBe(-1 + 200); // (x0, y0)
    expect(v[nx * ny - 1]).toBe(3 + 200); // (x1, y0)
    expect(v[1 * nx + 2]).toBe(1 + 400); // x = −1 + 2·1, y = 6 − 1·2
  });

  it('writes into a given buffer of the right size and returns it', () => {
    const out = new Float64Array(12);
    expect(surfaceGrid(plane, domain, 4, 3, out)).toBe(out);
    expect(out[0]).toBe(599);
    expect(surfaceGrid(plane, domain, 2, 2, out)).not.toBe(out);
  });

  it('matches value() of a real surface at the grid corners', () => {
    const core = surfaces.himmelblau.create({});
    const v = surfaceGrid(core, surfaces.himmelblau.domain, 11, 11);
    expect(v[0]).toBe(core.value(-5, 5));
    expect(v[5 * 11 + 5]).toBe(core.value(0, 0));
    expect(v[120]).toBe(core.value(5, -5));
  });
});

describe('datasets', () => {
  const files = datasetFiles();
  const sizes: Record<string, number> = { linreg: 64, logreg: 100, tinynet: 64 };

  it.each(dataNames)('%s: the shipped JSON is exactly what the generator writes', (name) => {
    const shipped = readFileSync(new URL(`../../src/surfaces/data/${name}.json`, import.meta.url), 'utf8');
    expect(shipped).toBe(files[name as keyof typeof files]);
  });

  it.each(dataNames)('%s: has the expected size and the loaded data equal the generated values', (name) => {
    const core = surfaces[name].create({});
    expect(core.n).toBe(sizes[name]);
    const data = core.data!;
    if (name === 'logreg') {
      expect(data.kind).toBe('abt');
      if (data.kind !== 'abt') return;
      const gen = genLogreg();
      expect([...data.a]).toEqual(gen.a);
      expect([...data.b]).toEqual(gen.b);
      expect([...data.t]).toEqual(gen.t);
      expect(data.a).toHaveLength(100);
      expect([...data.t].every((t) => t === 0 || t === 1)).toBe(true);
      expect([...data.t].filter((t) => t === 1)).toHaveLength(50);
    } else {
      expect(data.kind).toBe('xy');
      if (data.kind !== 'xy') return;
      const gen = name === 'linreg' ? genLinreg() : genTinynet();
      expect([...data.x]).toEqual(gen.x);
      expect([...data.y]).toEqual(gen.y);
      expect(data.y).toHaveLength(data.x.length);
    }
  });

  it('stores values rounded to 4 decimals', () => {
    for (const text of Object.values(files)) {
      const parsed = JSON.parse(text) as Record<string, number[]>;
      for (const arr of Object.values(parsed)) for (const v of arr) expect(Math.round(v * 1e4) / 1e4).toBe(v);
    }
  });

  it('linreg: x is not centred (all in [1, 5])', () => {
    const gen = genLinreg();
    expect(Math.min(...gen.x)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...gen.x)).toBeLessThanOrEqual(5);
  });

  it('tinynet: x spans about [−2, 2]', () => {
    const gen = genTinynet();
    expect(Math.min(...gen.x)).toBeLessThan(-1.8);
    expect(Math.max(...gen.x)).toBeGreaterThan(1.8);
    expect(Math.min(...gen.x)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...gen.x)).toBeLessThanOrEqual(2);
  });

  it('logreg: the classes are not separable by any line through the origin', () => {
    const { a, b, t } = genLogreg();
    for (let k = 0; k < 3600; k++) {
      const th = (k / 3600) * 2 * Math.PI;
      const c = Math.cos(th);
      const s = Math.sin(th);
      let errors = 0;
      for (let i = 0; i < a.length; i++) if ((c * a[i] + s * b[i] > 0 ? 1 : 0) !== t[i]) errors++;
      expect(errors).toBeGreaterThan(5);
    }
  });
});
