/**
 * One page of a screenshot script: a browser context at a viewport, theme and language, page
 * errors and console errors collected under a tag, and `shot(name)`, which saves a PNG and says
 * when the page scrolls sideways.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface ShotViewport {
  name: string;
  width: number;
  height: number;
  scale: number;
  mobile: boolean;
}

/** The sizes every page is looked at: a laptop, a projector, a phone. */
export const SHOT_VIEWPORTS: readonly ShotViewport[] = [
  { name: '1280x720', width: 1280, height: 720, scale: 1, mobile: false },
  { name: '1920x1080', width: 1920, height: 1080, scale: 1, mobile: false },
  { name: '390x844', width: 390, height: 844, scale: 2, mobile: true },
];

/** Both themes in both languages. */
export const THEMES_AND_LANGUAGES = [
  ['light', 'en'],
  ['dark', 'en'],
  ['light', 'zh'],
  ['dark', 'zh'],
] as const;

export interface ShotPage {
  context: BrowserContext;
  page: Page;
  /** Saves `file(name)`; the whole page when `full`. */
  shot(name: string, full?: boolean): Promise<void>;
}

export async function openShotPage(
  browser: Browser,
  vp: ShotViewport,
  o: { theme: 'light' | 'dark'; lang: 'en' | 'zh'; tag: string; file: (name: string) => string; errors: string[] },
): Promise<ShotPage> {
  const context = await browser.newContext({
    viewport: { width: vp.width, height: vp.height },
    deviceScaleFactor: vp.scale,
    isMobile: vp.mobile,
    hasTouch: vp.mobile,
    colorScheme: o.theme,
    locale: o.lang === 'zh' ? 'zh-CN' : 'en-US',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => o.errors.push(`${o.tag}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') o.errors.push(`${o.tag} console: ${m.text()}`);
  });
  const shot = async (name: string, full = false) => {
    const file = o.file(name);
    await page.screenshot({ path: file, fullPage: full });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log(`${file}${overflow > 0 ? `  (horizontal overflow ${overflow}px!)` : ''}`);
  };
  return { context, page, shot };
}
