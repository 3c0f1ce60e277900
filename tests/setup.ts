import '@testing-library/jest-dom/vitest';
import { afterEach, expect } from 'vitest';

// The Chinese words load on demand in the page (src/i18n/index.ts); the tests switch languages
// synchronously, so they load them first, through the same loader the page uses.
import { loadLocale, takeMissingWords } from '../src/i18n';
await loadLocale('zh');

// The English words of the lazy parts (src/i18n/en-more.ts) arrive with the modules that show them
// and are not preloaded here: a test that rendered a word before its module brought it (a raw key
// on screen) fails.
afterEach(() => {
  expect(takeMissingWords(), 'words shown as raw keys: their module must import src/i18n/en-more.ts').toEqual([]);
});
