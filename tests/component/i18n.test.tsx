// @vitest-environment jsdom
/**
 * The interface in English and Simplified Chinese: the switch re-renders every label, the default
 * follows the browser's language, and the app rendered in Chinese — explanation panel, overlay,
 * Learn dialog, legend with a diverged racer, data panel — shows no English word of the dictionary
 * (only names and symbols that are the same in both languages).
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLocale, initLocale, setLocale } from '../../src/i18n';
import { en as enFirst } from '../../src/i18n/en';
import { enMore } from '../../src/i18n/en-more';
import { SAME_IN_BOTH, zh } from '../../src/i18n/zh';
import { currentTrace, explainRacer, setRacerHyper, setRacerOptimizer, setStep, setSurface } from '../../src/state/store';
import { renderApp, state, teardown } from './harness';

/** Generous: these tests also wait for lazy chunks and engine replies on a loaded machine. */
const LONG = { timeout: 8000 };
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  teardown();
  setLocale('en');
  vi.restoreAllMocks();
});

/** Every English interface word: the first chunk's and the lazy chunks'. */
const en = { ...enFirst, ...enMore };

/** Names that stay as they are inside Chinese text (zh 'Nesterov 动量' contains en 'Nesterov'). */
const NAMES = new Set(['Nesterov', 'Rosenbrock', 'Beale', 'Himmelblau', 'Rastrigin', 'PyTorch']);

/** The English fragments (between placeholders, longer than 3 characters) that must not show in Chinese. */
function englishFragments(): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(en)) {
    if (SAME_IN_BOTH.has(key as keyof typeof en)) continue;
    for (const part of value.split(/\{\w+\}/)) {
      const text = part.trim();
      if (text.length > 3 && !NAMES.has(text)) out.push({ key, text });
    }
  }
  return out;
}

/** Everything a reader sees or hears: text (without KaTeX's hidden LaTeX source) and accessible attributes. */
function visibleText(): string {
  const clone = document.body.cloneNode(true) as HTMLElement;
  for (const a of clone.querySelectorAll('annotation, script, style')) a.remove();
  const attrs: string[] = [];
  for (const el of clone.querySelectorAll('*'))
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-description'])
      if (el.hasAttribute(name)) attrs.push(el.getAttribute(name)!);
  return `${clone.textContent ?? ''}\n${attrs.join('\n')}`;
}

function expectNoEnglish(): void {
  const text = visibleText();
  const found = englishFragments().filter((f) => text.includes(f.text));
  expect(found, 'English UI text in the Chinese interface').toEqual([]);
  // And Chinese is what is shown.
  expect(text).toMatch(/[\u4e00-\u9fff]/);
}

describe('language', () => {
  it('the header switch re-renders the labels, marks the page’s language, and switches back', async () => {
    renderApp();
    const group = screen.getByRole('group', { name: 'Language' });
    const zhBtn = within(group).getByRole('button', { name: '中文' });
    expect(within(group).getByRole('button', { name: 'EN' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(zhBtn);
    expect(getLocale()).toBe('zh');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(zhBtn).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('group', { name: '语言' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '图例' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '学习' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /^选手 1：梯度下降$/ })).toBeInTheDocument();
    expect(screen.getByLabelText('当前步')).toHaveAttribute('type', 'range');
    expect(screen.getByRole('heading', { name: zh['explain.title'] })).toBeInTheDocument();
    fireEvent.click(within(screen.getByRole('group', { name: '语言' })).getByRole('button', { name: 'EN' }));
    expect(getLocale()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('region', { name: 'Racer 1: Gradient descent' })).toBeInTheDocument();
    await waitFor(() => expect(state().results.run).not.toBeNull(), LONG);
  });

  it('defaults to the browser’s language: zh* gives Chinese, others English', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-CN', 'zh', 'en']);
    expect(initLocale(undefined, true)).toBe('zh');
    renderApp();
    expect(screen.getByRole('heading', { name: zh['explain.title'] })).toBeInTheDocument();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    act(() => {
      initLocale(undefined, true);
    });
    expect(getLocale()).toBe('en');
    expect(screen.getByRole('heading', { name: en['explain.title'] })).toBeInTheDocument();
  });

  it('in Chinese, the app shows no English text of the dictionary: panel, overlay, legend, Learn', async () => {
    renderApp();
    act(() => {
      setLocale('zh');
      setRacerHyper(1, 'lr', 1); // GD diverges: the legend and the loss chart say why
      explainRacer(3);
    });
    await waitFor(() => expect(currentTrace(state())).not.toBeNull(), LONG);
    act(() => setStep(5));
    fireEvent.click(await screen.findByText(zh['explain.hyper'], undefined, LONG)); // open the hyperparameter help
    await waitFor(() => expect(document.querySelector('.explain-rule .katex')).not.toBeNull(), LONG);
    expect(screen.getByText(/^第 t = 5 步：从 θ₄ 到 θ₅$/)).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('[data-testid="explain-overlay"] .ov-legend')?.textContent).toContain('一阶矩步'), LONG);
    expect(await screen.findByText(/^在第 \d+ 步发散：/, undefined, LONG)).toBeInTheDocument();
    expectNoEnglish();

    // The Learn dialog: concepts, presets and the FAQ in Chinese.
    fireEvent.click(screen.getByRole('button', { name: '学习' }));
    const dialog = await screen.findByRole('dialog', { name: zh['learn.title'] }, LONG);
    await within(dialog).findByRole('heading', { name: '梯度下降与学习率' }, LONG);
    expect(within(dialog).getByRole('heading', { name: '动量法与 Nesterov 动量有什么不同？' })).toBeInTheDocument();
    const link = within(dialog).getByRole('link', { name: '学习率：太小、合适、太大' });
    expect(link.getAttribute('href')).toMatch(/^\?v=1&s=quadratic&.*&lang=zh$/);
    expectNoEnglish();
  });

  it('in Chinese, every optimizer’s rule, numbers and hyperparameters read in Chinese', async () => {
    renderApp();
    act(() => setLocale('zh'));
    for (const name of ['momentum', 'rmsprop', 'radam', 'rprop', 'newton', 'adamw', 'nadam'] as const) {
      act(() => {
        setRacerOptimizer(1, name);
        if (name === 'rmsprop') setRacerHyper(1, 'centered', true);
        if (name === 'newton') setRacerHyper(1, 'saddleFree', true);
        explainRacer(1);
      });
      await waitFor(() => expect(currentTrace(state())?.optimizer.name).toBe(name), LONG);
      act(() => setStep(3));
      await waitFor(() => expect(document.querySelector('.explain-table')).not.toBeNull(), LONG);
      await waitFor(() => expect(document.querySelector('.explain-rule .katex')).not.toBeNull(), LONG);
      expectNoEnglish();
    }
  });

  it('the data panel and surface names are translated too', async () => {
    renderApp();
    act(() => {
      setLocale('zh');
      setSurface('logreg');
      explainRacer(2);
    });
    await waitFor(() => expect(currentTrace(state())).not.toBeNull(), LONG);
    act(() => setStep(10));
    await waitFor(() => expect(document.querySelector('.explain-table')).not.toBeNull(), LONG);
    expect(await screen.findByRole('region', { name: '数据与模型' }, LONG)).toBeInTheDocument(); // the data view loads lazily
    expect(screen.getByRole('option', { name: '逻辑回归' })).toBeInTheDocument();
    expectNoEnglish();
  });
});
