import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configFromUrl } from '../../src/cli/url';
import { ConfigError, DEFAULTS, LIMITS, defaultConfig, normalizeConfig, runComparison } from '../../src/engine';
import type { ComparisonResult, RunConfig, RunResult } from '../../src/engine/types';
import { normalizeOptimizerConfig, optimizerNames, optimizers } from '../../src/optim';
import type { HyperSpec, NumberSpec, OptimizerConfig } from '../../src/optim/types';
import {
  COLOR_KEY,
  HIDE_GROUPS,
  MAX_INPUT_LENGTH,
  MAX_LINK_STEPS,
  MAX_NOTICES,
  SHARE_KEYS,
  createUrlUpdater,
  decodeConfig,
  decodeShare,
  defaultShareState,
  encodeConfig,
  encodeShare,
  formatNumber,
  getPreset,
  presets,
  shareUrl,
  type Notice,
  type ShareState,
} from '../../src/share';
import { STEPS_MAX } from '../../src/state/store';
import { getSurface, makeObjective, surfaceNames, surfaces } from '../../src/surfaces';
import type { SurfaceName } from '../../src/surfaces/types';

// ---------------------------------------------------------------------------------------------
// Generators

type Range = Pick<NumberSpec, 'min' | 'max' | 'minExclusive' | 'maxExclusive' | 'integer'>;

/** Any double in the range (exact, arbitrary bits), sometimes a short "typed" value. */
function numberIn(r: Range, def?: number): fc.Arbitrary<number> {
  if (r.integer) return fc.integer({ min: Math.ceil(r.min), max: Math.floor(r.max) });
  const inRange = (x: number) => (r.minExclusive ? x > r.min : x >= r.min) && (r.maxExclusive ? x < r.max : x <= r.max);
  const typed = [0, 1e-8, 0.001, 0.05, 0.5, 0.9, 0.999, 1, 2.5, 10, 1e3, -0.5, -3].filter(inRange);
  const arbs: fc.Arbitrary<number>[] = [
    fc.double({ min: r.min, max: r.max, minExcluded: !!r.minExclusive, maxExcluded: !!r.maxExclusive, noNaN: true }),
  ];
  if (typed.length) arbs.push(fc.constantFrom(...typed));
  if (def !== undefined) arbs.push(fc.constant(def));
  return fc.oneof(...arbs);
}

function hyperValue(spec: HyperSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'number':
      return numberIn(spec, spec.default);
    case 'boolean':
      return fc.boolean();
    case 'pair':
      return fc.oneof(fc.constant(spec.default), fc.tuple(numberIn(spec.items[0]), numberIn(spec.items[1])));
    case 'choice':
      return fc.constantFrom(...spec.options);
    case 'optimizer':
      // SAM's base: its default, or another allowed optimizer with hyperparameters of its own.
      return fc.oneof(
        fc.constant(spec.default),
        fc.constantFrom(...optimizerNames.filter((n) => !spec.exclude.includes(n))).chain((name) =>
          fc.record(Object.fromEntries(optimizers[name].hyper.map((h) => [h.key, hyperValue(h)])), { requiredKeys: [] }).map((r) => ({ name, ...r })),
        ),
      );
  }
}

const optimizerArb: fc.Arbitrary<OptimizerConfig> = fc
  .constantFrom(...optimizerNames)
  .chain((name) => {
    const rec: Record<string, fc.Arbitrary<unknown>> = {};
    for (const spec of optimizers[name].hyper) rec[spec.key] = hyperValue(spec);
    return fc.record(rec, { requiredKeys: [] }).map((h) => ({ name, ...h }));
  })
  .filter((raw) => {
    try {
      normalizeOptimizerConfig(raw);
      return true;
    } catch {
      return false;
    }
  })
  .map((raw) => normalizeOptimizerConfig(raw));

const hexColor = fc
  .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: 6, maxLength: 6 })
  .map((cs) => `#${cs.join('')}`);

const configArb: fc.Arbitrary<RunConfig> = fc.constantFrom(...surfaceNames).chain((name) => {
  const def = surfaces[name];
  const params: Record<string, fc.Arbitrary<number>> = {};
  for (const p of def.params) params[p.key] = numberIn(p, p.default);
  const n = def.kind === 'data' ? def.create({}).n : 0;
  const coord = numberIn({ min: -LIMITS.maxCoordinate, max: LIMITS.maxCoordinate });
  return fc
    .record({
      params: fc.record(params),
      l2: fc.oneof(fc.constant(0), numberIn({ min: 0, max: LIMITS.maxL2 })),
      noise: def.kind === 'analytic' ? fc.oneof(fc.constant(0), numberIn({ min: 0, max: LIMITS.maxNoise })) : fc.constant(0),
      optimizers: fc.array(optimizerArb, { minLength: 1, maxLength: 6 }),
      start: fc.option(fc.tuple(coord, coord), { nil: undefined }),
      steps: fc.oneof(fc.constant(DEFAULTS.steps), fc.integer({ min: 0, max: MAX_LINK_STEPS })),
      batchSize: fc.integer({ min: 1, max: n || LIMITS.maxAnalyticBatch }),
      seed: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: LIMITS.maxSeed })),
      stride: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: LIMITS.maxSteps })),
    })
    .map(({ params, l2, noise, ...rest }) =>
      normalizeConfig({ surface: { name, params, l2, noise }, ...rest, start: rest.start }),
    );
});

const stateArb: fc.Arbitrary<ShareState> = configArb.chain((config) =>
  fc.record({
    config: fc.constant(config),
    colors: fc.array(fc.option(hexColor, { nil: null }), {
      minLength: config.optimizers.length,
      maxLength: config.optimizers.length,
    }),
    step: fc.option(fc.integer({ min: 0, max: config.steps }), { nil: null }),
    lang: fc.constantFrom('en' as const, 'zh' as const, null),
    theme: fc.constantFrom('light' as const, 'dark' as const, null),
    embed: fc.boolean(),
    hide: fc.shuffledSubarray([...HIDE_GROUPS]),
  }),
);

// Pieces of hostile links.
const nasty = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1e308',
  '1e999',
  '-1e999',
  '1e-400',
  '1e308',
  '99999999999999999999999',
  '-3',
  '0',
  '-0',
  '0x10',
  '1_000',
  ' 1',
  '',
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '\u0000\u0007\u001b[31m',
  '\u202eevil',
  '\ud800',
  '雪',
  '🙂',
  'a'.repeat(300),
  ',',
  ';',
  '/',
  '=',
  '&',
  '#',
  '?',
];
const keys = [...Object.values(SHARE_KEYS), 'kappa', 'angle', 'x', '', 'o[0]', '__proto__', 'constructor'];
const valueArb = fc.oneof(
  fc.constantFrom(...nasty),
  fc.constantFrom(...surfaceNames, ...optimizerNames, ...HIDE_GROUPS, 'en', 'zh', 'light', 'dark', '1', '2'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...optimizerNames, 'nope', ''),
        fc.array(fc.tuple(fc.constantFrom('lr', 'betas', 'momentum', 'saddleFree', 'amsgrad', COLOR_KEY, 'etas', 'stepSizes', 'zz'), fc.constantFrom(...nasty, '0.1', '0.9/0.999', '1', 'e69f00')), { maxLength: 4 }),
      ),
      { maxLength: 4 },
    )
    .map((rs) => rs.map(([n, kv]) => [n, ...kv.map(([k, v]) => `${k}=${v}`)].join(',')).join(';')),
);
const linkArb = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), valueArb), { maxLength: 12 })
  .chain((pairs) =>
    fc.constantFrom('', '?', 'http://localhost:5173/?', 'https://x.test/descent/#', '#').map(
      (prefix) => prefix + pairs.map(([k, v]) => `${k}=${v}`).join('&'),
    ),
  );

// ---------------------------------------------------------------------------------------------
// Helpers

// Control characters, bidi overrides, separators and lone surrogates must never reach a notice.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function expectSound(input: string): { state: ShareState; notices: Notice[] } {
  const out = decodeShare(input);
  const { state, notices } = out;
  expect(normalizeConfig(state.config)).toEqual(state.config);
  expect(state.colors).toHaveLength(state.config.optimizers.length);
  for (const c of state.colors) if (c !== null) expect(c).toMatch(/^#[0-9a-fA-F]{6}$/);
  if (state.step !== null) {
    expect(Number.isInteger(state.step)).toBe(true);
    expect(state.step).toBeGreaterThanOrEqual(0);
    expect(state.step).toBeLessThanOrEqual(state.config.steps);
  }
  expect([null, 'en', 'zh']).toContain(state.lang);
  expect([null, 'light', 'dark']).toContain(state.theme);
  expect(typeof state.embed).toBe('boolean');
  for (const g of state.hide) expect(HIDE_GROUPS).toContain(g);
  expect(new Set(state.hide).size).toBe(state.hide.length);
  expect(notices.length).toBeLessThanOrEqual(MAX_NOTICES);
  for (const n of notices) {
    expect(Object.keys(n).sort()).toEqual(['field', 'message']);
    expect(typeof n.field).toBe('string');
    expect(typeof n.message).toBe('string');
    expect(n.field.length).toBeGreaterThan(0);
    expect(n.message.length).toBeGreaterThan(0);
    expect(n.field.length).toBeLessThanOrEqual(40);
    expect(n.message.length).toBeLessThanOrEqual(240);
    expect(n.field).not.toMatch(UNSAFE);
    expect(n.message).not.toMatch(UNSAFE);
  }
  return out;
}

function fieldsOf(notices: Notice[]): string[] {
  return notices.map((n) => n.field);
}

function last(run: RunResult): [number, number] {
  const k = run.loss.length - 1;
  return [run.path[2 * k], run.path[2 * k + 1]];
}

function at(run: RunResult, step: number): { x: number; y: number; f: number } {
  const j = Array.from(run.index).indexOf(step);
  if (j < 0) throw new Error(`step ${step} not kept`);
  return { x: run.path[2 * j], y: run.path[2 * j + 1], f: run.loss[j] };
}

function finalLoss(run: RunResult): number {
  return run.loss[run.loss.length - 1];
}

const results = new Map<string, ComparisonResult>();
function runPreset(id: string): ComparisonResult {
  let r = results.get(id);
  if (!r) {
    const p = getPreset(id);
    if (!p) throw new Error(`no preset ${id}`);
    results.set(id, (r = runComparison(decodeShare(p.query).state.config)));
  }
  return r;
}

const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

// ---------------------------------------------------------------------------------------------

describe('share links: round trip', () => {
  it('decode(encode(state)) gives back exactly the state, with no notices, for generated states', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const q = encodeShare(state);
        const { state: back, notices } = decodeShare(q);
        expect(notices).toEqual([]);
        expect(back).toEqual(state);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every number bit for bit, including -0, subnormals and 17-digit doubles', () => {
    const values = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, 123456.78901234567, 1e21, 2 ** -1074 * 3, -0];
    for (const v of values) {
      const config = normalizeConfig({
        surface: { name: 'quadratic', params: { angle: Math.max(-90, Math.min(90, v)) } },
        optimizers: [{ name: 'gd', lr: Math.abs(v) > 0 ? Math.min(Math.abs(v), 1e6) : 1, weightDecay: Math.min(Math.abs(v), 1e3) }],
        start: [Math.max(-1e6, Math.min(1e6, v)), 0],
      });
      const back = decodeConfig(encodeConfig(config));
      expect(back).toEqual(config);
      expect(Object.is(back.start[0], config.start[0])).toBe(true);
    }
    // Never a '+' (a form decoder would read it as a space).
    expect(formatNumber(1e21)).toBe('1e21');
    expect(formatNumber(-1.5e300)).toBe('-1.5e300');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(-0)).toBe('-0');
  });

  it('writes only what differs from the defaults, in a short human-readable form', () => {
    expect(encodeShare(defaultShareState())).toBe('v=1&s=rosenbrock&o=gd,lr=0.001;momentum,lr=0.001;adam,lr=0.05&n=300');
    const state: ShareState = {
      config: normalizeConfig({
        surface: { name: 'quadratic', params: { kappa: 50 }, noise: 0.5 },
        optimizers: [
          { name: 'adam', lr: 0.05, betas: [0.8, 0.999], amsgrad: true },
          { name: 'newton', saddleFree: true },
        ],
        start: [1, -2],
        batchSize: 8,
        seed: 7,
      }),
      colors: ['#E69F00', null],
      step: 12,
      lang: 'zh',
      theme: 'dark',
      embed: true,
      hide: ['hyper', 'surface'],
    };
    expect(encodeShare(state)).toBe(
      'v=1&s=quadratic&kappa=50&noise=0.5&o=adam,lr=0.05,betas=0.8/0.999,amsgrad=1,c=E69F00;newton,saddleFree=1&st=1,-2&b=8&seed=7&t=12&lang=zh&theme=dark&embed=1&hide=hyper,surface',
    );
    expect(decodeShare(encodeShare(state))).toEqual({ state, notices: [] });
  });

  it('encodes a three-racer scene with colours and settings in well under 300 characters', () => {
    const state: ShareState = {
      config: normalizeConfig({
        surface: { name: 'quadratic', params: { kappa: 47.5, angle: -30 }, l2: 0.25 },
        optimizers: [
          { name: 'momentum', lr: 0.0123, momentum: 0.85 },
          { name: 'nesterov', lr: 0.0123, momentum: 0.95, weightDecay: 0.01 },
          { name: 'adamw', lr: 0.05, betas: [0.85, 0.995], weightDecay: 0.1 },
        ],
        start: [-3.25, 2.75],
        steps: 400,
        seed: 42,
      }),
      colors: ['#e69f00', '#56b4e9', '#009e73'],
      step: 200,
      lang: 'zh',
      theme: 'dark',
      embed: false,
      hide: ['data'],
    };
    const q = encodeShare(state);
    expect(q.length).toBeLessThan(300);
    expect(decodeShare(q)).toEqual({ state, notices: [] });
    for (const p of presets) expect(p.query.length).toBeLessThan(300);
  });

  it('round-trips embed mode and hidden control groups', () => {
    const base = defaultShareState();
    for (const hide of [[], ['share'], ['racers', 'surface', 'loss'], [...HIDE_GROUPS]] as ShareState['hide'][]) {
      for (const embed of [true, false]) {
        const state = { ...base, embed, hide };
        const { state: back, notices } = decodeShare(encodeShare(state));
        expect(notices).toEqual([]);
        expect(back.embed).toBe(embed);
        expect(back.hide).toEqual(hide);
      }
    }
    expect(decodeShare('v=1&s=beale&o=adam&embed=1&hide=surface,hyper').state).toMatchObject({ embed: true, hide: ['surface', 'hyper'] });
    expect(decodeShare('v=1&s=beale&o=adam&embed').state.embed).toBe(true);
    expect(decodeShare('v=1&s=beale&o=adam&embed=0').state.embed).toBe(false);
  });

  it('present=1 opens presentation mode; it round-trips and a bad value is a notice', () => {
    const base = defaultShareState();
    expect(encodeShare({ ...base, present: true })).toMatch(/&present=1$/);
    expect(encodeShare(base)).not.toMatch(/present/);
    expect(decodeShare(encodeShare({ ...base, present: true })).state.present).toBe(true);
    expect(decodeShare('v=1&s=beale&o=adam&present=1').state.present).toBe(true);
    expect(decodeShare('v=1&s=beale&o=adam').state.present).toBeUndefined();
    const bad = decodeShare('v=1&s=beale&o=adam&present=yes');
    expect(bad.state.present).toBeUndefined();
    expect(bad.notices.map((n) => n.field)).toEqual(['present']);
  });

  it('never writes invalid colours, languages, themes or control groups into a link', () => {
    const state = {
      ...defaultShareState(),
      colors: ['red', '#12345', '<b>'],
      lang: 'fr',
      theme: 'neon',
      hide: ['surface', '<script>'],
    } as unknown as ShareState;
    const q = encodeShare(state);
    expect(q).toBe('v=1&s=rosenbrock&o=gd,lr=0.001;momentum,lr=0.001;adam,lr=0.05&n=300&hide=surface');
  });

  it('uses short keys that never collide: surface parameters, racer colours, top-level keys', () => {
    const top = new Set<string>(Object.values(SHARE_KEYS));
    expect(top.size).toBe(Object.values(SHARE_KEYS).length);
    for (const s of Object.values(surfaces)) for (const p of s.params) expect(top.has(p.key)).toBe(false);
    for (const o of Object.values(optimizers)) for (const h of o.hyper) expect(h.key).not.toBe(COLOR_KEY);
  });
});

describe('share links: input forms', () => {
  const q = 'v=1&s=beale&o=adam,lr=0.05';
  const expected = normalizeConfig({ surface: { name: 'beale' }, optimizers: [{ name: 'adam', lr: 0.05 }] });

  it('accepts a full URL, a query with or without "?", and a hash', () => {
    for (const input of [
      `http://localhost:5173/?${q}`,
      `https://example.org/descent/index.html?${q}#top`,
      `?${q}`,
      q,
      `#${q}`,
      `http://localhost:5173/#${q}`,
      `http://localhost:5173/#/share?${q}`,
      `http://localhost:5173/?#${q}`,
      `  ${q}\n`,
    ]) {
      const { state, notices } = decodeShare(input);
      expect(notices, input).toEqual([]);
      expect(state.config, input).toEqual(expected);
    }
  });

  it('opens the default scene for an empty link or a URL without a query', () => {
    for (const input of ['', '?', '#', 'http://localhost:5173/', 'http://localhost:5173/?&&']) {
      const { state, notices } = decodeShare(input);
      expect(notices).toEqual([]);
      expect(state).toEqual(defaultShareState());
      expect(state.config).toEqual(defaultConfig());
    }
  });

  it('reads percent-encoded values as their text', () => {
    const { state, notices } = decodeShare('v=1&s=beal%65&o=adam%2Clr%3D0.05&lang=%7A%68');
    expect(notices).toEqual([]);
    expect(state.config).toEqual(expected);
    expect(state.lang).toBe('zh');
  });

  it('builds a full link from a page address, dropping its old query and hash', () => {
    const state = decodeShare(q).state;
    expect(shareUrl(state, 'http://localhost:5173/app/?v=1&s=rosenbrock#x')).toBe(`http://localhost:5173/app/?${encodeShare(state)}`);
    expect(shareUrl(state, 'https://x.test/')).toBe(`https://x.test/?${encodeShare(state)}`);
  });
});

describe('share links: bad links', () => {
  it('never throws, and always returns a config that normalizeConfig accepts unchanged (arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        expectSound(s);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on link-shaped garbage: NaN, Infinity, huge numbers, script tags, bad percent-encoding, repeats', () => {
    fc.assert(
      fc.property(linkArb, (s) => {
        expectSound(s);
      }),
      { numRuns: 500 },
    );
  });

  it('treats hostile values as plain text in notices, and keeps notices bounded and free of control characters', () => {
    const { state, notices } = expectSound(
      'v=1&s=<script>alert(1)</script>&o=adam,lr=<img src=x onerror=alert(1)>&lang=%00%1B[31m&\u202e\u0007key=1&theme=\u2028',
    );
    expect(state.config.surface.name).toBe('rosenbrock');
    expect(fieldsOf(notices)).toEqual(expect.arrayContaining(['s', 'o[0].lr', 'lang', 'theme']));
    expect(notices.find((n) => n.field === 's')!.message).toContain('"<script>alert(1)</script>"');
    expect(notices.some((n) => n.field.includes('\ufffd') && n.field.endsWith('key'))).toBe(true);
  });

  it('reads only the first 4000 characters of a very long link, with a notice', () => {
    const long = `v=1&s=beale&o=adam,lr=0.05&zz=${'9'.repeat(100_000)}`;
    const { state, notices } = expectSound(long);
    expect(state.config.surface.name).toBe('beale');
    expect(notices[0]).toEqual({ field: 'url', message: expect.stringContaining(`only the first ${MAX_INPUT_LENGTH}`) });
    expectSound('&'.repeat(100_000));
    expectSound('o=' + 'adam,lr=1;'.repeat(10_000));
    expectSound('%'.repeat(100_000));
  });

  it('caps the list of notices and says how many more there were', () => {
    const q = 'v=1&s=beale&o=gd&' + Array.from({ length: 60 }, (_, i) => `bad${i}=1`).join('&');
    const { notices } = expectSound(q);
    expect(notices).toHaveLength(MAX_NOTICES);
    expect(notices[MAX_NOTICES - 1]).toEqual({ field: 'url', message: `${60 - (MAX_NOTICES - 1)} more problems not listed` });
  });

  // [link, field named, what was used instead]
  const cases: [string, string, (s: ShareState) => void][] = [
    ['v=1&s=beale&o=adam,lr=-3', 'o[0].lr', (s) => expect(s.config.optimizers[0].lr).toBe(0.001)],
    ['v=1&s=beale&o=gd;adam,lr=NaN', 'o[1].lr', (s) => expect(s.config.optimizers[1].lr).toBe(0.001)],
    ['v=1&s=beale&o=adam,lr=Infinity', 'o[0].lr', (s) => expect(s.config.optimizers[0].lr).toBe(0.001)],
    ['v=1&s=beale&o=adam,lr=1e999', 'o[0].lr', (s) => expect(s.config.optimizers[0].lr).toBe(0.001)],
    ['v=1&s=beale&o=adam,lr=0.05,betas=0.9/1.5', 'o[0].betas[1]', (s) => expect(s.config.optimizers[0]).toMatchObject({ lr: 0.05, betas: [0.9, 0.999] })],
    ['v=1&s=beale&o=adam,betas=0.9', 'o[0].betas', (s) => expect(s.config.optimizers[0].betas).toEqual([0.9, 0.999])],
    ['v=1&s=beale&o=adam,amsgrad=yes', 'o[0].amsgrad', (s) => expect(s.config.optimizers[0].amsgrad).toBe(false)],
    ['v=1&s=beale&o=rprop,stepSizes=2/1', 'o[0].stepSizes', (s) => expect(s.config.optimizers[0].stepSizes).toEqual([1e-6, 50])],
    ['v=1&s=beale&o=nesterov,momentum=0', 'o[0].momentum', (s) => expect(s.config.optimizers[0].momentum).toBe(0.9)],
    ['v=1&s=beale&o=nesterov,dampening=0.5', 'o[0].dampening', (s) => expect(s.config.optimizers[0]).not.toHaveProperty('dampening')],
    ['v=1&s=beale&o=adam,foo=1', 'o[0].foo', (s) => expect(s.config.optimizers[0]).not.toHaveProperty('foo')],
    ['v=1&s=beale&o=adam,lr=0.1,lr=0.2', 'o[0].lr', (s) => expect(s.config.optimizers[0].lr).toBe(0.1)],
    ['v=1&s=beale&o=adam,c=red', 'o[0].c', (s) => expect(s.colors).toEqual([null])],
    ['v=1&s=beale&o=sgd;adam', 'o[0].name', (s) => expect(s.config.optimizers.map((o) => o.name)).toEqual(['adam'])],
    ['v=1&s=nope&o=adam', 's', (s) => expect(s.config.surface.name).toBe('rosenbrock')],
    ['v=1&s=quadratic&kappa=0.5&o=adam', 'kappa', (s) => expect(s.config.surface.params.kappa).toBe(10)],
    ['v=1&s=quadratic&angle=abc&o=adam', 'angle', (s) => expect(s.config.surface.params.angle).toBe(0)],
    ['v=1&s=beale&kappa=50&o=adam', 'kappa', (s) => expect(s.config.surface.params).toEqual({})],
    ['v=1&s=beale&l2=-1&o=adam', 'l2', (s) => expect(s.config.surface.l2).toBe(0)],
    ['v=1&s=linreg&noise=1&o=adam', 'noise', (s) => expect(s.config.surface.noise).toBe(0)],
    ['v=1&s=beale&noise=-1e308&o=adam', 'noise', (s) => expect(s.config.surface.noise).toBe(0)],
    ['v=1&s=beale&o=adam&st=1', 'st', (s) => expect(s.config.start).toEqual([1, 1.5])],
    ['v=1&s=beale&o=adam&st=2,1e7', 'st[1]', (s) => expect(s.config.start).toEqual([1, 1.5])],
    ['v=1&s=beale&o=adam&n=1.5', 'n', (s) => expect(s.config.steps).toBe(200)],
    ['v=1&s=beale&o=adam&n=-1', 'n', (s) => expect(s.config.steps).toBe(200)],
    ['v=1&s=linreg&o=adam&b=65', 'b', (s) => expect(s.config.batchSize).toBe(64)],
    ['v=1&s=beale&o=adam&b=0', 'b', (s) => expect(s.config.batchSize).toBe(1)],
    ['v=1&s=beale&o=adam&seed=1e10', 'seed', (s) => expect(s.config.seed).toBe(1)],
    ['v=1&s=beale&o=adam&stride=0', 'stride', (s) => expect(s.config.stride).toBe(1)],
    ['v=1&s=beale&o=adam&n=50&t=51', 't', (s) => expect(s.step).toBeNull()],
    ['v=1&s=beale&o=adam&lang=fr', 'lang', (s) => expect(s.lang).toBeNull()],
    ['v=1&s=beale&o=adam&theme=neon', 'theme', (s) => expect(s.theme).toBeNull()],
    ['v=1&s=beale&o=adam&embed=maybe', 'embed', (s) => expect(s.embed).toBe(false)],
    ['v=1&s=beale&o=adam&hide=surface,toolbar', 'hide', (s) => expect(s.hide).toEqual(['surface'])],
    ['v=1&s=beale&o=adam&zoom=3', 'zoom', (s) => expect(s.config.surface.name).toBe('beale')],
    ['v=1&s=beale&s=rosenbrock&o=adam', 's', (s) => expect(s.config.surface.name).toBe('beale')],
    ['v=1&s=beale&o=adam&n=%E0%A4%A', 'n', (s) => expect(s.config.steps).toBe(200)],
  ];
  it.each(cases)('%s: names %s and falls back to its default', (link, field, check) => {
    const { state, notices } = expectSound(link);
    expect(fieldsOf(notices)).toEqual([field]);
    check(state);
    // Everything else in the link was kept.
    expect(state.config.surface.name).toBe(link.includes('s=linreg') ? 'linreg' : link.includes('s=quadratic') ? 'quadratic' : link.includes('s=nope') ? 'rosenbrock' : 'beale');
  });

  it(`holds a link to the page's ${MAX_LINK_STEPS} steps, although the engine runs up to ${LIMITS.maxSteps}`, () => {
    expect(MAX_LINK_STEPS).toBe(STEPS_MAX);
    expect(expectSound(`v=1&s=beale&o=adam&n=${MAX_LINK_STEPS}`)).toMatchObject({ notices: [], state: { config: { steps: MAX_LINK_STEPS } } });
    const { state, notices } = expectSound(`v=1&s=beale&o=adam&n=${MAX_LINK_STEPS + 1}&t=5`);
    expect(notices).toEqual([{ field: 'n', message: `must be ≤ ${MAX_LINK_STEPS} in a link, the most steps the page draws (got ${MAX_LINK_STEPS + 1}) — using the default ${DEFAULTS.steps}` }]);
    expect(state.config.steps).toBe(DEFAULTS.steps);
    expect(state.step).toBe(5);
    // A step beyond the fallback's end is then out of range too.
    expect(fieldsOf(expectSound('v=1&s=beale&o=adam&n=50000&t=20000').notices)).toEqual(['n', 't']);
  });

  it('says what was wrong and what was used instead', () => {
    const { notices } = decodeShare('v=1&s=beale&o=gd;adam,lr=-3');
    expect(notices).toEqual([{ field: 'o[1].lr', message: 'must be > 0 and ≤ 1000000 (got -3) — using the default 0.001' }]);
  });

  it('falls back to the default racers, with a notice, when a link has none that are valid', () => {
    const defaults = defaultConfig().optimizers;
    for (const link of ['v=1&s=beale', 'v=1&s=beale&o=', 'v=1&s=beale&o=foo;bar', 'v=1&s=beale&o=;;']) {
      const { state, notices } = expectSound(link);
      expect(state.config.optimizers).toEqual(defaults);
      expect(state.colors).toEqual(defaults.map(() => null));
      expect(notices.at(-1)!.field).toBe('o');
      expect(notices.at(-1)!.message).toMatch(/using the default racers gd, momentum, adam/);
    }
  });

  it(`keeps at most ${LIMITS.maxOptimizers} racers`, () => {
    const { state, notices } = expectSound(`v=1&s=beale&o=${Array(20).fill('gd').join(';')}`);
    expect(state.config.optimizers).toHaveLength(LIMITS.maxOptimizers);
    expect(fieldsOf(notices)).toEqual(['o']);
  });

  it('explains an unknown version and still reads the link as version 1', () => {
    for (const v of ['2', '0', 'abc', '1.5', '']) {
      const { state, notices } = expectSound(`v=${v}&s=beale&o=adam,lr=0.05`);
      expect(fieldsOf(notices)).toEqual(['v']);
      expect(notices[0].message).toMatch(/unknown link version/);
      expect(state.config.surface.name).toBe('beale');
      expect(state.config.optimizers[0].lr).toBe(0.05);
    }
    // A link without a version is read as the current one.
    expect(decodeShare('s=beale&o=adam').notices).toEqual([]);
  });

  it('drops an invalid racer but keeps the valid ones with their colours, in order', () => {
    const { state, notices } = expectSound('v=1&s=beale&o=gd,c=111111;nope,c=222222;adam,lr=0.05,c=333333');
    expect(state.config.optimizers.map((o) => o.name)).toEqual(['gd', 'adam']);
    expect(state.colors).toEqual(['#111111', '#333333']);
    expect(fieldsOf(notices)).toEqual(['o[1].name']);
  });

  it('accepts an explicit zero dampening for Nesterov, as torch does', () => {
    expect(decodeShare('v=1&s=beale&o=nesterov,dampening=0').notices).toEqual([]);
  });
});

describe('share links: the CLI reads the same links', () => {
  it('gives the same config as the page for a good link', () => {
    const link = 'http://localhost:5173/?v=1&s=quadratic&kappa=20&o=adam,lr=0.05;gd,c=000000&st=1,2&n=30&t=10&lang=zh&embed=1&hide=share';
    expect(configFromUrl(link)).toEqual(decodeShare(link).state.config);
  });

  it('throws a ConfigError naming the first field the page would have ignored', () => {
    const link = 'v=1&s=beale&o=gd;adam,lr=-3&n=1.5';
    let err: unknown;
    try {
      configFromUrl(link);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).field).toBe('o[1].lr');
    expect((err as ConfigError).problem).toBe('must be > 0 and ≤ 1000000 (got -3)');
    expect(() => configFromUrl('v=7&s=beale&o=adam')).toThrow(/^v: unknown link version/);
    expect(() => configFromUrl('v=1&s=beale')).toThrow(ConfigError);
    expect(() => configFromUrl(`v=1&s=beale&o=adam&n=${MAX_LINK_STEPS + 1}`)).toThrow(/^n: must be ≤ 10000 in a link/);
  });

  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const cli = (url: string) => spawnSync(tsx, ['src/cli/main.ts', 'run', '--url', url], { encoding: 'utf8', maxBuffer: 1 << 28 });

  it('prints JSON for a link, and exits 2 with one line naming the field for a bad one', () => {
    const good = cli('http://localhost:5173/?v=1&s=beale&o=adam,lr=0.05&n=10');
    expect(good.status).toBe(0);
    const out = JSON.parse(good.stdout);
    expect(out.runs[0].optimizer).toMatchObject({ name: 'adam', lr: 0.05 });
    expect(out.runs[0].path).toHaveLength(11);

    const bad = cli('http://localhost:5173/?v=1&s=beale&o=adam,lr=-3');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/o\[0\]\.lr: must be > 0/);
  });

  it('exits 2 naming n for a link with more steps than the page draws (the page falls back there)', () => {
    const long = cli('http://localhost:5173/?v=1&s=beale&o=adam&n=20000');
    expect(long.status).toBe(2);
    expect(long.stdout).toBe('');
    expect(long.stderr.trim().split('\n')).toHaveLength(1);
    expect(long.stderr).toMatch(/\bn: must be ≤ 10000 in a link/);
  });

  it('prints, for every preset, the same final points as the page computes from the same link', () => {
    for (const p of presets) {
      const r = cli(`http://localhost:5173/?${p.query}`);
      expect(r.status, p.id).toBe(0);
      const out = JSON.parse(r.stdout) as { runs: { path: [number, number][]; status: string }[] };
      const page = runComparison(decodeShare(`http://localhost:5173/?${p.query}`).state.config);
      expect(out.runs.map((run) => run.path.at(-1)), p.id).toEqual(page.runs.map(last));
      expect(out.runs.map((run) => run.status), p.id).toEqual(page.runs.map((run) => run.status));
    }
  }, 120_000);
});

describe('presets', () => {
  it(`has at least 12 scenes with unique ids, titles and two-sentence points in English and Chinese`, () => {
    expect(presets.length).toBeGreaterThanOrEqual(12);
    expect(new Set(presets.map((p) => p.id)).size).toBe(presets.length);
    for (const p of presets) {
      expect(p.id).toMatch(/^[a-z0-9-]+$/);
      expect(p.title.en.length).toBeGreaterThan(5);
      expect(p.title.zh).toMatch(/[\u4e00-\u9fff]/);
      const en = p.point.en.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(en, `${p.id}: ${p.point.en}`).toHaveLength(2);
      expect(p.point.en.trim()).toMatch(/[.!?]$/);
      const zh = p.point.zh.split(/(?<=[。！？])/).filter((s) => s.trim());
      expect(zh, `${p.id}: ${p.point.zh}`).toHaveLength(2);
      expect(p.point.zh.trim()).toMatch(/[。！？]$/);
    }
  });

  it('every preset decodes with no notices and is written in canonical form', () => {
    for (const p of presets) {
      const { state, notices } = decodeShare(p.query);
      expect(notices, p.id).toEqual([]);
      expect(encodeShare(state), p.id).toBe(p.query);
    }
  });

  it('the CLI path and the page path give the same config and identical final points for every preset', () => {
    for (const p of presets) {
      const page = decodeShare(`https://descent.example/?${p.query}`).state.config;
      const cli = configFromUrl(`https://descent.example/?${p.query}`);
      expect(cli, p.id).toEqual(page);
      const a = runComparison(page).runs.map(last);
      const b = runComparison(cli).runs.map(last);
      expect(b.length).toBe(a.length);
      for (let i = 0; i < a.length; i++) {
        expect(Object.is(a[i][0], b[i][0]) && Object.is(a[i][1], b[i][1]), `${p.id} racer ${i}`).toBe(true);
      }
    }
  });

  it('learning rate: 0.001 is still far from the minimum, 0.15 converges, 0.22 diverges', () => {
    const [small, right, large] = runPreset('learning-rate').runs;
    expect(small.status).toBe('ok');
    expect(dist(last(small), [0, 0])).toBeGreaterThan(3);
    expect(right.status).toBe('ok');
    expect(finalLoss(right)).toBeLessThan(1e-10);
    expect(large.status).toBe('diverged');
    expect(large.divergedAt).toBeGreaterThan(50);
  });

  it('ravine: momentum reaches the minimum while gradient descent is still crawling', () => {
    const [gd, mom] = runPreset('ravine-momentum').runs;
    expect(finalLoss(gd)).toBeGreaterThan(0.01);
    expect(finalLoss(mom)).toBeLessThan(1e-10);
    expect(at(mom, 100).f).toBeLessThan(1e-5);
  });

  it('Nesterov overshoots less than heavy-ball momentum and is far lower after 50 steps', () => {
    const [mom, nes] = runPreset('momentum-vs-nesterov').runs;
    const maxX = (r: RunResult) => Math.max(...Array.from({ length: r.loss.length }, (_, j) => r.path[2 * j]));
    expect(maxX(mom)).toBeGreaterThan(1.5); // swings from x = -3.5 to past +1.5
    expect(maxX(nes)).toBeLessThan(maxX(mom) - 0.3);
    expect(at(nes, 50).f * 1000).toBeLessThan(at(mom, 50).f);
  });

  it('SGD noise shrinks from batch size 1 to 8 to full batch', () => {
    const minimum = last(runComparison(decodeConfig('v=1&s=linreg&o=newton&n=3')).runs[0]);
    const spread = (id: string) => {
      const r = runPreset(id).runs[0];
      expect(r.status).toBe('ok');
      let s = 0;
      const from = Math.floor(r.loss.length / 2);
      for (let j = from; j < r.loss.length; j++) s += dist([r.path[2 * j], r.path[2 * j + 1]], minimum);
      return s / (r.loss.length - from);
    };
    const [b1, b8, full] = [spread('sgd-batch-1'), spread('sgd-batch-8'), spread('sgd-batch-full')];
    expect(b1).toBeGreaterThan(2 * b8);
    expect(b8).toBeGreaterThan(5 * full);
    expect(full).toBeLessThan(0.01);
    expect(decodeConfig(getPreset('sgd-batch-full')!.query).batchSize).toBe(64);
  });

  it('Newton solves the quadratic in one step; gradient descent does not', () => {
    const [newton, gd] = runPreset('newton-quadratic').runs;
    const p1 = at(newton, 1);
    expect(Math.hypot(p1.x, p1.y)).toBeLessThan(1e-12);
    expect(finalLoss(gd)).toBeGreaterThan(1e-3);
  });

  it('plain Newton converges to the saddle (0, 0); saddle-free Newton escapes to (0, √2)', () => {
    const [plain, free] = runPreset('newton-saddle').runs;
    expect(dist(last(plain), [0, 0])).toBeLessThan(1e-9);
    expect(dist(last(free), [0, Math.SQRT2])).toBeLessThan(1e-9);
    expect(finalLoss(free)).toBeCloseTo(-1, 12);
  });

  it('Rosenbrock: AdaGrad stalls, RMSProp rattles, Adam reaches (1, 1)', () => {
    const [adagrad, rmsprop, adam] = runPreset('adaptive-rosenbrock').runs;
    const last100 = (r: RunResult) => {
      const k = r.loss.length - 1;
      let len = 0;
      for (let j = k - 100; j < k; j++) len += dist([r.path[2 * j], r.path[2 * j + 1]], [r.path[2 * j + 2], r.path[2 * j + 3]]);
      const net = dist([r.path[2 * (k - 100)], r.path[2 * (k - 100) + 1]], last(r));
      return { len, net };
    };
    expect(dist(last(adagrad), [1, 1])).toBeGreaterThan(1);
    expect(last100(adagrad).len).toBeLessThan(0.3);
    expect(dist(last(rmsprop), [1, 1])).toBeGreaterThan(0.3);
    expect(last100(rmsprop).len).toBeGreaterThan(10 * last100(rmsprop).net);
    expect(dist(last(adam), [1, 1])).toBeLessThan(0.01);
  });

  it('Beale: GD at 0.05 diverges within three steps, at 0.001 crawls; Adam settles at (3, 0.5)', () => {
    const [fast, slow, adam] = runPreset('adam-beale').runs;
    expect(fast.status).toBe('diverged');
    expect(fast.divergedAt).toBeLessThanOrEqual(3);
    expect(slow.status).toBe('ok');
    expect(finalLoss(slow)).toBeGreaterThan(0.1);
    expect(dist(last(adam), [3, 0.5])).toBeLessThan(1e-3);
  });

  it('l2 = 1 moves the minimum of Rosenbrock from (1, 1) to about (0.55, 0.31), where both racers agree', () => {
    const [newton, mom] = runPreset('l2-moves-minimum').runs;
    expect(dist(last(newton), last(mom))).toBeLessThan(1e-4);
    expect(dist(last(newton), [0.554, 0.305])).toBeLessThan(0.005);
    expect(dist(last(newton), [1, 1])).toBeGreaterThan(0.7);
    const obj = makeObjective(getSurface('rosenbrock')!, {}, 1);
    const g = new Float64Array(2);
    obj.valueGrad(...last(newton), g);
    expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-9);
  });

  it("Adam's coupled L2 ends at the l2 = 1 minimum; AdamW ends somewhere else, nearer the origin", () => {
    const [adam, adamw] = runPreset('adam-l2-vs-adamw').runs;
    const l2min = last(runPreset('l2-moves-minimum').runs[0]);
    expect(dist(last(adam), l2min)).toBeLessThan(0.01);
    expect(dist(last(adamw), last(adam))).toBeGreaterThan(0.3);
    expect(Math.hypot(...last(adamw))).toBeLessThan(Math.hypot(...last(adam)) / 2);
  });

  it('Rastrigin: GD stops near (4, 4); momentum rolls to near (1, 1) but misses (0, 0)', () => {
    const [gd, mom] = runPreset('rastrigin-local-minima').runs;
    expect(dist(last(gd), [3.98, 3.98])).toBeLessThan(0.01);
    expect(dist(last(mom), [0.995, 0.995])).toBeLessThan(0.01);
    expect(finalLoss(mom)).toBeLessThan(finalLoss(gd) / 10);
    expect(finalLoss(mom)).toBeGreaterThan(1);
  });

  it('camel: GD and Adam stop in the local minimum (−1.61, −0.57); momentum reaches a global one', () => {
    const [gd, adam, mom] = ((r) => [r[0], r[2], r[1]])(runPreset('camel-local-minima').runs);
    for (const r of [gd, adam]) {
      expect(dist(last(r), [-1.6071, -0.5687])).toBeLessThan(1e-3);
      expect(finalLoss(r)).toBeCloseTo(2.1043, 3);
    }
    expect(dist(last(mom), [-0.0898, 0.7127])).toBeLessThan(1e-3);
    expect(finalLoss(mom)).toBeCloseTo(-1.0316, 3);
  });

  it("rotating the valley ruins Adam's per-coordinate scaling but not gradient descent", () => {
    const [adamAligned, gdAligned] = runPreset('adam-aligned').runs;
    const [adamRotated, gdRotated] = runPreset('adam-rotated').runs;
    expect(finalLoss(adamAligned)).toBeLessThan(1e-4);
    expect(finalLoss(adamAligned)).toBeLessThan(finalLoss(gdAligned) / 100);
    expect(finalLoss(adamRotated)).toBeGreaterThan(1);
    expect(Math.abs(finalLoss(gdRotated) / finalLoss(gdAligned) - 1)).toBeLessThan(0.01);
  });

  it('SAM finds the flat minimum where its base, gradient descent with the same lr, settles in the sharp one', () => {
    const [gd, sam] = runPreset('sam-flat-minimum').runs;
    const cps = surfaces.sharpflat.criticalPoints({});
    const sharp = cps[0].point;
    const flat = cps[1].point;
    expect(sharp).toEqual([1, 0]);
    expect(flat).toEqual([-1, 0]);
    expect(cps[0].value).toBe(cps[1].value); // equally deep
    expect(gd.status).toBe('ok');
    expect(sam.status).toBe('ok');
    expect(dist(last(gd), sharp)).toBeLessThan(1e-3);
    expect(dist(last(sam), flat)).toBeLessThan(1e-2);
    // SAM's base is gradient descent with gd's own lr: the difference is the gradient at θ + e.
    const cfg = decodeConfig(getPreset('sam-flat-minimum')!.query);
    expect(cfg.optimizers[1].base).toEqual(cfg.optimizers[0]);
    // Sharp means curvature: the Hessian at the sharp minimum is about 32 times the flat one's.
    const core = surfaces.sharpflat.create({});
    const h = new Float64Array(3);
    core.hessian(1, 0, h);
    const sharpCurv = h[0];
    core.hessian(-1, 0, h);
    expect(sharpCurv / h[0]).toBeGreaterThan(30);
  });

  it('Shampoo on the valley rotated by 45° follows the aligned path rotated (to 1e-9), Adam does not', () => {
    const aligned = runPreset('shampoo-aligned');
    const [shampoo0, adam0] = aligned.runs;
    // The exact rotated start (the preset's link rounds it to −3.89, −1.06).
    const c = Math.SQRT1_2;
    const [x0, y0] = aligned.config.start;
    const start: [number, number] = [c * x0 - c * y0, c * x0 + c * y0];
    const rotated = runComparison({ ...aligned.config, surface: { ...aligned.config.surface, params: { kappa: 100, angle: 45 } }, start });
    const [shampoo45, adam45] = rotated.runs;
    const deviation = (a: RunResult, b: RunResult) => {
      let worst = 0;
      for (let j = 0; j < a.loss.length; j++) {
        const [x, y] = [a.path[2 * j], a.path[2 * j + 1]];
        worst = Math.max(worst, dist([c * x - c * y, c * x + c * y], [b.path[2 * j], b.path[2 * j + 1]]));
      }
      return worst;
    };
    expect(deviation(shampoo0, shampoo45)).toBeLessThan(1e-9);
    expect(deviation(adam0, adam45)).toBeGreaterThan(0.5);
    // The presets themselves: Shampoo reaches the same loss both ways, Adam only when aligned.
    const [shampooPreset, adamPreset] = runPreset('shampoo-rotated').runs;
    expect(finalLoss(shampoo0)).toBeLessThan(1e-12);
    expect(finalLoss(shampooPreset)).toBeLessThan(1e-12);
    expect(finalLoss(adam0)).toBeLessThan(1e-4);
    expect(finalLoss(adamPreset)).toBeGreaterThan(1);
  });

  it('L-BFGS reaches the Rosenbrock minimum from gradients alone, like Newton with its Hessian; gradient descent does not', () => {
    const [lbfgs, newton, gd] = runPreset('lbfgs-rosenbrock').runs;
    for (const r of [lbfgs, newton, gd]) expect(r.status).toBe('ok');
    expect(dist(last(lbfgs), [1, 1])).toBeLessThan(1e-4);
    expect(finalLoss(lbfgs)).toBeLessThan(1e-8);
    expect(finalLoss(newton)).toBeLessThan(1e-20);
    expect(finalLoss(gd)).toBeGreaterThan(1);
    // Newton needs far fewer steps: at step 10 it is there, L-BFGS is still on its way.
    expect(at(newton, 10).f).toBeLessThan(1e-12);
    expect(at(lbfgs, 10).f).toBeGreaterThan(1e-6);
  });

  it('Lion moves every coordinate by exactly lr at every step, and so keeps bouncing where Adam settles', () => {
    const [lion, adam] = runPreset('lion-sign-steps').runs;
    const lr = 0.1;
    for (let j = 1; j < lion.loss.length; j++) {
      for (const d of [0, 1]) {
        const step = Math.abs(lion.path[2 * j + d] - lion.path[2 * j - 2 + d]);
        expect(step === 0 || Math.abs(step - lr) < 1e-12, `step ${j}, coordinate ${d}: ${step}`).toBe(true);
      }
    }
    expect(finalLoss(adam)).toBeLessThan(1e-6);
    expect(finalLoss(lion)).toBeGreaterThan(1e-3);
    // Over the last 50 steps Lion stays within a few lr of the minimum, never closer than a fraction of it.
    for (let j = lion.loss.length - 50; j < lion.loss.length; j++) {
      const r = Math.hypot(lion.path[2 * j], lion.path[2 * j + 1]);
      expect(r).toBeLessThan(3 * lr);
    }
  });

  it('schedulefree-vs-cosine: schedule-free AdamW, with no schedule, ends below AdamW with a cosine schedule, both far below a constant rate', () => {
    const [sf, cosine, constant] = runPreset('schedulefree-vs-cosine').runs;
    const tail = (r: typeof sf) => {
      let sum = 0;
      for (let j = r.loss.length - 50; j < r.loss.length; j++) sum += r.loss[j];
      return sum / 50;
    };
    for (const r of [sf, cosine, constant]) expect(r.status).toBe('ok');
    expect(tail(cosine)).toBeLessThan(tail(constant) / 5);
    expect(tail(sf)).toBeLessThan(tail(cosine));
    expect(tail(sf)).toBeLessThan(tail(constant) / 20);
  });

  it('covers every teaching scene of the issue', () => {
    const ids = presets.map((p) => p.id);
    for (const id of [
      'learning-rate',
      'ravine-momentum',
      'momentum-vs-nesterov',
      'sgd-batch-1',
      'sgd-batch-8',
      'sgd-batch-full',
      'newton-quadratic',
      'newton-saddle',
      'adaptive-rosenbrock',
      'adam-beale',
      'l2-moves-minimum',
      'adam-l2-vs-adamw',
      'rastrigin-local-minima',
      'camel-local-minima',
      'adam-rotated',
      'sam-flat-minimum',
      'shampoo-aligned',
      'shampoo-rotated',
      'lbfgs-rosenbrock',
      'lion-sign-steps',
      'schedulefree-vs-cosine',
    ]) {
      expect(ids).toContain(id);
    }
    const surfacesUsed = new Set(presets.map((p) => decodeConfig(p.query).surface.name));
    for (const s of ['quadratic', 'rosenbrock', 'beale', 'saddle', 'rastrigin', 'camel', 'sharpflat', 'linreg'] as SurfaceName[]) {
      expect(surfacesUsed).toContain(s);
    }
  });
});

describe('keeping the URL current', () => {
  function fakeWindow(href: string) {
    const timers = new Map<number, () => void>();
    let next = 1;
    const calls: string[] = [];
    const win = {
      location: { href },
      history: {
        state: { keep: true },
        replaceState(data: unknown, _unused: string, url?: string | URL | null) {
          expect(data).toEqual({ keep: true });
          calls.push(String(url));
          win.location.href = String(url);
        },
      },
      setTimeout(handler: () => void) {
        timers.set(next, handler);
        return next++;
      },
      clearTimeout(id: unknown) {
        timers.delete(id as number);
      },
    };
    const runTimers = () => {
      const all = [...timers.values()];
      timers.clear();
      for (const t of all) t();
    };
    return { win, calls, runTimers, timers };
  }

  it('replaces the URL once after a burst of edits, with the latest state', () => {
    const { win, calls, runTimers, timers } = fakeWindow('http://localhost:5173/?old=1#h');
    const up = createUrlUpdater(win, 300);
    const a = decodeShare('v=1&s=beale&o=adam').state;
    const b = decodeShare('v=1&s=beale&o=adam,lr=0.05').state;
    up.update(a);
    up.update(b);
    expect(timers.size).toBe(1);
    expect(calls).toEqual([]);
    runTimers();
    expect(calls).toEqual([`http://localhost:5173/?${encodeShare(b)}`]);
    up.update(b);
    runTimers();
    expect(calls).toHaveLength(1); // unchanged: no new history write
  });

  it('flushes a pending update at once, and cancels one', () => {
    const { win, calls, runTimers } = fakeWindow('http://localhost:5173/');
    const up = createUrlUpdater(win);
    up.update(decodeShare('v=1&s=camel&o=gd').state);
    up.flush();
    expect(calls).toEqual(['http://localhost:5173/?v=1&s=camel&o=gd']);
    up.update(decodeShare('v=1&s=saddle&o=gd').state);
    up.cancel();
    runTimers();
    expect(calls).toHaveLength(1);
  });
});
