/** Layout of the contour plot: the plot rectangle (near-equal aspect), scales and colour bar. */
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
  colorbar: Rect & { orient: 'v' | 'h' };
  narrow: boolean;
}

export function plotGeometry(width: number, height: number, domain: Domain): PlotGeometry {
  const narrow = width < 560;
  const m = narrow ? { top: 10, left: 46, right: 12, bottom: 104 } : { top: 14, left: 60, right: 104, bottom: 52 };
  const availW = Math.max(40, width - m.left - m.right);
  const availH = Math.max(40, height - m.top - m.bottom);
  const dw = domain.x[1] - domain.x[0];
  const dh = domain.y[1] - domain.y[0];
  const availRatio = availW / availH;
  // Equal aspect when it fits reasonably; otherwise stretch by at most 1.5×.
  const ratio = Math.min(availRatio * 1.5, Math.max(availRatio / 1.5, dw / dh));
  let w = availW;
  let h = w / ratio;
  if (h > availH) {
    h = availH;
    w = h * ratio;
  }
  const x = m.left + (availW - w) / 2;
  const y = m.top + (availH - h) / 2;
  const plot = { x, y, w, h };
  const sx = scaleLinear().domain(domain.x).range([x, x + w]);
  const sy = scaleLinear().domain(domain.y).range([y + h, y]);
  const colorbar = narrow
    ? { orient: 'h' as const, x, y: y + h + 62, w, h: 14 }
    : { orient: 'v' as const, x: x + w + 22, y, w: 16, h };
  return { width, height, plot, sx, sy, colorbar, narrow };
}
