/** Save/Open scene (issue 16): a JSON file that round-trips every scene and racer field, own data included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig } from '../../src/engine';
import { optimizerNames } from '../../src/optim';
import { PALETTE, SHAPES } from '../../src/plot/palette';
import { sceneFromFile, sceneToFile } from '../../src/state/scene-file';
import { sceneFromConfig, type AppState, type Racer } from '../../src/state/app';
import { allSurfaceNames } from '../../src/surfaces';

const finite = fc.double({ min: -100, max: 100, noNaN: true });

/** A random scene: any surface (linreg and logreg with or without data of their own), any racers. */
const sceneArb = fc
  .record({
    surface: fc.constantFrom(...allSurfaceNames),
    f: fc.constantFrom('x^2 + 3*y^2 - x*y', '(1 - x)^2 + 100*(y - x^2)^2', 'sin(x) * cos(y) + 0.1*(x^2 + y^2)'),
    own: fc.boolean(),
    rows: fc.array(fc.tuple(finite, finite, fc.constantFrom(0, 1)), { minLength: 2, maxLength: 60 }),
    l2: fc.constantFrom(0, 0.01, 0.5),
    noise: fc.constantFrom(0, 0.3),
    optimizers: fc.array(fc.record({ name: fc.constantFrom(...optimizerNames), lr: fc.double({ min: 1e-4, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 5 }),
    looks: fc.array(fc.record({ color: fc.constantFrom(...PALETTE.map((p) => p.key)), shape: fc.constantFrom(...SHAPES), visible: fc.boolean() }), { minLength: 5, maxLength: 5 }),
    start: fc.tuple(finite, finite),
    steps: fc.integer({ min: 1, max: 10_000 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    stride: fc.integer({ min: 1, max: 20 }),
    batch: fc.integer({ min: 1, max: 200 }),
    speed: fc.integer({ min: 1, max: 2000 }),
  })
  .map((r) => {
    const surface: Record<string, unknown> = { name: r.surface, l2: r.l2 };
    if (r.surface === 'quadratic') surface.params = { kappa: 50, angle: -20 };
    if (r.surface === 'custom') surface.params = { f: r.f, domain: [[-2, 2.5], [-1, 3]] };
    if (['linreg', 'logreg', 'tinynet'].includes(r.surface) === false) surface.noise = r.noise;
    const xs = r.rows.map((x, i) => x[0] + i); // distinct x: a unique least-squares line
    if (r.own && r.surface === 'linreg') surface.data = { x: xs, y: r.rows.map((x) => x[1]) };
    if (r.own && r.surface === 'logreg') surface.data = { a: xs, b: r.rows.map((x) => x[1]), t: r.rows.map((x) => x[2]) };
    const optimizers = r.optimizers.map((o) => (o.name === 'newton' ? { name: 'newton' } : o));
    const n = r.surface === 'linreg' || r.surface === 'tinynet' ? 64 : r.surface === 'logreg' ? 100 : 1e6;
    const rows = surface.data ? r.rows.length : n;
    const config = normalizeConfig({ surface, optimizers, start: r.start, steps: r.steps, seed: r.seed, stride: r.stride, batchSize: Math.min(r.batch, rows) });
    const racers: Racer[] = config.optimizers.map((optimizer, i) => ({ id: i + 1, optimizer, ...r.looks[i] }));
    const state: Pick<AppState, 'scene' | 'racers' | 'playback'> = {
      scene: sceneFromConfig(config),
      racers,
      playback: { playing: false, speed: r.speed, step: Math.min(r.steps, 7) },
    };
    return state;
  });

describe('Save/Open scene', () => {
  it('round-trips every scene and racer field, a data set of one\'s own and a custom function included (property)', () => {
    fc.assert(
      fc.property(sceneArb, (state) => {
        const file = sceneFromFile(sceneToFile(state));
        expect(file.scene).toEqual(state.scene);
        expect(file.racers).toEqual(state.racers);
        expect(file.step).toBe(state.playback.step);
        expect(file.speed).toBe(state.playback.speed);
        // Bit for bit: the text of the file read back writes the same file.
        expect(sceneToFile({ scene: file.scene, racers: file.racers, playback: { playing: false, step: file.step, speed: file.speed } })).toBe(sceneToFile(state));
      }),
      { numRuns: 150 },
    );
  });

  it('carries 10,000 rows of data (what no link can)', () => {
    const n = 10_000;
    const config = normalizeConfig({
      surface: { name: 'logreg', data: { a: Array.from({ length: n }, (_, i) => Math.sin(i)), b: Array.from({ length: n }, (_, i) => Math.cos(3 * i)), t: Array.from({ length: n }, (_, i) => i % 2) } },
      optimizers: [{ name: 'adam', lr: 0.1 }],
      batchSize: 32,
    });
    const state = { scene: sceneFromConfig(config), racers: [{ id: 1, optimizer: config.optimizers[0], color: 'blue' as const, shape: 'star' as const, visible: true }], playback: { playing: false, speed: 60, step: 3 } };
    const text = sceneToFile(state);
    expect(text.length).toBeLessThan(1_000_000);
    expect(sceneFromFile(text).scene).toEqual(state.scene);
  });

  it('refuses a bad file with a message naming the field', () => {
    const good = JSON.parse(
      sceneToFile({
        scene: sceneFromConfig(normalizeConfig({ surface: { name: 'linreg', data: { x: [1, 2, 3], y: [1, 2, 4] } }, optimizers: [{ name: 'gd' }, { name: 'adam' }] })),
        racers: [
          { id: 1, optimizer: normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'gd' }] }).optimizers[0], color: 'orange', shape: 'circle', visible: true },
          { id: 2, optimizer: normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'adam' }] }).optimizers[0], color: 'blue', shape: 'square', visible: false },
        ],
        playback: { playing: false, speed: 60, step: 0 },
      }),
    );
    const cases: [string, string, RegExp][] = [
      ['', 'file', /is empty/],
      ['{"a":', 'file', /is not JSON/],
      ['[1,2]', 'file', /is not a Descent scene/],
      [JSON.stringify({ ...good, version: 2 }), 'version', /version 1 \(got 2\)/],
      [JSON.stringify({ ...good, extra: 1 }), 'extra', /unknown field/],
      [JSON.stringify({ ...good, config: { ...good.config, surface: { ...good.config.surface, data: { x: [1, 'a', 3], y: [1, 2, 3] } } } }), 'config.surface.data.x[1]', /finite number/],
      [JSON.stringify({ ...good, config: { ...good.config, steps: 20_000 } }), 'config.steps', /≤ 10000/],
      [JSON.stringify({ ...good, racers: [good.racers[0]] }), 'racers', /list of 2 entries/],
      [JSON.stringify({ ...good, racers: [good.racers[0], { ...good.racers[1], color: 'pink' }] }), 'racers[1].color', /must be one of orange/],
      [JSON.stringify({ ...good, racers: [good.racers[0], { ...good.racers[1], shape: 'blob' }] }), 'racers[1].shape', /must be one of circle/],
      [JSON.stringify({ ...good, racers: [good.racers[0], { ...good.racers[1], visible: 'yes' }] }), 'racers[1].visible', /true or false/],
      [JSON.stringify({ ...good, step: 999 }), 'step', /from 0 to 200/],
      [JSON.stringify({ ...good, speed: 0 }), 'speed', /from 1 to 2000/],
    ];
    for (const [text, field, problem] of cases) {
      let err: unknown = null;
      try {
        sceneFromFile(text);
      } catch (e) {
        err = e;
      }
      expect(err, text.slice(0, 60)).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).field, text.slice(0, 60)).toBe(field);
      expect((err as ConfigError).problem).toMatch(problem);
    }
  });
});
