/** Your own data for the network (issue 16) and the per-racer recipe on it (CONTRACT §4), without torch (see mlp-recipe-torch.test.ts for the replays). */
import { describe, expect, it } from 'vitest';
import { mlpDataFromColumns, mlpDataPoints, mlpDataToColumns, normalizeMlpData } from '../../src/engine/mlp/userdata';
import { mlpResultToObject, normalizeMlpConfig, runMlp } from '../../src/engine/mlp';
import { mlpDataFitsLink, networkConfigFromLink, networkLink, networkViewFromLink } from '../../src/share/network-link';
import { ConfigError } from '../../src/optim/errors';

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return '(accepted)';
}

const good = { x: [[0, 1], [1, 0], [-0.5, 2]], t: [0, 1, 1] };

describe('surface.data of the network', () => {
  it('accepts the printed format and returns a fresh copy', () => {
    const d = normalizeMlpData(good);
    expect(d).toEqual(good);
    expect(d.x[0]).not.toBe(good.x[0]);
    const p = mlpDataPoints(d);
    expect(Array.from(p.x)).toEqual([0, 1, 1, 0, -0.5, 2]);
    expect(Array.from(p.t)).toEqual([0, 1, 1]);
    expect(p.n).toBe(3);
  });

  it('names the bad field', () => {
    expect(error(() => normalizeMlpData([1, 2]))).toMatch(/^surface\.data: must be an object/);
    expect(error(() => normalizeMlpData({ ...good, y: [] }))).toMatch(/^surface\.data\.y: unknown field/);
    expect(error(() => normalizeMlpData({ t: [0, 1] }))).toMatch(/^surface\.data\.x: missing/);
    expect(error(() => normalizeMlpData({ x: good.x }))).toMatch(/^surface\.data\.t: missing/);
    expect(error(() => normalizeMlpData({ x: [[0, 0]], t: [0] }))).toMatch(/^surface\.data\.x: needs at least 2 rows/);
    expect(error(() => normalizeMlpData({ x: good.x, t: [0, 1] }))).toMatch(/^surface\.data\.t: has 2 labels but x has 3 points/);
    expect(error(() => normalizeMlpData({ x: [[0, 1], [1, 0], [2, 3], [1, 'a']], t: [0, 1, 1, 0] }))).toMatch(/^surface\.data\.x\[3\]\[1\]: must be a finite number/);
    expect(error(() => normalizeMlpData({ x: [[0, 1], [1, 0], [2]], t: [0, 1, 1] }))).toMatch(/^surface\.data\.x\[2\]: must be a point/);
    expect(error(() => normalizeMlpData({ x: [[0, 1], [1e7, 0]], t: [0, 1] }))).toMatch(/^surface\.data\.x\[1\]\[0\]: must be ≥ -1000000/);
    const t = [0, 1, 0, 1, 0, 1, 0, 2];
    expect(error(() => normalizeMlpData({ x: t.map(() => [0, 0]), t }))).toBe('surface.data.t[7]: must be 0 or 1 (got 2)');
    expect(error(() => normalizeMlpData({ x: [[0, 0], [1, 1]], t: [1, 1] }))).toMatch(/^surface\.data\.t: every label is 1: the data needs points of both classes/);
    const big = Array.from({ length: 10_001 }, (_, i) => i % 2);
    expect(error(() => normalizeMlpData({ x: big.map(() => [0, 0]), t: big }))).toMatch(/^surface\.data\.x: at most 10,000 rows/);
    const most = big.slice(0, 10_000);
    expect(normalizeMlpData({ x: most.map((v) => [v, -v]), t: most }).x.length).toBe(10_000);
  });
});

describe('mlpDataFromColumns', () => {
  it('builds the data from CSV columns a, b, t and back', () => {
    const d = mlpDataFromColumns([0, 1, -0.5], [1, 0, 2], [0, 1, 1]);
    expect(d).toEqual(good);
    expect(mlpDataToColumns(d)).toEqual({ a: [0, 1, -0.5], b: [1, 0, 2], t: [0, 1, 1] });
  });

  it('checks the columns as a config', () => {
    expect(error(() => mlpDataFromColumns([0, 1], [1], [0, 1]))).toMatch(/^surface\.data\.x: column b has 1 values but a has 2/);
    expect(error(() => mlpDataFromColumns([0, 1], [1, NaN], [0, 1]))).toMatch(/^surface\.data\.x\[1\]\[1\]: must be a finite number/);
    expect(error(() => mlpDataFromColumns([0, 1], [1, 2], [0, 0.5]))).toMatch(/^surface\.data\.t\[1\]: must be 0 or 1/);
    expect(error(() => mlpDataFromColumns([0, 1], [1, 2], [0, 0]))).toMatch(/both classes/);
  });
});

describe('the network on its own data', () => {
  const data = { x: [[0, 0], [1, 0.5], [0.2, 1], [-1, 0.3], [0.4, -0.8], [1.5, 1.5]], t: [0, 1, 1, 0, 0, 1] };
  const raw = { surface: { name: 'mlp', params: { hidden: [3] }, data }, optimizers: [{ name: 'adam', lr: 0.05 }], steps: 5, batchSize: 4 };

  it('races on the data instead of the generated set, whatever dataset, samples, dataNoise and dataSeed say', () => {
    const a = runMlp(normalizeMlpConfig(raw));
    expect(a.data.n).toBe(6);
    expect(Array.from(a.data.x)).toEqual(data.x.flat());
    const b = runMlp(normalizeMlpConfig({ ...raw, surface: { ...raw.surface, params: { hidden: [3], dataset: 'xor', samples: 300, dataNoise: 1, dataSeed: 9 } } }));
    expect(Array.from(b.runs[0].loss)).toEqual(Array.from(a.runs[0].loss));
    const out = mlpResultToObject(a) as { data: { x: number[][]; t: number[] }; surface: { data?: unknown } };
    expect(out.data).toEqual(data);
    expect(out.surface.data).toBeUndefined(); // printed once, as `data` (as on linreg/logreg)
    // A normalised config normalises to itself.
    const c = normalizeMlpConfig(raw);
    expect(normalizeMlpConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('bounds the batch size by its rows and names bad data in the config', () => {
    expect(error(() => normalizeMlpConfig({ ...raw, batchSize: 7 }))).toMatch(/^batchSize: must be ≥ 1 and ≤ 6/);
    expect(error(() => normalizeMlpConfig({ ...raw, optimizers: [{ name: 'gd', batchSize: 7 }] }))).toMatch(/^optimizers\[0\]\.batchSize: must be ≥ 1 and ≤ 6/);
    expect(error(() => normalizeMlpConfig({ ...raw, surface: { ...raw.surface, data: { x: data.x, t: [0, 1, 1, 0, 0, 3] } } }))).toBe('surface.data.t[5]: must be 0 or 1 (got 3)');
  });
});

describe('the recipe on the network (CONTRACT §4)', () => {
  const base = { surface: { name: 'mlp', params: { hidden: [4], samples: 24 } }, steps: 12, batchSize: 6 };
  const config = (optimizers: unknown[], extra: Record<string, unknown> = {}) => normalizeMlpConfig({ ...base, optimizers, ...extra });

  it('runs batchSize, schedule, clip and ema per racer, and prints lr, ema and emaLoss', () => {
    const c = config([
      { name: 'gd', lr: 0.5, batchSize: 3, clip: { value: 0.01 }, ema: 0.5, schedule: { name: 'step', stepSize: 4, gamma: 0.5 } },
      { name: 'gd', lr: 0.5 },
    ]);
    expect(normalizeMlpConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
    const r = runMlp(c);
    const [a, b] = r.runs;
    expect(Array.from(a.lr ?? [])).toEqual([0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.125, 0.0625]);
    expect(a.batches?.size[0]).toBe(3);
    expect(b.lr).toBeUndefined();
    expect(b.ema).toBeUndefined();
    const P = r.theta0.length;
    // ema[0] is θ₀; the first update copies θ₁; then d·avg + (1 − d)·θ.
    const ema = a.ema!;
    expect(Array.from(ema.subarray(0, P))).toEqual(Array.from(r.theta0));
    expect(Array.from(ema.subarray(P, 2 * P))).toEqual(Array.from(a.theta.subarray(P, 2 * P)));
    for (let q = 0; q < P; q++) expect(ema[2 * P + q]).toBe(0.5 * ema[P + q] + 0.5 * a.theta[2 * P + q]);
    // Every step was clipped to |g_i| ≤ 0.01: gd moves each coordinate by at most lr·0.01.
    expect(Array.from(a.clipped ?? []).every((v) => v === 1)).toBe(true);
    for (let q = 0; q < P; q++) expect(Math.abs(a.theta[P + q] - a.theta[q])).toBeLessThanOrEqual(0.5 * 0.01 + 1e-15);
    const out = mlpResultToObject(r) as { runs: Record<string, unknown>[] };
    expect(out.runs[0].optimizer).toMatchObject({ name: 'gd', batchSize: 3, clip: { value: 0.01 }, ema: 0.5 });
    expect((out.runs[0].lr as number[]).length).toBe(13);
    expect((out.runs[0].ema as number[][]).length).toBe(13);
    expect((out.runs[0].emaLoss as number[]).length).toBe(13);
    expect((out.runs[0].batches as number[][])[0].length).toBe(3);
    expect((out.runs[1].batches as number[][])[0].length).toBe(6);
    expect(out.runs[1].lr).toBeUndefined();
  });

  it('cuts the same epoch permutations into each racer’s batch size', () => {
    const c = normalizeMlpConfig({ ...base, steps: 60, optimizers: [{ name: 'gd', batchSize: 1 }, { name: 'gd', batchSize: 5 }, { name: 'gd' }, { name: 'gd', batchSize: 24 }] });
    const out = mlpResultToObject(runMlp(c)) as { runs: { batches: number[][] }[] };
    const [one, five, six, full] = out.runs.map((r) => r.batches);
    // Epoch 0 (24 points): 24 batches of 1, 5 batches of 5 (the last of 4), 4 of 6; all the same order.
    const epoch = one.slice(0, 24).flat();
    expect([...epoch].sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(five.slice(0, 5).flat()).toEqual(epoch);
    expect(five[4].length).toBe(4);
    expect(six.slice(0, 4).flat()).toEqual(epoch);
    // Epoch 1 is the next permutation for every batch size too.
    expect(five.slice(5, 10).flat()).toEqual(one.slice(24, 48).flat());
    expect(full[0]).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('clips the gradients SAM and schedule-free AdamW step with (SAM: the second one)', () => {
    for (const o of [{ name: 'sam', rho: 0.5, base: { name: 'gd', lr: 1 } }, { name: 'schedulefree', lr: 1, betas: [0.5, 0.999] }]) {
      const free = runMlp(config([o]));
      const r = runMlp(config([{ ...o, clip: { value: 1e-4 } }]));
      const P = r.theta0.length;
      const th = r.runs[0].theta;
      expect(r.runs[0].clipped?.every((c) => c === 1), o.name).toBe(true);
      // SAM + gd at lr 1: each coordinate moves by at most 1e-4, the clipped second gradient.
      if (o.name === 'sam') for (let q = 0; q < P; q++) expect(Math.abs(th[P + q] - th[q])).toBeLessThanOrEqual(1e-4 + 1e-16);
      expect(th[th.length - 1]).not.toBe(free.runs[0].theta[th.length - 1]);
    }
  });

  it('clips by norm over all the parameters', () => {
    const c = config([{ name: 'gd', lr: 1, clip: { norm: 1e-3 } }]);
    const r = runMlp(c);
    const P = r.theta0.length;
    const th = r.runs[0].theta;
    let ss = 0;
    for (let q = 0; q < P; q++) ss += (th[P + q] - th[q]) ** 2;
    // ‖Δθ‖ = lr·c·‖g‖/(‖g‖ + 1e-6): just below c, over all P parameters at once.
    expect(Math.sqrt(ss) / 1e-3).toBeLessThanOrEqual(1 + 1e-12);
    expect(Math.sqrt(ss) / 1e-3).toBeGreaterThan(1 - 1e-4);
  });

  it('refuses what it cannot do exactly, naming the field', () => {
    for (const [o, field] of [
      [{ name: 'lbfgs', clip: { norm: 1 } }, 'optimizers[0].clip'],
      [{ name: 'schedulefree', schedule: { name: 'onecycle', maxLr: 0.01, totalSteps: 12 } }, 'optimizers[0].schedule.cycleMomentum'],
      [{ name: 'adagrad', schedule: { name: 'onecycle', maxLr: 0.01, totalSteps: 12 } }, 'optimizers[0].schedule.cycleMomentum'],
      [{ name: 'adam', schedule: { name: 'onecycle', maxLr: 0.01, totalSteps: 11 } }, 'optimizers[0].schedule.totalSteps'],
      [{ name: 'adam', ema: 1 }, 'optimizers[0].ema'],
      [{ name: 'adam', batchSize: 25 }, 'optimizers[0].batchSize'],
    ] as const) {
      expect(error(() => config([o])), JSON.stringify(o)).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}:`));
    }
    // Shampoo's P × P matrix: a 2-16-16-1 network (P = 337) for 200 steps is too much.
    expect(error(() => normalizeMlpConfig({ surface: { name: 'mlp', params: { hidden: [16, 16] } }, optimizers: [{ name: 'adam' }, { name: 'shampoo' }], steps: 200 }))).toMatch(
      /^optimizers\[1\]\.name: shampoo preconditions all 337 parameters of this 2-16-16-1 network .*at most 6 steps here \(got 200\)/,
    );
    expect(normalizeMlpConfig({ surface: { name: 'mlp' }, optimizers: [{ name: 'shampoo' }], steps: 200 }).optimizers[0].name).toBe('shampoo');
    // SAM's schedule drives its base's lr.
    const s = runMlp(config([{ name: 'sam', base: { name: 'gd', lr: 0.2 }, schedule: { name: 'exponential', gamma: 0.5 } }]));
    expect(s.runs[0].lr?.[1]).toBe(0.1);
  });
});

describe('Network links with recipes, SAM bases and own data', () => {
  const data = { x: [[0.5, -1.25], [1e-3, 2], [-0.1, 0.3], [3, 4]], t: [0, 1, 1, 0] };
  const raw = {
    surface: { name: 'mlp', params: { hidden: [4, 3], dataset: 'moons' }, l2: 0.01, data },
    optimizers: [
      { name: 'adamw', lr: 0.03, clip: { norm: 1 }, ema: 0.9, batchSize: 2, schedule: { name: 'sequential', schedulers: [{ name: 'linear', startFactor: 0.1, totalIters: 10 }, { name: 'cosine', tMax: 30 }], milestones: [10] } },
      { name: 'sam', rho: 0.1, base: { name: 'momentum', lr: 0.2, momentum: 0.8 }, schedule: { name: 'multistep', milestones: [5, 20] } },
      { name: 'adam', betas: [0.8, 0.99], clip: { value: 0.5 }, schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 40 } },
    ],
    steps: 40,
    batchSize: 3,
  };

  it('carry the whole config: a link reproduces it', () => {
    const c = normalizeMlpConfig(raw);
    const q = networkLink(c, { step: 7, selected: 1 });
    expect(q).toContain('d=.5,.001,-.1,3~-1.25,2,.3,4~6');
    expect(q).toContain('base=momentum,base.lr=0.2,base.momentum=0.8');
    expect(q).toContain('sch=lin:0.1:1:10~10~cos:30');
    expect(q.length).toBeLessThan(400);
    const back = normalizeMlpConfig(networkConfigFromLink(`https://x.test/?${q}`));
    expect(back).toEqual(c);
    expect(runMlp(back).runs.map((r) => r.loss[r.loss.length - 1])).toEqual(runMlp(c).runs.map((r) => r.loss[r.loss.length - 1]));
    expect(networkViewFromLink(q)).toEqual({ step: 7, selected: 1 });
  });

  it('say that a data set too large for a link must be opened from its file', () => {
    const n = 2000;
    const big = { x: Array.from({ length: n }, (_, i) => [i / 7, -i / 3]), t: Array.from({ length: n }, (_, i) => i % 2) };
    expect(mlpDataFitsLink(normalizeMlpData(big))).toBe(false);
    expect(mlpDataFitsLink(normalizeMlpData(data))).toBe(true);
    const q = networkLink(normalizeMlpConfig({ ...raw, surface: { ...raw.surface, data: big } }), { step: null, selected: 0 });
    expect(q).toContain('d=file:2000');
    expect(error(() => networkConfigFromLink(q))).toMatch(/^d: this scene races its own data set of 2,000 rows, too large for a link: open the scene file/);
    expect(error(() => networkConfigFromLink('view=network&d=1,2~3,4~3'))).toMatch(/^surface\.data\.t: every label is 1/);
  });
});
