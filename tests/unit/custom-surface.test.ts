/**
 * The `custom` surface (CONTRACT.md §8) through the engine: config validation (surface.params.f
 * with a position, the domain), the suggested domain and start, the numerically found minima
 * (flagged numerical), the race itself, the CLI (exit 2 naming the field), share links (compact,
 * round trip, a bad f is a notice) and the PyTorch export's text.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig, runComparison } from '../../src/engine';
import { toPyTorch } from '../../src/export/pytorch';
import { decodeShare, decodeShareStrict, encodeConfig, encodeExpression } from '../../src/share/codec';
import { DEFAULT_CUSTOM_F, getSurface, makeObjective, surfaces } from '../../src/surfaces';
import { customSurface, findMinima, suggestDomain } from '../../src/surfaces/custom';

function configError(raw: unknown): ConfigError {
  try {
    normalizeConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('the config was accepted');
}

const custom = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  surface: { name: 'custom', params },
  optimizers: [{ name: 'adam', lr: 0.05 }],
  ...extra,
});

describe('custom surface: config validation', () => {
  it('normalises f and the domain, and fills in the start from the domain', () => {
    const c = normalizeConfig(custom({ f: '(1 - x)^2 + 100*(y - x^2)^2', domain: [[-2, 2], [-1, 3]] }));
    expect(c.surface).toEqual({ name: 'custom', params: { f: '(1 - x)^2 + 100*(y - x^2)^2', domain: [[-2, 2], [-1, 3]] }, l2: 0, noise: 0 });
    expect(c.start).toEqual([-1.4, 2.4]);
  });

  it('takes the textbook default when f is left out, and suggests a domain around its minima', () => {
    const c = normalizeConfig(custom({}));
    expect(c.surface.params.f).toBe(DEFAULT_CUSTOM_F);
    expect(c.surface.params.domain).toEqual([[-3, 3], [-3.5, 3.5]]);
  });

  it.each([
    [{ f: 'x^2 + constructor' }, 'surface.params.f', /^position 7: unknown name 'constructor'/],
    [{ f: '__proto__' }, 'surface.params.f', /^position 1: unknown name '__proto__'/],
    [{ f: 'x.y' }, 'surface.params.f', /^position 2: unexpected '\.'/],
    [{ f: 'foo(x) + 1' }, 'surface.params.f', /^position 1: unknown name 'foo'/],
    [{ f: '(x + y' }, 'surface.params.f', /^position 1: unbalanced '\('/],
    [{ f: 'x + y)' }, 'surface.params.f', /^position 6: unbalanced '\)'/],
    [{ f: '1e999*x' }, 'surface.params.f', /^position 1: the number 1e999 is too large/],
    [{ f: 'x'.repeat(100_000) }, 'surface.params.f', /^position 2001: the expression is 100000 characters long; at most 2000/], // 100 kB
    [{ f: 42 }, 'surface.params.f', /must be an expression in x and y as text/],
    [{ f: 'x', domain: [[2, -2], [-1, 1]] }, 'surface.params.domain[0]', /low < high/],
    [{ f: 'x', domain: [[-2, 2]] }, 'surface.params.domain', /\[\[x0, x1\], \[y0, y1\]\]/],
    [{ f: 'x', domain: [[-2, 2], [-1, 'a']] }, 'surface.params.domain[1][1]', /finite number/],
    [{ f: 'x', domain: [[-2, 2], [-1, 1e7]] }, 'surface.params.domain[1][1]', /≤ 1000000/],
    [{ f: 'x', kappa: 3 }, 'surface.params.kappa', /unknown parameter of custom; expected one of f, domain/],
  ])('%# → %s', (params, field, problem) => {
    const e = configError(custom(params as Record<string, unknown>));
    expect(e.field).toBe(field);
    expect(e.problem).toMatch(problem);
  });

  it('names custom among the surfaces of an unknown name', () => {
    expect(configError({ surface: { name: 'nope' }, optimizers: [{ name: 'gd' }] }).problem).toMatch(/tinynet, mlp, custom$/);
  });
});

describe('custom surface: domain, start and minima', () => {
  it('finds the minima numerically, flags them, and marks the global ones', () => {
    const def = getSurface('custom', { f: 'x^4 - 3*x*y + y^2', domain: [[-3, 3], [-3.5, 3.5]] })!;
    const minima = def.criticalPoints({});
    expect(minima).toHaveLength(2);
    const x = Math.sqrt(9 / 8); // ∇f = 0: y = 3x/2, 4x³ = 9x/2
    for (const c of minima) {
      expect(c).toMatchObject({ kind: 'min', numerical: true, global: true });
      expect(Math.abs(Math.abs(c.point[0]) - x)).toBeLessThan(1e-12);
      expect(Math.abs(c.point[1] - 1.5 * c.point[0])).toBeLessThan(1e-12);
      expect(c.value).toBeCloseTo(-81 / 64, 14);
    }
  });

  it('finds Rosenbrock’s and Himmelblau’s known minima, written as expressions', () => {
    const rosen = getSurface('custom', { f: '(1 - x)^2 + 100*(y - x^2)^2', domain: [[-2, 2], [-1, 3]] })!.criticalPoints({});
    expect(rosen).toHaveLength(1);
    expect(rosen[0].point[0]).toBeCloseTo(1, 12);
    expect(rosen[0].point[1]).toBeCloseTo(1, 12);
    const himmel = getSurface('custom', { f: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', domain: [[-5, 5], [-5, 5]] })!.criticalPoints({});
    const known = surfaces.himmelblau.criticalPoints({}).filter((c) => c.kind === 'min');
    expect(himmel).toHaveLength(4);
    for (const k of known) {
      expect(himmel.some((c) => Math.hypot(c.point[0] - k.point[0], c.point[1] - k.point[1]) < 1e-9), `${k.point}`).toBe(true);
    }
    expect(himmel.every((c) => c.global)).toBe(true);
  });

  it('finds a minimum with a singular Hessian (x^4 + y^4), separates local from global, lists none for a plane', () => {
    const quartic = customSurface({ f: 'x^4 + y^4', domain: [[-2, 2], [-2, 2]] }).criticalPoints({});
    expect(quartic).toHaveLength(1);
    expect(Math.hypot(...quartic[0].point)).toBeLessThan(1e-3);
    const tilted = customSurface({ f: 'x^4 - 2*x^2 + 0.3*x + y^2', domain: [[-2, 2], [-2, 2]] }).criticalPoints({});
    expect(tilted).toHaveLength(2);
    expect(tilted[0].global).toBe(true);
    expect(tilted[1].global).toBe(false);
    expect(tilted[0].value).toBeLessThan(tilted[1].value);
    expect(customSurface({ f: 'x + 2*y', domain: [[-2, 2], [-2, 2]] }).criticalPoints({})).toEqual([]);
  });

  it('suggests a domain around the minima, or [-2, 2]² without one', () => {
    expect(suggestDomain('(x - 1)^2 + (y + 2)^2')).toEqual({ x: [-0.5, 2.5], y: [-3.5, -0.5] });
    expect(suggestDomain('x + y')).toEqual({ x: [-2, 2], y: [-2, 2] });
    const d = suggestDomain('sin(x)*sin(y) + (x^2 + y^2)/50');
    expect(d.x[0]).toBeGreaterThanOrEqual(-6);
    expect(d.x[1]).toBeLessThanOrEqual(6);
  });

  it('starts where f and ∇f are finite (log(x) is undefined left of 0)', () => {
    const c = normalizeConfig(custom({ f: 'log(x) + (y - 1)^2', domain: [[-2, 2], [-1, 3]] }));
    expect(c.start[0]).toBeGreaterThan(0);
    const f = makeObjective(getSurface('custom', c.surface.params)!, c.surface.params, 0).value(c.start[0], c.start[1]);
    expect(Number.isFinite(f)).toBe(true);
  });

  it('is deterministic: the same config gives the same bits, and each config evaluates its own f', () => {
    const a = runComparison(normalizeConfig(custom({ f: 'x^2 + 3*y^2' }, { steps: 50 })));
    const b = runComparison(normalizeConfig(custom({ f: 'x^2 + 3*y^2 + x*y' }, { steps: 50 })));
    const again = runComparison(normalizeConfig(custom({ f: 'x^2 + 3*y^2' }, { steps: 50 })));
    expect(Array.from(again.runs[0].path)).toEqual(Array.from(a.runs[0].path));
    expect(Array.from(b.runs[0].path)).not.toEqual(Array.from(a.runs[0].path));
    // Any custom def evaluates the expression of the params it is given.
    const generic = getSurface('custom')!;
    expect(generic.create({ f: 'x*y', domain: [[-1, 1], [-1, 1]] }).value(2, 3)).toBe(6);
  });

  it('races like the built-in surface it spells out, to the last bit where the arithmetic is the same', () => {
    const steps = 200;
    const optimizers = [{ name: 'adam', lr: 0.05 }, { name: 'newton', lr: 0.5 }];
    const mine = runComparison(normalizeConfig({ surface: { name: 'custom', params: { f: '(1 - x)^2 + 100*(y - x^2)^2', domain: [[-2, 2], [-1, 3]] } }, optimizers, start: [-1.5, 2], steps }));
    const builtin = runComparison(normalizeConfig({ surface: { name: 'rosenbrock' }, optimizers, start: [-1.5, 2], steps }));
    for (let r = 0; r < 2; r++) {
      const p = mine.runs[r].path;
      const q = builtin.runs[r].path;
      expect(p.length).toBe(q.length);
      for (let i = 0; i < p.length; i++) expect(Math.abs(p[i] - q[i]), `run ${r} coordinate ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(q[i])));
    }
  });
});

describe('custom surface: the CLI', () => {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const cli = (input: string) => spawnSync(tsx, ['src/cli/main.ts', 'run', '--config', '-'], { input, encoding: 'utf8' });

  it('runs a custom config and prints the normalised surface', () => {
    const r = cli(JSON.stringify(custom({ f: 'x^4 - 3*x*y + y^2' }, { steps: 5 })));
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.surface).toEqual({ name: 'custom', params: { f: 'x^4 - 3*x*y + y^2', domain: [[-3, 3], [-3.5, 3.5]] }, l2: 0, noise: 0 });
    expect(out.runs[0].path).toHaveLength(6);
  });

  it.each([
    ['x^2 + constructor', 'position 7'],
    ['x.y', 'position 2'],
    ['(x', 'position 1'],
    ['1e999*x', 'position 1'],
  ])('exits 2 for f = %j, naming surface.params.f and %s, on one line', (f, where) => {
    const r = cli(JSON.stringify(custom({ f })));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`descent: invalid config: surface.params.f: ${where}: `);
  });
});

describe('custom surface: share links', () => {
  it('carries the expression compactly: under 300 characters for textbook functions, bit-for-bit round trip', () => {
    const textbook = [
      'x^4 - 3*x*y + y^2',
      '(1 - x)^2 + 100*(y - x^2)^2',
      '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
      '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
      '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
      '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
      'sin(x)*cos(y) + (x^2 + y^2)/10',
      'log(1 + exp(-x*y)) + 0.1*(x^2 + y^2)',
    ];
    for (const f of textbook) {
      const config = normalizeConfig({ surface: { name: 'custom', params: { f } }, optimizers: [{ name: 'adam', lr: 0.05 }, { name: 'gd', lr: 0.01 }], steps: 150 });
      const q = encodeConfig(config);
      expect(q.length, q).toBeLessThan(300);
      const back = decodeShare(q);
      expect(back.notices, q).toEqual([]);
      expect(back.state.config).toEqual(config);
      expect(Array.from(runComparison(back.state.config).runs[0].path)).toEqual(Array.from(runComparison(config).runs[0].path));
    }
    expect(encodeExpression('x^4 - 3*x*y + y^2')).toBe('x^4%20-%203*x*y%20+%20y^2');
  });

  it('writes the domain only when it differs from the suggested one', () => {
    const own = normalizeConfig(custom({ f: 'x^2 + y^2', domain: [[-1, 4], [-2, 2]] }));
    expect(encodeConfig(own)).toContain('&dom=-1,4,-2,2&');
    expect(decodeShare(encodeConfig(own)).state.config.surface.params.domain).toEqual([[-1, 4], [-2, 2]]);
    expect(encodeConfig(normalizeConfig(custom({ f: 'x^2 + y^2' })))).not.toContain('dom=');
  });

  it.each([
    ['f=x.y', 'f', /position 2: unexpected '\.'/],
    ['f=constructor', 'f', /position 1: unknown name 'constructor'/],
    ['f=__proto__', 'f', /position 1: unknown name '__proto__'/],
    ['f=(x', 'f', /position 1: unbalanced/],
    ['f=1e999*x', 'f', /position 1: the number 1e999 is too large/],
    ['f=' + 'x+'.repeat(1001) + 'x', 'f', /position 2001: the expression is 2003 characters long/],
    ['f=%E0%A4%A', 'f', /percent-encoding/],
    ['', 'f', /no expression given/],
    ['f=x^2&dom=1,0,0,2', 'dom', /low < high/],
    ['f=x^2&dom=a,b', 'dom', /x0,x1,y0,y1/],
  ])('a bad link (%#) becomes a notice on %s and the default function, never an error', (tail, field, message) => {
    const link = `?v=1&s=custom&o=adam&${tail}`;
    const { state, notices } = decodeShare(link);
    const n = notices.find((x) => x.field === field);
    expect(n, JSON.stringify(notices)).toBeDefined();
    expect(n!.message).toMatch(message);
    expect(state.config.surface.name).toBe('custom');
    expect(typeof state.config.surface.params.f).toBe('string');
    expect(() => runComparison(state.config)).not.toThrow();
    // The CLI reads the same link strictly: an error naming the field.
    expect(() => decodeShareStrict(link)).toThrow(ConfigError);
  });

  it('never throws on garbage in f or dom (property test)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 30 }), (f, dom) => {
        const link = `v=1&s=custom&o=adam&f=${encodeURIComponent(f)}&dom=${encodeURIComponent(dom)}`;
        const { state } = decodeShare(link);
        expect(state.config.surface.name).toBe('custom');
        runComparison({ ...state.config, steps: 3 });
      }),
      { numRuns: 200 },
    );
  });

  it('names f and dom as custom’s keys on another surface', () => {
    const { notices } = decodeShare('v=1&s=beale&o=adam&f=x^2');
    expect(notices).toContainEqual({ field: 'f', message: 'is a parameter of custom, not of beale — ignored' });
  });
});

describe('custom surface: the PyTorch export', () => {
  it('writes f as torch operations, the expression on one comment line whatever its line breaks', () => {
    const result = runComparison(normalizeConfig(custom({ f: '(1 - x)^2\n+ 100*(y - x^2)^2', domain: [[-2, 2], [-1, 3]] }, { steps: 3 })));
    const text = toPyTorch(result);
    expect(text).toContain('    return ((1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2) + l2_term(theta)');
    expect(text).toContain('# Your own function, f(x, y) = (1 - x)^2 + 100*(y - x^2)^2\n');
    expect(text).toContain('DOMAIN = ((-2.0, 2.0), (-1.0, 3.0))');
    expect(text).toMatch(/MINIMA = \[\(1\.0000000000000\d*, 1\.0000000000000\d*\)\]|MINIMA = \[\(1\.0, 1\.0\)\]|MINIMA = \[\(0\.99999999999999\d*, 0\.99999999999999\d*\)\]/);
  });
});
