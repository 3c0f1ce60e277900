import { describe, expect, it } from 'vitest';
import { normalizeConfig, traceRacer } from '../../src/engine';
import { optimizerNames, optimizers, stateLabels } from '../../src/optim';
import { makeObjective, surfaces } from '../../src/surfaces';

describe('a racer trace reports the numbers that moved the racer', () => {
  it.each(optimizerNames)('%s: gradients, steps and state agree with the path', (name) => {
    const lr = name === 'newton' ? 0.5 : 0.01;
    // SAM's learning rate is its base's.
    const entry = name === 'sam' ? { name, base: { name: 'gd', lr } } : { name, lr };
    const config = normalizeConfig({ surface: { name: 'himmelblau', l2: 0.05 }, optimizers: [entry], start: [1, -1], steps: 30 });
    const tr = traceRacer(config, 0);
    const obj = makeObjective(surfaces.himmelblau, {}, 0.05);
    const g = new Float64Array(2);
    expect(tr.steps).toBe(30);
    expect(tr.stateLabels).toEqual(stateLabels(optimizers[name]));
    for (let k = 1; k <= tr.steps; k++) {
      const [x0, y0] = [tr.run.path[2 * k - 2], tr.run.path[2 * k - 1]];
      obj.valueGrad(x0, y0, g);
      expect(tr.grad[2 * k - 2]).toBe(g[0]);
      expect(tr.grad[2 * k - 1]).toBe(g[1]);
      expect(tr.delta[2 * k - 2]).toBe(tr.run.path[2 * k] - x0);
      expect(tr.delta[2 * k - 1]).toBe(tr.run.path[2 * k + 1] - y0);
    }
  });

  it('momentum: the buffer is μ·b + g, starting from the first gradient', () => {
    const config = normalizeConfig({ surface: { name: 'quadratic' }, optimizers: [{ name: 'momentum', lr: 0.01, momentum: 0.8 }], steps: 10 });
    const tr = traceRacer(config, 0);
    expect(tr.state[0]).toBe(tr.grad[0]);
    for (let k = 2; k <= 10; k++) {
      const i = k - 1;
      expect(tr.state[2 * i]).toBeCloseTo(0.8 * tr.state[2 * (i - 1)] + tr.grad[2 * i], 12);
      // the step is −lr·b, not a decay of the previous parameters
      expect(tr.delta[2 * i]).toBeCloseTo(-0.01 * tr.state[2 * i], 14);
    }
  });

  it('adam: m and v are the exponential averages of g and g²', () => {
    const config = normalizeConfig({ surface: { name: 'beale' }, optimizers: [{ name: 'adam', lr: 0.05, betas: [0.8, 0.99] }], steps: 8, start: [1, 1] });
    const tr = traceRacer(config, 0);
    let m = 0;
    let v = 0;
    for (let k = 1; k <= 8; k++) {
      const gx = tr.grad[2 * (k - 1)];
      m = 0.8 * m + 0.2 * gx;
      v = 0.99 * v + 0.01 * gx * gx;
      expect(tr.state[(k - 1) * 6]).toBeCloseTo(m, 12);
      expect(tr.state[(k - 1) * 6 + 2]).toBeCloseTo(v, 12);
    }
  });

  it('stops at the step that ended a diverged run', () => {
    const config = normalizeConfig({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'gd', lr: 1 }], steps: 100 });
    const tr = traceRacer(config, 0);
    expect(tr.run.status).toBe('diverged');
    expect(tr.steps).toBe(tr.run.divergedAt! - 1);
  });
});
