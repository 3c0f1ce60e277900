import { describe, expect, it } from 'vitest';
import { ConfigError, makeBatches, makeNoise, normalizeConfig, runComparison } from '../../src/engine';
import { optimizerNames } from '../../src/optim';
import { surfaces } from '../../src/surfaces';

const base = { surface: { name: 'rosenbrock' }, optimizers: [{ name: 'adam' }] };

function fieldOf(raw: unknown): string {
  try {
    normalizeConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e.field;
    throw e;
  }
  return '(accepted)';
}

describe('config validation names the bad field', () => {
  const withOpt = (o: Record<string, unknown>) => ({ ...base, optimizers: [{ name: 'adam' }, o] });
  const cases: [string, unknown, string][] = [
    ['a config that is not an object', 42, 'config'],
    ['an unknown top-level field', { ...base, speed: 2 }, 'speed'],
    ['a missing surface', { optimizers: [{ name: 'gd' }] }, 'surface'],
    ['an unknown surface', { ...base, surface: { name: 'moon' } }, 'surface.name'],
    ['an unknown surface field', { ...base, surface: { name: 'beale', scale: 2 } }, 'surface.scale'],
    ['kappa out of range', { ...base, surface: { name: 'quadratic', params: { kappa: 0 } } }, 'surface.params.kappa'],
    ['angle out of range', { ...base, surface: { name: 'quadratic', params: { angle: 200 } } }, 'surface.params.angle'],
    ['an unknown surface parameter', { ...base, surface: { name: 'rosenbrock', params: { a: 1 } } }, 'surface.params.a'],
    ['negative l2', { ...base, surface: { name: 'beale', l2: -1 } }, 'surface.l2'],
    ['l2 as a string', { ...base, surface: { name: 'beale', l2: '0.1' } }, 'surface.l2'],
    ['negative noise', { ...base, surface: { name: 'beale', noise: -0.5 } }, 'surface.noise'],
    ['simulated noise on a data surface', { ...base, surface: { name: 'linreg', noise: 1 } }, 'surface.noise'],
    ['no optimizers', { ...base, optimizers: [] }, 'optimizers'],
    ['optimizers not a list', { ...base, optimizers: { name: 'adam' } }, 'optimizers'],
    ['an unknown optimizer', withOpt({ name: 'adabelief' }), 'optimizers[1].name'],
    ['lr = 0', withOpt({ name: 'adam', lr: 0 }), 'optimizers[1].lr'],
    ['negative lr', withOpt({ name: 'gd', lr: -0.1 }), 'optimizers[1].lr'],
    ['lr NaN', withOpt({ name: 'gd', lr: Number.NaN }), 'optimizers[1].lr'],
    ['lr Infinity', withOpt({ name: 'gd', lr: Number.POSITIVE_INFINITY }), 'optimizers[1].lr'],
    ['β₁ = 1', withOpt({ name: 'adam', betas: [1, 0.999] }), 'optimizers[1].betas[0]'],
    ['β₂ negative', withOpt({ name: 'adamw', betas: [0.9, -0.1] }), 'optimizers[1].betas[1]'],
    ['betas not a pair', withOpt({ name: 'nadam', betas: [0.9] }), 'optimizers[1].betas'],
    ['nesterov with dampening', withOpt({ name: 'nesterov', dampening: 0.1 }), 'optimizers[1].dampening'],
    ['nesterov without momentum', withOpt({ name: 'nesterov', momentum: 0 }), 'optimizers[1].momentum'],
    ['momentum = 1', withOpt({ name: 'momentum', momentum: 1 }), 'optimizers[1].momentum'],
    ['dampening > 1', withOpt({ name: 'momentum', dampening: 2 }), 'optimizers[1].dampening'],
    ['an unknown hyperparameter', withOpt({ name: 'adam', momentum: 0.9 }), 'optimizers[1].momentum'],
    ['negative eps', withOpt({ name: 'rmsprop', eps: -1e-8 }), 'optimizers[1].eps'],
    ['alpha = 1', withOpt({ name: 'rmsprop', alpha: 1 }), 'optimizers[1].alpha'],
    ['centered not a boolean', withOpt({ name: 'rmsprop', centered: 'yes' }), 'optimizers[1].centered'],
    ['amsgrad not a boolean', withOpt({ name: 'adam', amsgrad: 1 }), 'optimizers[1].amsgrad'],
    ['negative weight decay', withOpt({ name: 'adamw', weightDecay: -0.01 }), 'optimizers[1].weightDecay'],
    ['negative lr decay', withOpt({ name: 'adagrad', lrDecay: -1 }), 'optimizers[1].lrDecay'],
    ['negative initial accumulator', withOpt({ name: 'adagrad', initialAccumulatorValue: -1 }), 'optimizers[1].initialAccumulatorValue'],
    ['rho > 1', withOpt({ name: 'adadelta', rho: 1.5 }), 'optimizers[1].rho'],
    ['negative momentum decay', withOpt({ name: 'nadam', momentumDecay: -0.004 }), 'optimizers[1].momentumDecay'],
    ['η₋ ≥ 1', withOpt({ name: 'rprop', etas: [1.5, 1.2] }), 'optimizers[1].etas[0]'],
    ['η₊ ≤ 1', withOpt({ name: 'rprop', etas: [0.5, 0.9] }), 'optimizers[1].etas[1]'],
    ['step sizes reversed', withOpt({ name: 'rprop', stepSizes: [1, 0.1] }), 'optimizers[1].stepSizes'],
    ['negative Newton damping', withOpt({ name: 'newton', damping: -1 }), 'optimizers[1].damping'],
    ['saddleFree not a boolean', withOpt({ name: 'newton', saddleFree: 'true' }), 'optimizers[1].saddleFree'],
    ['an optimizer that is not an object', { ...base, optimizers: ['adam'] }, 'optimizers[0]'],
    ['a start that is not a pair', { ...base, start: [1] }, 'start'],
    ['a non-finite start', { ...base, start: [1, Number.NaN] }, 'start[1]'],
    ['a start beyond 1e6', { ...base, start: [2e6, 0] }, 'start[0]'],
    ['negative steps', { ...base, steps: -1 }, 'steps'],
    ['fractional steps', { ...base, steps: 10.5 }, 'steps'],
    ['too many steps', { ...base, steps: 1e9 }, 'steps'],
    ['batch size 0', { ...base, batchSize: 0 }, 'batchSize'],
    ['batch size above n', { ...base, surface: { name: 'linreg' }, batchSize: 10_000 }, 'batchSize'],
    ['a negative seed', { ...base, seed: -3 }, 'seed'],
    ['a fractional seed', { ...base, seed: 1.5 }, 'seed'],
    ['stride 0', { ...base, stride: 0 }, 'stride'],
  ];
  it.each(cases)('rejects %s', (_label, raw, field) => {
    expect(fieldOf(raw)).toBe(field);
  });

  it('puts the field first in the message', () => {
    expect(() => normalizeConfig({ ...base, optimizers: [{ name: 'gd', lr: -1 }] })).toThrow(
      /^optimizers\[0\]\.lr: must be > 0/,
    );
  });

  it('fills in every default, torch style', () => {
    const c = normalizeConfig(base);
    expect(c.optimizers[0]).toEqual({ name: 'adam', lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, amsgrad: false, weightDecay: 0 });
    expect(c.start).toEqual(surfaces.rosenbrock.defaultStart);
    expect(c).toMatchObject({ steps: 200, seed: 1, stride: 1, batchSize: 1, surface: { l2: 0, noise: 0, params: {} } });
    expect(normalizeConfig({ surface: { name: 'quadratic' }, optimizers: [{ name: 'adamw' }] }).optimizers[0].weightDecay).toBe(0.01);
  });

  it('defaults the batch size of a data surface to the full batch', () => {
    const n = surfaces.linreg.create({}).n;
    expect(normalizeConfig({ ...base, surface: { name: 'linreg' } }).batchSize).toBe(n);
  });

  it('accepts an explicit zero dampening for nesterov, as torch does', () => {
    expect(fieldOf({ ...base, optimizers: [{ name: 'nesterov', dampening: 0 }] })).toBe('(accepted)');
  });

  it('accepts the defaults of every optimizer', () => {
    for (const name of optimizerNames) expect(fieldOf({ ...base, optimizers: [{ name }] })).toBe('(accepted)');
  });
});

describe('mini-batches follow DataLoader(shuffle=True, drop_last=False)', () => {
  it('visits every sample exactly once per epoch, the last batch smaller', () => {
    const n = 64;
    const B = 10;
    const perEpoch = Math.ceil(n / B);
    const { order, start, size } = makeBatches(n, B, perEpoch * 3, 7);
    for (let e = 0; e < 3; e++) {
      const seen = new Int32Array(n);
      const sizes: number[] = [];
      for (let j = 0; j < perEpoch; j++) {
        const s = e * perEpoch + j;
        sizes.push(size[s]);
        for (let i = start[s]; i < start[s] + size[s]; i++) seen[order[i]]++;
      }
      expect(Array.from(seen)).toEqual(new Array(n).fill(1));
      expect(sizes).toEqual([10, 10, 10, 10, 10, 10, 4]);
    }
  });

  it('draws a fresh permutation every epoch', () => {
    const { order } = makeBatches(64, 8, 16, 3);
    expect(Array.from(order.subarray(0, 64))).not.toEqual(Array.from(order.subarray(64, 128)));
  });

  it('gives every optimizer of a comparison the same batches', () => {
    const cfg = { surface: { name: 'logreg' }, batchSize: 5, steps: 60, seed: 11 };
    const alone = runComparison(normalizeConfig({ ...cfg, optimizers: [{ name: 'gd', lr: 0.5 }] })).runs[0];
    const together = runComparison(
      normalizeConfig({ ...cfg, optimizers: [{ name: 'adam', lr: 0.1 }, { name: 'gd', lr: 0.5 }] }),
    ).runs[1];
    expect(Array.from(together.path)).toEqual(Array.from(alone.path));
  });

  it('full batch on a data surface is gradient descent on the full gradient', () => {
    const core = surfaces.linreg.create({});
    const cfg = normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'gd', lr: 0.05 }], steps: 5, start: [0, 0] });
    const run = runComparison(cfg).runs[0];
    const p = [0, 0];
    const g = new Float64Array(2);
    for (let k = 1; k <= 5; k++) {
      core.valueGrad(p[0], p[1], g);
      p[0] -= 0.05 * g[0];
      p[1] -= 0.05 * g[1];
      expect([run.path[2 * k], run.path[2 * k + 1]]).toEqual(p);
    }
  });

  it('a mini-batch step uses the mean gradient of exactly its batch', () => {
    const core = surfaces.tinynet.create({});
    const cfg = normalizeConfig({ surface: { name: 'tinynet' }, optimizers: [{ name: 'gd', lr: 0.1 }], steps: 1, batchSize: 4, start: [0.5, -0.5] });
    const res = runComparison(cfg);
    const b = res.batches!;
    const idx = Array.from(b.order.subarray(b.start[0], b.start[0] + b.size[0]));
    expect(idx).toHaveLength(4);
    let gx = 0;
    let gy = 0;
    const g = new Float64Array(2);
    for (const i of idx) {
      core.batchGrad(0.5, -0.5, Int32Array.of(i), 0, 1, g);
      gx += g[0] / 4;
      gy += g[1] / 4;
    }
    expect(res.runs[0].path[2]).toBeCloseTo(0.5 - 0.1 * gx, 14);
    expect(res.runs[0].path[3]).toBeCloseTo(-0.5 - 0.1 * gy, 14);
  });
});

describe('runs are deterministic', () => {
  it('a seed reproduces a mini-batch run bit for bit', () => {
    const cfg = normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'adam', lr: 0.1 }, { name: 'momentum', lr: 0.01 }], batchSize: 8, steps: 300, seed: 42 });
    const a = runComparison(cfg);
    const b = runComparison(cfg);
    a.runs.forEach((r, i) => {
      expect(Array.from(r.path)).toEqual(Array.from(b.runs[i].path));
      expect(Array.from(r.loss)).toEqual(Array.from(b.runs[i].loss));
    });
    const c = runComparison({ ...cfg, seed: 43 });
    expect(Array.from(c.runs[0].path)).not.toEqual(Array.from(a.runs[0].path));
  });

  it('a seed reproduces simulated noise bit for bit, and the noise is σξ/√B', () => {
    const cfg = normalizeConfig({ surface: { name: 'quadratic', noise: 2 }, optimizers: [{ name: 'gd', lr: 0.1 }], batchSize: 4, steps: 50, seed: 5, start: [1, 1] });
    const a = runComparison(cfg).runs[0];
    expect(Array.from(runComparison(cfg).runs[0].path)).toEqual(Array.from(a.path));
    const xi = makeNoise(1, 5);
    // quadratic, κ = 10, angle 0: ∇f(1, 1) = (1, 10)
    expect(a.path[2]).toBeCloseTo(1 - 0.1 * (1 + (2 * xi[0]) / 2), 14);
    expect(a.path[3]).toBeCloseTo(1 - 0.1 * (10 + (2 * xi[1]) / 2), 14);
  });

  it('the noise is standard normal', () => {
    const xi = makeNoise(20000, 9);
    let m = 0;
    let v = 0;
    for (const x of xi) m += x / xi.length;
    for (const x of xi) v += (x - m) ** 2 / xi.length;
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.03);
  });
});

describe('divergence stops one run and lets the others go on', () => {
  it('stops gd with a huge learning rate on rosenbrock, with a reason', () => {
    const cfg = normalizeConfig({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'gd', lr: 1 }, { name: 'adam', lr: 0.01 }], steps: 100 });
    const [gd, adam] = runComparison(cfg).runs;
    expect(gd.status).toBe('diverged');
    expect(gd.divergedAt).toBeGreaterThan(0);
    expect(gd.reason).toMatch(/non-finite|bounds/);
    expect(gd.loss.length).toBe(gd.divergedAt);
    for (const v of gd.path) expect(Math.abs(v)).toBeLessThanOrEqual(1e6);
    expect(adam.status).toBe('ok');
    expect(adam.loss.length).toBe(101);
  });

  it('ends Newton at a singular Hessian as diverged, naming the reason', () => {
    // saddle: H = diag(2, −2 + 3y²) is singular on y² = 2/3
    const cfg = normalizeConfig({ surface: { name: 'saddle' }, optimizers: [{ name: 'newton' }], start: [0.5, Math.sqrt(2 / 3)], steps: 5 });
    const run = runComparison(cfg).runs[0];
    expect(run.status).toBe('diverged');
    expect(run.divergedAt).toBe(1);
    expect(run.reason).toMatch(/singular/);
    expect(Array.from(run.path)).toEqual([0.5, Math.sqrt(2 / 3)]);
  });

  it('survives an absurd learning rate on every optimizer without throwing', () => {
    for (const name of optimizerNames) {
      // SAM's learning rate is its base's.
      const entry = name === 'sam' ? { name, base: { name: 'gd', lr: 1e6 } } : { name, lr: 1e6 };
      const cfg = normalizeConfig({ surface: { name: 'beale' }, optimizers: [entry], steps: 50, start: [1, 1] });
      const run = runComparison(cfg).runs[0];
      for (const v of run.path) expect(Number.isFinite(v)).toBe(true);
      expect(run.status === 'ok' || run.reason !== null).toBe(true);
    }
  });
});

describe('stride', () => {
  it('keeps every k-th point plus the last', () => {
    const cfg = normalizeConfig({ surface: { name: 'quadratic' }, optimizers: [{ name: 'gd', lr: 0.01 }], steps: 10, stride: 4 });
    const full = runComparison({ ...cfg, stride: 1 }).runs[0];
    const run = runComparison(cfg).runs[0];
    expect(Array.from(run.index)).toEqual([0, 4, 8, 10]);
    for (let i = 0; i < run.index.length; i++) {
      const k = run.index[i];
      expect(run.path[2 * i]).toBe(full.path[2 * k]);
      expect(run.loss[i]).toBe(full.loss[k]);
    }
  });

  it('keeps the last good point of a diverged run', () => {
    const cfg = normalizeConfig({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'gd', lr: 1 }], steps: 100, stride: 50 });
    const run = runComparison(cfg).runs[0];
    expect(run.index[run.index.length - 1]).toBe(run.divergedAt! - 1);
  });

  it('computes the loss at kept points of a mini-batch run on the full objective', () => {
    const cfg = normalizeConfig({ surface: { name: 'logreg', l2: 0.1 }, optimizers: [{ name: 'gd', lr: 0.3 }], steps: 20, stride: 5, batchSize: 3 });
    const run = runComparison(cfg).runs[0];
    const core = surfaces.logreg.create({});
    for (let i = 0; i < run.index.length; i++) {
      const [x, y] = [run.path[2 * i], run.path[2 * i + 1]];
      expect(run.loss[i]).toBeCloseTo(core.value(x, y) + 0.05 * (x * x + y * y), 12);
    }
  });
});
