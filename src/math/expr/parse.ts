/**
 * The parser of the `custom` surface's expressions (CONTRACT.md §8): exactly this grammar, with
 * Python's precedence, by hand-written recursive descent. Nothing is evaluated while parsing and
 * no name is ever looked up on an object: the names are compared against fixed lists.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := '-' unary | power
 *   power   := primary ('^' unary)?          right-associative; `-x^2` is −(x²), `2^-x^2` is 2^(−(x²))
 *   primary := number | 'x' | 'y' | 'pi' | 'e' | func '(' expr ')' | '(' expr ')'
 *   func    := sin cos tan exp log sqrt abs tanh sinh cosh atan
 *   number  := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]  |  '.' digits [exponent]
 *
 * Whitespace (space, tab, newline) separates tokens. Every error is an ExprError carrying the
 * 1-based position (UTF-16 index + 1, as a text box counts) of the first bad character, a code
 * and the values of its message (worded in English here, in the page's language by src/i18n).
 * A number that overflows to ±∞ (`1e999`) is a bad token; input longer than MAX_EXPR_LENGTH
 * characters or nested deeper than MAX_EXPR_DEPTH parentheses is refused.
 */
import type { Expr, FnName } from './ast';
import { FUNCTIONS } from './ast';

export const MAX_EXPR_LENGTH = 2000;
export const MAX_EXPR_DEPTH = 64;

/**
 * The parser's messages, in English: one per error code, with `{placeholders}` for the values the
 * error carries. The page words them in its language (src/i18n: the same keys in en and zh, en
 * spreads these in); the CLI and `ExprError.problem` use these.
 */
export const EXPR_MESSAGES = {
  'expr.numberTooLarge': 'the number {text} is too large (at most about 1.8e308)',
  'expr.dotAfterNumber': "unexpected '.' after the number {text}",
  'expr.doubleStar': "'**' is not part of the grammar; write powers with ^, as in x^2",
  'expr.propertyAccess': "unexpected '.': there is no property access, only numbers like 0.5",
  'expr.comma': "unexpected ',': every function takes one argument",
  'expr.badChar': 'unexpected character {char}',
  'expr.empty': 'the expression is empty',
  'expr.unbalancedClose': "unbalanced ')': no '(' to close",
  'expr.expectedOperator': 'expected an operator (+ - * / ^) before {found}',
  'expr.unaryPlus': "unexpected '+': a unary plus is not part of the grammar",
  'expr.tooDeep': 'parentheses nested deeper than {depth} levels',
  'expr.unbalancedOpen': "unbalanced '(': no ')' closes it",
  'expr.expectedClose': "expected ')' or an operator before {found}",
  'expr.emptyParens': 'empty parentheses',
  'expr.unknownName': "unknown name '{name}'; expected x, y, pi, e or one of the functions {functions}",
  'expr.needsParens': 'the function {name} needs its argument in parentheses, as in {name}(x)',
  'expr.needsArgument': '{name}() needs an argument',
  'expr.notAFunction': '{name} is not a function; write {name}*(…) to multiply',
  'expr.unexpectedClose': "unexpected ')'",
  'expr.endsEarly': "the expression ends where a number, x, y or '(' was expected",
  'expr.expectedOperand': "expected a number, x, y, a function or '(' but found {found}",
  'expr.notText': 'the expression must be text',
  'expr.tooLong': 'the expression is {length} characters long; at most {max}',
  'expr.internal': '{message}',
  /** The token a message names as {found}. */
  'expr.found.number': 'the number {text}',
  'expr.found.symbol': "'{text}'",
  'expr.found.end': 'the end of the expression',
} as const;

export type ExprMessageKey = keyof typeof EXPR_MESSAGES;
/** The error kinds (the found.* keys are parts of messages, not errors). */
export type ExprErrorCode = Exclude<ExprMessageKey, `expr.found.${string}`> extends `expr.${infer C}` ? C : never;

/** What a message names as {found}: a token, worded in the message's language. */
export interface FoundToken {
  kind: 'number' | 'symbol' | 'end';
  text: string;
}

export type ExprValues = Readonly<Record<string, string | number | FoundToken>>;

function fill(s: string, vars: Readonly<Record<string, string | number>>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/**
 * An error's problem worded by `word` (a key of EXPR_MESSAGES and plain values → text): the
 * page passes its `t`, the CLI the English of EXPR_MESSAGES (the default).
 */
export function wordExprProblem(
  code: ExprErrorCode,
  values: ExprValues,
  word: (key: ExprMessageKey, vars: Record<string, string | number>) => string = (k, v) => fill(EXPR_MESSAGES[k], v),
): string {
  const plain: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) plain[k] = typeof v === 'object' ? word(`expr.found.${v.kind}`, { text: v.text }) : v;
  return word(`expr.${code}`, plain);
}

export class ExprError extends Error {
  /** What is wrong there, in English (without the position); the page words `code` and `values` instead. */
  readonly problem: string;

  constructor(
    /** 1-based position of the first bad character. */
    readonly position: number,
    /** The kind of error: its message is EXPR_MESSAGES[`expr.${code}`]. */
    readonly code: ExprErrorCode,
    /** The values of the message's placeholders. */
    readonly values: ExprValues = {},
  ) {
    const problem = wordExprProblem(code, values);
    super(`position ${position}: ${problem}`);
    this.problem = problem;
    this.name = 'ExprError';
  }
}

type TokKind = 'num' | 'name' | 'op' | 'lp' | 'rp' | 'end';

interface Token {
  kind: TokKind;
  /** 0-based index of the first character. */
  at: number;
  /** The token's text (for 'op': the operator). */
  text: string;
  /** For 'num': the value. */
  value: number;
}

const VARIABLES = ['x', 'y'] as const;
const CONSTANTS = ['pi', 'e'] as const;

/** One character, printable in a message: `'a'`, or its code point when it is not plain ASCII. */
function showChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  if (cp >= 0x21 && cp <= 0x7e) return `'${String.fromCharCode(cp)}'`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/**
 * The token that starts at or after index `from` (and the index after it, in `end`). Tokens are
 * read one at a time, as the parser asks for them, so that the first bad character is the one
 * reported: in `__proto__.x` the unknown name at 1, not the '.' at 10.
 */
function readToken(src: string, from: number, end: { at: number }): Token {
  let i = from;
  const n = src.length;
  const done = (t: Token): Token => {
    end.at = i;
    return t;
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const at = i;
    if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(src.charCodeAt(i + 1)))) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (i < n && src.charCodeAt(i) === 46) {
        i++;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
      }
      // An exponent only when digits follow: `2e` is 2 then the name e (an error later, not here).
      if (i < n && (src.charCodeAt(i) === 101 || src.charCodeAt(i) === 69)) {
        let j = i + 1;
        if (j < n && (src.charCodeAt(j) === 43 || src.charCodeAt(j) === 45)) j++;
        if (j < n && isDigit(src.charCodeAt(j))) {
          while (j < n && isDigit(src.charCodeAt(j))) j++;
          i = j;
        }
      }
      const text = src.slice(at, i);
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ExprError(at + 1, 'numberTooLarge', { text });
      if (i < n && src.charCodeAt(i) === 46) throw new ExprError(i + 1, 'dotAfterNumber', { text });
      return done({ kind: 'num', at, text, value });
    }
    if (isNameStart(c)) {
      while (i < n && isNameChar(src.charCodeAt(i))) i++;
      return done({ kind: 'name', at, text: src.slice(at, i), value: 0 });
    }
    switch (c) {
      case 43: // +
      case 45: // -
      case 47: // /
      case 94: // ^
        i++;
        return done({ kind: 'op', at, text: src[at], value: 0 });
      case 42: // *
        if (i + 1 < n && src.charCodeAt(i + 1) === 42) throw new ExprError(at + 1, 'doubleStar');
        i++;
        return done({ kind: 'op', at, text: '*', value: 0 });
      case 40:
        i++;
        return done({ kind: 'lp', at, text: '(', value: 0 });
      case 41:
        i++;
        return done({ kind: 'rp', at, text: ')', value: 0 });
      case 46:
        throw new ExprError(at + 1, 'propertyAccess');
      case 44:
        throw new ExprError(at + 1, 'comma');
      default:
        throw new ExprError(at + 1, 'badChar', { char: showChar(src, i) });
    }
  }
  return done({ kind: 'end', at: n, text: '', value: 0 });
}

/** A token as a message names it. */
function found(t: Token): FoundToken {
  return t.kind === 'end' ? { kind: 'end', text: '' } : { kind: t.kind === 'num' ? 'number' : 'symbol', text: t.text };
}

function isFn(name: string): name is FnName {
  return (FUNCTIONS as readonly string[]).includes(name);
}

class Parser {
  private depth = 0;
  /** The lookahead token, read on demand; `after` is where the one after it starts. */
  private cur: Token | null = null;
  private readonly after = { at: 0 };

  constructor(private readonly src: string) {}

  private peek(): Token {
    this.cur ??= readToken(this.src, this.after.at, this.after);
    return this.cur;
  }

  /** Consumes the lookahead token. */
  private next(): void {
    this.peek();
    this.cur = null;
  }

  private fail(t: Token, code: ExprErrorCode, values?: ExprValues): never {
    throw new ExprError(t.at + 1, code, values);
  }

  parseAll(): Expr {
    if (this.peek().kind === 'end') this.fail(this.peek(), 'empty');
    const e = this.expr();
    const t = this.peek();
    if (t.kind !== 'end') {
      if (t.kind === 'rp') this.fail(t, 'unbalancedClose');
      this.fail(t, 'expectedOperator', { found: found(t) });
    }
    return e;
  }

  private expr(): Expr {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      this.next();
      const right = this.term();
      left = { k: 'bin', op: t.text, a: left, b: right, at: t.at };
    }
  }

  private term(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      this.next();
      const right = this.unary();
      left = { k: 'bin', op: t.text, a: left, b: right, at: t.at };
    }
  }

  private unary(): Expr {
    // Iterative over a run of minus signs, so that `------x` does not recurse.
    const signs: Token[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && t.text === '-') {
        signs.push(t);
        this.next();
        continue;
      }
      if (t.kind === 'op' && t.text === '+') this.fail(t, 'unaryPlus');
      break;
    }
    let e = this.power();
    for (let k = signs.length - 1; k >= 0; k--) e = { k: 'neg', a: e, at: signs[k].at };
    return e;
  }

  private power(): Expr {
    const base = this.primary();
    const t = this.peek();
    if (t.kind === 'op' && t.text === '^') {
      this.next();
      const exponent = this.unary(); // right-associative: a^b^c = a^(b^c), and a^-b is allowed
      return { k: 'bin', op: '^', a: base, b: exponent, at: t.at };
    }
    return base;
  }

  private open(t: Token): void {
    this.depth++;
    if (this.depth > MAX_EXPR_DEPTH) this.fail(t, 'tooDeep', { depth: MAX_EXPR_DEPTH });
  }

  private close(open: Token): void {
    const t = this.peek();
    if (t.kind !== 'rp') {
      if (t.kind === 'end') this.fail(open, 'unbalancedOpen');
      this.fail(t, 'expectedClose', { found: found(t) });
    }
    this.next();
    this.depth--;
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.next();
        return { k: 'num', v: t.value, text: t.text, at: t.at };
      case 'lp': {
        this.next();
        this.open(t);
        if (this.peek().kind === 'rp') this.fail(this.peek(), 'emptyParens');
        const e = this.expr();
        this.close(t);
        return e;
      }
      case 'name': {
        this.next();
        const name = t.text;
        const known = isFn(name) || name === VARIABLES[0] || name === VARIABLES[1] || name === CONSTANTS[0] || name === CONSTANTS[1];
        if (!known) this.fail(t, 'unknownName', { name: name.length > 24 ? name.slice(0, 24) + '…' : name, functions: FUNCTIONS.join(', ') });
        const next = this.peek();
        if (isFn(name)) {
          if (next.kind !== 'lp') this.fail(next.kind === 'end' ? t : next, 'needsParens', { name });
          this.next();
          this.open(next);
          if (this.peek().kind === 'rp') this.fail(this.peek(), 'needsArgument', { name });
          const arg = this.expr();
          this.close(next);
          return { k: 'call', fn: name, a: arg, at: t.at };
        }
        const leaf: Expr =
          name === VARIABLES[0] || name === VARIABLES[1] ? { k: 'var', name, at: t.at } : { k: 'const', name: name as 'pi' | 'e', at: t.at };
        if (next.kind === 'lp') this.fail(next, 'notAFunction', { name });
        return leaf;
      }
      case 'rp':
        this.fail(t, 'unexpectedClose');
      // falls through (fail never returns)
      case 'end':
        this.fail(t, 'endsEarly');
      // falls through
      default:
        this.fail(t, 'expectedOperand', { found: found(t) });
    }
  }
}

/** Parses `src` (CONTRACT.md §8's grammar) into an AST; throws ExprError with a position. */
export function parseExpr(src: string): Expr {
  if (typeof src !== 'string') throw new ExprError(1, 'notText');
  if (src.length > MAX_EXPR_LENGTH) {
    throw new ExprError(MAX_EXPR_LENGTH + 1, 'tooLong', { length: src.length, max: MAX_EXPR_LENGTH });
  }
  return new Parser(src).parseAll();
}

/** The error of `src`, or null when it parses. Never throws. */
export function checkExpr(src: string): ExprError | null {
  try {
    parseExpr(src);
    return null;
  } catch (e) {
    if (e instanceof ExprError) return e;
    return new ExprError(1, 'internal', { message: e instanceof Error ? e.message : String(e) });
  }
}
