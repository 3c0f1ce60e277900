/**
 * How Descent launches Chromium, for the e2e tests, the UI benchmark and the screenshot scripts:
 * Debian's /usr/bin/chromium by default (installed by .ci/run), another Chrome through CHROME_PATH,
 * with the flags this machine's closed network needs.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChrome(): Promise<Browser> {
  if (!existsSync(CHROME)) {
    throw new Error(`Chrome not found at ${CHROME}: install Debian's chromium (apt-get install -y chromium) or set CHROME_PATH`);
  }
  return chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, headless: true });
}
