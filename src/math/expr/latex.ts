/** An expression as LaTeX (KaTeX-compatible), for the formula shown beside the box and in the legend. */
import type { Expr } from './ast';

const FN_TEX: Record<string, string> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  exp: '\\exp',
  log: '\\log',
  tanh: '\\tanh',
  sinh: '\\sinh',
  cosh: '\\cosh',
  atan: '\\arctan',
};

const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

function number(text: string): string {
  const m = /^([^eE]*)[eE]([+-]?)0*(\d+)$/.exec(text);
  if (!m) return text;
  return `${m[1]}\\times 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
}

function paren(s: string): string {
  return `\\left(${s}\\right)`;
}

function wrap([s, level]: [string, number], min: number): string {
  return level >= min ? s : paren(s);
}

function tex(e: Expr): [string, number] {
  switch (e.k) {
    case 'num':
      return [number(e.text), /[eE]/.test(e.text) ? PRODUCT : ATOM];
    case 'var':
      return [e.name, ATOM];
    case 'const':
      return [e.name === 'pi' ? '\\pi' : 'e', ATOM];
    case 'neg':
      return [`-${wrap(tex(e.a), UNARY)}`, UNARY];
    case 'call': {
      const arg = tex(e.a)[0];
      if (e.fn === 'sqrt') return [`\\sqrt{${arg}}`, ATOM];
      if (e.fn === 'abs') return [`\\left|${arg}\\right|`, ATOM];
      return [`${FN_TEX[e.fn]}${paren(arg)}`, ATOM];
    }
    case 'bin':
      switch (e.op) {
        case '+':
          return [`${wrap(tex(e.a), SUM)} + ${wrap(tex(e.b), PRODUCT)}`, SUM];
        case '-':
          return [`${wrap(tex(e.a), SUM)} - ${wrap(tex(e.b), PRODUCT)}`, SUM];
        case '*': {
          const a = wrap(tex(e.a), PRODUCT);
          const b = wrap(tex(e.b), UNARY);
          // 3x, 2\sin(x), x\,y read naturally; a number on the right keeps the dot (x \cdot 3).
          const sep = e.b.k === 'num' || (e.b.k === 'neg') ? ' \\cdot ' : e.a.k === 'num' ? '' : '\\,';
          return [`${a}${sep}${b}`, PRODUCT];
        }
        case '/':
          return [`\\frac{${tex(e.a)[0]}}{${tex(e.b)[0]}}`, ATOM];
        case '^':
          return [`{${wrap(tex(e.a), ATOM)}}^{${tex(e.b)[0]}}`, POWER];
      }
  }
}

/** `f(x,y)=…` in LaTeX. */
export function toLatex(e: Expr): string {
  return `f(x,y)=${tex(e)[0]}`;
}
