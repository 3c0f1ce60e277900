/**
 * A traced racer with a recipe (CONTRACT §4) reports the numbers its recipe produced: the
 * gradient before clipping (recomputed here from the surface), where clipping bit, the clipped
 * gradient by torch's rule, the lr of each step (the schedule on its own) and the EMA update.
 */
import { describe, expect, it } from 'vitest';
import { normalizeConfig, traceRacer } from '../../src/engine';
import { scheduleLrs, scheduleMomenta } from '../../src/engine/schedule';
import { explainStep } from '../../src/explain/quantities';
import { makeObjective, surfaces } from '../../src/surfaces';

const norm = (x: number, y: number) => Math.sqrt(x * x + y * y);

describe('the trace of a racer with a recipe', () => {
  const C = 5;
  // Rosenbrock from (−1.2, 1): Adam bounces across the valley, its gradients now above 5, now below.
  const config = normalizeConfig({
    surface: { name: 'rosenbrock' },
    start: [-1.2, 1],
    steps: 120,
    optimizers: [{ name: 'adam', lr: 0.05, clip: { norm: C }, schedule: { name: 'cosine', tMax: 120, etaMin: 0.001 }, ema: 0.9 }],
  });
  const tr = traceRacer(config, 0);
  const obj = makeObjective(surfaces.rosenbrock, {}, 0);
  const g = new Float64Array(2);

  it('the gradient before clipping is the surface’s at θₖ₋₁; clipping bit exactly where its norm exceeded c', () => {
    expect(tr.steps).toBe(120);
    const raw = tr.rawGrad!;
    const clipped = tr.clipped!;
    expect(raw.length).toBe(240);
    expect(clipped.length).toBe(120);
    let bit = 0;
    for (let k = 1; k <= tr.steps; k++) {
      obj.valueGrad(tr.run.path[2 * k - 2], tr.run.path[2 * k - 1], g);
      expect(raw[2 * k - 2]).toBe(g[0]);
      expect(raw[2 * k - 1]).toBe(g[1]);
      const n = norm(g[0], g[1]);
      // No norm of this run lies within 1e-6 of c, where torch's factor c/(‖g‖ + 1e-6) is < 1 for ‖g‖ ≤ c.
      expect(Math.abs(n - C)).toBeGreaterThan(1e-6);
      expect(clipped[k - 1] === 1, `step ${k}, ‖g‖ = ${n}`).toBe(n > C);
      if (clipped[k - 1]) bit++;
    }
    // Both kinds of step occur.
    expect(bit).toBeGreaterThan(3);
    expect(bit).toBeLessThan(tr.steps - 3);
  });

  it('after clipping: g·c/(‖g‖ + 1e-6) where it bit, so its norm is c·‖g‖/(‖g‖ + 1e-6); the gradient itself elsewhere', () => {
    const raw = tr.rawGrad!;
    for (let k = 1; k <= tr.steps; k++) {
      const gx = raw[2 * k - 2];
      const gy = raw[2 * k - 1];
      const n = norm(gx, gy);
      const [cx, cy] = [tr.grad[2 * k - 2], tr.grad[2 * k - 1]];
      // The trace's clipped gradient is the one the optimizer stepped with.
      expect([tr.clippedGrad![2 * k - 2], tr.clippedGrad![2 * k - 1]]).toEqual([cx, cy]);
      if (tr.clipped![k - 1]) {
        const f = C / (n + 1e-6);
        expect(cx).toBe(gx * f);
        expect(cy).toBe(gy * f);
        expect(norm(cx, cy)).toBeCloseTo((C * n) / (n + 1e-6), 14);
        expect(norm(cx, cy)).toBeLessThan(C);
      } else {
        expect([cx, cy]).toEqual([gx, gy]);
      }
    }
  });

  it('the lr of every step is the schedule’s, on its own', () => {
    const lrs = scheduleLrs(config.recipes![0].schedule!, 0.05, 120);
    expect(tr.lr!.length).toBe(120);
    for (let k = 1; k <= 120; k++) expect(tr.lr![k - 1]).toBe(lrs[k - 1]);
    expect(tr.lr![0]).toBe(0.05);
    expect(tr.lr![119]).toBeLessThan(0.0011);
  });

  it('the EMA after step k: the first update copies θ₁, then d·θ̄ + (1 − d)·θₖ', () => {
    const ema = tr.ema!;
    const p = tr.run.path;
    expect(ema.length).toBe(240);
    expect([ema[0], ema[1]]).toEqual([p[2], p[3]]);
    for (let k = 2; k <= 120; k++) {
      expect(ema[2 * k - 2]).toBe(0.9 * ema[2 * k - 4] + (1 - 0.9) * p[2 * k]);
      expect(ema[2 * k - 1]).toBe(0.9 * ema[2 * k - 3] + (1 - 0.9) * p[2 * k + 1]);
    }
  });

  it('value clipping clamps each coordinate to [−c, c]', () => {
    const cfg = normalizeConfig({ surface: { name: 'rosenbrock' }, start: [-1.2, 1], steps: 60, optimizers: [{ name: 'gd', lr: 0.0005, clip: { value: 2 } }] });
    const t2 = traceRacer(cfg, 0);
    let bit = 0;
    for (let k = 1; k <= t2.steps; k++) {
      const [gx, gy] = [t2.rawGrad![2 * k - 2], t2.rawGrad![2 * k - 1]];
      const clamp = (v: number) => Math.min(2, Math.max(-2, v));
      expect([t2.grad[2 * k - 2], t2.grad[2 * k - 1]]).toEqual([clamp(gx), clamp(gy)]);
      expect(t2.clipped![k - 1] === 1).toBe(Math.abs(gx) > 2 || Math.abs(gy) > 2);
      bit += t2.clipped![k - 1];
    }
    expect(bit).toBeGreaterThan(0);
    expect(t2.lr).toBeUndefined();
    expect(t2.ema).toBeUndefined();
  });

  it('a racer without a recipe has none of these fields', () => {
    const t3 = traceRacer(normalizeConfig({ surface: { name: 'rosenbrock' }, steps: 10, optimizers: [{ name: 'gd', lr: 0.001 }] }), 0);
    expect(t3.rawGrad ?? t3.clipped ?? t3.lr ?? t3.ema ?? t3.recipe).toBeUndefined();
  });

  it('SAM clips the gradient at θ + e, the one its base steps with: the trace shows that one, beside the given gradient', () => {
    const cfg = normalizeConfig({
      surface: { name: 'rosenbrock' },
      start: [-1.2, 1],
      steps: 40,
      optimizers: [{ name: 'sam', rho: 0.05, base: { name: 'gd', lr: 0.0005 }, clip: { norm: 20 } }],
    });
    const ts = traceRacer(cfg, 0);
    expect(ts.clipsOwn).toBe(true);
    let bit = 0;
    for (let k = 1; k <= ts.steps; k++) {
      const [gx, gy] = [ts.grad[2 * k - 2], ts.grad[2 * k - 1]];
      const [rx, ry] = [ts.rawGrad![2 * k - 2], ts.rawGrad![2 * k - 1]];
      // The given gradient is the surface's at θ; the clipped one is elsewhere (θ + e).
      obj.valueGrad(ts.run.path[2 * k - 2], ts.run.path[2 * k - 1], g);
      expect([gx, gy]).toEqual([g[0], g[1]]);
      expect([rx, ry]).not.toEqual([gx, gy]);
      const n = norm(rx, ry);
      expect(ts.clipped![k - 1] === 1).toBe(n + 1e-6 > 20);
      const f = Math.min(1, 20 / (n + 1e-6));
      expect([ts.clippedGrad![2 * k - 2], ts.clippedGrad![2 * k - 1]]).toEqual([rx * f, ry * f]);
      // Its base (gradient descent) stepped with the clipped gradient.
      expect(ts.delta[2 * k - 2]).toBeCloseTo(-0.0005 * rx * f, 12);
      bit += ts.clipped![k - 1];
    }
    expect(bit).toBeGreaterThan(0);
    const k = [...ts.clipped!].indexOf(1) + 1;
    const ex = explainStep({ ...ts, optimizer: cfg.optimizers[0], path: ts.run.path, hessian: null }, k);
    const ids = ex.quantities.map((q) => q.id);
    expect(ids.slice(1, 8)).toEqual(['grad', 'gradRaw', 'gradRawNorm', 'clipFactor', 'clipBit', 'gradClipped', 'gradClippedNorm']);
    expect(ex.quantities.find((q) => q.id === 'gradRaw')!.tex).toBe(String.raw`\nabla f(\theta_{t-1} + e)`);
    const arrow = (id: string) => ex.arrows.find((a) => a.id === id)!;
    expect(arrow('gradRaw').v).toEqual([-0.0005 * ts.rawGrad![2 * k - 2], -0.0005 * ts.rawGrad![2 * k - 1]]);
    expect(arrow('gradClipped').v).toEqual([-0.0005 * ts.clippedGrad![2 * k - 2], -0.0005 * ts.clippedGrad![2 * k - 1]]);
  });

  describe('OneCycle with cycleMomentum: the momentum of each step, and the rule uses it', () => {
    const onecycle = (maxLr: number) => ({ name: 'onecycle', maxLr, totalSteps: 60, cycleMomentum: true, baseMomentum: 0.8, maxMomentum: 0.95 });
    const traced = (optimizer: Record<string, unknown>) => {
      const maxLr = optimizer.name === 'adam' ? 0.05 : 0.0005;
      const cfg = normalizeConfig({ surface: { name: 'rosenbrock' }, start: [-1.2, 1], steps: 60, optimizers: [{ ...optimizer, schedule: onecycle(maxLr) }] });
      return { cfg, tr: traceRacer(cfg, 0) };
    };
    const vnear = (a: readonly number[], b: readonly number[], tol: number) => {
      for (let j = 0; j < 2; j++) expect(Math.abs(a[j] - b[j])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[j])));
    };

    it('the trace carries the scheduler’s momentum of every step, max → base → max', () => {
      const { cfg, tr: t1 } = traced({ name: 'momentum', lr: 0.001 });
      const m = t1.momentum!;
      expect(m.length).toBe(60);
      expect([...m]).toEqual([...scheduleMomenta(cfg.recipes![0]!.schedule!, 0.001, 59)!]);
      expect(m[0]).toBe(0.95);
      expect(Math.min(...m)).toBeCloseTo(0.8, 3);
      expect(m[59]).toBeCloseTo(0.95, 3);
      // A schedule that does not cycle it: none.
      const plain = traceRacer(normalizeConfig({ surface: { name: 'rosenbrock' }, steps: 10, optimizers: [{ name: 'momentum', lr: 0.001, schedule: { name: 'cosine', tMax: 10 } }] }), 0);
      expect(plain.momentum).toBeUndefined();
    });

    it('SGD with momentum: the row μ_t is that momentum, and the velocity and gradient arrows add up to the step', () => {
      const { cfg, tr: t1 } = traced({ name: 'momentum', lr: 0.001 });
      for (const k of [2, 10, 18, 40, 60]) {
        const ex = explainStep({ ...t1, optimizer: cfg.optimizers[0], path: t1.run.path, hessian: null }, k);
        const row = ex.quantities.find((q) => q.id === 'momentumNow')!;
        expect(row.tex).toBe(String.raw`\mu_t`);
        expect(row.value).toEqual({ kind: 'num', v: t1.momentum![k - 1] });
        const arrow = (id: string) => ex.arrows.find((a) => a.id === id)!.v;
        const sum = [arrow('velocity')[0] + arrow('grad')[0], arrow('velocity')[1] + arrow('grad')[1]];
        vnear(sum, arrow('step'), 1e-12);
      }
    });

    it('Adam: β₁,ₜ is the scheduler’s, and −γ·m̂/(√v̂ + ε) from the rows is the step taken', () => {
      const { cfg, tr: t1 } = traced({ name: 'adam', lr: 0.01 });
      for (const k of [1, 5, 20, 35, 60]) {
        const ex = explainStep({ ...t1, optimizer: cfg.optimizers[0], path: t1.run.path, hessian: null }, k);
        const q = (id: string) => ex.quantities.find((x) => x.id === id)!.value!;
        expect(ex.quantities.find((x) => x.id === 'momentumNow')!.tex).toBe(String.raw`\beta_{1,t}`);
        expect(q('momentumNow')).toEqual({ kind: 'num', v: t1.momentum![k - 1] });
        const mHat = (q('mHat') as { v: [number, number] }).v;
        const eff = (q('eff') as { v: [number, number] }).v;
        vnear([-eff[0] * mHat[0], -eff[1] * mHat[1]], [t1.delta[2 * k - 2], t1.delta[2 * k - 1]], 1e-9);
      }
    });
  });
});
