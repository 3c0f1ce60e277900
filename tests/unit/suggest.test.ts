/**
 * A newly added racer's learning rate (issue 17): on every surface × optimizer, the rate addRacer
 * picks never diverges over the scene's whole run, and the racer makes progress.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import { optimizerNames } from '../../src/optim';
import { LR_CANDIDATES, suggestLr } from '../../src/state/suggest';
import { addRacer, appStore, resetStore, setCustomFunction, setSurface } from '../../src/state/store';
import { surfaceNames } from '../../src/surfaces';

afterEach(() => resetStore());

const cases = surfaceNames.flatMap((s) => optimizerNames.map((o) => [s, o] as const));

describe('the learning rate of a new racer', () => {
  it.each(cases)('%s × %s: chosen for the surface, never diverging, and the loss goes down', async (surface, name) => {
    resetStore();
    setSurface(surface);
    const id = await addRacer(name);
    const s = appStore.getState();
    const racer = s.racers.find((r) => r.id === id)!;
    const own = racer.optimizer.base;
    const lr = (typeof own === 'object' && own !== null && !Array.isArray(own) && 'lr' in own ? own.lr : racer.optimizer.lr) as number;
    const cfg = normalizeConfig({
      surface: { name: s.scene.surface, params: s.scene.params, l2: s.scene.l2, noise: s.scene.noise },
      optimizers: [racer.optimizer],
      start: s.scene.start,
      steps: s.scene.steps,
      batchSize: s.scene.batchSize,
      seed: s.scene.seed,
    });
    const run = runComparison(cfg).runs[0];
    expect(run.status, `lr ${lr}: ${run.reason}`).toBe('ok');
    expect(run.loss.length).toBe(s.scene.steps + 1);
    const suggested = suggestLr(s.scene, name);
    if (suggested !== null) {
      expect(lr).toBe(suggested);
      expect(LR_CANDIDATES).toContain(lr);
      expect(run.loss[run.loss.length - 1]).toBeLessThan(run.loss[0]);
    }
  });

  it('is not the default where the default fails: gradient descent on Beale at 0.05 leaves within 3 steps', () => {
    setSurface('beale');
    const lr = suggestLr(appStore.getState().scene, 'gd')!;
    expect(lr).toBeLessThan(0.05);
    const diverging = runComparison(
      normalizeConfig({ surface: { name: 'beale' }, optimizers: [{ name: 'gd', lr: 0.05 }], start: appStore.getState().scene.start, steps: 200 }),
    ).runs[0];
    expect(diverging.status).toBe('diverged');
  });

  it('follows the surface: a gentler rate on the steep Rosenbrock valley than on the round quadratic', () => {
    setSurface('quadratic');
    const quad = suggestLr(appStore.getState().scene, 'gd')!;
    setSurface('rosenbrock');
    const rosen = suggestLr(appStore.getState().scene, 'gd')!;
    expect(rosen).toBeLessThan(quad / 10);
  });

  it('on your own function too: chosen on its own domain, never diverging', async () => {
    setSurface('custom');
    setCustomFunction('x^4 - 3*x*y + y^2');
    for (const name of ['gd', 'momentum', 'adam', 'newton'] as const) {
      const id = await addRacer(name);
      const s = appStore.getState();
      const racer = s.racers.find((r) => r.id === id)!;
      const run = runComparison(
        normalizeConfig({ surface: { name: 'custom', params: s.scene.params }, optimizers: [racer.optimizer], start: s.scene.start, steps: s.scene.steps }),
      ).runs[0];
      expect(run.status, `${name} lr ${racer.optimizer.lr}`).toBe('ok');
    }
  });
});
