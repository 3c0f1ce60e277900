/**
 * Fuzzing the headless runner in one process (issue 11): a few hundred generated configs and
 * links, from plausible to hostile, each through `runCli` as `run --config -` or `run --url`.
 * Each must give valid output (exit 0, one JSON object whose every number is finite) or exit 2
 * with exactly one printable line on standard error; never exit 1 (an internal fault), a throw,
 * or a hang (the test's timeout). Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { describeJsonError, oneLine } from '../../src/cli/input';
import { show } from '../../src/optim/errors';
import { CHUNK_SIZE, resultToJson, writeRunJson } from '../../src/export/result';
import { LIMITS, normalizeConfig, runComparison } from '../../src/engine';
import { optimizerNames, optimizers } from '../../src/optim';
import type { HyperSpec } from '../../src/optim/types';
import { COLOR_KEY, SHARE_KEYS } from '../../src/share';
import { surfaceNames, surfaces } from '../../src/surfaces';

interface Outcome {
  status: number;
  stdout: string;
  stderr: string[];
}

function cli(argv: string[], stdin = ''): Outcome {
  let stdout = '';
  const stderr: string[] = [];
  const status = runCli(argv, {
    read: (file) => {
      if (file !== '-') throw new Error(`ENOENT: no such file, open '${file}'`);
      return stdin;
    },
    write: (chunk) => {
      stdout += chunk;
    },
    error: (line) => {
      stderr.push(line);
    },
  });
  return { status, stdout, stderr };
}

// Control characters, bidi overrides, separators: a line on a terminal must be one printable line.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what}: not a finite number: ${JSON.stringify(v)}`);
  return v;
}

/** Every number anywhere in the output is finite (a non-finite one would have been written as null). */
function allNumbersFinite(v: unknown, where: string): void {
  const stack: [unknown, string][] = [[v, where]];
  while (stack.length) {
    const [x, w] = stack.pop()!;
    if (typeof x === 'number') finite(x, w);
    else if (Array.isArray(x)) x.forEach((c, i) => stack.push([c, `${w}[${i}]`]));
    else if (x && typeof x === 'object') for (const [k, c] of Object.entries(x)) stack.push([c, `${w}.${k}`]);
  }
}

/** Checks one outcome; returns whether the input was accepted. */
function expectSound(r: Outcome, label: string): boolean {
  const context = `${label}\nstatus ${r.status}\nstderr ${JSON.stringify(r.stderr)}`;
  expect([0, 2], context).toContain(r.status);
  if (r.status === 2) {
    expect(r.stdout, context).toBe('');
    expect(r.stderr, context).toHaveLength(1);
    expect(r.stderr[0], context).toMatch(/^descent: \S/);
    expect(r.stderr[0], context).not.toMatch(UNPRINTABLE);
    expect(r.stderr[0].length, context).toBeLessThanOrEqual(400);
    return false;
  }
  expect(r.stderr, context).toEqual([]);
  expect(r.stdout.endsWith('}\n'), context).toBe(true);
  const out = JSON.parse(r.stdout);
  allNumbersFinite(out, 'output');
  const def = surfaces[out.surface.name as keyof typeof surfaces];
  expect(def, context).toBeDefined();
  const n = def.kind === 'data' ? def.create(out.surface.params).n : 0;
  expect(out.runs.length, context).toBeGreaterThanOrEqual(1);
  for (const run of out.runs) {
    expect(['ok', 'diverged'], context).toContain(run.status);
    expect(run.path.length, context).toBe(run.loss.length);
    expect(run.path.length, context).toBeGreaterThanOrEqual(1);
    expect(run.path.length, context).toBeLessThanOrEqual(Math.floor(out.steps / out.stride) + 2);
    // Plain loops, one expect each: thousands of expect calls per case would dominate the test's time.
    // typeof first: a non-finite number is written as null, and Math.abs(null) is 0.
    const coordinate = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= LIMITS.maxCoordinate;
    expect(run.path.findIndex((p: unknown[]) => p.length !== 2 || !coordinate(p[0]) || !coordinate(p[1])), context).toBe(-1);
    expect(run.loss.findIndex((f: unknown) => typeof f !== 'number' || !Number.isFinite(f)), context).toBe(-1);
    if (run.status === 'ok') {
      expect(run.divergedAt, context).toBeNull();
      expect(run.reason, context).toBeNull();
    } else {
      expect(Number.isInteger(run.divergedAt), context).toBe(true);
      expect(typeof run.reason, context).toBe('string');
    }
    if (n > 0) {
      expect(run.batches.length, context).toBeLessThanOrEqual(run.path.length);
      expect(run.batches.length, context).toBeGreaterThanOrEqual(run.path.length - 1);
      const bad = run.batches.findIndex(
        (b: number[]) => !(b.length >= 1 && b.length <= n) || b.some((i) => !(Number.isInteger(i) && i >= 0 && i < n)),
      );
      expect(bad, context).toBe(-1);
    } else {
      expect(run.batches, context).toBeUndefined();
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Generated configs: mostly plausible (so that many run), with hostile values mixed in.

const junk = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, '', '0.1', 'NaN', 'Infinity', '__proto__', '\n', '\u202e', [], {}, [0.1], { a: 1 }),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
);

function plausibleNumber(min: number, max: number, integer = false): fc.Arbitrary<unknown> {
  const lo = Math.max(min, -1e9);
  const hi = Math.min(max, 1e9);
  const inRange = integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true });
  return fc.oneof({ weight: 40, arbitrary: inRange }, { weight: 1, arbitrary: junk });
}

function hyper(spec: HyperSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'number':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(spec.default) },
        { weight: 6, arbitrary: plausibleNumber(spec.min, spec.max, !!spec.integer) },
        { weight: 1, arbitrary: fc.double({ min: 1e-6, max: 10, noNaN: true }) },
      );
    case 'boolean':
      return fc.oneof({ weight: 40, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk });
    case 'pair':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constant(spec.default) },
        { weight: 4, arbitrary: fc.tuple(plausibleNumber(spec.items[0].min, spec.items[0].max), plausibleNumber(spec.items[1].min, spec.items[1].max)) },
        { weight: 1, arbitrary: fc.constantFrom([0.9, 1], [0.9], 'a') },
      );
    case 'choice':
      return fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...spec.options) }, { weight: 1, arbitrary: junk });
    case 'optimizer':
      // SAM's base: an allowed optimizer with hyperparameters of its own, or one it refuses, or junk.
      return fc.oneof(
        {
          weight: 20,
          arbitrary: fc.constantFrom(...optimizerNames.filter((n) => !spec.exclude.includes(n))).chain((name) => {
            const rec: Record<string, fc.Arbitrary<unknown>> = {};
            for (const sub of optimizers[name].hyper) rec[sub.key] = hyper(sub);
            return fc.record(rec, { requiredKeys: [] }).map((h) => ({ name, ...h }));
          }),
        },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom<unknown>({ name: 'sam' }, { name: 'newton' }, { name: 'lbfgs' }, 'adam'), junk) },
      );
  }
}

const optimizerArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.constantFrom(...optimizerNames).chain((name) => {
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const spec of optimizers[name].hyper) rec[spec.key] = hyper(spec);
      return fc.record(rec, { requiredKeys: [] }).map((h) => ({ name, ...h }));
    }),
  },
  { weight: 1, arbitrary: fc.oneof(junk, fc.record({ name: fc.oneof(junk, fc.constantFrom('Adam', 'sgd', 'toString', 'constructor')), lr: junk })) },
);

const configArb: fc.Arbitrary<unknown> = fc
  .record(
    {
      surface: fc.oneof(
        {
          weight: 40,
          arbitrary: fc.constantFrom(...surfaceNames).chain((name) => {
            const params: Record<string, fc.Arbitrary<unknown>> = {};
            for (const p of surfaces[name].params) params[p.key] = plausibleNumber(p.min, p.max);
            return fc.record(
              {
                name: fc.constant(name),
                params: fc.record(params, { requiredKeys: [] }),
                l2: fc.oneof(fc.constant(0), plausibleNumber(0, LIMITS.maxL2)),
                noise: surfaces[name].kind === 'analytic' ? fc.oneof(fc.constant(0), plausibleNumber(0, LIMITS.maxNoise)) : fc.constant(0),
              },
              { requiredKeys: ['name'] },
            );
          }),
        },
        { weight: 1, arbitrary: fc.oneof(fc.record({ name: junk }), junk) },
      ),
      optimizers: fc.oneof(
        { weight: 40, arbitrary: fc.array(optimizerArb, { minLength: 1, maxLength: 6 }) },
        { weight: 1, arbitrary: fc.oneof(fc.array(fc.constant({ name: 'gd' }), { minLength: 17, maxLength: 20 }), junk) },
      ),
      start: fc.oneof(
        { weight: 20, arbitrary: fc.tuple(plausibleNumber(-5, 5), plausibleNumber(-5, 5)) },
        { weight: 1, arbitrary: fc.oneof(fc.tuple(fc.double(), fc.double()), junk) },
      ),
      steps: fc.oneof({ weight: 20, arbitrary: plausibleNumber(0, 3000, true) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, 2e6, 1e999) }),
      batchSize: fc.oneof({ weight: 20, arbitrary: plausibleNumber(1, 64, true) }, { weight: 1, arbitrary: fc.constantFrom(0, 1e7) }),
      seed: plausibleNumber(0, LIMITS.maxSeed, true),
      stride: fc.oneof({ weight: 20, arbitrary: plausibleNumber(1, 50, true) }, { weight: 1, arbitrary: fc.constantFrom(0, 1e6, 2e6) }),
    },
    { requiredKeys: ['surface', 'optimizers'] },
  )
  .chain((c) => fc.oneof({ weight: 20, arbitrary: fc.constant(c) }, { weight: 1, arbitrary: junk.map((extra) => ({ ...c, extra })) }));

/** The text handed to the CLI: the config as JSON, sometimes damaged or wrapped in hostile JSON. */
const configTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: configArb.map((c) => JSON.stringify(c)) },
  // Damaged JSON: cut short, a stray character, a comment, a trailing comma, a raw newline in a string.
  {
    weight: 3,
    arbitrary: fc
      .tuple(configArb.map((c) => JSON.stringify(c, null, 1)), fc.nat(), fc.constantFrom('', ',', '\n', '//', '/*', '"', '\u0000', '}', ']', 'NaN'))
      .map(([t, at, ins]) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + ins + (ins === '' ? '' : t.slice(i));
      }),
  },
  // Hostile JSON: deep nesting in a field, at the top, in an unknown key; huge and odd numbers; not a config at all.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: 30, max: 20_000 }), fc.constantFrom('[', '{"a":'), fc.constantFrom('lr', 'top', 'start', 'params', 'key'))
      .map(([depth, open, where]) => {
        const close = open === '[' ? ']' : '}';
        const nest = open.repeat(depth) + '0.1' + close.repeat(depth);
        if (where === 'top') return nest;
        if (where === 'start') return `{"surface": {"name": "beale"}, "optimizers": [{"name": "gd"}], "start": ${nest}}`;
        if (where === 'params') return `{"surface": {"name": "quadratic", "params": {"kappa": ${nest}}}, "optimizers": [{"name": "gd"}]}`;
        if (where === 'key') return `{"surface": {"name": "beale"}, "optimizers": [{"name": "gd"}], "x\\ny": ${nest}}`;
        return `{"surface": {"name": "beale"}, "optimizers": [{"name": "adam", "lr": ${nest}}]}`;
      }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '0',
      '"rosenbrock"',
      '{}',
      '// c\n{}',
      '{"surface": {"name": "beale"}, "optimizers": [{"name": "adam", "lr": 1e999}]}',
      '{"surface": {"name": "beale"}, "optimizers": [{"name": "adam", "lr": -0}]}',
      '{"surface": {"name": "beale"}, "optimizers": [{"name": "adam", "lr": 1e-320}]}',
      '{"surface": {"name": "beale"}, "optimizers": [{"name": "adam", "betas": [0.9]}]}',
      '{"__proto__": {"steps": 5}, "surface": {"name": "beale"}, "optimizers": [{"name": "gd"}]}',
      '{"surface": {"name": "beale", "params": {"__proto__": 1}}, "optimizers": [{"name": "gd"}]}',
      '{"surface": {"name": "beale"}, "optimizers": [{"name": "gd", "constructor": 1}]}',
      `{"surface": {"name": "${'x'.repeat(100_000)}"}, "optimizers": [{"name": "gd"}]}`,
      `{"surface": {"name": "beale"}, "optimizers": [{"name": "gd"}], "${'k\\n'.repeat(1000)}": 1}`,
      '{"surface": {"name": "beale"}}\n{"surface": {"name": "beale"}}',
      '\ufeff{"surface": {"name": "beale"}, "optimizers": [{"name": "gd"}]}',
      'x'.repeat(1_000_001),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

// ---------------------------------------------------------------------------------------------
// Generated links: real keys with plausible and hostile values, and links that hold nothing.

const linkValue = fc.oneof(
  fc.constantFrom(...surfaceNames, 'nope', '', '1', '0', '-1', '1e999', 'NaN', '%', '%zz', '%0A', '\n', '\u202e', '雪', 'a'.repeat(300), '0.9/0.999', '1,2', '3,', ','),
  fc.double().map(String),
  fc.integer({ min: -5, max: 20_000 }).map(String),
  fc.string({ maxLength: 10 }),
);
const racerArb = fc
  .tuple(
    fc.constantFrom(...optimizerNames, 'nope', ''),
    fc.array(
      fc.tuple(fc.constantFrom('lr', 'betas', 'momentum', 'dampening', 'saddleFree', 'amsgrad', 'centered', COLOR_KEY, 'etas', 'stepSizes', 'zz'), fc.constantFrom('0.1', '0.01', '0.9/0.999', '1', '0', '-1', 'e69f00', '1e999', '')),
      { maxLength: 3 },
    ),
  )
  .map(([name, kv]) => [name, ...kv.map(([k, v]) => `${k}=${v}`)].join(','));
const linkArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '?', 'http://localhost:5173/?', 'https://x.test/descent/#'),
        fc.constantFrom(...surfaceNames),
        fc.array(racerArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.constantFrom(...Object.values(SHARE_KEYS), 'kappa', 'angle', '__proto__', 'zz'), linkValue), { maxLength: 4 }),
      )
      .map(([prefix, s, racers, rest]) => `${prefix}v=1&s=${s}&o=${racers.join(';')}${rest.map(([k, v]) => `&${k}=${v}`).join('')}`),
  },
  // Clean links, so that a good share of links runs.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...surfaceNames), fc.array(fc.constantFrom(...optimizerNames), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 40 }))
      .map(([s, os, n, stride]) => `?v=1&s=${s}&o=${os.map((o) => `${o},lr=0.01`).join(';')}&n=${n}&stride=${stride}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '?', '#', 'http://localhost:5173/', 'http://localhost:5173/?', 'https://x.test/#', '?&&', '?v=1', '?lang=zh') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

describe('the headless runner under fuzzing (one process)', () => {
  it('gives valid output or exit 2 with one line for every generated config', () => {
    let ok = 0;
    let runs = 0;
    fc.assert(
      fc.property(configTextArb, (text) => {
        runs++;
        if (expectSound(cli(['run', '--config', '-'], text), `config ${JSON.stringify(text.slice(0, 2000))}`)) ok++;
      }),
      { seed: 11, numRuns: 300 },
    );
    // The generator must reach the engine, not only its input checks.
    expect(ok).toBeGreaterThanOrEqual(runs * 0.2);
  }, 120_000);

  it('gives valid output or exit 2 with one line for every generated link', () => {
    let ok = 0;
    let runs = 0;
    fc.assert(
      fc.property(linkArb, (link) => {
        runs++;
        if (expectSound(cli(['run', '--url', link]), `link ${JSON.stringify(link)}`)) ok++;
      }),
      { seed: 11, numRuns: 300 },
    );
    expect(ok).toBeGreaterThanOrEqual(runs * 0.2);
  }, 120_000);

  it('refuses bad arguments with exit 2 and one line', () => {
    for (const argv of [[], ['go'], ['run'], ['run', '--config'], ['run', '--url'], ['run', '--config', '-', '--url', '?'], ['run', '--x\ny'], ['run', '--config', 'missing.json']]) {
      expectSound(cli(argv), `argv ${JSON.stringify(argv)}`);
    }
  });
});

describe('reading hostile input', () => {
  it('prints any value in an error message, even one too deep for JSON.stringify and String', () => {
    let deep: unknown = 0.1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(show(deep)).toBe('a list of 1');
    expect(show({ toJSON: () => { throw new Error('x'); } })).toBe('a object');
  });

  it('keeps every message on one printable line, without cutting a surrogate pair', () => {
    expect(oneLine('a\nb\r\tc\u2028d\u001be')).toBe('a\\nb\\r\\tc\\u2028d\\u001be');
    const cut = oneLine('x'.repeat(398) + '🙂🙂', 400);
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("describes JSON.parse's errors without the input, with a line and column where there is a position", () => {
    const text = '{\n  "a": 1,\n}';
    let e: unknown;
    try {
      JSON.parse(text);
    } catch (err) {
      e = err;
    }
    expect(describeJsonError(text, e)).toMatch(/at line 3, column 1$/);
    try {
      JSON.parse('// c\n{}');
    } catch (err) {
      expect(describeJsonError('// c\n{}', err)).toBe("Unexpected token '/' (JSON has no comments)");
    }
  });
});

describe('the streamed output', () => {
  const plainConfig = fc
    .record({
      surface: fc.constantFrom(...surfaceNames),
      optimizers: fc.array(fc.constantFrom(...optimizerNames), { minLength: 1, maxLength: 4 }),
      steps: fc.integer({ min: 0, max: 400 }),
      stride: fc.integer({ min: 1, max: 30 }),
      batchSize: fc.integer({ min: 1, max: 64 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ surface, optimizers: os, ...rest }) =>
      normalizeConfig({ surface: { name: surface }, optimizers: os.map((name) => ({ name, lr: 0.01 })), ...rest }),
    );

  it('is the same text as JSON.stringify of the page export object, in chunks of at most 64 Ki characters', () => {
    fc.assert(
      fc.property(plainConfig, (config) => {
        const chunks: string[] = [];
        writeRunJson(config, (c) => chunks.push(c));
        for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_SIZE + 4096);
        expect(chunks.join('')).toBe(resultToJson(runComparison(config)));
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('keeps, with a stride, the batch of the step leaving each kept point', () => {
    const config = normalizeConfig({ surface: { name: 'logreg' }, optimizers: [{ name: 'gd', lr: 0.1 }], steps: 10, batchSize: 30, seed: 4, stride: 4 });
    const all = runComparison({ ...config, stride: 1 });
    const every = JSON.parse(resultToJson(all)).runs[0].batches;
    const out = JSON.parse(resultToJson(runComparison(config))).runs[0];
    expect(out.path).toHaveLength(4); // points 0, 4, 8 and the last, 10
    expect(out.batches).toEqual([every[0], every[4], every[8]]);
    // With stride 1, CONTRACT §3 as before: the samples of every step, in order.
    const b = all.batches!;
    expect(every).toEqual(Array.from({ length: 10 }, (_, s) => Array.from(b.order.subarray(b.start[s], b.start[s] + b.size[s]))));
  });
});
