import '@testing-library/jest-dom/vitest';

// The Chinese words load on demand in the page (src/i18n/index.ts); the tests switch languages
// synchronously, so they load them first, through the same loader the page uses.
import { loadLocale } from '../src/i18n';
await loadLocale('zh');
