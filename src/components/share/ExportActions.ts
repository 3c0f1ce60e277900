/**
 * What the Export menu does, loaded with src/export on the first click (not with the page):
 * turning the exporters' strings and bytes into downloads, composing the plot's layers into a PNG,
 * and drawing the frames of the race for an animated GIF, encoded in a worker.
 */
import {
  encodeGif,
  exportFileName,
  legendHeight,
  plotSvg,
  raceFrameSteps,
  toCsv,
  toJson,
  toPyTorch,
  type PlotRacer,
  type PlotSvgInput,
  type PlotTheme,
  LIGHT_PLOT_THEME,
} from '../../export';
import type { GifWorkerIn, GifWorkerOut } from '../../export/gif.worker';
import type { ComparisonResult } from '../../engine/types';
import { optimizerLabel, surfaceLabel, t } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { optimizers } from '../../optim';
import { plotMarkLabels } from '../../plot/marks';
import { DASHES, SHAPES, colorHex } from '../../plot/palette';
import type { AppState } from '../../state/store';
import { surfaceFor } from '../../surfaces';
import { resolveSurface } from '../../engine/userdata';
import { pageLabels } from '../plot/Legend';
import { canvasSupported, cssVar } from '../../plot/marks';

export { download } from '../ui/download';

/** The legend's labels, one per racer. */
export function legendLabels(s: AppState): string[] {
  return pageLabels(s);
}

export function pythonScript(s: AppState, result: ComparisonResult): string {
  return toPyTorch(result, { labels: legendLabels(s) });
}

export type TextKind = 'py' | 'csv' | 'json';

/** U+FEFF, written first in a downloaded CSV (bytes EF BB BF). */
export const CSV_BOM = '\uFEFF';

const MIME: Record<TextKind, string> = { py: 'text/x-python', csv: 'text/csv', json: 'application/json' };

/** The script, the CSV or the JSON of the race, as a file to download. */
export function textFile(kind: TextKind, s: AppState, result: ComparisonResult): { blob: Blob; name: string } {
  const labels = legendLabels(s);
  // The CSV starts with a UTF-8 byte-order mark: without it Excel and Numbers read the file as
  // Latin-1 and turn the labels' "·" and any Chinese into mojibake (pandas and Python's csv skip it
  // with encoding="utf-8-sig"; the CLI's output stays BOM-free).
  const text = kind === 'py' ? toPyTorch(result, { labels }) : kind === 'csv' ? CSV_BOM + toCsv(result, { labels }) : toJson(result, 2) + '\n';
  return { blob: new Blob([text], { type: `${MIME[kind]};charset=utf-8` }), name: exportFileName(result, kind) };
}

// ---------------------------------------------------------------------------------------------
// The plot as SVG

/** The page's theme colours (CSS variables), for the exported pictures. */
export function pageTheme(): PlotTheme {
  const font = typeof document !== 'undefined' ? getComputedStyle(document.body).fontFamily : '';
  return {
    background: cssVar('--panel', LIGHT_PLOT_THEME.background),
    foreground: cssVar('--fg', LIGHT_PLOT_THEME.foreground),
    muted: cssVar('--muted', LIGHT_PLOT_THEME.muted),
    contourLine: cssVar('--contour-line', LIGHT_PLOT_THEME.contourLine),
    halo: cssVar('--path-halo', LIGHT_PLOT_THEME.halo),
    critFill: cssVar('--crit-fill', LIGHT_PLOT_THEME.critFill),
    critStroke: cssVar('--crit-stroke', LIGHT_PLOT_THEME.critStroke),
    font: font || LIGHT_PLOT_THEME.font,
  };
}

function plotRacers(s: AppState, result: ComparisonResult): PlotRacer[] {
  const labels = pageLabels(s);
  return s.racers.map((r, i) => ({
    label: labels[i],
    color: colorHex(r.color),
    shape: r.shape,
    dash: DASHES[SHAPES.indexOf(r.shape)] ?? [],
    visible: r.visible,
    run: result.runs[i] ?? null,
  }));
}

/** What the SVG builder needs to draw the race of `s` at `step`, `width` × `height` in all. */
export function plotInput(s: AppState, result: ComparisonResult, width: number, height: number, step = s.playback.step): PlotSvgInput {
  // The scene as it ran (the result's config), so the plot and the paths cannot disagree.
  const c = result.config;
  const def = resolveSurface(c.surface);
  const grid = s.results.grid && s.results.grid.surface.name === c.surface.name ? s.results.grid : null;
  return {
    width,
    height,
    domain: def.domain,
    axes: def.axes,
    contours: grid ? grid.contours : null,
    contourDomain: grid ? grid.domain : undefined,
    logLevels: grid ? grid.logLevels : false,
    critical: def.criticalPoints(c.surface.params),
    criticalApprox: c.surface.l2 > 0,
    start: c.start,
    racers: plotRacers(s, result),
    step,
    theme: pageTheme(),
    labels: {
      ...plotMarkLabels(),
      step: '',
      diverged: (k) => `${t('loss.diverged')} (${t('loss.step')} ${k})`,
    },
  };
}

/** The size of the plot on screen (the exports draw what is shown), or 800 × 600. */
function plotSize(box: Element | null): { width: number; height: number } {
  const r = box?.getBoundingClientRect();
  return r && r.width > 0 && r.height > 0 ? { width: Math.round(r.width), height: Math.round(r.height) } : { width: 800, height: 600 };
}

export function svgFile(s: AppState, result: ComparisonResult, box: Element | null): { blob: Blob; name: string } {
  const { width, height } = plotSize(box);
  const input = plotInput(s, result, width, height);
  const svg = plotSvg({ ...input, height: height + legendHeight(input, width) });
  return { blob: new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`], { type: 'image/svg+xml' }), name: exportFileName(result, 'svg') };
}

// ---------------------------------------------------------------------------------------------
// The plot as PNG: the page's own layers, composed

/** An SVG document as a decoded image. */
async function svgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not draw the SVG layer'));
      img.src = url;
    });
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

/** A standalone copy of an on-screen SVG: the page's CSS inlined as styles. */
function inlineSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (to[i] as SVGElement).setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function toBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the image'))), type));
}

/** The scale of an exported PNG: twice the plot's size on screen (crisp on slides and print). */
export const PNG_SCALE = 2;

/** An SVG document with its width and height multiplied by k (its viewBox kept): drawn k× sharper. */
function scaledSvg(svg: string, k: number): string {
  return svg.replace(/^<svg([^>]*?) width="([\d.]+)" height="([\d.]+)"/, (_, a: string, w: string, h: string) => `<svg${a} width="${+w * k}" height="${+h * k}"`);
}

/** The title line of an exported picture: the surface and the racers' optimizers. */
export function pictureTitle(s: AppState): string {
  const def = surfaceFor(s.scene.surface, s.scene.params);
  return `${surfaceLabel(def)} · ${s.racers
    .filter((r) => r.visible)
    .map((r) => optimizerLabel(optimizers[r.optimizer.name]))
    .join(', ')}`;
}

/**
 * The plot as shown at PNG_SCALE× its size on screen: a title bar (the surface, the racers and the
 * step), the plot drawn as vectors (contours, axes, marks, paths — crisp at any scale), the
 * explanation overlay when it is on, and the legend below.
 */
export async function pngFile(s: AppState, result: ComparisonResult, box: HTMLElement): Promise<{ blob: Blob; name: string }> {
  if (!canvasSupported()) throw new Error(t('export.noCanvas'));
  const { width, height } = plotSize(box);
  const k = PNG_SCALE;
  const input = plotInput(s, result, width, height);
  const legendH = legendHeight(input, width);
  const titleH = 34;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * k);
  canvas.height = Math.round((titleH + height + legendH) * k);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(t('export.noCanvas'));
  ctx.scale(k, k);
  ctx.fillStyle = input.theme.background;
  ctx.fillRect(0, 0, width, titleH + height + legendH);
  // Title bar: what is raced, and the step shown.
  const step = `${t('playback.step.counter')} ${s.playback.step} / ${result.config.steps}`;
  ctx.fillStyle = input.theme.foreground;
  ctx.textBaseline = 'middle';
  ctx.font = `600 15px ${input.theme.font}`;
  const stepW = ctx.measureText(step).width;
  ctx.textAlign = 'right';
  ctx.fillText(step, width - 12, titleH / 2);
  ctx.textAlign = 'left';
  let title = pictureTitle(s);
  while (title.length > 4 && ctx.measureText(title).width > width - stepW - 40) title = title.slice(0, -2);
  ctx.fillText(title === pictureTitle(s) ? title : `${title.trimEnd()}…`, 12, titleH / 2);
  const picture = plotSvg({ ...input, height: height + legendH });
  ctx.drawImage(await svgImage(scaledSvg(picture, k)), 0, titleH, width, height + legendH);
  const overlay = box.querySelector('svg.plot-explain');
  if (overlay instanceof SVGSVGElement && overlay.childElementCount > 0) {
    ctx.drawImage(await svgImage(inlineSvg(overlay, width * k, height * k)), 0, titleH, width, height);
  }
  return { blob: await toBlob(canvas, 'image/png'), name: exportFileName(result, 'png') };
}

// ---------------------------------------------------------------------------------------------
// The race as an animated GIF

export const GIF_WIDTH = 640;
export const GIF_HEIGHT = 480;
export const GIF_MAX_FRAMES = 90;

export type GifProgress = { phase: 'frames'; done: number; total: number } | { phase: 'encoding'; fraction: number };

function abortError(): Error {
  return new DOMException('cancelled', 'AbortError');
}

interface Encoder {
  add(frame: Uint8ClampedArray): void;
  finish(delays: number[]): Promise<Uint8Array>;
  cancel(): void;
}

/** The GIF encoder in a worker (the page stays responsive), or on this thread without workers. */
async function gifEncoder(width: number, height: number, onProgress: (f: number) => void): Promise<Encoder> {
  if (typeof Worker === 'undefined') {
    const frames: Uint8ClampedArray[] = [];
    return {
      add: (f) => frames.push(f),
      finish: async (delays) => encodeGif(frames, width, height, delays, { onProgress }),
      cancel: () => (frames.length = 0),
    };
  }
  const worker = new Worker(new URL('../../export/gif.worker.ts', import.meta.url), { type: 'module', name: 'descent-gif' });
  const post = (m: GifWorkerIn, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  return {
    add(f) {
      post({ type: 'frame', buffer: f.buffer as ArrayBuffer }, [f.buffer as ArrayBuffer]);
    },
    finish(delays) {
      return new Promise((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<GifWorkerOut>) => {
          const m = e.data;
          if (m.type === 'progress') onProgress(m.fraction);
          else {
            worker.terminate();
            if (m.type === 'done') resolve(m.bytes);
            else reject(new Error(m.message));
          }
        };
        worker.onerror = (e) => {
          worker.terminate();
          reject(new Error(e.message || 'the GIF worker failed'));
        };
        post({ type: 'encode', width, height, delays });
      });
    },
    cancel: () => worker.terminate(),
  };
}

/**
 * The race from step 0 to the last, GIF_WIDTH wide and as high as the plot's aspect on screen
 * (GIF_HEIGHT without a plot on the page; legend included), at most
 * GIF_MAX_FRAMES frames lasting about six seconds, then a two-second hold on the last.
 */
export async function gifFile(
  s: AppState,
  result: ComparisonResult,
  opts: { signal: AbortSignal; onProgress: (p: GifProgress) => void },
): Promise<{ blob: Blob; name: string }> {
  if (!canvasSupported()) throw new Error(t('export.noCanvas'));
  // The screen's aspect (so the GIF shows the domain the page shows, at equal scale), 4:3 without one.
  const shown = plotSize(typeof document !== 'undefined' ? document.querySelector('.plot-box') : null);
  const W = GIF_WIDTH;
  const H = shown.width === 800 && shown.height === 600 ? GIF_HEIGHT : 2 * Math.round(Math.max(300, Math.min(720, (W * shown.height) / shown.width)) / 2);
  const steps = result.config.steps;
  const frameSteps = raceFrameSteps(steps, GIF_MAX_FRAMES);
  const input = plotInput(s, result, W, H, 0);
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error(t('export.noCanvas'));
  const background = await svgImage(plotSvg(input, 'static'));
  const encoder = await gifEncoder(W, H, (fraction) => opts.onProgress({ phase: 'encoding', fraction }));
  const onAbort = () => encoder.cancel();
  opts.signal.addEventListener('abort', onAbort);
  try {
    for (let i = 0; i < frameSteps.length; i++) {
      if (opts.signal.aborted) throw abortError();
      const step = frameSteps[i];
      const overlay = plotSvg(
        { ...input, step, labels: { ...input.labels, step: `${t('playback.step.counter')} ${step} / ${steps}` } },
        'paths',
      );
      const img = await svgImage(overlay);
      ctx.clearRect(0, 0, W, H);
      ctx.drawImage(background, 0, 0);
      ctx.drawImage(img, 0, 0);
      encoder.add(ctx.getImageData(0, 0, W, H).data);
      opts.onProgress({ phase: 'frames', done: i + 1, total: frameSteps.length });
    }
    if (opts.signal.aborted) throw abortError();
    const per = Math.min(200, Math.max(40, Math.round(6000 / frameSteps.length)));
    const delays = frameSteps.map((_, i) => (i === frameSteps.length - 1 ? 2000 : per));
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      opts.signal.addEventListener('abort', () => reject(abortError()));
      encoder.finish(delays).then(resolve, reject);
    });
    return { blob: new Blob([bytes as BlobPart], { type: 'image/gif' }), name: exportFileName(result, 'gif') };
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
}
