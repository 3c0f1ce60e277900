/** Your own data for the network (issue 16): `surface.data` of the mlp surface and the page's mlpDataFromColumns. */
import { describe, expect, it } from 'vitest';
import { mlpDataFromColumns, mlpDataPoints, mlpDataToColumns, normalizeMlpData } from '../../src/engine/mlp/userdata';
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
