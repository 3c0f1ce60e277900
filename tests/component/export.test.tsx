// @vitest-environment jsdom
/**
 * The Export menu (issue 7): PyTorch to the clipboard or a .py file, CSV and JSON of the
 * trajectories, the plot as SVG (a real vector file) and PNG, and the SVG builder itself.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { racerSummary } from '../../src/components/plot/Legend';
import { runComparison, normalizeConfig } from '../../src/engine';
import { LIGHT_PLOT_THEME, plotSvg, raceFrameSteps, toCsv, toJson, toPyTorch, type PlotSvgInput } from '../../src/export';
import { DASHES, SHAPES } from '../../src/plot/palette';
import { appStore, currentRun, setRacerVisible } from '../../src/state/store';
import { getSurface } from '../../src/surfaces';
import { computeGrid } from '../../src/worker/compute';
import { renderApp, state, teardown } from './harness';

interface Saved {
  blob: Blob;
  name: string;
}

let saved: Saved[] = [];

beforeEach(() => {
  saved = [];
  // jsdom has no object URLs and does not navigate: record what would have been downloaded.
  const blobs = new Map<string, Blob>();
  let n = 0;
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (b: Blob) => {
      const url = `blob:test/${++n}`;
      blobs.set(url, b);
      return url;
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => {} });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ blob: blobs.get(this.href)!, name: this.download });
  });
});

afterEach(() => {
  teardown();
  vi.restoreAllMocks();
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
});

async function openExport() {
  renderApp();
  await waitFor(() => expect(currentRun(state())).not.toBeNull());
  fireEvent.click(screen.getByRole('button', { name: 'Export' }));
  return screen.findByRole('dialog', { name: 'Export' });
}

async function exported(dialog: HTMLElement, button: string): Promise<Saved> {
  const before = saved.length;
  fireEvent.click(within(dialog).getByRole('button', { name: button }));
  await waitFor(() => expect(saved.length).toBe(before + 1));
  return saved[saved.length - 1];
}

const labels = () => state().racers.map(racerSummary);

describe('the Export menu', () => {
  it('CSV: the trajectories of the race shown, with the legend labels, as descent-<surface>.csv', async () => {
    const dialog = await openExport();
    const file = await exported(dialog, 'CSV');
    expect(file.name).toBe('descent-rosenbrock.csv');
    expect(file.blob.type).toMatch(/^text\/csv/);
    // A UTF-8 byte-order mark first, so spreadsheets read the "·" of the labels (Blob.text() drops it).
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).codePointAt(0)).toBe(0xfeff);
    const text = await file.blob.text();
    expect(text).toBe(toCsv(currentRun(state())!, { labels: labels() }));
    expect(text).toContain('·');
    const rows = text.trim().split('\r\n');
    expect(rows[0]).toBe('racer,optimizer,step,x,y,loss,status,reason');
    expect(rows[1]).toMatch(/^Gradient descent · lr 0\.001,gd,0,-1\.5,2,/);
    expect(within(dialog).getByRole('status')).toHaveTextContent('Saved descent-rosenbrock.csv');
  });

  it("JSON: the CLI's output for the same config", async () => {
    const dialog = await openExport();
    const file = await exported(dialog, 'JSON');
    expect(file.name).toBe('descent-rosenbrock.json');
    expect(file.blob.type).toMatch(/^application\/json/);
    const text = await file.blob.text();
    const result = currentRun(state())!;
    expect(JSON.parse(text)).toEqual(JSON.parse(toJson(result)));
    expect(JSON.parse(text).runs).toHaveLength(3);
  });

  it('Copy as PyTorch puts the script, labelled as the legend, on the clipboard; Download .py saves it', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const dialog = await openExport();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy as PyTorch' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const script = writeText.mock.calls[0][0] as string;
    expect(script).toBe(toPyTorch(currentRun(state())!, { labels: labels() }));
    expect(script).toContain('import torch');
    expect(script).toContain('"Adam · lr 0.05"');
    expect(await within(dialog).findByText('PyTorch script copied')).toBeVisible();

    const file = await exported(dialog, 'Download .py');
    expect(file.name).toBe('descent-rosenbrock.py');
    expect(file.blob.type).toMatch(/^text\/x-python/);
    expect(await file.blob.text()).toBe(script);
  });

  // Issue 11, item 6: a write that never settled gave no feedback and held every other button disabled.
  it('a clipboard that never answers: the other exports stay usable, and after 3 s the menu says the copy failed', async () => {
    const writeText = vi.fn(() => new Promise<void>(() => {}));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const dialog = await openExport();
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Copy as PyTorch' }));
      await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
      expect(within(dialog).getByRole('status')).toHaveTextContent('Copying…');
      expect(within(dialog).getByRole('button', { name: 'Copy as PyTorch' })).toBeDisabled();
      for (const name of ['Download .py', 'Plot as PNG', 'Plot as SVG', 'Race as animated GIF', 'CSV', 'JSON']) {
        expect(within(dialog).getByRole('button', { name })).toBeEnabled();
      }
      const file = await exported(dialog, 'CSV');
      expect(file.name).toBe('descent-rosenbrock.csv');
      await vi.advanceTimersByTimeAsync(3000);
      expect(await within(dialog).findByText(/clipboard is not available/)).toBeVisible();
      expect(within(dialog).getByRole('button', { name: 'Copy as PyTorch' })).toBeEnabled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('Copy as PyTorch without a clipboard says so', async () => {
    const dialog = await openExport();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy as PyTorch' }));
    expect(await within(dialog).findByText(/clipboard is not available/)).toBeVisible();
  });

  it('Plot as SVG saves a standalone vector SVG: contours as paths, one polyline per visible racer', async () => {
    const dialog = await openExport();
    await waitFor(() => expect(state().results.grid).not.toBeNull());
    act(() => setRacerVisible(state().racers[1].id, false));
    const file = await exported(dialog, 'Plot as SVG');
    expect(file.name).toBe('descent-rosenbrock.svg');
    expect(file.blob.type).toBe('image/svg+xml');
    const doc = new DOMParser().parseFromString(await file.blob.text(), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(doc.querySelectorAll('polyline')).toHaveLength(2);
    expect(doc.querySelectorAll('[id^="descent-level-"]').length).toBe(state().results.grid!.contours.thresholds.length);
    expect(doc.querySelectorAll('.legend-item')).toHaveLength(2);
  });

  it('Plot as PNG and the GIF need a canvas: without one (jsdom) they say so and save nothing', async () => {
    const dialog = await openExport();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Plot as PNG' }));
    expect(await within(dialog).findByText(/cannot draw images here/)).toBeVisible();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Race as animated GIF' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent(/cannot draw images here/));
    expect(saved).toHaveLength(0);
  });

  it('waits for the current run: the buttons are disabled while a newer run is computing', async () => {
    const dialog = await openExport();
    act(() => {
      const s = appStore.getState();
      appStore.setState({ results: { ...s.results, runRequested: s.results.runRequested + 1000 } });
    });
    expect(within(dialog).getByRole('button', { name: 'CSV' })).toBeDisabled();
    expect(within(dialog).getByText('Waiting for the current run…')).toBeVisible();
  });
});

// ---------------------------------------------------------------------------------------------
// The SVG builder, as a pure function

function input(over: Partial<PlotSvgInput> = {}): PlotSvgInput {
  const cfg = normalizeConfig({
    surface: { name: 'himmelblau' },
    optimizers: [{ name: 'gd', lr: 0.01 }, { name: 'adam', lr: 0.1 }, { name: 'gd', lr: 1 }],
    steps: 60,
  });
  const result = runComparison(cfg);
  const grid = computeGrid({ id: 1, surface: cfg.surface, nx: 60, ny: 60 });
  const def = getSurface('himmelblau')!;
  return {
    width: 640,
    height: 520,
    domain: def.domain,
    axes: def.axes,
    contours: grid.contours,
    logLevels: grid.logLevels,
    critical: def.criticalPoints({}),
    criticalApprox: false,
    start: cfg.start,
    racers: result.runs.map((run, i) => ({
      label: ['GD <fast> & "loose"', 'Adam', 'GD too fast'][i],
      color: ['#e69f00', '#56b4e9', '#009e73'][i],
      shape: SHAPES[i],
      dash: DASHES[i],
      visible: true,
      run,
    })),
    step: 60,
    theme: LIGHT_PLOT_THEME,
    labels: {
      colorbar: 'Loss',
      colorbarLog: 'Loss (log)',
      min: 'min',
      localMin: 'local min',
      saddle: 'saddle',
      start: 'start',
      noL2: '',
      step: 'Step 60 / 60',
      diverged: (k) => `diverged at ${k}`,
    },
    ...over,
  };
}

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

describe('plotSvg', () => {
  it('is well-formed standalone SVG with one polyline per visible racer, the contours, the minima and a legend', () => {
    const base = input();
    const doc = parse(plotSvg(base));
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox')).toBe('0 0 640 520');
    expect(doc.querySelectorAll('polyline')).toHaveLength(3);
    expect(doc.querySelectorAll('[id^="descent-level-"]')).toHaveLength(base.contours!.thresholds.length);
    expect(doc.querySelectorAll('.critical path')).toHaveLength(base.critical.filter((c) => c.point.every(Number.isFinite)).length);
    expect(doc.querySelectorAll('.legend-item')).toHaveLength(3);
    // Labels are text, escaped.
    expect([...doc.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual([
      'GD <fast> & "loose"',
      'Adam',
      expect.stringMatching(/^GD too fast — diverged at \d+$/),
    ]);
    // No CSS: every colour is an attribute.
    expect(doc.querySelector('style')).toBeNull();
    expect(root.querySelector('.background')!.getAttribute('fill')).toBe('#ffffff');
  });

  it('gives the legend columns room for their longest entry, "diverged" included', () => {
    for (const width of [320, 640, 1200]) {
      const doc = parse(plotSvg(input({ width })));
      const items = [...doc.querySelectorAll('.legend-item')];
      const xs = items.map((g) => Number(/translate\(([-\d.]+),/.exec(g.getAttribute('transform')!)![1]));
      const columns = [...new Set(xs)].sort((a, b) => a - b);
      const longest = Math.max(...items.map((g) => g.querySelector('text')!.textContent!.length));
      if (columns.length > 1) expect(columns[1] - columns[0]).toBeGreaterThanOrEqual(34 + 7.5 * longest);
      expect(Math.max(...xs)).toBeLessThan(width);
    }
  });

  it('draws only the visible racers, each path up to the step', () => {
    const base = input();
    const hidden = input({ racers: base.racers.map((r, i) => ({ ...r, visible: i !== 1 })), step: 10 });
    const doc = parse(plotSvg(hidden));
    const lines = [...doc.querySelectorAll('polyline')];
    expect(lines.map((l) => l.getAttribute('data-racer'))).toEqual(['0', '2']);
    // The first racer's path has 11 points at step 10 (GD moves more than half a pixel per step here).
    const pts = lines[0].getAttribute('points')!.split(' ');
    expect(pts.length).toBeLessThanOrEqual(11);
    expect(pts.length).toBeGreaterThan(3);
    expect(pts.every((p) => /^-?[\d.]+,-?[\d.]+$/.test(p))).toBe(true);
    expect(doc.querySelectorAll('.legend-item')).toHaveLength(2);
  });

  it('splits into a static layer and a paths layer for the frames of a GIF', () => {
    const base = input();
    const stat = parse(plotSvg(base, 'static'));
    const paths = parse(plotSvg(base, 'paths'));
    expect(stat.querySelectorAll('polyline')).toHaveLength(0);
    expect(stat.querySelectorAll('.legend-item')).toHaveLength(3);
    expect(paths.querySelectorAll('polyline')).toHaveLength(3);
    expect(paths.querySelector('.background')).toBeNull();
    expect(paths.querySelector('.step')!.textContent).toBe('Step 60 / 60');
    const legend = parse(plotSvg(base, 'legend'));
    expect(legend.querySelectorAll('.legend-item')).toHaveLength(3);
    expect(legend.querySelector('.contours')).toBeNull();
  });

  it('without a grid still draws the axes, the start and the paths', () => {
    const doc = parse(plotSvg(input({ contours: null })));
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('[id^="descent-level-"]')).toHaveLength(0);
    expect(doc.querySelectorAll('.axes text').length).toBeGreaterThan(4);
    expect(doc.querySelectorAll('polyline')).toHaveLength(3);
  });
});

describe('raceFrameSteps', () => {
  it('shows every step of a short race, and spreads at most `max` frames over a long one', () => {
    expect(raceFrameSteps(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(raceFrameSteps(0)).toEqual([0]);
    const long = raceFrameSteps(10000, 90);
    expect(long).toHaveLength(90);
    expect(long[0]).toBe(0);
    expect(long.at(-1)).toBe(10000);
    expect(long.every((s, i) => i === 0 || s > long[i - 1])).toBe(true);
  });
});
