/**
 * An expression as PyTorch code: `x` and `y` are float64 tensors, the functions are torch's
 * (`torch.sin`, `torch.exp`, …), powers are `**`. Constant subexpressions are written as the
 * values the engine folds them to (so torch computes on the very same doubles, and Python's
 * integer arithmetic never enters), variable ones keep the AST's order of operations exactly, so
 * torch's autograd differentiates the same function the engine does.
 */
import type { Expr } from './ast';
import { constValue } from './compile';

const TORCH_FN: Record<string, string> = {
  sin: 'torch.sin',
  cos: 'torch.cos',
  tan: 'torch.tan',
  exp: 'torch.exp',
  log: 'torch.log',
  sqrt: 'torch.sqrt',
  abs: 'torch.abs',
  tanh: 'torch.tanh',
  sinh: 'torch.sinh',
  cosh: 'torch.cosh',
  atan: 'torch.atan',
};

// Python's precedence levels, loosest first.
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

/** A Python float literal that reads back as exactly `v`, and its precedence. */
function literal(v: number, integerOk: boolean): [string, number] {
  if (Number.isNaN(v)) return ["float('nan')", ATOM];
  if (v === Infinity) return ["float('inf')", ATOM];
  if (v === -Infinity) return ["-float('inf')", UNARY];
  if (Object.is(v, -0)) return ['-0.0', UNARY];
  let s = String(v);
  if (!/[.e]/.test(s) && !(integerOk && Math.abs(v) < 2 ** 53)) s += '.0';
  return [s, v < 0 ? UNARY : ATOM];
}

function wrap([s, level]: [string, number], min: number): string {
  return level >= min ? s : `(${s})`;
}

function print(e: Expr, integerOk = false): [string, number] {
  const c = constValue(e);
  if (c !== null) return literal(c, integerOk);
  switch (e.k) {
    case 'var':
      return [e.name, ATOM];
    case 'neg':
      return [`-${wrap(print(e.a), UNARY)}`, UNARY];
    case 'call':
      return [`${TORCH_FN[e.fn]}(${print(e.a)[0]})`, ATOM];
    case 'bin': {
      switch (e.op) {
        case '+':
        case '-':
          return [`${wrap(print(e.a), SUM)} ${e.op} ${wrap(print(e.b), PRODUCT)}`, SUM];
        case '*':
        case '/':
          return [`${wrap(print(e.a), PRODUCT)} ${e.op} ${wrap(print(e.b), UNARY)}`, PRODUCT];
        case '^':
          return [`${wrap(print(e.a), ATOM)} ** ${wrap(print(e.b, true), UNARY)}`, POWER];
      }
    }
    // falls through: unreachable (constants were folded above)
    default:
      throw new Error('unreachable');
  }
}

/**
 * A Python expression of `x` and `y` (tensors) for `e`. A constant expression is written as
 * `x * 0.0 + c`, so that it is still a tensor with a (zero) gradient.
 */
export function toTorch(e: Expr): string {
  const c = constValue(e);
  if (c !== null) return `x * 0.0 + ${wrap(literal(c, false), PRODUCT)}`;
  return print(e)[0];
}
