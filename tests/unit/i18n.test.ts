/**
 * Every UI string exists in English and in Simplified Chinese: the same keys, nothing empty, the
 * same placeholders, and no Chinese entry left in English except names and symbols that are the
 * same in both (an explicit list). Also: every name the UI builds a key for at run time has one.
 */
import { describe, expect, it } from 'vitest';
import { faultText, type RunFault } from '../../src/engine/faults';
import { CONCEPTS, FAQ } from '../../src/explain/concepts';
import { OPTIMIZER_LATEX } from '../../src/explain/rules';
import { RULE_WORDS, localizeTex, textsOf, texToPlain } from '../../src/explain/tex';
import { faultWords, getLocale, initLocale, localeFromLanguages, setLocale, t, tMaybe } from '../../src/i18n';
import { optimizerWords } from '../../src/i18n/optimizers';
import { en as enFirst } from '../../src/i18n/en';
import { enMore } from '../../src/i18n/en-more';
import { SAME_IN_BOTH, SAME_IN_BOTH_OPTIMIZERS, zh, zhOptimizers } from '../../src/i18n/zh';
import { optimizerNames, optimizers } from '../../src/optim';
import { getPreset } from '../../src/share/presets';
import { surfaceNames, surfaces } from '../../src/surfaces';


/** Every English interface word: the first chunk's and the lazy chunks' (src/i18n/en-more.ts). */
const en = { ...enFirst, ...enMore };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionaries', () => {
  it('English has both halves, apart (the split itself: i18n-split.test.ts)', () => {
    expect(Object.keys(en).length).toBe(Object.keys(enFirst).length + Object.keys(enMore).length);
  });

  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zh).sort();

  it('have the same keys', () => {
    expect(zhKeys).toEqual(enKeys);
  });

  it.each(enKeys)('%s: non-empty in both languages, with the same placeholders', (key) => {
    const e = (en as Record<string, string>)[key];
    const z = (zh as Record<string, string>)[key];
    expect(e.trim().length).toBeGreaterThan(0);
    expect(z.trim().length).toBeGreaterThan(0);
    expect(placeholders(z)).toEqual(placeholders(e));
    if (SAME_IN_BOTH.has(key as keyof typeof en)) expect(z).toBe(e);
    else expect(z, `zh "${key}" is still English`).not.toBe(e);
  });

  it('the Chinese text has no English words left, except names (Adam, PyTorch, …) and code', () => {
    const allowed =
      /\b(PyTorch|Descent|Nesterov|AdaGrad|RMSProp|Adam|AdamW|Adamax|NAdam|RAdam|Adadelta|Rprop|Lion|BFGS|SAM|ASAM|Shampoo|Wolfe|strong_wolfe|none|lr_max|maxIter|Rosenbrock|Beale|Himmelblau|Rastrigin|Hessian|AMSGrad|DataLoader|GIF|SVG|PNG|CSV|JSON|Ctrl|det|tanh|lr|py|L2|max|min)\b/g;
    for (const [key, value] of Object.entries({ ...zh, ...zhOptimizers })) {
      const rest = value.replace(/\{\w+\}/g, '').replace(allowed, '');
      expect(rest.match(/[A-Za-z]{3,}/g), `zh "${key}": ${value}`).toBeNull();
    }
  });

  it('the optimizers’ words (written once, in each optimizer’s file) all have their Chinese, with the same placeholders', () => {
    const words = optimizerWords();
    expect(Object.keys(zhOptimizers).sort()).toEqual(Object.keys(words).sort());
    for (const [key, e] of Object.entries(words)) {
      const z = zhOptimizers[key];
      expect(z.trim().length, key).toBeGreaterThan(0);
      expect(placeholders(z), key).toEqual(placeholders(e));
      if (SAME_IN_BOTH_OPTIMIZERS.has(key)) expect(z, key).toBe(e);
      else expect(z, `zh "${key}" is still English`).not.toBe(e);
    }
    // …and the interface's dictionary does not repeat them.
    for (const key of Object.keys(words)) expect(Object.hasOwn(en, key), key).toBe(false);
  });

  it('every optimizer, surface, hyperparameter and surface parameter has its names in both languages', () => {
    const keys = new Set([...Object.keys(en), ...Object.keys(optimizerWords())]);
    for (const name of optimizerNames) {
      expect(keys.has(`optimizer.${name}`)).toBe(true);
      for (const spec of optimizers[name].hyper) {
        expect(keys.has(`hyper.${spec.key}`), spec.key).toBe(true);
        expect(keys.has(`hyper.${spec.key}.help`), spec.key).toBe(true);
      }
    }
    for (const name of surfaceNames) {
      expect(keys.has(`surfaceName.${name}`), name).toBe(true);
      for (const p of surfaces[name].params) {
        expect(keys.has(`param.${p.key}`), p.key).toBe(true);
        expect(keys.has(`param.${p.key}.help`), p.key).toBe(true);
      }
    }
  });

  it('the English help texts are the specs’ own (one source)', () => {
    const words = optimizerWords();
    for (const name of optimizerNames)
      for (const spec of optimizers[name].hyper) {
        const key = spec.ownHelp ? `hyper.${name}.${spec.key}.help` : `hyper.${spec.key}.help`;
        expect(words[key], `${name}.${spec.key}`).toBe(spec.help);
        expect(tMaybe(`hyper.${spec.key}`, '?')).toBe(spec.label);
      }
    expect(words['hyper.momentum.help']).toContain('(μ)');
    expect(words['hyper.adamw.weightDecay.help']).toMatch(/^Decoupled/);
  });
});

describe('the rules’ words', () => {
  it('every \\text{…} in every update rule has a translation, and the Chinese rule keeps no English word', () => {
    setLocale('zh');
    try {
      for (const name of optimizerNames) {
        for (const w of textsOf(OPTIMIZER_LATEX[name])) expect(RULE_WORDS[w], `${name}: "${w}"`).toBeDefined();
        const zhRule = localizeTex(OPTIMIZER_LATEX[name], t);
        for (const w of textsOf(zhRule)) expect(w, name).not.toMatch(/[A-Za-z]{2,}/);
      }
    } finally {
      setLocale('en');
    }
  });

  it('the plain rendering reads as math (shown while KaTeX loads)', () => {
    expect(texToPlain(String.raw`\theta_t = \theta_{t-1} - \gamma\, b_t`)).toBe('θₜ = θₜ₋₁ − γ bₜ');
    expect(texToPlain(String.raw`\hat m_t = m_t/(1-\beta_1^t)`)).toBe('m̂ₜ = mₜ/(1−β₁ᵗ)');
    expect(texToPlain(String.raw`\frac{\gamma}{\sqrt{v_t}+\epsilon}`)).toBe('γ/(√(vₜ)+ε)');
  });
});

describe('the guided text', () => {
  it('every concept and question is written in both languages and links to presets that exist', () => {
    expect(CONCEPTS.map((c) => c.id)).toEqual(['gd-lr', 'batches', 'momentum', 'adaptive', 'second-order', 'regularisation']);
    expect(FAQ.map((f) => f.id)).toEqual(['why-matter', 'opt-vs-reg', 'momentum-vs-nesterov']);
    for (const c of CONCEPTS) {
      expect(c.presets.length).toBeGreaterThan(0);
      for (const id of c.presets) expect(getPreset(id), `${c.id} → ${id}`).toBeDefined();
      for (const b of [c.title, ...c.body]) {
        expect(b.en.trim()).not.toBe('');
        expect(b.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    for (const f of FAQ) for (const b of [f.q, ...f.a]) expect(b.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the locale', () => {
  it('defaults to Chinese for any zh* browser language, else English', () => {
    expect(localeFromLanguages(['zh-CN'])).toBe('zh');
    expect(localeFromLanguages(['zh-TW', 'en'])).toBe('zh');
    expect(localeFromLanguages(['zh'])).toBe('zh');
    expect(localeFromLanguages(['fr-FR', 'zh-Hans-CN', 'en-US'])).toBe('zh');
    expect(localeFromLanguages(['en-GB', 'zh-CN'])).toBe('en');
    expect(localeFromLanguages(['de-DE'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });

  it('a language chosen explicitly (a link, the switch) wins over the browser’s', () => {
    initLocale(['zh-CN'], true);
    expect(getLocale()).toBe('zh');
    setLocale('en'); // e.g. the share link said lang=en
    initLocale(['zh-CN']);
    expect(getLocale()).toBe('en');
    setLocale('fr'); // unknown: ignored
    expect(getLocale()).toBe('en');
  });

  it('t and tMaybe read the current language', () => {
    setLocale('zh');
    expect(tMaybe('hyper.lr', 'x')).toBe('学习率');
    expect(tMaybe('optimizer.gd', 'x')).toBe('梯度下降');
    expect(tMaybe('optimizer.unknown', 'fallback')).toBe('fallback');
    setLocale('en');
    expect(tMaybe('hyper.lr', 'x')).toBe('learning rate');
  });

  it('the engine’s faults are worded in the current language, numbers kept (the English is the CLI’s reason)', () => {
    const faults: RunFault[] = [
      { code: 'loss-non-finite', value: NaN, point: [0, 0] },
      { code: 'params-non-finite', point: [Infinity, 2] },
      { code: 'out-of-bounds', bound: 1e6, point: [1.234e6, -3] },
      { code: 'singular-system', det: 0, point: [1, 2] },
    ];
    const reasons = [
      'the loss became non-finite (NaN)',
      'the parameters became non-finite (Infinity, 2)',
      'the parameters left the bounds |x|, |y| ≤ 1e6 at (1.234e+6, -3.000e+0)',
      'singular Newton system: det(H + δI) = 0.00 at (1.000, 2.000)',
    ];
    setLocale('en');
    faults.forEach((f, i) => expect(faultWords(f)).toBe(reasons[i]));
    faults.forEach((f, i) => expect(faultText(f)).toBe(reasons[i]));
    setLocale('zh');
    expect(faultWords(faults[2])).toBe('参数超出范围 |x|, |y| ≤ 1e6，位于 (1.234e+6, -3.000e+0)');
    expect(faultWords(faults[3])).toBe('牛顿方程组奇异：det(H + δI) = 0.00，位于 (1.000, 2.000)');
    for (const f of faults) expect(faultWords(f).replace(/Infinity|NaN/g, '')).not.toMatch(/[a-z]{4,}/);
    setLocale('en');
  });
});
