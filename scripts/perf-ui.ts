/**
 * Main-thread performance of the playground: six racers animating on Rosenbrock in headless
 * Chromium. Measures frames per second from requestAnimationFrame timestamps over ~5 s and long
 * tasks (> 50 ms) with a PerformanceObserver('longtask'); also the latency from a control change
 * to the new paths on screen (worker round trip), in frames. Prints JSON.
 *
 *   npx tsx scripts/perf-ui.ts        (CHROME_PATH, BASE_URL, SKIP_BUILD as in screenshot.ts)
 */
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { startPreview } from './screenshot-serve';

const SECONDS = Number(process.env.PERF_SECONDS ?? 5);

interface Scenario {
  name: string;
  steps: number;
  speed: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'six racers, 300 steps at 60 steps/s (classroom pace)', steps: 300, speed: 60 },
  { name: 'six racers, 10000 steps at 2000 steps/s (long paths)', steps: 10000, speed: 2000 },
];

async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByLabel(label, { exact: true }).first();
  await input.fill(String(value));
  await input.blur();
}

async function measure(page: Page, seconds: number) {
  return page.evaluate(async (secs) => {
    const longTasks: { start: number; duration: number }[] = [];
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    po.observe({ type: 'longtask', buffered: false });
    const stamps: number[] = [];
    const t0 = performance.now();
    await new Promise<void>((done) => {
      const loop = (ts: number) => {
        stamps.push(ts);
        if (ts - t0 < secs * 1000) requestAnimationFrame(loop);
        else done();
      };
      requestAnimationFrame(loop);
    });
    await new Promise((r) => setTimeout(r, 100));
    po.disconnect();
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
    const sorted = [...gaps].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const duration = stamps[stamps.length - 1] - stamps[0];
    const step = document.querySelector('.step-counter-value')?.textContent ?? '';
    return {
      frames: gaps.length,
      seconds: +(duration / 1000).toFixed(3),
      fps: +((gaps.length * 1000) / duration).toFixed(1),
      frameMs: { median: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), p99: +q(0.99).toFixed(2), max: +sorted[sorted.length - 1].toFixed(2) },
      framesOver20ms: gaps.filter((g) => g > 20).length,
      longTasks: longTasks.length,
      longestTaskMs: longTasks.length ? +Math.max(...longTasks.map((t) => t.duration)).toFixed(1) : 0,
      longTaskList: longTasks.slice(0, 10).map((t) => ({ atMs: +(t.start - t0).toFixed(0), ms: +t.duration.toFixed(1) })),
      stepAtEnd: step,
    };
  }, seconds);
}

/** Frames from a change of the first racer's learning rate to the new loss in the legend. */
async function latency(page: Page, lr: number) {
  return page.evaluate(async (value) => {
    const input = document.querySelectorAll<HTMLInputElement>('input[aria-label="learning rate (value)"]')[0];
    const loss = document.querySelector('.legend-loss-value')!;
    const before = loss.textContent;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const t0 = performance.now();
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    let frames = 0;
    while (loss.textContent === before && frames < 120) {
      await new Promise((r) => requestAnimationFrame(r));
      frames++;
    }
    return { frames, ms: +(performance.now() - t0).toFixed(1), changed: loss.textContent !== before };
  }, lr);
}

async function main(): Promise<void> {
  const server = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: unknown[] = [];
  try {
    for (const sc of SCENARIOS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      // tsx (esbuild keepNames) wraps named functions in evaluate() bodies with __name().
      await page.addInitScript('globalThis.__name = (f) => f;');
      await page.goto(server.url, { waitUntil: 'networkidle' });
      await page.getByLabel('Loss surface', { exact: true }).selectOption('rosenbrock');
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add racer' }).click();
      const racers = await page.locator('.legend-item').count();
      // Racer 4 (Nesterov) at its default lr 0.01 leaves Rosenbrock at step 4: give it a stable
      // rate so that all six race for the whole measurement.
      const fourth = page.getByRole('region', { name: /^Racer 4: / });
      await fourth.getByLabel('learning rate (value)').fill('0.001');
      await fourth.getByLabel('learning rate (value)').blur();
      await setNumber(page, 'Steps (value)', sc.steps);
      await setNumber(page, 'Speed (steps/s) (value)', sc.speed);
      await page.waitForSelector('.plot-box[data-ready="true"]');
      await page.waitForTimeout(300);
      // Latency of a control change while paused, at the end of the race (full paths redrawn).
      await page.getByLabel('Current step', { exact: true }).focus();
      await page.keyboard.press('End');
      const lat = [await latency(page, 0.0011), await latency(page, 0.0009), await latency(page, 0.001)];
      await page.getByRole('button', { name: 'Reset' }).click();
      await page.getByRole('button', { name: 'Play' }).click();
      const diverged = await page.locator('.legend-diverged').count();
      const load = loadavg()[0];
      const m = await measure(page, SECONDS);
      results.push({ scenario: sc.name, racers, divergedRacers: diverged, surface: 'rosenbrock', ...m, changeToNewPaths: lat, loadAverage1m: +load.toFixed(2) });
      await page.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  console.log(JSON.stringify({ browser: 'headless chromium', viewport: '1280x720', results }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
