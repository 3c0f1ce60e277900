/**
 * Layout of the contour plot: the plot rectangle, scales and colour bar.
 *
 * Equal scale, always: one data unit has the same length in pixels on both axes, so circles stay
 * circles and the gradient meets the contours at a right angle. The plot rectangle fills the space
 * between the margins, and the domain shown (`view`) is the surface's domain grown on its short
 * side, about the same centre — never stretched. The margins and the type scale with `font`.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { Domain } from '../surfaces/types';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlotGeometry {
  width: number;
  height: number;
  plot: Rect;
  sx: ScaleLinear<number, number>;
  sy: ScaleLinear<number, number>;
  /** The domain shown: the surface's domain grown on its short side to the plot's aspect. */
  view: Domain;
  /** Pixels per data unit, the same on both axes. */
  unit: number;
  colorbar: Rect & { orient: 'v' | 'h' };
  narrow: boolean;
  /** Font size of ticks and colour-bar labels, px (axis titles are 1.15×). */
  font: number;
}

/** The tick font for a plot box: 13–14 px on a laptop, 17 px at 1080p, 12–22 px. */
export function plotFont(width: number, height: number): number {
  const lo = width < 560 ? 12 : 13;
  return Math.round(Math.max(lo, Math.min(22, Math.min(width / 64, height / 42))) * 2) / 2;
}

/**
 * The domain shown in a `w` × `h` px plot: `domain` grown on its short side about its centre, so
 * that one unit has the same length on both axes.
 */
export function equalView(domain: Domain, w: number, h: number): { view: Domain; unit: number } {
  const dw = domain.x[1] - domain.x[0];
  const dh = domain.y[1] - domain.y[0];
  const unit = Math.min(w / dw, h / dh);
  const vw = w / unit;
  const vh = h / unit;
  const cx = (domain.x[0] + domain.x[1]) / 2;
  const cy = (domain.y[0] + domain.y[1]) / 2;
  return {
    view: { x: [cx - vw / 2, cx + vw / 2], y: [cy - vh / 2, cy + vh / 2] },
    unit,
  };
}

/**
 * The colour bar goes under the plot in a narrow box (a phone), beside it otherwise — and beside
 * it in a narrow but short box too (a small embed), where a bar underneath would take a third of
 * the height the plot needs.
 */
export function isNarrow(width: number, height: number): boolean {
  return width < 560 && height >= 0.6 * width;
}

export function plotGeometry(width: number, height: number, domain: Domain, font = plotFont(width, height)): PlotGeometry {
  const narrow = isNarrow(width, height);
  const f = font / 13;
  const m = narrow
    ? { top: 10 * f, left: 50 * f, right: 12 * f, bottom: 104 * f }
    : { top: 14 * f, left: 60 * f, right: 104 * f, bottom: 52 * f };
  const w = Math.max(40, width - m.left - m.right);
  const h = Math.max(40, height - m.top - m.bottom);
  const x = m.left;
  const y = m.top;
  const plot = { x, y, w, h };
  const { view, unit } = equalView(domain, w, h);
  const sx = scaleLinear().domain(view.x).range([x, x + w]);
  const sy = scaleLinear().domain(view.y).range([y + h, y]);
  const colorbar = narrow
    ? { orient: 'h' as const, x, y: y + h + 62 * f, w, h: 14 * f }
    : { orient: 'v' as const, x: x + w + 22 * f, y, w: 16 * f, h };
  return { width, height, plot, sx, sy, view, unit, colorbar, narrow, font };
}

/** Does `outer` contain `inner` (with a relative tolerance of 1e-9 of the extent)? */
export function covers(outer: Domain, inner: Domain): boolean {
  const ex = (inner.x[1] - inner.x[0]) * 1e-9;
  const ey = (inner.y[1] - inner.y[0]) * 1e-9;
  return outer.x[0] <= inner.x[0] + ex && outer.x[1] >= inner.x[1] - ex && outer.y[0] <= inner.y[0] + ey && outer.y[1] >= inner.y[1] - ey;
}

/**
 * The domain to compute a contour grid on for a view: the view, or a little more (so small
 * resizes reuse the grid). Null when `have` already covers the view without being much larger.
 */
export function gridDomainFor(view: Domain, have: Domain | null): Domain | null {
  const area = (d: Domain) => (d.x[1] - d.x[0]) * (d.y[1] - d.y[0]);
  if (have && covers(have, view) && area(have) <= area(view) * 1.35) return null;
  const px = (view.x[1] - view.x[0]) * 0.04;
  const py = (view.y[1] - view.y[0]) * 0.04;
  return { x: [view.x[0] - px, view.x[1] + px], y: [view.y[0] - py, view.y[1] + py] };
}

/** How many ticks to ask d3 for on each axis (about one per 80 px across, 60 px up). */
export function tickCounts(geo: Pick<PlotGeometry, 'plot' | 'font'>): { nx: number; ny: number } {
  const f = geo.font / 13;
  return { nx: Math.max(3, Math.round(geo.plot.w / (80 * f))), ny: Math.max(3, Math.round(geo.plot.h / (60 * f))) };
}
