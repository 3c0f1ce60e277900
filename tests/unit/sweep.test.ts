import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig, runComparison } from '../../src/engine';
import { axisValues, cellConfig, normalizeSweep, sweep, sweepCells, sweepToObject } from '../../src/engine/sweep';
import { Rng } from '../../src/engine/rng';

/** The final loss and divergedAt of a plain `run` of one racer (stride 1, the whole path kept). */
function runCell(raw: Record<string, unknown>): { loss: number; divergedAt: number } {
  const run = runComparison(normalizeConfig(raw)).runs[0];
  return run.divergedAt === null ? { loss: run.loss[run.loss.length - 1], divergedAt: -1 } : { loss: Number.NaN, divergedAt: run.divergedAt };
}

interface Case {
  label: string;
  sweep: Record<string, unknown>;
  /** The run config of cell (x, y), written out independently of the sweep code. */
  cell: (x: number, y: number) => Record<string, unknown>;
}

const rosen = { surface: { name: 'rosenbrock' }, start: [-1.5, 2], steps: 150 };
const cases: Case[] = [
  {
    label: 'adam on rosenbrock, lr × β₁',
    sweep: { ...rosen, optimizer: { name: 'adam' }, x: { key: 'lr', from: 1e-4, to: 3, n: 17, scale: 'log' }, y: { key: 'betas.0', from: 0, to: 0.99, n: 13, scale: 'linear' } },
    cell: (x, y) => ({ ...rosen, optimizers: [{ name: 'adam', lr: x, betas: [y, 0.999] }] }),
  },
  {
    label: 'momentum on rosenbrock, lr × momentum (many cells diverge)',
    sweep: { ...rosen, optimizer: { name: 'momentum' }, x: { key: 'lr', from: 1e-5, to: 0.1, n: 15, scale: 'log' }, y: { key: 'momentum', from: 0, to: 0.99, n: 11, scale: 'linear' } },
    cell: (x, y) => ({ ...rosen, optimizers: [{ name: 'momentum', lr: x, momentum: y }] }),
  },
  {
    label: 'rmsprop on beale with simulated noise, lr × alpha',
    sweep: { surface: { name: 'beale', noise: 0.5 }, batchSize: 4, seed: 9, steps: 120, optimizer: { name: 'rmsprop', centered: true }, x: { key: 'lr', from: 1e-3, to: 1, n: 9 }, y: { key: 'alpha', from: 0.5, to: 0.999, n: 7 } },
    cell: (x, y) => ({ surface: { name: 'beale', noise: 0.5 }, batchSize: 4, seed: 9, steps: 120, optimizers: [{ name: 'rmsprop', centered: true, lr: x, alpha: y }] }),
  },
  {
    label: 'nadam on linreg, lr × batch size (mini-batches)',
    sweep: { surface: { name: 'linreg' }, seed: 3, steps: 90, optimizer: { name: 'nadam' }, x: { key: 'lr', from: 1e-3, to: 2, n: 8, scale: 'log' }, y: { key: 'batchSize', from: 1, to: 64, n: 7, scale: 'log' } },
    cell: (x, y) => ({ surface: { name: 'linreg' }, seed: 3, steps: 90, batchSize: y, optimizers: [{ name: 'nadam', lr: x }] }),
  },
  {
    label: 'nesterov on logreg with l2, batch size × momentum',
    sweep: { surface: { name: 'logreg', l2: 0.01 }, seed: 5, steps: 80, optimizer: { name: 'nesterov', lr: 0.5 }, x: { key: 'batchSize', from: 2, to: 100, n: 6, scale: 'linear' }, y: { key: 'momentum', from: 0.1, to: 0.95, n: 5, scale: 'linear' } },
    cell: (x, y) => ({ surface: { name: 'logreg', l2: 0.01 }, seed: 5, steps: 80, batchSize: x, optimizers: [{ name: 'nesterov', lr: 0.5, momentum: y }] }),
  },
  {
    label: 'adadelta on tinynet, rho × weight decay',
    sweep: { surface: { name: 'tinynet' }, batchSize: 16, steps: 100, optimizer: { name: 'adadelta' }, x: { key: 'rho', from: 0.5, to: 0.99, n: 6 }, y: { key: 'weightDecay', from: 0, to: 0.5, n: 5 } },
    cell: (x, y) => ({ surface: { name: 'tinynet' }, batchSize: 16, steps: 100, optimizers: [{ name: 'adadelta', rho: x, weightDecay: y }] }),
  },
  {
    label: 'newton on himmelblau, lr × damping',
    sweep: { surface: { name: 'himmelblau' }, steps: 40, optimizer: { name: 'newton', saddleFree: true }, x: { key: 'lr', from: 0.05, to: 2, n: 7, scale: 'log' }, y: { key: 'damping', from: 0, to: 5, n: 6 } },
    cell: (x, y) => ({ surface: { name: 'himmelblau' }, steps: 40, optimizers: [{ name: 'newton', saddleFree: true, lr: x, damping: y }] }),
  },
  {
    label: 'rprop on the quadratic, η₋ × η₊',
    sweep: { surface: { name: 'quadratic', params: { kappa: 50, angle: 30 } }, steps: 100, optimizer: { name: 'rprop' }, x: { key: 'etas.0', from: 0.1, to: 0.9, n: 5 }, y: { key: 'etas.1', from: 1.05, to: 2, n: 5 } },
    cell: (x, y) => ({ surface: { name: 'quadratic', params: { kappa: 50, angle: 30 } }, steps: 100, optimizers: [{ name: 'rprop', etas: [x, y] }] }),
  },
  {
    label: 'gd on camel, a curve over lr',
    sweep: { surface: { name: 'camel' }, steps: 200, optimizer: { name: 'gd' }, x: { key: 'lr', from: 1e-3, to: 5, n: 25, scale: 'log' } },
    cell: (x) => ({ surface: { name: 'camel' }, steps: 200, optimizers: [{ name: 'gd', lr: x }] }),
  },
];

describe('every cell of a sweep is the run `run` gives for its setting, bit for bit', () => {
  it.each(cases)('$label', ({ sweep: raw, cell }) => {
    const s = normalizeSweep(raw);
    const r = sweep(s);
    const nx = s.xs.length;
    const ny = Math.max(1, s.ys.length);
    expect(r.loss).toHaveLength(nx * ny);
    // Random cells (seeded), plus the four corners.
    const rng = new Rng(nx * 1000 + ny);
    const picks: [number, number][] = [[0, 0], [nx - 1, 0], [0, ny - 1], [nx - 1, ny - 1]];
    for (let k = 0; k < 12; k++) picks.push([rng.int(nx), rng.int(ny)]);
    for (const [i, j] of picks) {
      const want = runCell(cell(s.xs[i], s.ys[j] ?? Number.NaN));
      const c = j * nx + i;
      expect({ i, j, loss: r.loss[c], divergedAt: r.divergedAt[c] }).toEqual({ i, j, ...want });
      // toEqual treats NaN as NaN; the bits must match too.
      expect(Object.is(r.loss[c], want.loss)).toBe(true);
    }
  });

  it('finds diverged cells where run does, with the same step', () => {
    const s = normalizeSweep(cases[1].sweep);
    const r = sweep(s);
    const diverged = [...r.divergedAt].filter((d) => d >= 0).length;
    expect(diverged).toBeGreaterThan(10);
    expect(diverged).toBeLessThan(r.divergedAt.length - 10);
  });

  it('gives the same cells whatever the chunks', () => {
    const s = normalizeSweep(cases[3].sweep);
    const whole = sweep(s);
    const n = whole.loss.length;
    const loss = new Float64Array(n);
    const div = new Int32Array(n);
    for (let a = 0; a < n; a += 5) sweepCells(s, a, Math.min(n, a + 5), loss, div, a);
    expect(Array.from(loss)).toEqual(Array.from(whole.loss));
    expect(Array.from(div)).toEqual(Array.from(whole.divergedAt));
  });

  it('cellConfig is the run config of a cell', () => {
    const s = normalizeSweep(cases[0].sweep);
    const c = cellConfig(s, 3, 5);
    expect(c.optimizers).toEqual([{ name: 'adam', lr: s.xs[3], betas: [s.ys[5], 0.999], eps: 1e-8, amsgrad: false, weightDecay: 0 }]);
  });
});

describe('sweep axes', () => {
  it('takes the values of §7: from·(to/from)^(i/(n−1)) on a log axis, from + (to − from)·i/(n−1) on a linear one', () => {
    expect(axisValues({ from: 1e-4, to: 1, n: 5, scale: 'log' })).toEqual([0, 1, 2, 3, 4].map((i) => 1e-4 * (1 / 1e-4) ** (i / 4)));
    expect(axisValues({ from: 0, to: 0.99, n: 4, scale: 'linear' })).toEqual([0, 0.33, 0.66, 0.99].map((_, i) => 0 + 0.99 * (i / 3)));
    expect(axisValues({ from: 2, to: 8, n: 1, scale: 'log' })).toEqual([2]);
  });

  it('rounds batch sizes to whole numbers', () => {
    const s = normalizeSweep({ surface: { name: 'linreg' }, optimizer: { name: 'gd' }, x: { key: 'batchSize', from: 1, to: 64, n: 4, scale: 'log' } });
    expect(s.xs).toEqual([1, 4, 16, 64]);
  });

  it('prints rows over y, null where a cell diverged', () => {
    const s = normalizeSweep(cases[1].sweep);
    const o = sweepToObject(s, sweep(s)) as { x: number[]; y: number[]; loss: (number | null)[][]; divergedAt: (number | null)[][]; elapsedMs: number };
    expect(o.loss).toHaveLength(s.ys.length);
    expect(o.loss[0]).toHaveLength(s.xs.length);
    expect(o.x).toEqual(s.xs);
    expect(o.y).toEqual(s.ys);
    const flat = o.loss.flat();
    const div = o.divergedAt.flat();
    expect(flat.some((v) => v === null)).toBe(true);
    flat.forEach((v, k) => expect(v === null).toBe(div[k] !== null));
    expect(o.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('a bad sweep config names the field', () => {
  const ok = { surface: { name: 'rosenbrock' }, optimizer: { name: 'momentum' }, x: { key: 'lr', from: 1e-4, to: 1, n: 8, scale: 'log' } };
  const bad: [string, unknown, string][] = [
    ['optimizers instead of optimizer', { ...ok, optimizer: undefined, optimizers: [{ name: 'adam' }] }, 'optimizers'],
    ['no optimizer', { ...ok, optimizer: undefined }, 'optimizer'],
    ['a bad hyperparameter', { ...ok, optimizer: { name: 'momentum', lr: -1 } }, 'optimizer.lr'],
    ['no x axis', { ...ok, x: undefined }, 'x'],
    ['an unknown key', { ...ok, x: { ...ok.x, key: 'betas.0' } }, 'x.key'],
    ['a boolean key', { ...ok, optimizer: { name: 'adam' }, x: { ...ok.x, key: 'amsgrad' } }, 'x.key'],
    ['a log axis from 0', { ...ok, x: { ...ok.x, from: 0 } }, 'x.from'],
    ['n = 0', { ...ok, x: { ...ok.x, n: 0 } }, 'x.n'],
    ['n not whole', { ...ok, x: { ...ok.x, n: 2.5 } }, 'x.n'],
    ['an unknown scale', { ...ok, x: { ...ok.x, scale: 'exp' } }, 'x.scale'],
    ['an unknown axis field', { ...ok, x: { ...ok.x, step: 1 } }, 'x.step'],
    ['momentum reaching 1', { ...ok, y: { key: 'momentum', from: 0, to: 1, n: 4, scale: 'linear' } }, 'y.to'],
    ['the same key twice', { ...ok, y: { ...ok.x } }, 'y.key'],
    ['a batch size above n', { ...ok, surface: { name: 'linreg' }, y: { key: 'batchSize', from: 1, to: 500, n: 4 } }, 'y.to'],
    ['a bad surface', { ...ok, surface: { name: 'moon' } }, 'surface.name'],
    ['an unknown top-level field', { ...ok, z: {} }, 'z'],
    ['step sizes crossing', { ...ok, optimizer: { name: 'rprop' }, x: { key: 'stepSizes.0', from: 0.1, to: 10, n: 3 }, y: { key: 'stepSizes.1', from: 1, to: 20, n: 3 } }, 'y'],
  ];
  it.each(bad)('rejects %s', (_label, raw, field) => {
    let got = '(accepted)';
    try {
      normalizeSweep(raw);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      got = e.field;
    }
    expect(got).toBe(field);
  });
});
