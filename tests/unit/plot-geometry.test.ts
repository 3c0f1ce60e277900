/**
 * The plot's geometry (issue 17): equal scale at every size, the view grown on the short side,
 * the contour grid covering the view, the gradient meeting the contours at a right angle on
 * screen, and canvas backing stores capped at 4K (issue 11 item 7).
 */
import { describe, expect, it } from 'vitest';
import { covers, equalView, gridDomainFor, isNarrow, plotFont, plotGeometry } from '../../src/plot/geometry';
import { canvasRatio, MAX_CANVAS_PIXELS } from '../../src/plot/marks';
import { getSurface, makeObjective, surfaceNames } from '../../src/surfaces';
import { computeGrid } from '../../src/worker/compute';
import { layoutArrows } from '../../src/components/plot/OverlayView';
import type { ArrowId, StepExplanation } from '../../src/explain/quantities';

const SIZES: [number, number][] = [
  [1280 - 372, 560],
  [1124, 920],
  [370, 420],
  [948, 470],
  [300, 900],
  [2400, 300],
];

describe('plotGeometry: equal scale', () => {
  for (const name of surfaceNames) {
    it(`${name}: one unit has the same length on both axes, and the view contains the domain`, () => {
      const def = getSurface(name)!;
      for (const [w, h] of SIZES) {
        const g = plotGeometry(w, h, def.domain);
        const kx = g.sx(1) - g.sx(0);
        const ky = g.sy(0) - g.sy(1);
        expect(Math.abs(kx - ky) / kx).toBeLessThan(1e-12);
        expect(kx).toBeCloseTo(g.unit, 9);
        expect(covers(g.view, def.domain)).toBe(true);
        // The view fills the plot rectangle exactly; the domain touches it on one pair of sides.
        expect(g.sx(g.view.x[1]) - g.sx(g.view.x[0])).toBeCloseTo(g.plot.w, 9);
        expect(g.sy(g.view.y[0]) - g.sy(g.view.y[1])).toBeCloseTo(g.plot.h, 9);
        const tight = Math.min(
          Math.abs(g.view.x[1] - g.view.x[0] - (def.domain.x[1] - def.domain.x[0])),
          Math.abs(g.view.y[1] - g.view.y[0] - (def.domain.y[1] - def.domain.y[0])),
        );
        expect(tight).toBeLessThan(1e-9);
      }
    });
  }

  it('grows the view about the domain’s centre', () => {
    const { view } = equalView({ x: [0, 2], y: [-1, 1] }, 400, 100);
    expect(view.y).toEqual([-1, 1]);
    expect(view.x[0]).toBeCloseTo(-3, 12);
    expect(view.x[1]).toBeCloseTo(5, 12);
  });

  it('type scales with the plot: 13 px at least on a laptop, larger at 1080p, 12 px on a phone', () => {
    expect(plotFont(908, 560)).toBeGreaterThanOrEqual(13);
    expect(plotFont(1124, 920)).toBeGreaterThanOrEqual(16);
    expect(plotFont(370, 420)).toBe(12);
    const big = plotGeometry(1124, 920, { x: [-2, 2], y: [-1, 3] }, 24);
    const small = plotGeometry(1124, 920, { x: [-2, 2], y: [-1, 3] }, 13);
    expect(big.plot.x).toBeGreaterThan(small.plot.x);
    expect(big.font).toBe(24);
  });
});

describe('where the colour bar goes', () => {
  it('under the plot in a phone’s tall narrow box, beside it in a short one (a small embed) and on a laptop', () => {
    expect(isNarrow(372, 430)).toBe(true);
    expect(isNarrow(546, 200)).toBe(false);
    expect(isNarrow(859, 537)).toBe(false);
    const domain = { x: [-2, 2] as [number, number], y: [-1, 3] as [number, number] };
    // In a short embed the bar beside the plot leaves the plot more height than one underneath.
    const beside = plotGeometry(546, 200, domain);
    expect(beside.colorbar.orient).toBe('v');
    expect(beside.plot.h).toBeGreaterThan(200 - 104 * (beside.font / 13) - 10 * (beside.font / 13));
    expect(plotGeometry(372, 430, domain).colorbar.orient).toBe('h');
  });
});

describe('the on-screen gradient meets the contours at a right angle', () => {
  // Linear regression's domain is far from square (the case stretched most before), the rotated
  // quadratic has oblique contours, Rosenbrock a curved valley.
  const cases: [string, Record<string, number>, [number, number]][] = [
    ['linreg', {}, [1120, 940]],
    ['quadratic', { kappa: 10, angle: 30 }, [948, 470]],
    ['rosenbrock', {}, [370, 600]],
    ['camel', {}, [900, 540]],
  ];
  const labels = { title: '', names: {} as Record<ArrowId, string>, components: '', scaled: () => '', cut: '', axes: ['x', 'y'] as [string, string] };
  for (const [name, over, [w, h]] of cases) {
    it(`${name} at ${w}×${h}: the overlay's gradient arrow is perpendicular to the contour's tangent on screen`, () => {
      const def = getSurface(name)!;
      const params = { ...Object.fromEntries(def.params.map((p) => [p.key, p.default])), ...over };
      const geo = plotGeometry(w, h, def.domain);
      const obj = makeObjective(def, params, 0);
      const g = new Float64Array(2);
      let checked = 0;
      let worst = 0;
      for (let i = 1; i < 12; i++) {
        for (let j = 1; j < 12; j++) {
          const x = geo.view.x[0] + ((geo.view.x[1] - geo.view.x[0]) * i) / 12;
          const y = geo.view.y[0] + ((geo.view.y[1] - geo.view.y[0]) * j) / 12;
          const f = obj.valueGrad(x, y, g);
          const gl = Math.hypot(g[0], g[1]);
          if (!(gl > 1e-6)) continue;
          // The contour's tangent in data units, checked to be one: f barely changes along it.
          const tx = -g[1] / gl;
          const ty = g[0] / gl;
          const eps = 1e-4 * (geo.view.x[1] - geo.view.x[0]);
          const along = Math.abs(obj.value(x + eps * tx, y + eps * ty) - f);
          const across = Math.abs(obj.value(x + (eps * g[0]) / gl, y + (eps * g[1]) / gl) - f);
          expect(along).toBeLessThan(across * 0.05 + 1e-12);
          // The gradient arrow as the overlay draws it, and the tangent mapped by the same scales.
          const ex = { t: 1, from: [x, y], to: [x, y], quantities: [], arrows: [{ id: 'grad', sym: 'g', v: [g[0], g[1]] }], perCoord: null } as unknown as StepExplanation;
          const arrow = layoutArrows(geo, ex, labels).arrows.find((a) => a.id === 'grad')!;
          const ax = arrow.x2 - arrow.x1;
          const ay = arrow.y2 - arrow.y1;
          const sx = geo.sx(x + tx) - geo.sx(x);
          const sy = geo.sy(y + ty) - geo.sy(y);
          const cos = Math.abs(ax * sx + ay * sy) / (Math.hypot(ax, ay) * Math.hypot(sx, sy));
          worst = Math.max(worst, cos);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('the drawn contours agree: on linear regression at 1120×940, 95 % of the contour pieces are perpendicular to the gradient within 6°', () => {
    const def = getSurface('linreg')!;
    const params = Object.fromEntries(def.params.map((p) => [p.key, p.default]));
    const geo = plotGeometry(1120, 940, def.domain);
    const grid = computeGrid({ id: 1, surface: { name: def.name, params, l2: 0, noise: 0 }, nx: 240, ny: 240, domain: geo.view });
    const obj = makeObjective(def, params, 0);
    const g = new Float64Array(2);
    const kx = geo.sx(1) - geo.sx(0);
    const ky = geo.sy(1) - geo.sy(0);
    const { levelStart, ringStart, coords } = grid.contours;
    const coss: number[] = [];
    for (let k = 0; k < levelStart.length - 1; k++) {
      for (let r = levelStart[k]; r < levelStart[k + 1]; r++) {
        for (let p = ringStart[r] + 2; p + 2 < ringStart[r + 1]; p += 7) {
          const [x0, y0, x1, y1] = [coords[2 * p - 4], coords[2 * p - 3], coords[2 * p + 4], coords[2 * p + 5]];
          const mx = coords[2 * p];
          const my = coords[2 * p + 1];
          const px = geo.sx(mx);
          const py = geo.sy(my);
          if (px < geo.plot.x + 20 || px > geo.plot.x + geo.plot.w - 20 || py < geo.plot.y + 20 || py > geo.plot.y + geo.plot.h - 20) continue;
          obj.valueGrad(mx, my, g);
          const gx = g[0] * kx;
          const gy = g[1] * ky;
          const tx = (x1 - x0) * kx;
          const ty = (y1 - y0) * ky;
          const gl = Math.hypot(gx, gy);
          const tl = Math.hypot(tx, ty);
          if (!(gl > 1e-9 && tl > 1.5)) continue;
          coss.push(Math.abs(gx * tx + gy * ty) / (gl * tl));
        }
      }
    }
    coss.sort((a, b) => a - b);
    expect(coss.length).toBeGreaterThan(50);
    // (Marching squares' chords are only piecewise tangent: a few pieces cut corners.)
    expect(coss[Math.floor(coss.length * 0.95)]).toBeLessThan(Math.sin((6 * Math.PI) / 180));
  });

  it('a stretched picture fails the same check (the test can fail)', () => {
    // The gradient (1, 1) of x² + y² at (1, 1) and its contour's tangent (−1, 1), on axes scaled
    // 161 and 96 px per unit (linear regression at 1920×1080 before issue 17).
    const [kx, ky] = [161, 96];
    const cos = Math.abs(1 * kx * (-1 * kx) + 1 * ky * (1 * ky)) / (Math.hypot(kx, ky) * Math.hypot(kx, ky));
    expect(cos).toBeGreaterThan(0.1);
  });
});

describe('the contour grid covers the view', () => {
  it('asks for a padded view when the grid does not cover it, and nothing when it does', () => {
    const view = { x: [-3, 5] as [number, number], y: [-1, 1] as [number, number] };
    const d = gridDomainFor(view, null)!;
    expect(covers(d, view)).toBe(true);
    expect(gridDomainFor(view, d)).toBeNull();
    expect(gridDomainFor({ x: [-3, 5.5], y: [-1, 1] }, d)).not.toBeNull();
    // A much larger grid than needed (the window shrank a lot) is recomputed, for resolution.
    expect(gridDomainFor({ x: [-1, 1], y: [-1, 1] }, d)).not.toBeNull();
  });

  it('computeGrid over a view: the levels are those of the surface’s own domain', () => {
    const def = getSurface('rosenbrock')!;
    const surface = { name: def.name, params: {}, l2: 0, noise: 0 };
    const own = computeGrid({ id: 1, surface, nx: 160, ny: 160 });
    const { view } = equalView(def.domain, 1600, 600);
    const wide = computeGrid({ id: 2, surface, nx: 320, ny: 160, domain: view });
    expect(wide.domain).toEqual(view);
    expect(wide.values.length).toBe(320 * 160);
    // Same order of magnitude of levels: the far corners (f ≈ 10⁴ there) do not set the colours.
    expect(wide.contours.thresholds[wide.contours.thresholds.length - 1]).toBeLessThan(own.contours.thresholds[own.contours.thresholds.length - 1] * 3);
  });
});

describe('canvas backing stores are capped (issue 11 item 7)', () => {
  it('an 8K screen gets a 4K backing store; a laptop keeps its pixel ratio', () => {
    expect(canvasRatio(7680, 4320, 1)).toBeCloseTo(0.5, 12);
    expect(7680 * 4320 * canvasRatio(7680, 4320, 1) ** 2).toBeCloseTo(MAX_CANVAS_PIXELS, 3);
    expect(canvasRatio(2560, 1440, 3) * 2560 * canvasRatio(2560, 1440, 3) * 1440).toBeLessThanOrEqual(MAX_CANVAS_PIXELS + 1);
    expect(canvasRatio(1280, 720, 2)).toBe(2);
    expect(canvasRatio(1920, 1080, 1)).toBe(1);
  });
});
