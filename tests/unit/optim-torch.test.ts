import { describe, expect, it } from 'vitest';
import reference from '../fixtures/torch-reference.json';
import { normalizeConfig, runComparison } from '../../src/engine';

interface Trajectory {
  surface: { name: string; params?: Record<string, number>; l2?: number };
  optimizer: { name: string; [k: string]: unknown };
  start: [number, number];
  steps: number;
  path: [number, number][];
  loss: number[];
}

const TOL = 1e-9;
const trajectories = reference.trajectories as unknown as Trajectory[];

function describeCase(t: Trajectory): string {
  const { name, ...hyper } = t.optimizer;
  const surf = [t.surface.name, t.surface.params && JSON.stringify(t.surface.params), t.surface.l2 && `l2=${t.surface.l2}`]
    .filter(Boolean)
    .join(' ');
  return `${name} ${JSON.stringify(hyper)} matches torch on ${surf} from (${t.start}) for ${t.steps} steps`;
}

describe('every optimizer reproduces the torch reference trajectories', () => {
  it('covers all 13 optimizers', () => {
    expect(new Set(trajectories.map((t) => t.optimizer.name)).size).toBe(13);
  });

  it.each(trajectories.map((t) => [describeCase(t), t] as const))('%s', (_label, t) => {
    const config = normalizeConfig({ surface: t.surface, optimizers: [t.optimizer], start: t.start, steps: t.steps });
    const [run] = runComparison(config).runs;
    expect(run.status).toBe('ok');
    expect(run.loss.length).toBe(t.steps + 1);
    let worst = 0;
    let worstAt = -1;
    for (let k = 0; k <= t.steps; k++) {
      const d = Math.max(
        Math.abs(run.path[2 * k] - t.path[k][0]),
        Math.abs(run.path[2 * k + 1] - t.path[k][1]),
        Math.abs(run.loss[k] - t.loss[k]),
      );
      if (d > worst) {
        worst = d;
        worstAt = k;
      }
    }
    expect(worst, `largest difference ${worst} at step ${worstAt}`).toBeLessThanOrEqual(TOL);
  });
});
