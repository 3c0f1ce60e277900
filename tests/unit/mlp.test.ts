/** The `mlp` surface (CONTRACT.md §6) without torch: tanh, the datasets, θ's layout, exact gradients, the config's messages, the runner and the plane. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tanh, tanhAccurate } from '../../src/math/tanh';
import {
  Network,
  computePlane,
  datasetNames,
  makeDataset,
  normalizeMlpConfig,
  parameterCount,
  prepareMlp,
  runMlp,
} from '../../src/engine/mlp';
import { ConfigError } from '../../src/optim/errors';
import { normalizeConfig } from '../../src/engine/config';

const base = { surface: { name: 'mlp' }, optimizers: [{ name: 'adam', lr: 0.01 }], steps: 20, batchSize: 16 };

function field(raw: unknown): string {
  try {
    normalizeMlpConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e.field;
    throw e;
  }
  return '(accepted)';
}

describe('tanh', () => {
  it('is within a few ulp of tanh everywhere, odd, and saturates', () => {
    for (const f of [tanh, tanhAccurate]) {
      let worst = 0;
      for (let i = -40000; i <= 40000; i++) {
        const x = i * 6.1e-4 + (i % 7) * 1e-7;
        const r = Math.tanh(x);
        worst = Math.max(worst, Math.abs(f(x) - r) / Math.max(Math.abs(r), 1e-300));
        if (x !== 0) expect(f(-x)).toBe(-f(x));
      }
      expect(worst).toBeLessThan(2e-15);
      expect(f(1e-12)).toBe(1e-12);
      expect(f(30)).toBe(1);
      expect(f(-30)).toBe(-1);
      expect(f(NaN)).toBeNaN();
    }
  });
});

describe('datasets', () => {
  it.each(datasetNames)('%s: n points, half of each class, the same for a seed and different for another', (name) => {
    const a = makeDataset(name, 101, 0.1, 1);
    const b = makeDataset(name, 101, 0.1, 1);
    const c = makeDataset(name, 101, 0.1, 2);
    expect(a.x.length).toBe(202);
    expect(a.t.reduce((s, t) => s + t, 0)).toBe(50);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    for (const v of a.x) expect(Math.abs(v)).toBeLessThan(3);
  });
});

describe('the network', () => {
  it("lays θ out in torch's parameters() order and draws θ₀ from U(−1/√fan_in, 1/√fan_in)", () => {
    expect(parameterCount([8, 8])).toBe(2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
    const d = makeDataset('moons', 10, 0, 1);
    const net = new Network([3, 5], 'tanh', d.x, d.t);
    expect(net.size).toBe(parameterCount([3, 5]));
    expect(Array.from(net.wOff)).toEqual([0, 9, 29]);
    expect(Array.from(net.bOff)).toEqual([6, 24, 34]);
    const th = net.init(3);
    const bounds = [1 / Math.sqrt(2), 1 / Math.sqrt(3), 1 / Math.sqrt(5)];
    for (let l = 0; l < 3; l++) {
      for (let i = net.wOff[l]; i < (l < 2 ? net.wOff[l + 1] : net.size); i++) expect(Math.abs(th[i])).toBeLessThanOrEqual(bounds[l]);
    }
    expect(Array.from(net.init(3))).toEqual(Array.from(th));
    expect(Array.from(net.init(4))).not.toEqual(Array.from(th));
    // The logit is W₃·act(W₂·act(W₁x + b₁) + b₂) + b₃, written out for sample 0.
    const x = [d.x[0], d.x[1]];
    const h1 = [0, 1, 2].map((j) => Math.tanh(th[6 + j] + th[2 * j] * x[0] + th[2 * j + 1] * x[1]));
    const h2 = [0, 1, 2, 3, 4].map((j) => Math.tanh(th[24 + j] + h1.reduce((s, h, k) => s + th[9 + 3 * j + k] * h, 0)));
    const z = th[34] + h2.reduce((s, h, k) => s + th[29 + k] * h, 0);
    expect(net.forward(th, 0)).toBeCloseTo(z, 14);
  });

  it.each(['tanh', 'relu'] as const)('%s: the batch gradient is the exact derivative of the batch loss', (activation) => {
    const d = makeDataset('spiral', 40, 0.1, 2);
    const net = new Network([5, 4], activation, d.x, d.t);
    const th = net.init(1);
    const idx = Int32Array.from([3, 17, 5, 39, 22, 8]);
    const g = new Float64Array(net.size);
    const f = net.lossGrad(th, idx, 1, 5, g);
    const fd = new Float64Array(net.size);
    const h = 1e-6;
    for (let i = 0; i < net.size; i++) {
      const p = Float64Array.from(th);
      p[i] += h;
      const up = net.lossGrad(p, idx, 1, 5, fd);
      p[i] -= 2 * h;
      const down = net.lossGrad(p, idx, 1, 5, fd);
      expect(g[i]).toBeCloseTo((up - down) / (2 * h), 7);
    }
    // The batch loss is the mean BCE of its samples.
    let s = 0;
    for (let k = 1; k < 5; k++) {
      const z = net.forward(th, idx[k]);
      const t = d.t[idx[k]];
      s += Math.log(1 + Math.exp(-Math.abs(z))) + Math.max(z, 0) - t * z;
    }
    expect(f).toBeCloseTo(s / 4, 14);
  });
});

describe('config', () => {
  it('fills in the defaults of §6', () => {
    const c = normalizeMlpConfig(base);
    expect(c.surface).toEqual({
      name: 'mlp',
      params: { dataset: 'spiral', hidden: [8, 8], activation: 'tanh', samples: 200, dataNoise: 0.1, dataSeed: 1, initSeed: 1 },
      l2: 0,
    });
    expect(normalizeMlpConfig({ ...base, batchSize: undefined }).batchSize).toBe(200);
    expect(c.plane).toBeNull();
  });

  it('names the bad field', () => {
    const p = (params: unknown) => ({ ...base, surface: { name: 'mlp', params } });
    expect(field(p({ hidden: [8, 17] }))).toBe('surface.params.hidden[1]');
    expect(field(p({ hidden: [] }))).toBe('surface.params.hidden');
    expect(field(p({ hidden: [2, 2, 2, 2] }))).toBe('surface.params.hidden');
    expect(field(p({ activation: 'sigmoid' }))).toBe('surface.params.activation');
    expect(field(p({ dataset: 'iris' }))).toBe('surface.params.dataset');
    expect(field(p({ depth: 2 }))).toBe('surface.params.depth');
    expect(field(p({ samples: 1.5 }))).toBe('surface.params.samples');
    expect(field({ ...base, start: [0, 0] })).toBe('start');
    expect(field({ ...base, batchSize: 201 })).toBe('batchSize');
    expect(field({ ...base, plane: { n: 1 } })).toBe('plane.n');
    expect(field({ ...base, surface: { name: 'mlp', noise: 0.1 } })).toBe('surface.noise');
    expect(field({ ...base, optimizers: [{ name: 'adam' }, { name: 'newton' }] })).toBe('optimizers[1].name');
    expect(() => normalizeMlpConfig({ ...base, optimizers: [{ name: 'newton' }] })).toThrow(/newton needs the exact Hessian/);
  });
});

describe('the runner', () => {
  it('keeps every stride-th point and the last, with loss, accuracy and θ', () => {
    const r = runMlp(normalizeMlpConfig({ ...base, steps: 23, stride: 5 }));
    const run = r.runs[0];
    expect(Array.from(run.index)).toEqual([0, 5, 10, 15, 20, 23]);
    expect(run.theta.length).toBe(6 * r.theta0.length);
    expect(Array.from(run.theta.subarray(0, r.theta0.length))).toEqual(Array.from(r.theta0));
    expect(run.loss[5]).toBeLessThan(run.loss[0]);
    for (const a of run.accuracy) expect(a * 200).toBeCloseTo(Math.round(a * 200), 9);
    // Deterministic.
    expect(Array.from(runMlp(normalizeMlpConfig({ ...base, steps: 23, stride: 5 })).runs[0].loss)).toEqual(Array.from(run.loss));
  });

  it('ends a run that blows up as diverged, with the reason, and the others go on', () => {
    const r = runMlp(
      normalizeMlpConfig({
        surface: { name: 'mlp', params: { activation: 'relu', hidden: [16, 16, 16] } },
        optimizers: [{ name: 'gd', lr: 1e6 }, { name: 'adam', lr: 0.01 }],
        steps: 50,
      }),
    );
    expect(r.runs[0].status).toBe('diverged');
    expect(r.runs[0].reason).toMatch(/bounds|non-finite/);
    expect(r.runs[0].loss.length).toBe(r.runs[0].divergedAt);
    expect(r.runs[1].status).toBe('ok');
    expect(r.runs[1].loss.length).toBe(51);
  });

  it('fits the plane: orthonormal axes, the sign rule, the explained ratios, projected paths and the grid', () => {
    const c = normalizeMlpConfig({ ...base, optimizers: [{ name: 'adam', lr: 0.02 }, { name: 'momentum', lr: 0.05 }], steps: 60, plane: { n: 9 } });
    const r = runMlp(c);
    const { u, v, explained } = r.plane;
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    expect(dot(u, u)).toBeCloseTo(1, 14);
    expect(dot(v, v)).toBeCloseTo(1, 14);
    expect(Math.abs(dot(u, v))).toBeLessThan(1e-12);
    for (const axis of [u, v]) {
      const big = axis.reduce((b, x, i) => (Math.abs(x) > Math.abs(axis[b]) ? i : b), 0);
      expect(axis[big]).toBeGreaterThan(0);
    }
    expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
    expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-12);
    expect(explained[0]).toBeGreaterThan(0.5);
    // The path starts at the origin and the grid covers every projected point.
    const grid = r.grid!;
    expect(grid.loss.length).toBe(81);
    for (const run of r.runs) {
      expect(run.path[0]).toBe(0);
      expect(run.path[1]).toBe(0);
      for (let i = 0; i < run.path.length; i += 2) {
        expect(run.path[i]).toBeGreaterThan(grid.a[0]);
        expect(run.path[i]).toBeLessThan(grid.a[1]);
        expect(run.path[i + 1]).toBeGreaterThan(grid.b[0]);
        expect(run.path[i + 1]).toBeLessThan(grid.b[1]);
      }
    }
    // A corner of the grid is the loss at θ₀ + a·u + b·v.
    const shared = prepareMlp(c);
    const th = r.theta0.map((t, i) => t + grid.a[1] * u[i] + grid.b[0] * v[i]);
    expect(grid.loss[8]).toBeCloseTo(shared.net.loss(th), 13);
  });

  it('gives a plane even without movement (no steps)', () => {
    const p = computePlane({ blocks: [new Float64Array(6)], theta0: new Float64Array(3) });
    expect(p.explained).toEqual([0, 0]);
    expect(Array.from(p.u).reduce((s, x) => s + x * x, 0)).toBeCloseTo(1);
    expect(Array.from(p.u).reduce((s, x, i) => s + x * p.v[i], 0)).toBeCloseTo(0);
  });
});

describe('CLI', () => {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const cli = (config: unknown) => spawnSync(tsx, ['src/cli/main.ts', 'run', '--config', '-'], { input: JSON.stringify(config), encoding: 'utf8' });

  it('prints init, data, and per run loss, accuracy, theta, path and batches, and the plane with its grid', () => {
    const r = cli({ ...base, steps: 4, plane: { n: 3 } });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.init.length).toBe(105);
    expect(out.data.x.length).toBe(200);
    expect(out.data.t.length).toBe(200);
    const run = out.runs[0];
    expect(run.loss.length).toBe(5);
    expect(run.accuracy.length).toBe(5);
    expect(run.theta.length).toBe(5);
    expect(run.theta[0]).toEqual(out.init);
    expect(run.path.length).toBe(5);
    expect(run.batches.length).toBe(4);
    expect(run.batches[0].length).toBe(16);
    expect(out.plane.axes.length).toBe(2);
    expect(out.plane.explained.length).toBe(2);
    expect(out.plane.grid.loss.length).toBe(3);
  });

  it('exits 2 with one line naming the field', () => {
    const r = cli({ ...base, surface: { name: 'mlp', params: { hidden: [32] } } });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('surface.params.hidden[0]');
  });

  it('lists mlp and custom among the surfaces when the name is unknown (issue 15)', () => {
    const r = cli({ ...base, surface: { name: 'mpl' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/surface\.name: unknown surface "mpl"; expected one of .*\bcustom\b/);
    expect(r.stderr).toMatch(/expected one of .*\bmlp\b/);
    let message = '';
    try {
      normalizeConfig({ surface: { name: 'nope' }, optimizers: [{ name: 'adam' }] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^surface\.name: unknown surface "nope"; expected one of .*\bmlp\b/);
    expect(message).toMatch(/\bcustom\b/);
    // Where the network cannot go (a sweep), it is named as such, not as unknown.
    const sweep = spawnSync(tsx, ['src/cli/main.ts', 'sweep', '--config', '-'], {
      input: JSON.stringify({ surface: { name: 'mlp' }, optimizer: { name: 'adam' }, steps: 5, x: { key: 'lr', from: 0.001, to: 0.1, n: 2 } }),
      encoding: 'utf8',
    });
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/surface\.name: the network surface mlp runs with `run` and in the Network view/);
  });
});
