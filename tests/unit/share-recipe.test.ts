/**
 * Share links carry every recipe field (CONTRACT §4): a property test round-trips random
 * recipes of every kind through the link, and a three-racer scene with schedules stays short.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeConfig, type RunConfig } from '../../src/engine';
import { decodeShare, encodeConfig, shareUrl } from '../../src/share/codec';
import { defaultShareState } from '../../src/share/fields';

const dbl = (min: number, max: number, o: { minExcluded?: boolean; maxExcluded?: boolean } = {}) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true, ...o });
const int = (min: number, max: number) => fc.integer({ min, max });
const increasing = (n: number) =>
  fc.uniqueArray(int(1, 400), { minLength: n, maxLength: n }).map((xs) => [...xs].sort((a, b) => a - b));

const gamma = dbl(0.01, 2);
const inner = fc.oneof(
  fc.record({ name: fc.constant('step'), stepSize: int(1, 500), gamma }, { requiredKeys: ['name', 'stepSize'] }),
  fc.record({ name: fc.constant('multistep'), milestones: fc.integer({ min: 0, max: 4 }).chain(increasing), gamma }, { requiredKeys: ['name', 'milestones'] }),
  fc.record({ name: fc.constant('exponential'), gamma: dbl(0.5, 1.05) }),
  fc.record({ name: fc.constant('cosine'), tMax: int(1, 500), etaMin: dbl(0, 1) }, { requiredKeys: ['name', 'tMax'] }),
  fc.record(
    { name: fc.constant('linear'), startFactor: dbl(1e-4, 1), endFactor: dbl(0, 1), totalIters: int(1, 300) },
    { requiredKeys: ['name'] },
  ),
);
const onecycle = fc.record(
  {
    name: fc.constant('onecycle'),
    maxLr: dbl(0, 10, { minExcluded: true }),
    totalSteps: int(60, 1000),
    pctStart: fc.constantFrom(0.1, 0.25, 0.3, 0.5, 0.75),
    annealStrategy: fc.constantFrom('cos', 'linear'),
    divFactor: dbl(1, 1000),
    finalDivFactor: dbl(1, 1e5),
    threePhase: fc.boolean(),
    baseMomentum: dbl(0, 0.9),
    maxMomentum: dbl(0.9, 1, { maxExcluded: true }),
  },
  { requiredKeys: ['name', 'maxLr', 'totalSteps'] },
);
const sequential = fc
  .array(inner, { minLength: 1, maxLength: 3 })
  .chain((schedulers) => increasing(schedulers.length - 1).map((milestones) => ({ name: 'sequential', schedulers, milestones })));
const schedule = fc.oneof(inner, onecycle, sequential);
const recipe = fc.record(
  {
    batchSize: int(1, 64),
    schedule,
    clip: fc.oneof(fc.record({ norm: dbl(0, 100, { minExcluded: true }) }), fc.record({ value: dbl(0, 100, { minExcluded: true }) })),
    ema: dbl(0, 1, { minExcluded: true, maxExcluded: true }),
  },
  { requiredKeys: [] },
);

describe('share links with recipes', () => {
  it('round-trip every recipe field (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('gd', 'momentum', 'adam', 'adamw', 'rmsprop', 'nadam'), recipe), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('linreg', 'rosenbrock'),
        (racers, surface) => {
          let config: RunConfig;
          try {
            config = normalizeConfig({ surface: { name: surface }, optimizers: racers.map(([name, r]) => ({ name, ...r })), steps: 60 });
          } catch {
            fc.pre(false); // a schedule torch would refuse (validation's own tests cover those)
            return;
          }
          const link = encodeConfig(config);
          const back = decodeShare(link);
          expect(back.notices).toEqual([]);
          expect(back.state.config).toEqual(config);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep a three-racer scene with schedules under 300 characters', () => {
    const config = normalizeConfig({
      surface: { name: 'rosenbrock' },
      optimizers: [
        { name: 'adamw', lr: 0.05, schedule: { name: 'sequential', schedulers: [{ name: 'linear', startFactor: 0.01, totalIters: 20 }, { name: 'cosine', tMax: 280 }], milestones: [20] }, clip: { norm: 1 }, ema: 0.99 },
        { name: 'adam', lr: 0.05, schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 300 } },
        { name: 'momentum', lr: 0.001, schedule: { name: 'multistep', milestones: [100, 200], gamma: 0.5 } },
      ],
      steps: 300,
    });
    const url = shareUrl({ ...defaultShareState(), config, colors: [] }, 'https://descent.example/');
    expect(url.length).toBeLessThan(300);
    expect(decodeShare(url).state.config).toEqual(config);
    expect(url).toContain('sch=lin:0.01:1:20~20~cos:280');
  });

  it('name a bad recipe piece and keep the racer', () => {
    const d = decodeShare('v=1&s=beale&o=adam,lr=0.05,sch=cos:0,cn=1;gd,ema=2');
    expect(d.state.config.optimizers.map((o) => o.name)).toEqual(['adam', 'gd']);
    expect(d.state.config.recipes).toEqual([{ clip: { norm: 1 } }, {}]);
    expect(d.notices.map((n) => n.field)).toEqual(['o[0].schedule.tMax', 'o[1].ema']);
  });
});
