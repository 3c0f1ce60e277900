/**
 * The update rules' LaTeX, prepared for the panel: split into lines (so each can wrap on a narrow
 * screen), the few words inside `\text{…}` translated, and a plain-Unicode rendering shown while
 * KaTeX loads (and wherever it cannot).
 */
import type { MessageKey } from '../i18n';

/** The rule's lines: `\\` at the top level (not inside an environment or braces). */
export function splitLines(latex: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let env = 0;
  let start = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '\\') {
      if (latex.startsWith('\\begin{', i)) env++;
      else if (latex.startsWith('\\end{', i)) env--;
      else if (latex[i + 1] === '\\' && depth === 0 && env === 0) {
        out.push(latex.slice(start, i).trim());
        start = i + 2;
        i++;
        continue;
      }
      i++; // skip the escaped character (\{, \}, \\ inside an environment, a macro's first letter)
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  out.push(latex.slice(start).trim());
  return out.filter((l) => l.length > 0);
}

/** The words that appear inside `\text{…}` in the optimizers' rules, and their messages. */
export const RULE_WORDS: Record<string, MessageKey> = {
  ' if ': 'rule.if',
  ' where ': 'rule.where',
  '(centered: ': 'rule.centered',
  ', else ': 'rule.else',
  'otherwise: ': 'rule.otherwise',
  'saddle-free: ': 'rule.saddleFree',
  ': the L-BFGS inverse Hessian from the pairs ': 'rule.lbfgsH',
  'or the strong-Wolfe line search from there': 'rule.lineSearch',
  adaptive: 'rule.adaptive',
  otherwise: 'rule.otherwiseShort',
  ' (same batch, same noise)': 'rule.sameBatch',
};

/** Every `\text{…}` content of a LaTeX string. */
export function textsOf(latex: string): string[] {
  return [...latex.matchAll(/\\text\{([^}]*)\}/g)].map((m) => m[1]);
}

/** Replaces the words inside `\text{…}` by their translation (`tr` looks a message up). */
export function localizeTex(latex: string, tr: (key: MessageKey) => string): string {
  return latex.replace(/\\text\{([^}]*)\}/g, (whole, words: string) => {
    const key = RULE_WORDS[words];
    return key ? `\\text{${tr(key)}}` : whole;
  });
}

// ---------------------------------------------------------------------------------------------
// Plain Unicode

const SYMBOLS: Record<string, string> = {
  theta: 'θ',
  beta: 'β',
  gamma: 'γ',
  rho: 'ρ',
  mu: 'μ',
  lambda: 'λ',
  epsilon: 'ε',
  Delta: 'Δ',
  alpha: 'α',
  eta: 'η',
  tau: 'τ',
  psi: 'ψ',
  delta: 'δ',
  Lambda: 'Λ',
  infty: '∞',
  nabla: '∇',
  cdot: '·',
  le: '≤',
  leftarrow: '←',
  prod: '∏',
  max: 'max',
  min: 'min',
  top: 'ᵀ',
  quad: '  ',
  qquad: '    ',
  left: '',
  right: '',
  big: '',
  Big: '',
  bigl: '',
  bigr: '',
  Bigl: '',
  Bigr: '',
  lfloor: '⌊',
  rfloor: '⌋',
  pi: 'π',
  cos: 'cos',
  ne: '≠',
  ge: '≥',
  in: '∈',
};

const SUB: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ',
  l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ', ' ': '',
};
const SUP: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', t: 'ᵗ', i: 'ⁱ', n: 'ⁿ', T: 'ᵀ', ' ': '',
};

function script(s: string, table: Record<string, string>, mark: string): string {
  const chars = [...s];
  if (chars.every((c) => c in table)) return chars.map((c) => table[c]).join('');
  return `${mark}(${s})`;
}

/** Reads one argument: `{…}` (balanced) or a single token, from position i; returns [text, next]. */
function arg(s: string, i: number): [string, number] {
  while (s[i] === ' ') i++;
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return [s.slice(i + 1, j), j + 1];
    }
    return [s.slice(i + 1), s.length];
  }
  if (s[i] === '\\') {
    const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
    if (m) return [m[0], i + m[0].length];
  }
  return [s[i] ?? '', i + 1];
}

/** A readable Unicode rendering of (simple) LaTeX: "θₜ = θₜ₋₁ − γ·gₜ". */
export function texToPlain(tex: string): string {
  let out = '';
  let i = 0;
  const s = tex;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
      const name = m ? m[1] : '';
      i += m ? m[0].length : 1;
      if (name === '\\') out += '; ';
      else if (name === ',' || name === ';' || name === ' ' || name === ':' || name === '!') out += name === '!' ? '' : ' ';
      else if (name === '{' || name === '}') out += name;
      else if (name === '|') out += '‖';
      else if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
        const [a, j] = arg(s, i);
        const [b, k] = arg(s, j);
        i = k;
        const pa = texToPlain(a);
        const pb = texToPlain(b);
        out += `${pa.length > 1 ? `(${pa})` : pa}/${pb.length > 1 ? `(${pb})` : pb}`;
      } else if (name === 'sqrt') {
        const [a, j] = arg(s, i);
        i = j;
        out += `√(${texToPlain(a)})`;
      } else if (name === 'hat' || name === 'bar' || name === 'tilde') {
        const [a, j] = arg(s, i);
        i = j;
        out += texToPlain(a) + (name === 'hat' ? '\u0302' : name === 'bar' ? '\u0304' : '\u0303');
      } else if (name === 'text' || name === 'operatorname' || name === 'mathrm') {
        const [a, j] = arg(s, i);
        i = j;
        out += a;
      } else if (name === 'begin' || name === 'end') {
        const [envName, j] = arg(s, i);
        i = j;
        if (envName === 'cases') out += name === 'begin' ? '{ ' : ' }';
      } else {
        out += SYMBOLS[name] ?? name;
      }
      continue;
    }
    if (c === '_' || c === '^') {
      const [a, j] = arg(s, i + 1);
      i = j;
      const inner = texToPlain(a);
      out += script(inner.replace(/−/g, '-'), c === '_' ? SUB : SUP, c);
      continue;
    }
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    if (c === '&') {
      out += ' ';
      i++;
      continue;
    }
    out += c === '-' ? '−' : c;
    i++;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
