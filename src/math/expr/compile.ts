/**
 * An expression compiled to a flat instruction tape, evaluated in three modes without allocating:
 *
 *   value(x, y)              f
 *   valueGrad(x, y, out)     f and ∇f                 forward mode, (v, ∂x, ∂y) per slot
 *   hessian(x, y, out)       [fxx, fxy, fyy]          second-order forward mode, 6 numbers per slot
 *
 * Every slot of the second-order mode carries (v, vx, vy, vxx, vxy, vyy), the truncated Taylor
 * expansion in both variables; each instruction applies the exact chain rule to it (for a unary φ:
 * v' = φ'(u)·u', v'' = φ''(u)·u'u' + φ'(u)·u''), so derivatives are exact to rounding — no finite
 * differences. The value part is computed by the same formula in all three modes, so f has the
 * same bits whichever mode computed it.
 *
 * Constant subexpressions are folded at compile time. Powers: a constant integer exponent is
 * repeated multiplication (POWI, exact for negative bases: (−2)^3 = −8); another constant exponent
 * is exp(c·log u) (NaN for u < 0, as torch); a constant base is exp(u·log b); both variable is
 * exp(b·log a). The elementary functions are src/math's (+ − × ÷ only), so the page and the CLI
 * give the same bits; √ and |·| are IEEE-exact, so Math.sqrt and Math.abs are used.
 */
import { atan } from '../atan';
import { exp } from '../exp';
import { cosh, sinh, tanh } from '../hyperbolic';
import { log } from '../log';
import { sincos } from '../trig';
import type { Expr, FnName } from './ast';

const enum Op {
  Add,
  Sub,
  Mul,
  Div,
  Neg,
  /** u^n, n an integer (in imm). */
  PowI,
  /** u^c = exp(c·log u), c in imm. */
  PowC,
  /** exp(L·u), L = log(base) in imm. */
  ExpC,
  Sin,
  Cos,
  Tan,
  Exp,
  Log,
  Sqrt,
  Abs,
  Tanh,
  Sinh,
  Cosh,
  Atan,
}

const FN_OP: Record<FnName, Op> = {
  sin: Op.Sin,
  cos: Op.Cos,
  tan: Op.Tan,
  exp: Op.Exp,
  log: Op.Log,
  sqrt: Op.Sqrt,
  abs: Op.Abs,
  tanh: Op.Tanh,
  sinh: Op.Sinh,
  cosh: Op.Cosh,
  atan: Op.Atan,
};

/** Integer exponents up to this size are repeated multiplication. */
const MAX_POWI = 1 << 30;

/** u^n for an integer n by binary exponentiation (deterministic: × and ÷ only). */
export function powi(u: number, n: number): number {
  if (n === 0) return 1;
  let m = n < 0 ? -n : n;
  let r = 1;
  let b = u;
  for (;;) {
    if (m & 1) r *= b;
    m >>>= 1;
    if (m === 0) break;
    b *= b;
  }
  return n < 0 ? 1 / r : r;
}

/** Scratch for φ(u), φ'(u), φ''(u) of a unary instruction. */
const D = new Float64Array(3);

/**
 * The unary ops, one small function each, indexed by Op: each writes φ(u) into D[0], φ'(u) into
 * D[1] and, when `second`, φ''(u) into D[2]. Results go through the typed array rather than a
 * return value because V8 boxes a double returned from a call it does not inline (an allocation
 * per instruction); one small function per op lets V8 inline src/math's sin, exp, … into it. The
 * value is computed by the same expression whatever is asked.
 */
function opNeg(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  D[1] = -1;
  D[2] = 0;
  D[0] = -u;
}

function opPowI(imm: Float64Array, i: number, second: boolean): void {
  const u = D[0];
  const n = imm[i];
  const v = powi(u, n);
  if (n === 0) {
    D[1] = 0;
    D[2] = 0;
  } else if (n === 1) {
    D[1] = 1;
    D[2] = 0;
  } else {
    D[1] = n * powi(u, n - 1);
    if (second) D[2] = n === 2 ? 2 : n * (n - 1) * powi(u, n - 2);
  }
  D[0] = v;
}

function opPowC(imm: Float64Array, i: number, second: boolean): void {
  const u = D[0];
  const c = imm[i];
  const lu = log(u);
  const v = exp(c * lu);
  D[1] = c * exp((c - 1) * lu);
  if (second) D[2] = c * (c - 1) * exp((c - 2) * lu);
  D[0] = v;
}

function opExpC(imm: Float64Array, i: number, second: boolean): void {
  const u = D[0];
  const L = imm[i];
  const v = exp(L * u);
  D[1] = L * v;
  if (second) D[2] = L * L * v;
  D[0] = v;
}

/** Scratch for sin and cos of one argument. */
const SC = new Float64Array(2);

function opSin(_imm: Float64Array, _i: number, _second: boolean): void {
  sincos(D[0], SC);
  const s = SC[0];
  D[1] = SC[1];
  D[2] = -s;
  D[0] = s;
}

function opCos(_imm: Float64Array, _i: number, _second: boolean): void {
  sincos(D[0], SC);
  const c = SC[1];
  D[1] = -SC[0];
  D[2] = -c;
  D[0] = c;
}

function opTan(_imm: Float64Array, _i: number, _second: boolean): void {
  sincos(D[0], SC);
  const t = SC[0] / SC[1];
  const sec2 = 1 + t * t;
  D[1] = sec2;
  D[2] = 2 * t * sec2;
  D[0] = t;
}

function opExp(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const v = exp(u);
  D[1] = v;
  D[2] = v;
  D[0] = v;
}

function opLog(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const r = 1 / u;
  D[1] = r;
  D[2] = -r * r;
  D[0] = log(u);
}

function opSqrt(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const s = Math.sqrt(u);
  const d = 0.5 / s;
  D[1] = d;
  D[2] = (-0.5 * d) / u;
  D[0] = s;
}

function opAbs(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  D[1] = u > 0 ? 1 : u < 0 ? -1 : 0; // torch: sign(0) = 0
  D[2] = 0;
  D[0] = Math.abs(u);
}

function opTanh(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const t = tanh(u);
  const d = 1 - t * t;
  D[1] = d;
  D[2] = -2 * t * d;
  D[0] = t;
}

function opSinh(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const s = sinh(u);
  D[1] = cosh(u);
  D[2] = s;
  D[0] = s;
}

function opCosh(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const c = cosh(u);
  D[1] = sinh(u);
  D[2] = c;
  D[0] = c;
}

function opAtan(_imm: Float64Array, _i: number, _second: boolean): void {
  const u = D[0];
  const r = 1 / (1 + u * u);
  D[1] = r;
  D[2] = -2 * u * r * r;
  D[0] = atan(u);
}

type UnaryFn = (imm: Float64Array, i: number, second: boolean) => void;

const UNARY: UnaryFn[] = [];
UNARY[Op.Neg] = opNeg;
UNARY[Op.PowI] = opPowI;
UNARY[Op.PowC] = opPowC;
UNARY[Op.ExpC] = opExpC;
UNARY[Op.Sin] = opSin;
UNARY[Op.Cos] = opCos;
UNARY[Op.Tan] = opTan;
UNARY[Op.Exp] = opExp;
UNARY[Op.Log] = opLog;
UNARY[Op.Sqrt] = opSqrt;
UNARY[Op.Abs] = opAbs;
UNARY[Op.Tanh] = opTanh;
UNARY[Op.Sinh] = opSinh;
UNARY[Op.Cosh] = opCosh;
UNARY[Op.Atan] = opAtan;

/** Applies unary op `op` to u (imm[i] its immediate operand); the results are in D. */
function unary(op: Op, u: number, imm: Float64Array, i: number, second: boolean): void {
  D[0] = u; // through the typed array too: a double argument to a call V8 does not inline is boxed
  UNARY[op](imm, i, second);
}

/** The immediate operand of a unary op applied while folding constants. */
const IMM = new Float64Array(1);

function unaryConst(op: Op, u: number, imm: number): number {
  IMM[0] = imm;
  unary(op, u, IMM, 0, false);
  return D[0];
}

export interface Compiled {
  /** f(x, y). No allocation. */
  value(x: number, y: number): number;
  /** Writes ∇f into out[0], out[1]; returns f. No allocation. */
  valueGrad(x: number, y: number, out: Float64Array): number;
  /** Writes [fxx, fxy, fyy] into out[0..2]; returns f. No allocation. */
  hessian(x: number, y: number, out: Float64Array): number;
  /** Number of instructions. */
  length: number;
}

interface Builder {
  ops: number[];
  dst: number[];
  a: number[];
  b: number[];
  imm: number[];
  /** Constant slots: [slot, value]. */
  consts: [number, number][];
  slots: number;
}

/** The value of a constant subexpression (null if it depends on x or y), with the evaluator's own arithmetic. */
export function constValue(e: Expr): number | null {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'const':
      return e.name === 'pi' ? Math.PI : Math.E;
    case 'var':
      return null;
    case 'neg': {
      const a = constValue(e.a);
      return a === null ? null : -a;
    }
    case 'call': {
      const a = constValue(e.a);
      return a === null ? null : unaryConst(FN_OP[e.fn], a, 0);
    }
    case 'bin': {
      const a = constValue(e.a);
      const b = constValue(e.b);
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return powValue(a, b);
      }
    }
  }
}

/** a^b as the tape computes it (for folding constants). */
function powValue(a: number, b: number): number {
  if (Number.isInteger(b) && Math.abs(b) <= MAX_POWI) return powi(a, b);
  return unaryConst(Op.PowC, a, b);
}

function emit(bd: Builder, op: Op, a: number, b: number, imm: number): number {
  const d = bd.slots++;
  bd.ops.push(op);
  bd.dst.push(d);
  bd.a.push(a);
  bd.b.push(b);
  bd.imm.push(imm);
  return d;
}

function constant(bd: Builder, v: number): number {
  const s = bd.slots++;
  bd.consts.push([s, v]);
  return s;
}

function build(bd: Builder, e: Expr): number {
  const c = constValue(e);
  if (c !== null) return constant(bd, c);
  switch (e.k) {
    case 'var':
      return e.name === 'x' ? 0 : 1;
    case 'neg':
      return emit(bd, Op.Neg, build(bd, e.a), -1, 0);
    case 'call':
      return emit(bd, FN_OP[e.fn], build(bd, e.a), -1, 0);
    case 'bin': {
      if (e.op === '^') {
        const ce = constValue(e.b);
        if (ce !== null) {
          const u = build(bd, e.a);
          if (Number.isInteger(ce) && Math.abs(ce) <= MAX_POWI) return emit(bd, Op.PowI, u, -1, ce);
          return emit(bd, Op.PowC, u, -1, ce);
        }
        const cb = constValue(e.a);
        if (cb !== null) return emit(bd, Op.ExpC, build(bd, e.b), -1, log(cb));
        // a^b = exp(b·log a)
        const la = emit(bd, Op.Log, build(bd, e.a), -1, 0);
        const m = emit(bd, Op.Mul, build(bd, e.b), la, 0);
        return emit(bd, Op.Exp, m, -1, 0);
      }
      const a = build(bd, e.a);
      const b = build(bd, e.b);
      const op = e.op === '+' ? Op.Add : e.op === '-' ? Op.Sub : e.op === '*' ? Op.Mul : Op.Div;
      return emit(bd, op, a, b, 0);
    }
    default:
      throw new Error('unreachable');
  }
}

/** Compiles an AST to an allocation-free evaluator of f, ∇f and the Hessian. */
export function compileExpr(e: Expr): Compiled {
  const bd: Builder = { ops: [], dst: [], a: [], b: [], imm: [], consts: [], slots: 2 };
  const out = build(bd, e);
  const n = bd.ops.length;
  const ops = Int32Array.from(bd.ops);
  const dst = Int32Array.from(bd.dst);
  const A = Int32Array.from(bd.a);
  const B = Int32Array.from(bd.b);
  const imm = Float64Array.from(bd.imm);
  const S = bd.slots;
  const V = new Float64Array(S);
  const G = new Float64Array(3 * S);
  const H = new Float64Array(6 * S);
  for (const [s, v] of bd.consts) {
    V[s] = v;
    G[3 * s] = v;
    H[6 * s] = v;
  }

  function value(x: number, y: number): number {
    V[0] = x;
    V[1] = y;
    for (let i = 0; i < n; i++) {
      const op = ops[i];
      const a = V[A[i]];
      let r: number;
      switch (op) {
        case Op.Add:
          r = a + V[B[i]];
          break;
        case Op.Sub:
          r = a - V[B[i]];
          break;
        case Op.Mul:
          r = a * V[B[i]];
          break;
        case Op.Div:
          r = a / V[B[i]];
          break;
        default:
          unary(op, a, imm, i, false);
          r = D[0];
      }
      V[dst[i]] = r;
    }
    return V[out];
  }

  function valueGrad(x: number, y: number, g: Float64Array): number {
    G[0] = x;
    G[1] = 1;
    G[2] = 0;
    G[3] = y;
    G[4] = 0;
    G[5] = 1;
    for (let i = 0; i < n; i++) {
      const op = ops[i];
      const pa = 3 * A[i];
      const pd = 3 * dst[i];
      const a = G[pa];
      const ax = G[pa + 1];
      const ay = G[pa + 2];
      switch (op) {
        case Op.Add: {
          const pb = 3 * B[i];
          G[pd] = a + G[pb];
          G[pd + 1] = ax + G[pb + 1];
          G[pd + 2] = ay + G[pb + 2];
          break;
        }
        case Op.Sub: {
          const pb = 3 * B[i];
          G[pd] = a - G[pb];
          G[pd + 1] = ax - G[pb + 1];
          G[pd + 2] = ay - G[pb + 2];
          break;
        }
        case Op.Mul: {
          const pb = 3 * B[i];
          const b = G[pb];
          G[pd] = a * b;
          G[pd + 1] = ax * b + a * G[pb + 1];
          G[pd + 2] = ay * b + a * G[pb + 2];
          break;
        }
        case Op.Div: {
          const pb = 3 * B[i];
          const b = G[pb];
          const v = a / b;
          G[pd] = v;
          G[pd + 1] = (ax - v * G[pb + 1]) / b;
          G[pd + 2] = (ay - v * G[pb + 2]) / b;
          break;
        }
        default: {
          unary(op, a, imm, i, false);
          const d1 = D[1];
          G[pd] = D[0];
          G[pd + 1] = d1 * ax;
          G[pd + 2] = d1 * ay;
        }
      }
    }
    const po = 3 * out;
    g[0] = G[po + 1];
    g[1] = G[po + 2];
    return G[po];
  }

  function hessian(x: number, y: number, h: Float64Array): number {
    H[0] = x;
    H[1] = 1;
    H[2] = 0;
    H[3] = 0;
    H[4] = 0;
    H[5] = 0;
    H[6] = y;
    H[7] = 0;
    H[8] = 1;
    H[9] = 0;
    H[10] = 0;
    H[11] = 0;
    for (let i = 0; i < n; i++) {
      const op = ops[i];
      const pa = 6 * A[i];
      const pd = 6 * dst[i];
      const a = H[pa];
      const ax = H[pa + 1];
      const ay = H[pa + 2];
      const axx = H[pa + 3];
      const axy = H[pa + 4];
      const ayy = H[pa + 5];
      switch (op) {
        case Op.Add: {
          const pb = 6 * B[i];
          H[pd] = a + H[pb];
          H[pd + 1] = ax + H[pb + 1];
          H[pd + 2] = ay + H[pb + 2];
          H[pd + 3] = axx + H[pb + 3];
          H[pd + 4] = axy + H[pb + 4];
          H[pd + 5] = ayy + H[pb + 5];
          break;
        }
        case Op.Sub: {
          const pb = 6 * B[i];
          H[pd] = a - H[pb];
          H[pd + 1] = ax - H[pb + 1];
          H[pd + 2] = ay - H[pb + 2];
          H[pd + 3] = axx - H[pb + 3];
          H[pd + 4] = axy - H[pb + 4];
          H[pd + 5] = ayy - H[pb + 5];
          break;
        }
        case Op.Mul: {
          const pb = 6 * B[i];
          const b = H[pb];
          const bx = H[pb + 1];
          const by = H[pb + 2];
          H[pd] = a * b;
          H[pd + 1] = ax * b + a * bx;
          H[pd + 2] = ay * b + a * by;
          H[pd + 3] = axx * b + 2 * ax * bx + a * H[pb + 3];
          H[pd + 4] = axy * b + ax * by + ay * bx + a * H[pb + 4];
          H[pd + 5] = ayy * b + 2 * ay * by + a * H[pb + 5];
          break;
        }
        case Op.Div: {
          // v = a/b  ⇒  v·b = a: differentiate and solve for v's derivatives.
          const pb = 6 * B[i];
          const b = H[pb];
          const bx = H[pb + 1];
          const by = H[pb + 2];
          const v = a / b;
          const vx = (ax - v * bx) / b;
          const vy = (ay - v * by) / b;
          H[pd] = v;
          H[pd + 1] = vx;
          H[pd + 2] = vy;
          H[pd + 3] = (axx - 2 * vx * bx - v * H[pb + 3]) / b;
          H[pd + 4] = (axy - vx * by - vy * bx - v * H[pb + 4]) / b;
          H[pd + 5] = (ayy - 2 * vy * by - v * H[pb + 5]) / b;
          break;
        }
        default: {
          unary(op, a, imm, i, true);
          const d1 = D[1];
          const d2 = D[2];
          H[pd] = D[0];
          H[pd + 1] = d1 * ax;
          H[pd + 2] = d1 * ay;
          H[pd + 3] = d2 * ax * ax + d1 * axx;
          H[pd + 4] = d2 * ax * ay + d1 * axy;
          H[pd + 5] = d2 * ay * ay + d1 * ayy;
        }
      }
    }
    const po = 6 * out;
    h[0] = H[po + 3];
    h[1] = H[po + 4];
    h[2] = H[po + 5];
    return H[po];
  }

  return { value, valueGrad, hessian, length: n };
}
