import { describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import { sweep, type SweepConfig } from '../../src/engine/sweep';
import { bestCell, isStochastic, lrSweep, quantile, sensitivity, TUNE, tuneLr } from '../../src/engine/tune';

const onThread = async (s: SweepConfig) => sweep(s);

function finalLoss(raw: Record<string, unknown>): number {
  const run = runComparison(normalizeConfig(raw)).runs[0];
  return run.status === 'ok' ? run.loss[run.loss.length - 1] : Number.POSITIVE_INFINITY;
}

describe('fair tuning', () => {
  const scene = { surface: { name: 'quadratic', params: { kappa: 10 } }, steps: 60, start: [-3.5, 2] };

  it('finds GD’s best lr on the κ = 10 quadratic below the edge 2/κ, and no neighbour does better', async () => {
    const base = normalizeConfig({ ...scene, optimizers: [{ name: 'gd' }] });
    const t = await tuneLr(onThread, base, base.optimizers[0]);
    expect(t.lr).not.toBeNull();
    expect(t.lr!).toBeGreaterThan(0.1);
    expect(t.lr!).toBeLessThan(0.2);
    const at = (lr: number) => finalLoss({ ...scene, optimizers: [{ name: 'gd', lr }] });
    expect(t.loss).toBe(at(t.lr!));
    const fineStep = (t.fine!.xs[1] / t.fine!.xs[0]);
    expect(at(t.lr! * fineStep)).toBeGreaterThanOrEqual(t.loss!);
    expect(at(t.lr! / fineStep)).toBeGreaterThanOrEqual(t.loss!);
    // Better than every coarse cell.
    for (let c = 0; c < t.coarse.loss.length; c++) if (t.coarse.divergedAt[c] === -1) expect(t.coarse.loss[c]).toBeGreaterThanOrEqual(t.loss!);
  });

  it('gives every optimizer at least the final loss of its default lr, on the same budget', async () => {
    const base = normalizeConfig({ surface: { name: 'rosenbrock' }, start: [-1.5, 2], steps: 150, optimizers: [{ name: 'adam' }, { name: 'momentum' }, { name: 'rmsprop' }] });
    for (const opt of base.optimizers) {
      const t = await tuneLr(onThread, base, opt);
      expect(t.loss!).toBeLessThanOrEqual(finalLoss({ surface: { name: 'rosenbrock' }, start: [-1.5, 2], steps: 150, optimizers: [opt] }));
      expect(t.coarse.xs[0]).toBe(TUNE.from);
      expect(t.coarse.xs[TUNE.coarse - 1]).toBeCloseTo(TUNE.to, 12);
    }
  });

  it('reports no lr when every cell diverges', async () => {
    const base = normalizeConfig({ surface: { name: 'quadratic', params: { kappa: 1000 } }, steps: 2000, start: [3, 3], optimizers: [{ name: 'gd' }] });
    const t = await tuneLr(async (s) => {
      const r = sweep(s);
      r.divergedAt.fill(5);
      return r;
    }, base, base.optimizers[0]);
    expect(t).toMatchObject({ lr: null, loss: null, fine: null });
  });

  it('bestCell skips diverged cells', () => {
    const r = { xs: [1, 2, 3], ys: [], loss: new Float64Array([5, Number.NaN, 7]), divergedAt: new Int32Array([-1, 3, -1]), elapsedMs: 0 };
    expect(bestCell(r)).toBe(0);
    r.divergedAt[0] = 2;
    expect(bestCell(r)).toBe(2);
  });
});

describe('sensitivity curves', () => {
  it('quantiles count a diverged seed as +∞', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 0.25)).toBe(2);
    expect(quantile([1, 2, Number.POSITIVE_INFINITY], 0.5)).toBe(2);
    expect(quantile([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(quantile([1, 3], 0.5)).toBe(2);
  });

  it('on linreg with mini-batches: one curve per seed, each cell the run of that seed, the median inside the band', async () => {
    const raw = { surface: { name: 'linreg' }, batchSize: 8, steps: 80, optimizers: [{ name: 'momentum' }] };
    const base = normalizeConfig(raw);
    expect(isStochastic(base)).toBe(true);
    const seeds = [1, 2, 3, 4, 5];
    const c = await sensitivity(onThread, base, base.optimizers[0], seeds, 12, 1e-4, 1);
    expect(c.lrs).toHaveLength(12);
    for (const [s, i] of [[0, 3], [4, 7], [2, 11]]) {
      expect(c.loss[s * 12 + i]).toBe(finalLoss({ ...raw, seed: seeds[s], optimizers: [{ name: 'momentum', lr: c.lrs[i] }] }));
    }
    c.median.forEach((m, i) => {
      expect(c.lo[i]).toBeLessThanOrEqual(m);
      expect(m).toBeLessThanOrEqual(c.hi[i]);
    });
    // Different seeds give different mini-batches, so the band has width somewhere.
    expect(c.median.some((_, i) => c.hi[i] > c.lo[i])).toBe(true);
    expect(lrSweep(base, base.optimizers[0], 1e-3, 1, 4, 9).base.seed).toBe(9);
  });

  it('full-batch GD is deterministic', () => {
    expect(isStochastic(normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'gd' }] }))).toBe(false);
    expect(isStochastic(normalizeConfig({ surface: { name: 'beale', noise: 0.1 }, optimizers: [{ name: 'gd' }] }))).toBe(true);
  });
});
