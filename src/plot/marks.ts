/** Marker shapes (d3 symbols) for racers and critical points, on canvas and in SVG. */
import { t } from '../i18n';
import {
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTimes,
  symbolTriangle,
  symbolWye,
  type SymbolType,
} from 'd3';
import type { Shape } from './palette';

export const SYMBOLS: Record<Shape, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  star: symbolStar,
  wye: symbolWye,
  times: symbolTimes,
};

/** SVG path data of a marker centred at the origin; `size` is the area in px². */
export function markerPath(shape: Shape, size = 120): string {
  return symbol(SYMBOLS[shape], size)() ?? '';
}

/** Cached Path2D per shape and size (canvas). */
const cache = new Map<string, Path2D>();
export function markerPath2D(shape: Shape, size: number): Path2D | null {
  if (typeof Path2D === 'undefined') return null;
  const k = `${shape}:${size}`;
  let p = cache.get(k);
  if (!p) {
    p = new Path2D(markerPath(shape, size));
    cache.set(k, p);
  }
  return p;
}

/** Reads a CSS custom property of the document (theme colours for canvas drawing). */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** The most device pixels a canvas backing store holds: a 4K screen's (3840 × 2160). */
export const MAX_CANVAS_PIXELS = 3840 * 2160;

/**
 * The pixel ratio of a `width` × `height` (CSS px) canvas: the device's, lowered so the backing
 * store holds at most MAX_CANVAS_PIXELS (the picture is then scaled up by the browser), so an 8K
 * screen or a high pixel ratio draws about as fast as 4K.
 */
export function canvasRatio(width: number, height: number, dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1): number {
  const area = Math.max(1, width * height);
  return Math.min(dpr, Math.sqrt(MAX_CANVAS_PIXELS / area));
}

/** Sets up a canvas for crisp drawing at the device pixel ratio; returns its 2D context or null (jsdom). */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = canvasRatio(width, height);
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  let ctx: CanvasRenderingContext2D | null = null;
  if (!canvasSupported()) return null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (ctx) ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Compact number format for ticks and readouts. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
    const [m, e] = v.toExponential(Math.max(0, digits - 1)).split('e');
    return `${String(+m)}e${Number(e)}`;
  }
  return String(+v.toPrecision(digits));
}

/** Axis names for display: "w_1" → "w₁". */
export function prettyAxis(name: string): string {
  const sub = '₀₁₂₃₄₅₆₇₈₉';
  return name.replace(/_(\d+)/g, (_, d: string) => [...d].map((c) => sub[Number(c)]).join(''));
}

/** False in jsdom (whose canvas has no 2D context). */
export function canvasSupported(): boolean {
  return typeof navigator !== 'undefined' && !/jsdom/i.test(navigator.userAgent);
}

/** The plot's colour-bar and marker labels in the current language (the page and the exports share them). */
export function plotMarkLabels() {
  return {
    colorbar: t('plot.colorbar'),
    colorbarLog: t('plot.colorbar.log'),
    min: t('plot.marker.min'),
    localMin: t('plot.marker.localMin'),
    saddle: t('plot.marker.saddle'),
    start: t('plot.marker.start'),
    noL2: t('plot.marker.noL2'),
    numerical: t('plot.marker.numerical'),
  };
}
