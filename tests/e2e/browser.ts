/**
 * One Chromium per e2e file. CHROME_PATH points the tests at another Chrome; by default Debian's
 * /usr/bin/chromium (installed by .ci/run). Console errors and page errors are collected so that
 * every test can assert there were none; a failed test saves a screenshot under test-results/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { launchChrome } from './chrome';

export interface Harness {
  page: Page;
  context: BrowserContext;
  errors: string[];
  url: (query?: string) => string;
}

/** Registers the hooks of an e2e file; `h.page` is a fresh page for each test. */
export function useBrowser(
  options: {
    viewport?: { width: number; height: number };
    reducedMotion?: 'reduce' | 'no-preference';
    /** The built app registers a service worker; blocked unless asked for, because requests it
     * answers from its cache never reach page.route (the tests that stub the engine worker). */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Harness {
  let browser: Browser;
  const h = { errors: [] as string[], url: (q = '') => `${inject('baseURL')}/${q ? (q.startsWith('?') ? q : `?${q}`) : ''}` } as Harness;
  beforeAll(async () => {
    browser = await launchChrome();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    h.errors = [];
    h.context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 720 },
      reducedMotion: options.reducedMotion ?? 'no-preference',
      deviceScaleFactor: 1,
      serviceWorkers: options.serviceWorkers ?? 'block',
    });
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    h.page = await h.context.newPage();
    h.page.on('console', (m) => {
      if (m.type() === 'error') h.errors.push(m.text());
    });
    h.page.on('pageerror', (e) => h.errors.push(String(e)));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && h.page) {
      mkdirSync('test-results', { recursive: true });
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      await h.page.screenshot({ path: `test-results/${name}.png`, fullPage: true }).catch(() => {});
    }
    await h.context?.close();
  });
  return h;
}
