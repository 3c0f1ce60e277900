/**
 * One Chromium per e2e file. CHROME_PATH points the tests at another Chrome; by default Debian's
 * /usr/bin/chromium (installed by .ci/run). Console errors and page errors are collected so that
 * every test can assert there were none; a failed test saves a screenshot under test-results/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';

export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Harness {
  page: Page;
  context: BrowserContext;
  errors: string[];
  url: (query?: string) => string;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROME)) {
    throw new Error(`Chrome not found at ${CHROME}: install Debian's chromium (apt-get install -y chromium) or set CHROME_PATH`);
  }
  return chromium.launch({ executablePath: CHROME, args: ARGS, headless: true });
}

/** Registers the hooks of an e2e file; `h.page` is a fresh page for each test. */
export function useBrowser(options: { viewport?: { width: number; height: number }; reducedMotion?: 'reduce' | 'no-preference' } = {}): Harness {
  let browser: Browser;
  const h = { errors: [] as string[], url: (q = '') => `${inject('baseURL')}/${q ? (q.startsWith('?') ? q : `?${q}`) : ''}` } as Harness;
  beforeAll(async () => {
    browser = await launch();
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
