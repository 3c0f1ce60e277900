/**
 * The formula parser's errors are codes with values (issue 16): worded in English for the CLI and
 * in the page's language by src/i18n. Every error kind is produced here by a real input and worded
 * in both languages: the English is the parser's own `problem`, the Chinese is Chinese and carries
 * the same values (the position, the name, the number…).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EXPR_MESSAGES, ExprError, checkExpr, wordExprProblem, type ExprErrorCode } from '../../src/math/expr';
import { setLocale, t } from '../../src/i18n';
import '../../src/i18n/en-more'; // formula.error: the formula box's words, which arrive with it

afterEach(() => setLocale('en'));

/** One input per error kind, with what its message must show in any language. */
const CASES: [ExprErrorCode, string, RegExp][] = [
  ['numberTooLarge', '1e999*x', /1e999/],
  ['dotAfterNumber', '1.2.3', /1\.2/],
  ['doubleStar', 'x**2', /\*\*/],
  ['propertyAccess', 'x.y', /0\.5/],
  ['comma', 'atan(x, y)', /,/],
  ['badChar', 'x + é', /U\+00E9/],
  ['empty', '   ', /./],
  ['unbalancedClose', 'x + 1)', /\)/],
  ['expectedOperator', '2x', /'x'|“x”/],
  ['unaryPlus', '+x', /\+/],
  ['tooDeep', '('.repeat(65) + 'x' + ')'.repeat(65), /64/],
  ['unbalancedOpen', '(x + 1', /\(/],
  ['expectedClose', 'sin(x y)', /'y'|“y”/],
  ['emptyParens', '()', /./],
  ['unknownName', 'x^2 + constructor', /constructor.*sin, cos/],
  ['needsParens', 'sin x', /sin\(x\)/],
  ['needsArgument', 'sin()', /sin\(\)/],
  ['notAFunction', 'x(2)', /x\*\(…\)/],
  ['unexpectedClose', 'x * )', /\)/],
  ['endsEarly', 'x +', /x、y|x, y/],
  ['expectedOperand', 'x * / y', /'\/'|“\/”/],
  ['notText', 42 as unknown as string, /./],
  ['tooLong', 'x+'.repeat(1001), /2002.*2000/],
];

const errorOf = (src: string): ExprError => {
  const e = checkExpr(src);
  if (!e) throw new Error(`${JSON.stringify(src)} parsed`);
  return e;
};

describe('the formula parser’s errors: codes and values, worded in English and Chinese', () => {
  it('every error kind has a case here (besides the internal fallback)', () => {
    const codes = Object.keys(EXPR_MESSAGES)
      .filter((k) => !k.startsWith('expr.found.'))
      .map((k) => k.slice('expr.'.length))
      .filter((c) => c !== 'internal')
      .sort();
    expect(CASES.map((c) => c[0]).sort()).toEqual(codes);
  });

  it.each(CASES)('%s: its code, the English of the CLI, the page in English and in Chinese', (code, src, shows) => {
    const e = errorOf(src);
    expect(e.code).toBe(code);
    // The CLI's English: the parser's own problem, the message the CLI prints.
    expect(e.message).toBe(`position ${e.position}: ${e.problem}`);
    expect(e.problem).toMatch(shows);
    // The page in English says exactly what the CLI says.
    setLocale('en');
    const english = wordExprProblem(e.code, e.values, t);
    expect(english).toBe(e.problem);
    expect(t('formula.error', { position: e.position, problem: english })).toBe(`Position ${e.position}: ${e.problem}`);
    // The page in Chinese: other words, the same values, no English sentence left.
    setLocale('zh');
    const chinese = wordExprProblem(e.code, e.values, t);
    expect(chinese).not.toBe(english);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese).toMatch(shows);
    const words = chinese.replace(/constructor|sin|cos|tan|exp|log|sqrt|abs|tanh|sinh|cosh|atan|pi/g, '').match(/[A-Za-z]{3,}/g);
    expect(words, chinese).toBeNull();
    expect(t('formula.error', { position: e.position, problem: chinese })).toBe(`第 ${e.position} 个字符：${chinese}`);
  });

  it('a value typed by the user is only ever text in the message (no placeholder is re-read from it)', () => {
    const e = errorOf('x + {name}');
    expect(e.code).toBe('badChar');
    const named = errorOf('x + _{text}_');
    setLocale('zh');
    expect(wordExprProblem(named.code, named.values, t)).not.toMatch(/undefined/);
    // A name that looks like a placeholder stays as typed.
    const p = errorOf('x + name_text');
    expect(wordExprProblem(p.code, p.values, t)).toContain('name_text');
  });
});
