/**
 * Page and CLI agree bit for bit (CONTRACT Part two): the engine must not depend on the host's
 * Math.log, Math.exp, Math.pow, Math.sin, … whose last bits differ between JavaScript engines
 * (measured: Node 20 against Chromium 156 differ for about 1 argument in 36 for log, 1 in 20 for
 * exp, 1 in 14 for pow). The schedule-free vs cosine preset ended 3 ulps apart in the page and the
 * CLI because the seeded Gaussian noise took Math.log: 23 of its 800 ξ differed in the last bit.
 *
 * Without a browser, the test makes the host functions disagree with themselves: every one of them
 * returns its value one ulp off, and every preset must still give the very same bits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configFromUrl } from '../../src/cli/url';
import { runComparison } from '../../src/engine';
import { lrRangeTest } from '../../src/engine/rangeTest';
import { makeNoise } from '../../src/engine/run';
import { axisValues } from '../../src/engine/sweep';
import { resolveSurface } from '../../src/engine/userdata';
import { fdlibmLog } from '../../src/math/fdlibm-log';
import { presets } from '../../src/share';

/** The host functions an engine may implement its own way (Math.sqrt is correctly rounded everywhere). */
const HOST = ['log', 'exp', 'pow', 'sin', 'cos', 'tan', 'atan', 'atan2', 'tanh', 'sinh', 'cosh', 'log10', 'log2', 'log1p', 'expm1', 'cbrt'] as const;
const M = Math as unknown as Record<string, (...a: number[]) => number>;
const original = Object.fromEntries(HOST.map((f) => [f, M[f]]));

/** Every host function returns one ulp more (another engine's libm, as far as the engine can tell). */
function perturbHost(): void {
  for (const f of HOST) {
    const fn = original[f];
    M[f] = (...a: number[]) => {
      const v = fn(...a);
      return v === 0 || !Number.isFinite(v) ? v : v * (1 + 2 ** -52);
    };
  }
}

afterEach(() => {
  for (const f of HOST) M[f] = original[f];
});

const paths = (query: string) => runComparison(configFromUrl(query)).runs.map((r) => Array.from(r.path));

describe('the engine does not depend on the host libm', () => {
  it('fdlibmLog is Node 20’s Math.log to the bit (so no number printed before changes)', () => {
    const b = new Float64Array(1);
    const w = new Uint32Array(b.buffer);
    let s = 987654321;
    const r32 = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    let differ = 0;
    for (let n = 0; n < 600_000; n++) {
      let x: number;
      if (n % 3 === 0) {
        w[0] = r32();
        w[1] = r32() & 0x7fffffff; // any positive double, subnormals included
        x = b[0];
      } else if (n % 3 === 1) {
        x = (r32() * 4294967296 + r32()) / 18446744073709551616; // (0, 1): Box–Muller's u
      } else {
        x = 1 + (r32() / 4294967296 - 0.5) * 1e-5; // near 1, fdlibm's |f| < 2^-20 branch
      }
      if (!Object.is(fdlibmLog(x), Math.log(x))) differ++;
    }
    expect(differ).toBe(0);
    for (const x of [0, -0, -1, NaN, Infinity, 1, 2, 0.5, Math.E, 5e-324, 1e-310, Number.MAX_VALUE]) {
      expect(Object.is(fdlibmLog(x), Math.log(x)), String(x)).toBe(true);
    }
  });

  it('the simulated noise ξ is the same whatever the host’s log, sin and cos', () => {
    const before = Array.from(makeNoise(2000, 7));
    perturbHost();
    expect(Array.from(makeNoise(2000, 7))).toEqual(before);
  });

  it('schedule-free vs cosine (σ = 8): the same bits whatever the host’s functions', () => {
    const query = presets.find((p) => p.id === 'schedulefree-vs-cosine')!.query;
    const before = paths(query);
    perturbHost();
    const after = paths(query);
    after.forEach((p, i) => expect(p, `racer ${i}`).toEqual(before[i]));
  });

  it('the tiny tanh network too (its tanh is ours, not Math.tanh)', () => {
    const query = 'v=1&s=tinynet&l2=0.05&o=rmsprop,lr=0.02;adam,lr=0.05;gd,lr=0.3&b=5&n=200&st=2.5,-1.5';
    const before = paths(query);
    perturbHost();
    expect(paths(query)).toEqual(before);
  });

  it('the powers of the optimizers: NAdam’s 0.96^(tψ), OneCycle’s β₁ᵗ on the Adam family, schedule-free’s (k+1)^r·lr^p', () => {
    const links = {
      'NAdam, 3000 steps': 'v=1&s=rosenbrock&o=nadam,lr=0.01;nadam,lr=0.02,momentumDecay=0.01&n=3000',
      'OneCycle (cycling β₁, up to 0.999 on Adam and Adamax) on Adam, Adamax, RAdam, NAdam': 'v=1&s=beale&o=adam,sch=1cyc:0.05:400:0.3:cos:25:10000:0:1:0.99:0.999;adamax,sch=1cyc:0.02:400:0.3:cos:25:10000:0:1:0.99:0.999;radam,sch=1cyc:0.05:400;nadam,sch=1cyc:0.05:400&n=400',
      'schedule-free, r = 0.75, weightLrPower = 1.5, warm-up': 'v=1&s=rosenbrock&o=schedulefree,lr=0.05,r=0.75,weightLrPower=1.5,warmupSteps=50&n=500',
    };
    const before = Object.values(links).map(paths);
    perturbHost();
    const differ = Object.keys(links).filter((_, i) => JSON.stringify(paths(Object.values(links)[i])) !== JSON.stringify(before[i]));
    expect(differ).toEqual([]);
  });

  it('own data: the domain and default start found from it (10^⌊log10⌋ rounding), and the race', () => {
    const query = 'v=1&s=linreg&o=adam,lr=0.05;gd,lr=0.01&n=300&d=0.13,0.71,1.9,2.4,3.3,4.05,5.2~0.9,1.6,2.8,3.1,4.4,4.9,6.3';
    const view = () => {
      const def = resolveSurface(configFromUrl(query).surface); // a fresh data object: not the cached definition
      return { domain: def.domain, start: def.defaultStart };
    };
    const before = { view: view(), paths: paths(query) };
    perturbHost();
    expect({ view: view(), paths: paths(query) }).toEqual(before);
  });

  it('the range test’s rates and suggestion, and a sweep’s log-spaced axis', () => {
    const config = configFromUrl('v=1&s=linreg&o=adam&n=200&b=8&seed=4');
    const range = () => {
      const r = lrRangeTest(config, config.optimizers[0]);
      return { lrs: Array.from(r.lrs), loss: Array.from(r.loss), suggested: r.suggestedLr, steepest: r.steepest };
    };
    const axis = () => axisValues({ from: 1e-4, to: 3, n: 64, scale: 'log' });
    const before = { range: range(), axis: axis() };
    perturbHost();
    expect({ range: range(), axis: axis() }).toEqual(before);
  });

  it('every preset gives the same bits whatever the host’s functions', () => {
    const before = presets.map((p) => paths(p.query));
    perturbHost();
    const differ = presets.filter((p, i) => JSON.stringify(paths(p.query)) !== JSON.stringify(before[i])).map((p) => p.id);
    expect(differ).toEqual([]);
  });
});
