/**
 * The presets (issue 17): each has a "try this next" prompt in both languages; the ravine's start
 * shows the zigzag it promises; no two racers of a preset share a legend label.
 */
import { describe, expect, it } from 'vitest';
import { pageLabels } from '../../src/components/plot/Legend';
import { runComparison } from '../../src/engine';
import { decodeShare } from '../../src/share/codec';
import { getPreset, presets } from '../../src/share/presets';
import { sceneFromShare } from '../../src/state/share-sync';

const config = (id: string) => decodeShare(getPreset(id)!.query).state.config;

describe('every preset', () => {
  it.each(presets.map((p) => p.id))('%s: a "try this next" prompt in English and Chinese', (id) => {
    const p = getPreset(id)!;
    expect(p.next.en.length).toBeGreaterThan(30);
    expect(p.next.zh.length).toBeGreaterThan(10);
    expect(p.next.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.next.en).not.toBe(p.next.zh);
  });

  it.each(presets.map((p) => p.id))('%s: no two racers share a legend label', (id) => {
    const { scene, racers } = sceneFromShare(decodeShare(getPreset(id)!.query).state);
    const labels = pageLabels({ scene, racers });
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('the ravine preset', () => {
  it('starts off the valley floor, so gradient descent zigzags visibly across the ravine', () => {
    const cfg = config('ravine-momentum');
    const a = (Number(cfg.surface.params.angle) * Math.PI) / 180;
    // The steep direction of the rotated bowl is (−sin a, cos a); v is the distance along it.
    const v = (x: number, y: number) => -Math.sin(a) * x + Math.cos(a) * y;
    const gd = runComparison(cfg).runs[0];
    const vs = Array.from({ length: 21 }, (_, k) => v(gd.path[2 * k], gd.path[2 * k + 1]));
    // Every one of the first 20 steps crosses the floor (v changes sign) …
    for (let k = 1; k < vs.length; k++) expect(Math.sign(vs[k])).toBe(-Math.sign(vs[k - 1]));
    // … and the swings are large enough to see: the first ones span more than a quarter of the
    // 8-unit-wide picture, the 20th still more than 2 %.
    expect(Math.abs(vs[0] - vs[1])).toBeGreaterThan(2);
    expect(Math.abs(vs[19] - vs[20])).toBeGreaterThan(0.16);
  });
});

describe('what the "try this next" prompts predict', () => {
  const run = (q: string) => runComparison(decodeShare(q).state.config).runs;
  const last = (r: { path: Float64Array; loss: Float64Array }) => [r.path[r.path.length - 2], r.path[r.path.length - 1]];

  it('learning rate: at 0.2 = 2/κ the zigzag no longer shrinks; at 0.19 it shrinks slowly', () => {
    const [at19, at20] = run('v=1&s=quadratic&o=gd,lr=0.19;gd,lr=0.2&n=100');
    expect(at20.status).toBe('ok');
    // f = ½(u² + κv²): the v part keeps its size at 0.2 (factor −1 a step); u still shrinks.
    const vPart = (r: typeof at20, k: number) => 10 * r.path[2 * k + 1] ** 2;
    expect(vPart(at20, 100)).toBeCloseTo(vPart(at20, 0), 9);
    expect(vPart(at19, 100)).toBeLessThan(vPart(at19, 0) * 1e-3);
  });

  it('momentum vs Nesterov: with momentum 0.5 neither passes the minimum along x', () => {
    for (const r of run('v=1&s=quadratic&o=momentum,lr=0.05,momentum=0.5;nesterov,lr=0.05,momentum=0.5&n=150')) {
      const xs = Array.from({ length: r.loss.length }, (_, k) => r.path[2 * k]);
      expect(Math.max(...xs)).toBeLessThanOrEqual(0);
    }
  });

  it('Newton on a quadratic with κ = 500: one step for Newton, divergence for gradient descent at 0.038', () => {
    const [newton, gd] = run('v=1&s=quadratic&kappa=500&angle=30&o=newton;gd,lr=0.038&n=50');
    expect(newton.loss[1]).toBeLessThan(1e-20);
    expect(gd.status).toBe('diverged');
  });

  it('saddle: started below the axis, saddle-free Newton reaches (0, −√2) and Newton the saddle', () => {
    const [plain, free] = run('v=1&s=saddle&o=newton,lr=0.5;newton,lr=0.5,saddleFree=1&st=1.5,-0.01&n=40');
    expect(last(plain)[0]).toBeCloseTo(0, 6);
    expect(last(plain)[1]).toBeCloseTo(0, 6);
    expect(last(free)[1]).toBeCloseTo(-Math.SQRT2, 6);
  });

  it('camel: the mirrored start mirrors every end point', () => {
    const a = run('v=1&s=camel&o=gd;momentum;adam,lr=0.05&st=-2,-1&n=300');
    const b = run('v=1&s=camel&o=gd;momentum;adam,lr=0.05&st=2,1&n=300');
    a.forEach((r, i) => {
      expect(last(b[i])[0]).toBeCloseTo(-last(r)[0], 9);
      expect(last(b[i])[1]).toBeCloseTo(-last(r)[1], 9);
    });
  });

  it('rotated valley: Newton lands on the minimum in one step', () => {
    const [newton] = run('v=1&s=quadratic&kappa=100&angle=45&o=newton&st=-3.89,-1.06&n=150');
    expect(newton.loss[1]).toBeLessThan(1e-20);
  });

  it('L2 0.1 puts the minimum nearer (1, 1) than L2 1', () => {
    const end = (l2: number) => last(run(`v=1&s=rosenbrock&l2=${l2}&o=newton,lr=0.5&n=300`)[0]);
    const d = (p: number[]) => Math.hypot(p[0] - 1, p[1] - 1);
    expect(d(end(0.1))).toBeLessThan(d(end(1)));
  });
});
