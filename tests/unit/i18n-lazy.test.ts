/**
 * The Chinese words load on demand (tests/setup.ts preloads them for the other tests), and so do
 * the English words only lazy chunks show (src/i18n/en-more.ts): a fresh copy of the i18n module
 * shows what a page that starts in English sees.
 */
import { describe, expect, it, vi } from 'vitest';

async function freshI18n() {
  vi.resetModules();
  return import('../../src/i18n');
}

describe('the language words, loaded on demand', () => {
  it('switch to Chinese once its words have arrived, English until then', async () => {
    const i18n = await freshI18n();
    const seen: string[] = [];
    i18n.subscribeLocale(() => seen.push(i18n.getLocale()));
    i18n.setLocale('zh');
    expect(i18n.getLocale()).toBe('en');
    expect(i18n.t('app.learn')).toBe('Learn');
    await i18n.localeReady();
    expect(i18n.getLocale()).toBe('zh');
    expect(i18n.t('app.learn')).toBe('学习');
    expect(seen).toEqual(['zh']);
  });

  it('keep the later choice when English is picked again before the words arrive', async () => {
    const i18n = await freshI18n();
    i18n.setLocale('zh');
    i18n.setLocale('en');
    await i18n.loadLocale('zh');
    await i18n.localeReady();
    expect(i18n.getLocale()).toBe('en');
    i18n.setLocale('zh'); // loaded now: at once
    expect(i18n.getLocale()).toBe('zh');
    expect(i18n.t('app.learn')).toBe('学习');
  });

  it('the lazy chunks’ English words arrive with en-more.ts; before, a key asked for is reported, not thrown', async () => {
    const i18n = await freshI18n();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(i18n.t('app.learn')).toBe('Learn'); // the first chunk's
      expect(i18n.t('export.title')).toBe('export.title');
      expect(i18n.takeMissingWords()).toEqual(['export.title']);
      expect(error).toHaveBeenCalledTimes(1);
      await import('../../src/i18n/en-more');
      expect(i18n.t('export.title')).toBe('Export');
      expect(i18n.t('sweep.status.done', { total: 4, steps: 10, ms: 3, workers: 2 })).toBe('4 cells, 10 steps in 3 ms on 2 workers');
      expect(i18n.tMaybe('q.theta', 'theta')).toBe('parameters before the step');
      expect(i18n.takeMissingWords()).toEqual([]);
      // Chinese has both halves in its one file.
      await i18n.loadLocale('zh');
      i18n.setLocale('zh');
      expect(i18n.t('export.title')).toBe('导出');
    } finally {
      error.mockRestore();
    }
  });
});
