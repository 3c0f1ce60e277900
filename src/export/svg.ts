/**
 * The contour plot as a standalone vector SVG (DOM-free: a string in, a string out), for
 * "Plot as SVG" and for the frames of the GIF:
 *
 *   filled contours (one path per level, from the grid's ContourSet) and contour lines, axes with
 *   ticks, the colour bar, critical points, the start, each visible racer's path as a polyline
 *   with its marker at the current step, and a legend below the plot.
 *
 * The layout is the page's (plotGeometry), the colours are passed in (the page's theme), and every
 * style is an attribute: the file needs no CSS and opens in browsers, Inkscape and Illustrator.
 * `layers` draws a part only: 'static' (everything but the paths) and 'paths' (the paths, the
 * markers and the step, on a transparent background) are the two layers of a GIF frame.
 */
import type { RunResult } from '../engine/types';
import { bandColor } from '../plot/bands';
import { plotGeometry, tickCounts } from '../plot/geometry';
import { fmt, markerPath, prettyAxis } from '../plot/marks';
import { pointsAt } from '../plot/sample';
import type { Shape } from '../plot/palette';
import type { CriticalPoint, Domain } from '../surfaces/types';
import type { ContourSet } from '../worker/api';

export interface PlotRacer {
  label: string;
  /** '#rrggbb'. */
  color: string;
  shape: Shape;
  dash: readonly number[];
  visible: boolean;
  /** Its run, or null while none is computed. */
  run: RunResult | null;
}

export interface PlotTheme {
  background: string;
  foreground: string;
  muted: string;
  contourLine: string;
  halo: string;
  critFill: string;
  critStroke: string;
  font: string;
}

export const LIGHT_PLOT_THEME: PlotTheme = {
  background: '#ffffff',
  foreground: '#16181d',
  muted: '#4b5260',
  contourLine: 'rgba(20, 20, 30, 0.32)',
  halo: 'rgba(255, 255, 255, 0.9)',
  critFill: '#ffffff',
  critStroke: '#111111',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
};

export interface PlotLabels {
  colorbar: string;
  colorbarLog: string;
  min: string;
  localMin: string;
  saddle: string;
  start: string;
  noL2: string;
  /** Appended to a minimum found numerically (the custom surface), e.g. "(found numerically)". */
  numerical?: string;
  /** "Step {step} / {steps}" already formatted, or empty for none. */
  step: string;
  /** Appended to a diverged racer's legend entry once the step reaches it, e.g. "diverged at step 12". */
  diverged: (step: number) => string;
}

export interface PlotSvgInput {
  /** The whole picture, legend included. */
  width: number;
  height: number;
  domain: Domain;
  axes: [string, string];
  /** Filled-contour geometry, or null (then only a blank plot). */
  contours: ContourSet | null;
  /** The domain the contours were computed on (the colour is drawn only there); all when absent. */
  contourDomain?: Domain;
  logLevels: boolean;
  critical: readonly CriticalPoint[];
  /** Are the critical points those of f without l2 (l2 > 0)? */
  criticalApprox: boolean;
  start: [number, number];
  racers: readonly PlotRacer[];
  step: number;
  theme: PlotTheme;
  labels: PlotLabels;
}

/**
 * 'all': the whole picture; 'static': all but the paths (a GIF's background); 'paths': the paths,
 * markers and step on a transparent background (a GIF frame's overlay); 'legend': the legend alone,
 * `legendHeight` high (below a composed PNG).
 */
export type PlotLayers = 'all' | 'static' | 'paths' | 'legend';

const LEGEND_ROW = 22;
const LEGEND_PAD = 10;

/** A racer's legend entry: its label, and "diverged …" once the step has reached that point. */
function legendText(r: PlotRacer, step: number, labels: Pick<PlotLabels, 'diverged'> | null): string {
  const run = r.run;
  const diverged = labels && run && run.status === 'diverged' && run.divergedAt !== null && step >= run.divergedAt;
  return diverged ? `${r.label} — ${labels.diverged(run.divergedAt!)}` : r.label;
}

/** A rough width of text at 13px: Latin characters about 7.5px, CJK ones a full 13px. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 13 : 7.5;
  return w;
}

/** Legend layout: columns of equal width, as many as fit. */
function legendLayout(racers: readonly PlotRacer[], width: number, step = 0, labels: Pick<PlotLabels, 'diverged'> | null = null) {
  const shown = racers.filter((r) => r.visible);
  const inner = Math.max(40, width - 2 * LEGEND_PAD);
  const longest = shown.reduce((m, r) => Math.max(m, textWidth(legendText(r, step, labels))), 0);
  const colW = Math.min(inner, Math.max(150, longest + 60));
  const cols = Math.max(1, Math.floor(inner / colW));
  const rows = Math.ceil(shown.length / cols);
  return { shown, colW: inner / cols, cols, rows, height: rows ? rows * LEGEND_ROW + 2 * LEGEND_PAD : 0 };
}

/** Height of the legend below the plot at this width (0 without visible racers). */
export function legendHeight(input: Pick<PlotSvgInput, 'racers' | 'step' | 'labels'>, width: number): number {
  return legendLayout(input.racers, width, input.step, input.labels).height;
}

/** Text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate with two decimals (enough at any screen size; keeps the file small). */
function n2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/**
 * The steps shown by the frames of an animated race: every step for a short race, else `max`
 * steps spread evenly from 0 to the last.
 */
export function raceFrameSteps(steps: number, max = 90): number[] {
  const n = Math.max(1, Math.min(steps + 1, max));
  if (n === 1) return [0];
  return Array.from({ length: n }, (_, i) => Math.round((steps * i) / (n - 1)));
}

/** Builds the SVG document. */
export function plotSvg(input: PlotSvgInput, layers: PlotLayers = 'all'): string {
  const { width, height, theme, labels } = input;
  const legend = legendLayout(input.racers, width, input.step, labels);
  const font = escapeXml(theme.font);
  const open = (h: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" font-family="${font}">`;
  if (layers === 'legend') {
    return [open(legend.height), `<rect class="background" width="${width}" height="${legend.height}" fill="${escapeXml(theme.background)}"/>`, legendSvg(input, legend, 0), '</svg>'].join('\n');
  }
  const plotHeight = Math.max(120, height - legend.height);
  const geo = plotGeometry(width, plotHeight, input.domain);
  const { plot, sx, sy } = geo;
  const drawStatic = layers !== 'paths';
  const drawPaths = layers !== 'static';
  const out: string[] = [open(height)];
  out.push(
    `<defs><clipPath id="descent-plot-clip"><rect x="${n2(plot.x)}" y="${n2(plot.y)}" width="${n2(plot.w)}" height="${n2(plot.h)}"/></clipPath></defs>`,
  );

  if (drawStatic) {
    out.push(`<rect class="background" width="${width}" height="${height}" fill="${escapeXml(theme.background)}"/>`);
    out.push(contoursSvg(input, geo));
    out.push(axesSvg(input, geo));
    out.push(colorbarSvg(input, geo));
    out.push(marksSvg(input, geo));
  }
  if (drawPaths) out.push(pathsSvg(input, geo));
  if (drawStatic && legend.shown.length) out.push(legendSvg(input, legend, plotHeight));
  if (drawPaths && labels.step) {
    // A small badge in the plot's top-right corner, legible on any contour colour.
    const w = textWidth(labels.step) * 0.93 + 12;
    const x = plot.x + plot.w - w - 4;
    const y = plot.y + 4;
    out.push(
      `<g class="step-badge"><rect x="${n2(x)}" y="${n2(y)}" width="${n2(w)}" height="20" rx="4" fill="${escapeXml(theme.background)}" fill-opacity="0.85"/>` +
        `<text class="step" x="${n2(x + w / 2)}" y="${n2(y + 14)}" text-anchor="middle" font-size="12" fill="${escapeXml(theme.foreground)}">${escapeXml(labels.step)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

type Geo = ReturnType<typeof plotGeometry>;

function contoursSvg(input: PlotSvgInput, geo: Geo): string {
  const { plot, sx, sy } = geo;
  const c = input.contours;
  const parts: string[] = ['<g class="contours" clip-path="url(#descent-plot-clip)">'];
  const n = c ? c.thresholds.length : 0;
  let [gx0, gx1, gy0, gy1] = [plot.x, plot.x + plot.w, plot.y, plot.y + plot.h];
  const cd = input.contourDomain;
  if (cd) {
    gx0 = Math.max(gx0, sx(cd.x[0]));
    gx1 = Math.min(gx1, sx(cd.x[1]));
    gy0 = Math.max(gy0, sy(cd.y[1]));
    gy1 = Math.min(gy1, sy(cd.y[0]));
  }
  parts.push(`<rect x="${n2(plot.x)}" y="${n2(plot.y)}" width="${n2(plot.w)}" height="${n2(plot.h)}" fill="${escapeXml(input.theme.background)}"/>`);
  if (c && gx1 > gx0 && gy1 > gy0) parts.push(`<rect x="${n2(gx0)}" y="${n2(gy0)}" width="${n2(gx1 - gx0)}" height="${n2(gy1 - gy0)}" fill="${bandColor(0, n)}"/>`);
  if (c) {
    const ax = sx(1) - sx(0);
    const bx = sx(0);
    const ay = sy(1) - sy(0);
    const by = sy(0);
    const d: string[] = [];
    for (let k = 0; k < n; k++) {
      let s = '';
      for (let r = c.levelStart[k]; r < c.levelStart[k + 1]; r++) {
        const p0 = c.ringStart[r];
        const p1 = c.ringStart[r + 1];
        for (let p = p0; p < p1; p++) {
          s += `${p === p0 ? 'M' : 'L'}${n2(ax * c.coords[2 * p] + bx)} ${n2(ay * c.coords[2 * p + 1] + by)}`;
        }
        s += 'Z';
      }
      d.push(s);
    }
    // Each level's geometry once, filled in order, then all outlined as contour lines.
    parts.push('<defs>');
    d.forEach((s, k) => parts.push(`<path id="descent-level-${k}" d="${s}"/>`));
    parts.push('</defs>');
    d.forEach((s, k) => {
      if (s) parts.push(`<use xlink:href="#descent-level-${k}" fill="${bandColor(k + 1, n)}" fill-rule="evenodd"/>`);
    });
    parts.push(`<g class="contour-lines" fill="none" stroke="${escapeXml(input.theme.contourLine)}" stroke-width="0.9" stroke-linejoin="round">`);
    d.forEach((s, k) => {
      if (s) parts.push(`<use xlink:href="#descent-level-${k}"/>`);
    });
    parts.push('</g>');
  }
  parts.push('</g>');
  return parts.join('\n');
}

function axesSvg(input: PlotSvgInput, geo: Geo): string {
  const { plot, sx, sy, narrow, font } = geo;
  const f = font / 13;
  const { foreground, muted } = input.theme;
  const { nx, ny } = tickCounts(geo);
  const fx = sx.tickFormat(nx);
  const fy = sy.tickFormat(ny);
  const parts: string[] = [`<g class="axes" font-size="${n2(font)}" fill="${escapeXml(foreground)}">`];
  const bottom = plot.y + plot.h;
  for (const v of sx.ticks(nx)) {
    const x = n2(sx(v));
    parts.push(`<line x1="${x}" x2="${x}" y1="${n2(bottom)}" y2="${n2(bottom + 6 * f)}" stroke="${escapeXml(muted)}"/>`);
    parts.push(`<text x="${x}" y="${n2(bottom + 9 * f)}" dy="0.71em" text-anchor="middle">${escapeXml(fx(v))}</text>`);
  }
  for (const v of sy.ticks(ny)) {
    const y = n2(sy(v));
    parts.push(`<line x1="${n2(plot.x - 6 * f)}" x2="${n2(plot.x)}" y1="${y}" y2="${y}" stroke="${escapeXml(muted)}"/>`);
    parts.push(`<text x="${n2(plot.x - 9 * f)}" y="${y}" dy="0.32em" text-anchor="end">${escapeXml(fy(v))}</text>`);
  }
  parts.push(`<rect class="frame" x="${n2(plot.x)}" y="${n2(plot.y)}" width="${n2(plot.w)}" height="${n2(plot.h)}" fill="none" stroke="${escapeXml(muted)}"/>`);
  const lx = plot.x + plot.w / 2;
  const ly = bottom + (narrow ? 36 : 42) * f;
  parts.push(`<text x="${n2(lx)}" y="${n2(ly)}" text-anchor="middle" font-size="${n2(font * 1.15)}" font-weight="600" font-style="italic">${escapeXml(prettyAxis(input.axes[0]))}</text>`);
  const yx = plot.x - (narrow ? 34 : 44) * f;
  const yy = plot.y + plot.h / 2;
  parts.push(
    `<text transform="translate(${n2(yx)},${n2(yy)}) rotate(-90)" text-anchor="middle" font-size="${n2(font * 1.15)}" font-weight="600" font-style="italic">${escapeXml(
      prettyAxis(input.axes[1]),
    )}</text>`,
  );
  parts.push('</g>');
  return parts.join('\n');
}

function colorbarSvg(input: PlotSvgInput, geo: Geo): string {
  const c = input.contours;
  if (!c) return '';
  const cb = geo.colorbar;
  const th = Array.from(c.thresholds);
  const n = th.length;
  const bands = n + 1;
  const vertical = cb.orient === 'v';
  const len = vertical ? cb.h : cb.w;
  const bandLen = len / bands;
  const { foreground, muted } = input.theme;
  const f = geo.font / 13;
  const parts: string[] = [`<g class="colorbar" font-size="${n2(geo.font)}" fill="${escapeXml(foreground)}">`];
  for (let b = 0; b < bands; b++) {
    const fill = bandColor(b, n);
    if (vertical) parts.push(`<rect x="${n2(cb.x)}" y="${n2(cb.y + cb.h - (b + 1) * bandLen)}" width="${n2(cb.w)}" height="${n2(bandLen + 0.5)}" fill="${fill}"/>`);
    else parts.push(`<rect x="${n2(cb.x + b * bandLen)}" y="${n2(cb.y)}" width="${n2(bandLen + 0.5)}" height="${n2(cb.h)}" fill="${fill}"/>`);
  }
  parts.push(`<rect x="${n2(cb.x)}" y="${n2(cb.y)}" width="${n2(cb.w)}" height="${n2(cb.h)}" fill="none" stroke="${escapeXml(muted)}"/>`);
  const maxLabels = vertical ? Math.max(3, Math.floor(len / (42 * f))) : Math.max(3, Math.floor(len / (70 * f)));
  const every = Math.max(1, Math.ceil(n / maxLabels));
  for (let k = 0; k < n; k += every) {
    const pos = (k + 1) * bandLen;
    const text = escapeXml(fmt(th[k], 3));
    if (vertical) {
      const y = n2(cb.y + cb.h - pos);
      parts.push(`<line x1="${n2(cb.x + cb.w)}" x2="${n2(cb.x + cb.w + 4 * f)}" y1="${y}" y2="${y}" stroke="${escapeXml(muted)}"/>`);
      parts.push(`<text x="${n2(cb.x + cb.w + 7 * f)}" y="${y}" dy="0.35em">${text}</text>`);
    } else {
      const x = n2(cb.x + pos);
      parts.push(`<line x1="${x}" x2="${x}" y1="${n2(cb.y + cb.h)}" y2="${n2(cb.y + cb.h + 4 * f)}" stroke="${escapeXml(muted)}"/>`);
      parts.push(`<text x="${x}" y="${n2(cb.y + cb.h + 16 * f)}" text-anchor="middle">${text}</text>`);
    }
  }
  const title = escapeXml(input.logLevels ? input.labels.colorbarLog : input.labels.colorbar);
  if (vertical) parts.push(`<text transform="translate(${n2(cb.x + cb.w + 56 * f)},${n2(cb.y + cb.h / 2)}) rotate(90)" text-anchor="middle" font-weight="600">${title}</text>`);
  else parts.push(`<text x="${n2(cb.x)}" y="${n2(cb.y - 5 * f)}" font-weight="600">${title}</text>`);
  parts.push('</g>');
  return parts.join('\n');
}

function marksSvg(input: PlotSvgInput, geo: Geo): string {
  const { sx, sy, plot } = geo;
  const { labels, theme } = input;
  const inside = (p: readonly [number, number]) =>
    sx(p[0]) >= plot.x - 1 && sx(p[0]) <= plot.x + plot.w + 1 && sy(p[1]) >= plot.y - 1 && sy(p[1]) <= plot.y + plot.h + 1;
  const parts: string[] = ['<g class="critical">'];
  if (input.contours) {
    for (const c of input.critical) {
      if (!inside(c.point)) continue;
      const min = c.kind === 'min';
      const fill = min && !c.global ? '#d9d9d9' : theme.critFill;
      const name = min ? (c.global ? labels.min : labels.localMin) : labels.saddle;
      const title = `${name} (${fmt(c.point[0], 4)}, ${fmt(c.point[1], 4)}), f = ${fmt(c.value, 4)}${input.criticalApprox ? ' ' + labels.noL2 : ''}${
        c.numerical && labels.numerical ? ' ' + labels.numerical : ''
      }`;
      parts.push(
        `<path transform="translate(${n2(sx(c.point[0]))},${n2(sy(c.point[1]))})" d="${markerPath(min ? 'star' : 'times', min ? (c.global ? 170 : 90) : 110)}" fill="${escapeXml(
          fill,
        )}"${input.criticalApprox ? ' fill-opacity="0.45"' : ''} stroke="${escapeXml(theme.critStroke)}" stroke-width="1.4"><title>${escapeXml(title)}</title></path>`,
      );
    }
  }
  parts.push('</g>');
  const [x, y] = input.start;
  parts.push(
    `<g class="start" transform="translate(${n2(sx(x))},${n2(sy(y))})"><title>${escapeXml(`${labels.start} (${fmt(x, 4)}, ${fmt(y, 4)})`)}</title>` +
      `<circle r="8" fill="none" stroke="#ffffff" stroke-width="2.5"/><circle r="3" fill="#ffffff" stroke="#000000" stroke-width="1"/></g>`,
  );
  return parts.join('\n');
}

function pathsSvg(input: PlotSvgInput, geo: Geo): string {
  const { sx, sy, plot } = geo;
  const ax = sx(1) - sx(0);
  const bx = sx(0);
  const ay = sy(1) - sy(0);
  const by = sy(0);
  const defs: string[] = [];
  const lines: string[] = [];
  const marks: string[] = [];
  input.racers.forEach((r, i) => {
    if (!r.visible || !r.run) return;
    const run = r.run;
    const count = run.path.length / 2;
    if (count === 0) return;
    const n = pointsAt(run.index, count, input.step);
    // Points closer than half a pixel to the last kept one add nothing to the picture.
    const pts: string[] = [];
    let lx = NaN;
    let ly = NaN;
    for (let k = 0; k < n; k++) {
      const X = ax * run.path[2 * k] + bx;
      const Y = ay * run.path[2 * k + 1] + by;
      if (k === 0 || k === n - 1 || (X - lx) ** 2 + (Y - ly) ** 2 >= 0.25) {
        pts.push(`${n2(X)},${n2(Y)}`);
        lx = X;
        ly = Y;
      }
    }
    if (pts.length === 1) pts.push(pts[0]);
    const id = `descent-path-${i}`;
    const label = escapeXml(r.label);
    const color = escapeXml(r.color);
    defs.push(`<polyline id="${id}" class="racer-path" data-racer="${i}" points="${pts.join(' ')}"><title>${label}</title></polyline>`);
    const dash = r.dash.length ? ` stroke-dasharray="${r.dash.join(' ')}"` : '';
    lines.push(`<use xlink:href="#${id}" stroke="${escapeXml(input.theme.halo)}" stroke-width="5.5"/>`);
    lines.push(`<use xlink:href="#${id}" stroke="${color}" stroke-width="2.75"${dash}/>`);
    const X = ax * run.path[2 * (n - 1)] + bx;
    const Y = ay * run.path[2 * (n - 1) + 1] + by;
    if (!(X > plot.x - 1 && X < plot.x + plot.w + 1 && Y > plot.y - 1 && Y < plot.y + plot.h + 1)) return;
    const diverged = run.status === 'diverged' && run.divergedAt !== null && input.step >= run.divergedAt;
    const d = markerPath(diverged ? 'times' : r.shape, diverged ? 260 : 150);
    marks.push(
      `<g transform="translate(${n2(X)},${n2(Y)})"><path d="${d}" fill="none" stroke="${escapeXml(input.theme.halo)}" stroke-width="2.5"/>` +
        `<path d="${d}" fill="${color}" stroke="rgba(0,0,0,0.75)" stroke-width="1"/></g>`,
    );
  });
  return [
    `<defs>${defs.join('\n')}</defs>`,
    `<g class="paths" clip-path="url(#descent-plot-clip)" fill="none" stroke-linejoin="round" stroke-linecap="round">`,
    ...lines,
    '</g>',
    '<g class="markers">',
    ...marks,
    '</g>',
  ].join('\n');
}

function legendSvg(input: PlotSvgInput, layout: ReturnType<typeof legendLayout>, top: number): string {
  const { theme, labels } = input;
  const parts: string[] = [`<g class="legend" font-size="13" fill="${escapeXml(theme.foreground)}" transform="translate(${LEGEND_PAD},${n2(top + LEGEND_PAD)})">`];
  layout.shown.forEach((r, i) => {
    const x = (i % layout.cols) * layout.colW;
    const y = Math.floor(i / layout.cols) * LEGEND_ROW + LEGEND_ROW / 2;
    const text = legendText(r, input.step, labels);
    const dash = r.dash.length ? ` stroke-dasharray="${r.dash.join(' ')}"` : '';
    parts.push(
      `<g class="legend-item" transform="translate(${n2(x)},${n2(y)})">` +
        `<line x1="0" x2="26" y1="0" y2="0" stroke="${escapeXml(r.color)}" stroke-width="2.75"${dash}/>` +
        `<path transform="translate(13,0)" d="${markerPath(r.shape, 110)}" fill="${escapeXml(r.color)}" stroke="rgba(0,0,0,0.75)" stroke-width="1"/>` +
        `<text x="34" y="0" dy="0.35em">${escapeXml(text)}</text></g>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}
