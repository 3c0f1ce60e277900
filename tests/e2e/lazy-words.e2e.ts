/**
 * The words only lazy chunks show (src/i18n/en-more.ts, off the page's first chunk: issue 17), in
 * the built page: the first render does not wait for them, and they arrive with the parts that
 * show them — the Network view, the lab, the explanation panel, the Export dialog — in English and
 * in Chinese, with no raw key on screen and no console error (t() reports a word asked for before
 * it arrived there).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enMore } from '../../src/i18n/en-more';
import { zh } from '../../src/i18n/zh';
import { useBrowser } from './browser';

const h = useBrowser();
type Locale = 'en' | 'zh';
type MoreKey = keyof typeof enMore;
const moreKeys = Object.keys(enMore) as MoreKey[];

/** Text and accessible names on screen. */
const shownText = (page: Page) =>
  page.evaluate(() => {
    const attrs: string[] = [];
    for (const el of document.body.querySelectorAll('*'))
      for (const name of ['aria-label', 'title', 'placeholder', 'aria-valuetext'])
        if (el.hasAttribute(name)) attrs.push(el.getAttribute(name)!);
    return `${document.body.innerText}\n${attrs.join('\n')}`;
  });

/** The longest fixed part of a word (between its placeholders). */
function word(locale: Locale, key: MoreKey): string {
  const text = locale === 'zh' ? zh[key] : enMore[key];
  return text.split(/\{\w+\}/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0];
}

async function expectWords(locale: Locale, keys: MoreKey[]): Promise<void> {
  for (const key of keys) {
    const w = word(locale, key);
    await h.page.waitForFunction((w) => document.body.innerText.includes(w) || [...document.querySelectorAll('[aria-label]')].some((e) => e.getAttribute('aria-label')!.includes(w)), w, { timeout: 20_000 }).catch(() => undefined);
    expect(await shownText(h.page), key).toContain(w);
  }
  const text = await shownText(h.page);
  expect(moreKeys.filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text))).toEqual([]);
}

describe('the lazy parts’ words in the built page', () => {
  it('are not needed for the first render: the page renders while they are held back, and the lazy parts show them once they arrive', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked = 0;
    await h.page.route(/\/assets\/en-more-[^/]+\.js$/, async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await h.page.goto(h.url());
    await h.page.getByRole('region', { name: 'Legend' }).waitFor();
    await h.page.getByRole('heading', { name: 'Racers' }).waitFor();
    // The loss chart (a lazy chunk on the first screen) waits for its words, asked for by now.
    await h.page.waitForFunction(() => document.readyState === 'complete');
    expect(asked).toBeGreaterThan(0);
    expect(await shownText(h.page)).not.toContain(enMore['loss.scale']);
    release();
    await expectWords('en', ['loss.scale', 'loss.scale.log']);
    await h.page.getByRole('button', { name: 'Export', exact: true }).click();
    await h.page.getByRole('dialog', { name: 'Export' }).waitFor();
    await expectWords('en', ['export.pytorch', 'export.gif']);
    expect(h.errors).toEqual([]);
  });

  for (const locale of ['en', 'zh'] as const) {
    const lang = locale === 'zh' ? '&lang=zh' : '';

    it(`the Network view and its Export dialog (${locale})`, async () => {
      await h.page.goto(h.url(`view=network&n=40${lang}`));
      await expectWords(locale, ['net.intro', 'net.activation', 'net.dataset', 'net.layers', 'net.curves', 'net.landscape']);
      await h.page.getByRole('button', { name: locale === 'zh' ? zh['export.open'] : 'Export', exact: true }).click();
      await expectWords(locale, ['export.title', 'net.export.png', 'net.export.curves']);
      expect(h.errors).toEqual([]);
    });

    it(`the lab, the explanation panel and the Export dialog of the 2-D page (${locale})`, async () => {
      await h.page.goto(h.url(`v=1&s=himmelblau&o=gd,lr=0.001;adam,lr=0.05&n=60&t=5${lang}`));
      await h.page.locator('.legend').waitFor();
      // The lab
      await h.page.getByRole('button', { name: locale === 'zh' ? zh['sweep.open'] : 'Open the sweep' }).click();
      await expectWords(locale, ['sweep.intro', 'sweep.run', 'studies.title', 'studies.curves', 'studies.tune']);
      // The explanation panel, at step 5 of gradient descent
      await h.page.locator('.legend button').first().click();
      await expectWords(locale, ['explain.numbers', 'explain.quantity', 'q.theta', 'q.grad', 'q.step', 'stability.title']);
      // An export dialog
      await h.page.getByRole('button', { name: locale === 'zh' ? zh['export.open'] : 'Export', exact: true }).click();
      await expectWords(locale, ['export.title', 'export.pytorch', 'export.png', 'export.gif', 'export.csv']);
      expect(h.errors).toEqual([]);
    });
  }
});
