/**
 * A data set of one's own (issue 16): `surface.data` in the config (checked with messages naming
 * the field), the surface it makes, the CLI's output, and the exported PyTorch script of a CSV's
 * data replayed in real torch (batches included) to 1e-9.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvToData } from '../../src/data/csv';
import { ConfigError, normalizeConfig, runComparison } from '../../src/engine';
import type { ComparisonResult } from '../../src/engine/types';
import { toJson } from '../../src/export/data';
import { toPyTorch } from '../../src/export/pytorch';
import { surfaces } from '../../src/surfaces';
import { GRID_BUDGET, gridSizeFor, gridValue, resolveSurface } from '../../src/engine/userdata';
import { makeObjective } from '../../src/surfaces';
import { computeGrid } from '../../src/worker/compute';
import { Rng } from '../../src/engine/rng';

const TOL = 1e-9;

function configError(raw: unknown): { field: string; problem: string } {
  try {
    normalizeConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return { field: e.field, problem: e.problem };
    throw e;
  }
  throw new Error('no error');
}

const gd = [{ name: 'gd' }];

describe('surface.data in a config', () => {
  it('is refused with a message naming the field', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'rosenbrock', data: { x: [1, 2], y: [1, 2] } }, 'surface.data', /rosenbrock takes no data of its own/],
      [{ name: 'custom', params: { f: 'x^2 + y^2' }, data: { x: [1, 2], y: [1, 2] } }, 'surface.data', /custom takes no data of its own/],
      [{ name: 'linreg', data: [1, 2] }, 'surface.data', /must be an object like \{"x": \[\.\.\.\], "y": \[\.\.\.\]\}/],
      [{ name: 'linreg', data: { x: [1, 2] } }, 'surface.data.y', /missing/],
      [{ name: 'linreg', data: { x: [1, 2], y: [1, 2], z: [] } }, 'surface.data.z', /unknown column of linreg's data; expected x, y/],
      [{ name: 'linreg', data: { x: [1, 2], y: [1, 2, 3] } }, 'surface.data.y', /has 3 values but x has 2/],
      [{ name: 'linreg', data: { x: [1], y: [1] } }, 'surface.data.x', /at least 2 rows \(got 1\)/],
      [{ name: 'linreg', data: { x: [1, 'a'], y: [1, 2] } }, 'surface.data.x[1]', /finite number/],
      [{ name: 'linreg', data: { x: [1, 2], y: [1, 1e7] } }, 'surface.data.y[1]', /1000000/],
      [{ name: 'linreg', data: { x: [3, 3, 3], y: [1, 2, 3] } }, 'surface.data.x', /every x is 3/],
      [{ name: 'linreg', data: { x: '1,2', y: [1, 2] } }, 'surface.data.x', /must be a list of numbers/],
      [{ name: 'logreg', data: { a: [1, 2], b: [0, 1], t: [0, 0.5] } }, 'surface.data.t[1]', /label must be 0 or 1 \(got 0.5\)/],
      [
        { name: 'linreg', data: { x: Array.from({ length: 10_001 }, (_, i) => i), y: Array.from({ length: 10_001 }, () => 0) } },
        'surface.data.x',
        /at most 10,000 rows \(got 10,001\)/,
      ],
    ];
    for (const [surface, field, problem] of cases) {
      const e = configError({ surface, optimizers: gd });
      expect(e.field, JSON.stringify(surface).slice(0, 80)).toBe(field);
      expect(e.problem).toMatch(problem);
    }
  });

  it('is optional: without it the shipped data set is raced, exactly as before', () => {
    const c = normalizeConfig({ surface: { name: 'linreg' }, optimizers: gd });
    expect('data' in c.surface).toBe(false);
    expect(resolveSurface(c.surface)).toBe(surfaces.linreg);
  });

  it('makes a surface on that data: batch size up to n, the least-squares minimum, a domain around it and the origin', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = x.map((v) => 3 * v - 2 + (v % 2 ? 0.1 : -0.1));
    const c = normalizeConfig({ surface: { name: 'linreg', data: { x, y } }, optimizers: gd });
    expect(c.batchSize).toBe(8);
    expect(configError({ surface: { name: 'linreg', data: { x, y } }, optimizers: gd, batchSize: 9 }).field).toBe('batchSize');
    const def = resolveSurface(c.surface);
    const [m] = def.criticalPoints({});
    expect(m.point[0]).toBeCloseTo(3, 1);
    expect(m.point[1]).toBeCloseTo(-2, 1);
    const g = new Float64Array(2);
    def.create({}).valueGrad(m.point[0], m.point[1], g);
    expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-10);
    for (const p of [m.point, [0, 0], def.defaultStart]) {
      expect(p[0]).toBeGreaterThanOrEqual(def.domain.x[0]);
      expect(p[0]).toBeLessThanOrEqual(def.domain.x[1]);
      expect(p[1]).toBeGreaterThanOrEqual(def.domain.y[0]);
      expect(p[1]).toBeLessThanOrEqual(def.domain.y[1]);
    }
    expect(c.start).toEqual(def.defaultStart);
  });

  it('logreg on separable classes has no finite minimum: none is marked, and it still races', () => {
    const data = { a: [1, 2, -1, -2], b: [0.5, 1, -0.5, -1], t: [1, 1, 0, 0] };
    const c = normalizeConfig({ surface: { name: 'logreg', data }, optimizers: [{ name: 'adam', lr: 0.1 }], steps: 50 });
    expect(resolveSurface(c.surface).criticalPoints({})).toEqual([]);
    const r = runComparison(c);
    expect(r.runs[0].status).toBe('ok');
  });

  it('the CLI output prints the data in "data" (and not a second time in "surface")', () => {
    const data = { x: [1, 2, 3, 4], y: [2, 4.5, 5.5, 8] };
    const out = JSON.parse(toJson(runComparison(normalizeConfig({ surface: { name: 'linreg', data }, optimizers: gd, steps: 3, batchSize: 2 }))));
    expect(out.data).toEqual(data);
    expect(out.surface).toEqual({ name: 'linreg', params: {}, l2: 0, noise: 0 });
    expect(out.runs[0].batches).toHaveLength(3); // one per step: the last point has none
  });

  it('the same data gives the same race as the shipped data set when it is that set', () => {
    const shipped = surfaces.linreg.create({}).data;
    if (shipped?.kind !== 'xy') throw new Error('linreg ships xy data');
    const data = { x: Array.from(shipped.x), y: Array.from(shipped.y) };
    const base = { optimizers: [{ name: 'adam', lr: 0.1 }, { name: 'newton' }], batchSize: 8, steps: 60, start: [-1, -2] };
    const a = runComparison(normalizeConfig({ ...base, surface: { name: 'linreg' } }));
    const b = runComparison(normalizeConfig({ ...base, surface: { name: 'linreg', data } }));
    expect(Array.from(b.runs[0].path)).toEqual(Array.from(a.runs[0].path));
    expect(Array.from(b.runs[1].path)).toEqual(Array.from(a.runs[1].path));
  });
});

describe('the contour grid of a data set of one\'s own', () => {
  it('linreg: the quadratic form the grid evaluates is the loss itself (l2 included), to rounding', () => {
    const x = Array.from({ length: 500 }, (_, i) => 1 + (i % 37) / 9);
    const y = x.map((v, i) => 40 + 9 * v + ((i * 37) % 11) - 5);
    const c = normalizeConfig({ surface: { name: 'linreg', data: { x, y }, l2: 0.3 }, optimizers: gd });
    const def = resolveSurface(c.surface);
    const obj = makeObjective(def, {}, 0.3);
    const q = gridValue(c.surface, obj);
    for (let i = 0; i <= 10; i++) {
      for (let j = 0; j <= 10; j++) {
        const w = def.domain.x[0] + (i / 10) * (def.domain.x[1] - def.domain.x[0]);
        const b = def.domain.y[0] + (j / 10) * (def.domain.y[1] - def.domain.y[0]);
        expect(Math.abs(q(w, b) - obj.value(w, b))).toBeLessThanOrEqual(1e-9 * Math.max(1, obj.value(w, b)));
      }
    }
  });

  it('keeps the grid within its budget for 10,000 rows, at least 24 × 24, and leaves small sets at full size', () => {
    expect(gridSizeFor(100, 160, 160)).toEqual({ nx: 160, ny: 160 });
    for (const n of [1000, 3000, 10_000]) {
      const { nx, ny } = gridSizeFor(n, 160, 160);
      expect(nx).toBeGreaterThanOrEqual(24);
      expect(nx * ny * n).toBeLessThanOrEqual(Math.max(GRID_BUDGET, 24 * 24 * n) * 1.1);
    }
    const n = 10_000;
    const data = { a: Array.from({ length: n }, (_, i) => Math.sin(i)), b: Array.from({ length: n }, (_, i) => Math.cos(3 * i)), t: Array.from({ length: n }, (_, i) => i % 2) };
    const g = computeGrid({ id: 1, surface: normalizeConfig({ surface: { name: 'logreg', data }, optimizers: gd }).surface, nx: 160, ny: 160 });
    expect([g.nx, g.ny]).toEqual([24, 24]);
    expect(g.values).toHaveLength(24 * 24);
    expect(g.n).toBe(n);
  });
});

// -------------------------------------------------------------------------------------------------
// A CSV's data, raced and replayed in real torch.

function findPython(): string | null {
  for (const c of [process.env.DESCENT_PYTHON, '/usr/bin/python3', 'python3']) {
    if (c && spawnSync(c, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 }).status === 0) return c;
  }
  return null;
}

function linregCsv(n: number): string {
  const rng = new Rng(5, 9);
  const lines = ['id,height (m),weight'];
  for (let i = 0; i < n; i++) {
    const x = 1.5 + 0.5 * rng.normal();
    lines.push(`${i},${x.toFixed(3)},"${(20 * x - 5 + 3 * rng.normal()).toFixed(2)}"`);
  }
  return lines.join('\r\n') + '\r\n';
}

function logregCsv(n: number): string {
  const rng = new Rng(6, 9);
  const lines = ['label;f1;f2'];
  for (let i = 0; i < n; i++) {
    const t = i % 2;
    lines.push(`${t};${(rng.normal() + (t ? 1 : -1)).toFixed(4)};${(rng.normal() + (t ? 0.5 : -0.5)).toExponential(3)}`);
  }
  return lines.join('\n');
}

const SCENES = [
  {
    name: 'linreg on a CSV (quoted cells, CRLF, an id column skipped), batch size 7 with l2',
    surface: 'linreg',
    csv: linregCsv(45),
    pick: [1, 2],
    config: { optimizers: [{ name: 'adam', lr: 0.3 }, { name: 'momentum', lr: 0.01 }, { name: 'newton', lr: 0.5 }], batchSize: 7, seed: 4, steps: 80, l2: 0.01 },
  },
  {
    name: 'logreg on a semicolon CSV (labels first, exponents), batch size 1 and 16',
    surface: 'logreg',
    csv: logregCsv(60),
    pick: [1, 2, 0],
    config: { optimizers: [{ name: 'adam', lr: 0.05 }, { name: 'rmsprop', lr: 0.01 }, { name: 'gd', lr: 0.5 }], batchSize: 1, seed: 2, steps: 100 },
  },
  {
    name: 'logreg on the same CSV at batch size 16',
    surface: 'logreg',
    csv: logregCsv(60),
    pick: [1, 2, 0],
    config: { optimizers: [{ name: 'nadam', lr: 0.05 }, { name: 'lion', lr: 0.01 }], batchSize: 16, seed: 9, steps: 60 },
  },
];

const python = findPython();

describe('a CSV data set races as real torch replays it', () => {
  if (python === null) {
    it('reports that PyTorch was not found (and fails under CI)', () => {
      if (process.env.CI) throw new Error('PyTorch not found: the exported scripts were not run');
      console.warn('\n  ⚠ PyTorch not found: the user-data scripts were not run\n');
    });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'descent-userdata-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(SCENES.map((s, i) => [s.name, i] as const))('%s', async (_name, i) => {
    const s = SCENES[i];
    // The columns as picked in the page from the header (the guess takes the first ones).
    const { data, table } = csvToData(s.csv, s.surface, s.pick);
    expect(table.hasHeader).toBe(true);
    const { l2, ...rest } = s.config as typeof s.config & { l2?: number };
    const result: ComparisonResult = runComparison(normalizeConfig({ surface: { name: s.surface, data, l2: l2 ?? 0 }, ...rest }));
    expect(result.batches).not.toBeNull();
    const script = toPyTorch(result);
    expect(script).toContain('your own');
    const file = join(dir, `scene${i}.py`);
    writeFileSync(file, script);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(python, [file, '--json'], { maxBuffer: 64 << 20, timeout: 120_000 }, (err, out, errOut) => (err ? reject(new Error(errOut)) : resolve(out)));
    });
    const py = JSON.parse(stdout) as { runs: { status: string; path: [number, number][]; loss: number[] }[] };
    let worst = 0;
    result.runs.forEach((run, r) => {
      expect(py.runs[r].status).toBe(run.status);
      expect(py.runs[r].path).toHaveLength(run.index.length);
      for (let j = 0; j < run.index.length; j++) {
        const k = run.index[j];
        const [x, y] = py.runs[r].path[k];
        for (const [a, b] of [[x, run.path[2 * j]], [y, run.path[2 * j + 1]], [py.runs[r].loss[k], run.loss[j]]]) {
          worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
        }
      }
    });
    if (process.env.DESCENT_REPORT) console.info(`worst relative difference: ${worst}`);
    expect(worst).toBeLessThanOrEqual(TOL);
  }, 120_000);
});
