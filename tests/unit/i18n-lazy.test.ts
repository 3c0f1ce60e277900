/**
 * The Chinese words load on demand (tests/setup.ts preloads them for the other tests): a fresh
 * copy of the i18n module shows what a page that starts in English sees.
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
});
