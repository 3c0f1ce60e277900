/**
 * The `custom` surface's expressions (src/math/expr): the grammar of CONTRACT.md §8 and nothing
 * else, errors with positions, hostile input, exact derivatives (against finite differences here;
 * against real torch autograd in expr-torch.test.ts), no allocation, and src/math's log, atan,
 * sinh, cosh, tanh.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atan } from '../../src/math/atan';
import { cosh, sinh, tanh } from '../../src/math/hyperbolic';
import { log } from '../../src/math/log';
import { ExprError, MAX_EXPR_DEPTH, MAX_EXPR_LENGTH, checkExpr, compileExpr, parseExpr, powi, toLatex, toTorch, type Expr } from '../../src/math/expr';

/** The error of `src` (failing the test when there is none). */
function errorOf(src: string): ExprError {
  const e = checkExpr(src);
  if (e === null) throw new Error(`${JSON.stringify(src)} parsed, but should not`);
  return e;
}

function evalAt(src: string, x: number, y: number): number {
  return compileExpr(parseExpr(src)).value(x, y);
}

/** A compact, parenthesised rendering of the AST, to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.k) {
    case 'num':
      return String(e.v);
    case 'var':
    case 'const':
      return e.name;
    case 'neg':
      return `(-${show(e.a)})`;
    case 'call':
      return `${e.fn}(${show(e.a)})`;
    case 'bin':
      return `(${show(e.a)}${e.op}${show(e.b)})`;
  }
}

describe('expressions: the grammar', () => {
  it.each([
    ['-x^2', '(-(x^2))'],
    ['x^-2', '(x^(-2))'],
    ['2^-x^2', '(2^(-(x^2)))'],
    ['x^y^2', '(x^(y^2))'],
    ['(x^y)^2', '((x^y)^2)'],
    ['x - y - 1', '((x-y)-1)'],
    ['x / y / 2', '((x/y)/2)'],
    ['1 + 2*x^2', '(1+(2*(x^2)))'],
    ['-x*y', '((-x)*y)'],
    ['x*-y', '(x*(-y))'],
    ['--x', '(-(-x))'],
    ['-2^2', '(-(2^2))'],
    ['sin(x)^2', '(sin(x)^2)'],
    ['e^x + pi', '((e^x)+pi)'],
    ['.5*x + 2.*y + 1e-3 + 2E+2', '((((0.5*x)+(2*y))+0.001)+200)'],
    ['  x\t+\ny  ', '(x+y)'],
  ])('%s parses as %s (Python precedence: ^ binds tighter than unary minus, right-associative)', (src, want) => {
    expect(show(parseExpr(src))).toBe(want);
  });

  it('evaluates precedence the way Python does: -x^2 = -(x²), 2^-x^2 = 2^(−x²), 2^3^2 = 512', () => {
    expect(evalAt('-x^2', 3, 0)).toBe(-9);
    expect(evalAt('2^-x^2', 1, 0)).toBe(0.5);
    expect(evalAt('2^3^2', 0, 0)).toBe(512);
    expect(evalAt('x^-2', 2, 0)).toBe(0.25);
    expect(evalAt('(-2)^3 + x', 0, 0)).toBe(-8); // integer powers of negative numbers are real
    expect(evalAt('e', 0, 0)).toBe(Math.E);
    expect(evalAt('pi*y', 0, 2)).toBe(2 * Math.PI);
  });

  it('knows every function of the contract, and those only', () => {
    for (const fn of ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan']) {
      expect(checkExpr(`${fn}(x)`), fn).toBeNull();
    }
    for (const fn of ['asin', 'acos', 'ln', 'pow', 'max', 'min', 'floor', 'sign', 'log10', 'atan2', 'Sin', 'SIN']) {
      expect(errorOf(`${fn}(x)`).problem, fn).toMatch(/unknown name/);
    }
  });
});

describe('expressions: errors carry the position of the first bad character', () => {
  it.each([
    ['constructor', 1, /unknown name 'constructor'/],
    ['__proto__', 1, /unknown name '__proto__'/],
    ['x + constructor', 5, /unknown name 'constructor'/],
    ['x.y', 2, /no property access/],
    ['__proto__.x', 1, /unknown name '__proto__'/], // the first bad character, not the '.'
    ['constructor.constructor("alert(1)")()', 1, /unknown name 'constructor'/],
    ['x + y.z', 6, /no property access/],
    ['x.constructor', 2, /no property access/],
    ['sin.call(x)', 4, /no property access/],
    ['x["y"]', 2, /unexpected character '\['/],
    ['toString(x)', 1, /unknown name 'toString'/],
    ['foo(x)', 1, /unknown name 'foo'/],
    ['alert(1)', 1, /unknown name 'alert'/],
    ['process', 1, /unknown name 'process'/],
    ['(x + 1', 1, /unbalanced '\('/],
    ['((x)', 1, /unbalanced '\('/],
    ['x + 1)', 6, /unbalanced '\)'/],
    ['sin(x', 4, /unbalanced '\('/],
    ['1e999*x', 1, /the number 1e999 is too large/],
    ['x + 2e400', 5, /too large/],
    ['x**2', 2, /'\*\*' is not part of the grammar; write powers with \^/],
    ['2x', 2, /expected an operator/],
    ['x y', 3, /expected an operator/],
    ['x +', 4, /ends where a number/],
    ['', 1, /empty/],
    ['   ', 4, /empty/],
    ['+x', 1, /unary plus/],
    ['x * / y', 5, /expected a number/],
    ['sin x', 5, /needs its argument in parentheses/],
    ['sin', 1, /needs its argument in parentheses/],
    ['sin()', 5, /needs an argument/],
    ['()', 2, /empty parentheses/],
    ['x(2)', 2, /not a function/],
    ['atan(x, y)', 7, /one argument/],
    ['x = 1', 3, /unexpected character '='/],
    ['x; y', 2, /unexpected character ';'/],
    ['`x`', 1, /unexpected character '`'/],
    ['x + é', 5, /U\+00E9/],
    ['x\u0000', 2, /U\+0000/],
    ['1.2.3', 4, /unexpected '.'/],
  ])('%j → position %i', (src, position, message) => {
    const e = errorOf(src);
    expect(e).toBeInstanceOf(ExprError);
    expect(e.position).toBe(position);
    expect(e.problem).toMatch(message);
    expect(e.message).toBe(`position ${position}: ${e.problem}`);
  });

  it(`refuses more than ${MAX_EXPR_LENGTH} characters (100 kB of input at once, without reading it)`, () => {
    const huge = 'x+'.repeat(50_000) + 'x';
    const t0 = performance.now();
    const e = errorOf(huge);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(e.position).toBe(MAX_EXPR_LENGTH + 1);
    expect(e.problem).toBe(`the expression is ${huge.length} characters long; at most ${MAX_EXPR_LENGTH}`);
    expect(checkExpr('x+'.repeat(999) + 'xx')).not.toBeNull(); // 2000 characters are read (and this one is bad)
    expect(checkExpr('x+'.repeat(999) + '1')).toBeNull();
  });

  it(`refuses parentheses nested deeper than ${MAX_EXPR_DEPTH}, at the first one too deep`, () => {
    const ok = '('.repeat(MAX_EXPR_DEPTH) + 'x' + ')'.repeat(MAX_EXPR_DEPTH);
    expect(checkExpr(ok)).toBeNull();
    const deep = '('.repeat(MAX_EXPR_DEPTH + 1) + 'x' + ')'.repeat(MAX_EXPR_DEPTH + 1);
    const e = errorOf(deep);
    expect(e.position).toBe(MAX_EXPR_DEPTH + 1);
    expect(e.problem).toMatch(/nested deeper than 64/);
    // Function calls count too.
    expect(errorOf('sin('.repeat(MAX_EXPR_DEPTH + 1) + 'x' + ')'.repeat(MAX_EXPR_DEPTH + 1)).position).toBe(4 * MAX_EXPR_DEPTH + 4);
    // Long chains without parentheses are fine (and do not overflow the stack).
    expect(checkExpr('-'.repeat(1999) + 'x')).toBeNull();
    expect(checkExpr('x' + '^x'.repeat(999) + '')).toBeNull();
  });

  it('never executes anything: hostile names are rejected before any evaluation, and no global changes', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const src of ['constructor', '__proto__', 'constructor.constructor("alert(1)")()', 'x.__proto__.polluted', '__defineGetter__', 'valueOf', 'hasOwnProperty']) {
      expect(checkExpr(src), src).toBeInstanceOf(ExprError);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws anything but an ExprError, whatever the input (property test)', () => {
    const alphabet = fc.constantFrom(...'xy0123456789.eE+-*/^() \tpisncoqrtabhlg_,[]{}=;"\'é'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), fc.string({ maxLength: 40 }), (a, b) => {
        for (const src of [a, b, a + b]) {
          const e = checkExpr(src);
          if (e !== null) {
            expect(e).toBeInstanceOf(ExprError);
            expect(e.position).toBeGreaterThanOrEqual(1);
            expect(e.position).toBeLessThanOrEqual(src.length + 1);
          } else {
            const c = compileExpr(parseExpr(src));
            c.value(0.3, -0.7); // any number, NaN included, but no exception
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

// -------------------------------------------------------------------------------------------------

const SAMPLES = [
  '(1 - x)^2 + 100*(y - x^2)^2',
  'x^4 - 3*x*y + y^2',
  'sin(x)*cos(y) + tan(x*y/3)',
  'exp(-x^2 - y^2) * log(1 + x^2 + y^4)',
  'sqrt(1 + x^2*y^2) + abs(x - 2) / cosh(y)',
  'tanh(2*x)*sinh(y/2) - atan(x*y)',
  '2^-x^2 + (1 + y^2)^1.5 + x^y^2',
  'x / (1 + y^2) - 3 / (2 + sin(x))',
  '(x - y)^-2 + e^(x*y) + pi*x',
];

describe('expressions: exact derivatives', () => {
  it.each(SAMPLES)('%s: ∇f and the Hessian match central differences', (src) => {
    const c = compileExpr(parseExpr(src));
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    const gp = new Float64Array(2);
    const gm = new Float64Array(2);
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 1.3, noNaN: true }), fc.double({ min: -1.3, max: -0.2, noNaN: true }), (x, y) => {
        const f = c.valueGrad(x, y, g);
        expect(c.value(x, y)).toBe(f); // one value whatever the mode
        expect(c.hessian(x, y, h)).toBe(f);
        const d = 1e-5;
        const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what} at (${x}, ${y}): ${a} vs ${b}`).toBeLessThanOrEqual(2e-5 * Math.max(1, Math.abs(b)));
        close(g[0], (c.value(x + d, y) - c.value(x - d, y)) / (2 * d), 'fx');
        close(g[1], (c.value(x, y + d) - c.value(x, y - d)) / (2 * d), 'fy');
        c.valueGrad(x + d, y, gp);
        c.valueGrad(x - d, y, gm);
        close(h[0], (gp[0] - gm[0]) / (2 * d), 'fxx');
        close(h[1], (gp[1] - gm[1]) / (2 * d), 'fxy (from ∂x of fy)');
        c.valueGrad(x, y + d, gp);
        c.valueGrad(x, y - d, gm);
        close(h[1], (gp[0] - gm[0]) / (2 * d), 'fxy (from ∂y of fx)');
        close(h[2], (gp[1] - gm[1]) / (2 * d), 'fyy');
      }),
      { numRuns: 40 },
    );
  });

  it('gives closed-form derivatives exactly where they are exact in floating point (Rosenbrock)', () => {
    const c = compileExpr(parseExpr('(1 - x)^2 + 100*(y - x^2)^2'));
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    for (const [x, y] of [[-1.5, 2], [0.5, 0.25], [1, 1], [2, -1]]) {
      c.valueGrad(x, y, g);
      c.hessian(x, y, h);
      expect(g[0]).toBeCloseTo(-2 * (1 - x) - 400 * x * (y - x * x), 10);
      expect(g[1]).toBeCloseTo(200 * (y - x * x), 10);
      expect(h[0]).toBeCloseTo(2 - 400 * y + 1200 * x * x, 9);
      expect(h[1]).toBeCloseTo(-400 * x, 10);
      expect(h[2]).toBe(200);
    }
    c.valueGrad(1, 1, g);
    expect([g[0], g[1]]).toEqual([0, 0]);
  });

  it('folds constants: 2*pi*3 is one number, and a constant function has zero derivatives', () => {
    expect(compileExpr(parseExpr('2*pi*3 + sin(1)^2')).length).toBe(0);
    const c = compileExpr(parseExpr('3'));
    const g = new Float64Array([7, 7]);
    const h = new Float64Array([7, 7, 7]);
    expect(c.valueGrad(1, 2, g)).toBe(3);
    c.hessian(1, 2, h);
    expect([...g, ...h]).toEqual([0, 0, 0, 0, 0]);
  });

  it('integer powers are repeated multiplication (exact, negative bases included)', () => {
    expect(powi(-2, 3)).toBe(-8);
    expect(powi(3, -2)).toBe(1 / 9);
    expect(powi(1.5, 0)).toBe(1);
    expect(powi(2, 60)).toBe(2 ** 60);
    const c = compileExpr(parseExpr('x^3'));
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    expect(c.valueGrad(-2, 0, g)).toBe(-8);
    expect(g[0]).toBe(12);
    c.hessian(-2, 0, h);
    expect(h[0]).toBe(-12);
    // abs: sign(0) = 0 at the kink, as torch.
    const a = compileExpr(parseExpr('abs(x)'));
    a.valueGrad(0, 0, g);
    expect(g[0]).toBe(0);
  });

  it('evaluates without allocating: no heap allocation per instruction in any mode', () => {
    // V8's young generation grows by exactly what is allocated between two reads (unless a
    // scavenge runs in between, which only lowers the reading: the least of 20 rounds is taken).
    const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    const sink = new Float64Array(1);
    const cases = [
      'x^4 - 3*x*y + y^2 + x/(1 + y^2) + sqrt(1 + x^2) + abs(y) - -x', // 18 instructions
      '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y) + tan(x*y)', // trigonometry
    ];
    for (const src of cases) {
      const c = compileExpr(parseExpr(src));
      expect(c.length).toBeGreaterThanOrEqual(12);
      const loops = [
        (n: number) => {
          for (let i = 0; i < n; i++) sink[0] += c.value(0.3 + (i % 100) / 1000, 0.5);
        },
        (n: number) => {
          for (let i = 0; i < n; i++) c.valueGrad(0.3 + (i % 100) / 1000, 0.5, g);
        },
        (n: number) => {
          for (let i = 0; i < n; i++) c.hessian(0.3 + (i % 100) / 1000, 0.5, h);
        },
      ];
      for (const [m, loop] of loops.entries()) {
        for (let k = 0; k < 30; k++) loop(10_000); // warm up: optimised code
        let least = Infinity;
        for (let k = 0; k < 20; k++) {
          const before = youngBytes();
          loop(2000);
          const after = youngBytes();
          if (after >= before) least = Math.min(least, (after - before) / 2000);
        }
        // A few boxed numbers at the call itself (V8 boxes a double argument or result of a call
        // it does not inline, 16 bytes each; measured: 1 B in value mode, 33–65 B in the others,
        // whatever the length), never one per instruction (that would be ≥ 16 × 12 bytes).
        expect(least, `${src}, mode ${['value', 'valueGrad', 'hessian'][m]}: bytes per evaluation`).toBeLessThanOrEqual(80);
      }
    }
  });
});

describe('expressions: torch code and LaTeX', () => {
  it('writes torch operations with Python precedence, constants folded to exact doubles', () => {
    expect(toTorch(parseExpr('(1 - x)^2 + 100*(y - x^2)^2'))).toBe('(1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2');
    expect(toTorch(parseExpr('-x^2'))).toBe('-x ** 2');
    expect(toTorch(parseExpr('2^-x^2'))).toBe('2.0 ** -x ** 2');
    expect(toTorch(parseExpr('(-x)^3 + (x^y)^2'))).toBe('(-x) ** 3 + (x ** y) ** 2');
    expect(toTorch(parseExpr('sin(2*pi*x) - tanh(y)/atan(x)'))).toBe('torch.sin(6.283185307179586 * x) - torch.tanh(y) / torch.atan(x)');
    expect(toTorch(parseExpr('x - (y - x)'))).toBe('x - (y - x)');
    expect(toTorch(parseExpr('x^(1/2)'))).toBe('x ** 0.5');
    expect(toTorch(parseExpr('3'))).toBe('x * 0.0 + 3.0');
  });

  it('typesets the formula', () => {
    expect(toLatex(parseExpr('(1 - x)^2 + 100*(y - x^2)^2'))).toBe('f(x,y)={\\left(1 - x\\right)}^{2} + 100{\\left(y - {x}^{2}\\right)}^{2}');
    expect(toLatex(parseExpr('sqrt(x)/abs(y) + atan(x)'))).toBe('f(x,y)=\\frac{\\sqrt{x}}{\\left|y\\right|} + \\arctan\\left(x\\right)');
  });
});

describe('src/math: log, atan, sinh, cosh, tanh from + − × ÷ (the same bits in every engine)', () => {
  const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
  it('agree with Math.* to a few ulps (property test)', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true }), (u, z) => {
        const x = Math.exp(u);
        expect(rel(log(x), Math.log(x))).toBeLessThan(1e-15);
        expect(rel(atan(z), Math.atan(z))).toBeLessThan(1e-15);
        expect(rel(sinh(z), Math.sinh(z))).toBeLessThan(1e-15);
        expect(rel(cosh(z), Math.cosh(z))).toBeLessThan(1e-15);
        expect(rel(tanh(z), Math.tanh(z))).toBeLessThan(1e-15);
        const s = z * 1e-7; // near 0, where cancellation would lose the relative precision
        expect(rel(sinh(s), Math.sinh(s))).toBeLessThan(1e-15);
        expect(rel(tanh(s), Math.tanh(s))).toBeLessThan(1e-15);
        expect(rel(atan(s), Math.atan(s))).toBeLessThan(1e-15);
        expect(rel(log(1 + s), Math.log(1 + s))).toBeLessThan(1e-9);
      }),
      { numRuns: 2000 },
    );
  });

  it('handle the edges', () => {
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(1)).toBe(0);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(5e-324)).toBeCloseTo(-744.4400719213812, 12);
    expect(atan(Infinity)).toBe(Math.PI / 2);
    expect(atan(-Infinity)).toBe(-Math.PI / 2);
    expect(tanh(1000)).toBe(1);
    expect(tanh(-1000)).toBe(-1);
    expect(sinh(-800)).toBe(-Infinity);
    expect(cosh(800)).toBe(Infinity);
    expect(Number.isFinite(sinh(709.5))).toBe(true);
    for (const fn of [log, atan, sinh, cosh, tanh]) expect(fn(NaN)).toBeNaN();
  });
});
