// @vitest-environment jsdom
/**
 * The words only lazy chunks show live in src/i18n/en-more.ts, off the page's first chunk (issue
 * 17), and arrive with the chunks that show them. Each lazy part of the 2-D page, opened from a
 * cold start (a fresh module graph: neither those words nor the part's chunk loaded yet), shows
 * its words in English and in Chinese, and no raw key. (The Network view runs a real worker: its
 * words are checked in the browser, tests/e2e/network-ui.e2e.ts.)
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enMore } from '../../src/i18n/en-more';
import { zh } from '../../src/i18n/zh';

vi.setConfig({ testTimeout: 30_000 });
const LONG = { timeout: 8000 };

type Locale = 'en' | 'zh';
type MoreKey = keyof typeof enMore;

/**
 * A page from nothing: fresh modules (the i18n one too), the app rendered in `locale`. The loss
 * chart, on the first screen, would bring en-more.ts at once: the other parts' tests hide it
 * (`hide=loss`), so each part has to bring the words itself.
 */
async function coldApp(locale: Locale, { lossChart = false } = {}) {
  vi.resetModules();
  const i18n = await import('../../src/i18n');
  if (locale === 'zh') {
    await i18n.loadLocale('zh');
    i18n.setLocale('zh');
  } else i18n.setLocale('en');
  const store = await import('../../src/state/store');
  const harness = await import('./harness');
  const { App } = await import('../../src/App');
  const { createInProcessClient } = await import('../../src/worker/inProcess');
  store.resetStore();
  store.setEngine(createInProcessClient());
  if (!lossChart) store.setView(false, ['loss']);
  render(<App />);
  const firstId = store.appStore.getState().racers[0].id;
  return { i18n, store, harness, firstId };
}

let page: Awaited<ReturnType<typeof coldApp>> | null = null;
afterEach(() => {
  if (!page) return;
  page.harness.teardown();
  const missing = page.i18n.takeMissingWords();
  page = null;
  expect(missing, 'raw keys shown').toEqual([]);
});

/** Everything a reader sees or hears: text and accessible attributes. */
function visibleText(): string {
  const attrs: string[] = [];
  for (const el of document.body.querySelectorAll('*'))
    for (const name of ['aria-label', 'title', 'placeholder', 'aria-valuetext'])
      if (el.hasAttribute(name)) attrs.push(el.getAttribute(name)!);
  return `${document.body.textContent ?? ''}\n${attrs.join('\n')}`;
}

/** The fixed text of a word (its first part between placeholders). */
function word(locale: Locale, key: MoreKey): string {
  const text = locale === 'zh' ? zh[key] : enMore[key];
  return text.split(/\{\w+\}/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0];
}

/** Waits until each word shows, then checks no key of en-more.ts shows raw. */
async function expectWords(locale: Locale, keys: MoreKey[]): Promise<void> {
  for (const key of keys) await waitFor(() => expect(visibleText(), key).toContain(word(locale, key)), LONG);
  const text = visibleText();
  expect(Object.keys(enMore).filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text))).toEqual([]);
}

/** Clicks the button named by a word of the first chunk (in the page's language). */
function click(name: string): void {
  fireEvent.click(screen.getAllByRole('button', { name })[0]);
}

describe.each(['en', 'zh'] as const)('the lazy parts’ words, from a cold start (%s)', (locale) => {
  it('the loss chart', async () => {
    page = await coldApp(locale, { lossChart: true });
    await expectWords(locale, ['loss.scale', 'loss.scale.log']);
  });

  it('the data panel and the data import box', async () => {
    page = await coldApp(locale);
    act(() => page!.store.setSurface('linreg'));
    await expectWords(locale, ['data.linreg', 'userdata.title']);
    fireEvent.click(screen.getByText(word(locale, 'userdata.title')));
    await expectWords(locale, ['userdata.paste', 'userdata.use']);
  });

  it('the formula box', async () => {
    page = await coldApp(locale);
    act(() => page!.store.setSurface('custom'));
    await expectWords(locale, ['formula.examples', 'formula.domain', 'formula.domain.suggest']);
  });

  it('the explanation panel: its rule, numbers and the stability chart', async () => {
    page = await coldApp(locale);
    const { store, firstId } = page;
    act(() => {
      store.setSurface('himmelblau');
      store.explainRacer(firstId);
    });
    await waitFor(() => expect(store.currentTrace(store.appStore.getState())).not.toBeNull(), LONG);
    act(() => store.setStep(0));
    await expectWords(locale, ['explain.numbers', 'explain.before', 'explain.hyper', 'stability.title']);
    act(() => store.setStep(3));
    await expectWords(locale, ['explain.quantity', 'q.theta', 'q.grad', 'q.step']);
  });

  it('Learn', async () => {
    page = await coldApp(locale);
    click(page.i18n.t('app.learn'));
    await expectWords(locale, ['learn.intro', 'learn.concepts', 'learn.faq']);
  });

  it('the export dialog', async () => {
    page = await coldApp(locale);
    click(page.i18n.t('export.open'));
    await expectWords(locale, ['export.title', 'export.pytorch', 'export.png', 'export.gif', 'export.csv']);
  });

  it('the share dialog and the scene file', async () => {
    page = await coldApp(locale);
    click(page.i18n.t('share.open'));
    await expectWords(locale, ['share.title', 'share.copy', 'share.embed', 'scene.save', 'scene.open']);
  });

  it('the presets', async () => {
    page = await coldApp(locale);
    click(page.i18n.t('presets.open'));
    await expectWords(locale, ['presets.intro']);
  });

  it('the lab: the sweep and the studies of every racer', async () => {
    page = await coldApp(locale);
    click(page.i18n.t('sweep.open'));
    await expectWords(locale, ['sweep.intro', 'sweep.run', 'sweep.resolution', 'studies.title', 'studies.curves', 'studies.tune']);
  });

  it('the presentation', async () => {
    page = await coldApp(locale);
    click(page.i18n.t('present.enter'));
    await expectWords(locale, ['present.exit', 'present.hint']);
  });
});
