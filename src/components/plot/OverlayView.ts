/**
 * The explanation overlay on the contour plot (SVG, a `{ update, destroy }` factory): for the
 * explained racer's step t, arrows from θₜ₋₁ — the plain gradient step −γg, what momentum or the
 * first moment contributes, weight decay, Newton's step — and the step actually taken, which ends
 * on the racer's marker; for adaptive methods the step's two coordinate moves, with each
 * coordinate's own step size in the legend. Styles differ in dash pattern as well as colour
 * (Okabe–Ito), and every arrow has a white halo, so they read on any part of the colour map and
 * without colour.
 *
 * All arrows of a step share one scale, so their lengths compare. A step too small to see is
 * magnified by a round factor (said in the legend; never past the plot's edge); an arrow still
 * shorter than MIN_PX is drawn at MIN_PX; labels give the true lengths. An arrow longer than the
 * plot (a gradient before clipping, far larger than the step) is cut at the plot's edge and ends
 * in two bars instead of a head, as an axis break, and the legend says so.
 */
import { select } from 'd3';
import { fmtNum } from '../../explain/format';
import type { ArrowId, StepExplanation } from '../../explain/quantities';
import type { PlotGeometry } from '../../plot/geometry';

export const ARROW_STYLES: Record<ArrowId | 'components', { color: string; dash: string; width: number }> = {
  step: { color: '#000000', dash: '', width: 3 },
  newton: { color: '#000000', dash: '', width: 3 },
  grad: { color: '#D55E00', dash: '7 4', width: 2.5 },
  // Clipping: the gradient step after it as the plain one; before it thin and dotted, same colour.
  gradClipped: { color: '#D55E00', dash: '7 4', width: 2.5 },
  gradRaw: { color: '#D55E00', dash: '1.5 2.5', width: 1.75 },
  velocity: { color: '#0072B2', dash: '10 3 2 3', width: 2.5 },
  moment: { color: '#0072B2', dash: '10 3 2 3', width: 2.5 },
  momentumPart: { color: '#0072B2', dash: '10 3 2 3', width: 2.5 },
  gradPart: { color: '#CC79A7', dash: '4 3', width: 2.5 },
  decay: { color: '#009E73', dash: '1.5 3', width: 2.5 },
  direction: { color: '#0072B2', dash: '10 3 2 3', width: 2.5 },
  trial: { color: '#CC79A7', dash: '2 3', width: 1.25 },
  perturb: { color: '#E69F00', dash: '6 3', width: 2.5 },
  perturbedGrad: { color: '#D55E00', dash: '7 4', width: 2.5 },
  zPoint: { color: '#0072B2', dash: '2 3', width: 1.25 },
  yPoint: { color: '#009E73', dash: '2 3', width: 1.25 },
  components: { color: '#000000', dash: '3 3', width: 1.25 },
};

/** Pixel length the longest arrow is magnified to, at least (when it fits in the plot). */
export const TARGET_PX = 32;
/** Shortest arrow drawn. */
export const MIN_PX = 14;

export interface OverlayLabels {
  title: string;
  names: Record<ArrowId, string>;
  components: string;
  scaled: (k: string) => string;
  /** The legend's note when an arrow is cut at the plot's edge. */
  cut: string;
  /** Names of θ's coordinates, for the component labels. */
  axes: [string, string];
}

/** What the overlay draws: a step's arrows with their labels, or nothing (ex: null). */
export type OverlayInput = { geo: PlotGeometry } & ({ ex: StepExplanation; labels: OverlayLabels } | { ex: null });

/** The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ x. */
export function niceCeil(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** The largest of 1, 2, 5, 10, 20, 50, … that is ≤ x (1 for x < 1). */
export function niceFloor(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [10, 5, 2, 1]) if (m * p <= x) return m * p;
  return p;
}

interface Drawn {
  id: ArrowId | 'components';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  head: boolean;
  /** A point: a round marker at (x2, y2) instead of an arrowhead. */
  marker?: boolean;
  /** Cut at the plot's edge, (x2, y2) (it goes on beyond): two bars there instead of a head. */
  cut?: boolean;
  label: string;
  lx: number;
  ly: number;
  anchor: 'start' | 'middle' | 'end';
}

/** The arrows of a step in pixels (pure; exported for tests). */
export function layoutArrows(
  geo: PlotGeometry,
  ex: StepExplanation,
  labels: OverlayLabels,
  avoid: Box[] = [],
): { arrows: Drawn[]; magnify: number; componentsText: string; ellipse: string; cut: boolean } {
  const { sx, sy } = geo;
  const ox = sx(ex.from[0]);
  const oy = sy(ex.from[1]);
  const kx = sx(1) - sx(0);
  const ky = sy(1) - sy(0);
  // Each arrow's end (its start offset plus its vector) in pixels from θₜ₋₁, for the scale.
  const px = ex.arrows.map((a) => [a.v[0] * kx, a.v[1] * ky] as [number, number]);
  const offs = ex.arrows.map((a) => (a.from ? ([a.from[0] * kx, a.from[1] * ky] as [number, number]) : ([0, 0] as [number, number])));
  const ends = px.map((p, i) => [p[0] + offs[i][0], p[1] + offs[i][1]] as [number, number]);
  const extent = [...ends];
  if (ex.ellipse) for (const a of ex.ellipse) extent.push([Math.abs(a[0] * kx), Math.abs(a[1] * ky)]);
  const longest = Math.max(0, ...extent.map((p) => Math.hypot(p[0], p[1])).filter(Number.isFinite));
  // Magnify tiny steps, but not beyond the plot's edges.
  const { plot } = geo;
  let fits = Infinity;
  for (const [dx, dy] of extent) {
    if (dx > 0) fits = Math.min(fits, (plot.x + plot.w - ox) / dx);
    if (dx < 0) fits = Math.min(fits, (plot.x - ox) / dx);
    if (dy > 0) fits = Math.min(fits, (plot.y + plot.h - oy) / dy);
    if (dy < 0) fits = Math.min(fits, (plot.y - oy) / dy);
  }
  const magnify = longest > 0 && longest < TARGET_PX ? Math.min(niceCeil(TARGET_PX / longest), niceFloor(fits)) : 1;
  const out: Drawn[] = [];
  const place = (x2: number, y2: number, dx: number, dy: number) => {
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    return { lx: x2 + ux * 8, ly: y2 + uy * 8 + 4, anchor: ux > 0.3 ? ('start' as const) : ux < -0.3 ? ('end' as const) : ('middle' as const) };
  };
  let stepTip: [number, number] | null = null;
  let componentsText = '';
  let anyCut = false;
  // Where a direction from inside the plot leaves it: the plot less a margin for the bars.
  const edge = { x0: plot.x + CUT_MARGIN, x1: plot.x + plot.w - CUT_MARGIN, y0: plot.y + CUT_MARGIN, y1: plot.y + plot.h - CUT_MARGIN };
  ex.arrows.forEach((a, i) => {
    let [dx, dy] = px[i];
    const len = Math.hypot(dx, dy);
    if (!(len > 0) || !Number.isFinite(len)) return;
    dx *= magnify;
    dy *= magnify;
    const l = len * magnify;
    // A point is drawn where it is; only directions get a minimum length.
    if (l < MIN_PX && !a.marker) {
      dx *= MIN_PX / l;
      dy *= MIN_PX / l;
    }
    const x1 = ox + offs[i][0] * magnify;
    const y1 = oy + offs[i][1] * magnify;
    let x2 = x1 + dx;
    let y2 = y1 + dy;
    if (a.id === 'step' || a.id === 'newton') stepTip = [x2, y2];
    // A point is labelled by its symbol alone; a direction also by its length.
    const label = a.marker ? a.sym : `${a.sym} ${fmtNum(Math.hypot(a.v[0], a.v[1]), 3)}`;
    const f = a.marker ? 1 : exitFraction(x1, y1, dx, dy, edge);
    const cut = f < 1;
    if (cut) {
      x2 = x1 + f * dx;
      y2 = y1 + f * dy;
      anyCut = true;
    }
    out.push({ id: a.id, x1, y1, x2, y2, head: !a.marker && !cut, marker: a.marker === true, cut, label, ...place(x2, y2, dx, dy) });
  });
  // The ellipse's outline, as an SVG path (64 segments), scaled as the arrows are.
  let ellipse = '';
  if (ex.ellipse) {
    const [[ax, ay], [bx, by]] = ex.ellipse;
    const pts: string[] = [];
    for (let j = 0; j <= 64; j++) {
      const s = (2 * Math.PI * j) / 64;
      const c = Math.cos(s);
      const n = Math.sin(s);
      pts.push(`${(ox + (c * ax + n * bx) * kx * magnify).toFixed(2)},${(oy + (c * ay + n * by) * ky * magnify).toFixed(2)}`);
    }
    if (pts.every((p) => !p.includes('NaN') && !p.includes('Infinity'))) ellipse = `M${pts.join('L')}Z`;
  }
  const tip = stepTip as [number, number] | null;
  if (ex.perCoord && tip) {
    const [tx, ty] = tip;
    const [ax, ay] = labels.axes;
    const { sym, v } = ex.perCoord;
    // The step as its two coordinate moves: along the first axis, then along the second. Each
    // coordinate's own step size is given in the legend (labels here would crowd the racer).
    if (Math.abs(tx - ox) >= 1) out.push({ id: 'components', x1: ox, y1: oy, x2: tx, y2: oy, head: false, label: '', lx: 0, ly: 0, anchor: 'start' });
    if (Math.abs(ty - oy) >= 1) out.push({ id: 'components', x1: tx, y1: oy, x2: tx, y2: ty, head: false, label: '', lx: 0, ly: 0, anchor: 'start' });
    componentsText = `${sym}(${ax}) ${fmtNum(v[0], 3)} · ${sym}(${ay}) ${fmtNum(v[1], 3)}`;
  }
  // Labels inside the plot, apart from each other and from the legend (estimated text boxes).
  const boxes = [...avoid];
  for (const d of out) {
    if (!d.label) continue;
    const w = d.label.length * 6.8;
    let x0 = d.anchor === 'start' ? d.lx : d.anchor === 'end' ? d.lx - w : d.lx - w / 2;
    x0 = Math.max(plot.x + 3, Math.min(plot.x + plot.w - 3 - w, x0));
    d.anchor = 'start';
    d.lx = x0;
    d.ly = Math.max(plot.y + 14, Math.min(plot.y + plot.h - 5, d.ly));
    // Try the places nearest the tip first, alternating below and above; labels stay off the
    // other labels, the legend and the arrows themselves.
    const y = d.ly;
    for (let tries = 0; tries < 12; tries++) {
      const off = tries === 0 ? 0 : (tries % 2 ? 1 : -1) * 15 * Math.ceil(tries / 2);
      const ly = Math.max(plot.y + 14, Math.min(plot.y + plot.h - 5, y + off));
      const box = { x0, x1: x0 + w, y0: ly - 11, y1: ly + 3 };
      const free =
        !boxes.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1) &&
        !out.some((a) => segmentHitsBox(a.x1, a.y1, a.x2, a.y2, box));
      if (free || tries === 11) {
        d.ly = ly;
        boxes.push(box);
        break;
      }
    }
  }
  return { arrows: out, magnify, componentsText, ellipse, cut: anyCut };
}

/** Pixels kept between a cut arrow's end and the plot's edge (room for its bars). */
const CUT_MARGIN = 6;

/**
 * How much of the segment from (x, y) along (dx, dy) lies in the box before it leaves it: 1 when it
 * ends inside, or when it starts outside (the plot's clip then hides what is out).
 */
export function exitFraction(x: number, y: number, dx: number, dy: number, b: Box): number {
  if (x < b.x0 || x > b.x1 || y < b.y0 || y > b.y1) return 1;
  let f = 1;
  if (dx > 0) f = Math.min(f, (b.x1 - x) / dx);
  if (dx < 0) f = Math.min(f, (b.x0 - x) / dx);
  if (dy > 0) f = Math.min(f, (b.y1 - y) / dy);
  if (dy < 0) f = Math.min(f, (b.y0 - y) / dy);
  return f;
}

/** Two bars across a cut arrow's end, as an axis break (filled thin rectangles). */
function breakPath(d: Drawn, size: number): string {
  const [ux, uy] = unit(d);
  const w = size * 0.55;
  const t = 1.3;
  const bar = (back: number) => {
    const cx = d.x2 - ux * back;
    const cy = d.y2 - uy * back;
    const pts = [
      [cx + ux * t - uy * w, cy + uy * t + ux * w],
      [cx + ux * t + uy * w, cy + uy * t - ux * w],
      [cx - ux * t + uy * w, cy - uy * t - ux * w],
      [cx - ux * t - uy * w, cy - uy * t + ux * w],
    ];
    return `M${pts.map((p) => `${p[0].toFixed(2)},${p[1].toFixed(2)}`).join('L')}Z`;
  };
  return bar(0) + bar(5);
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Does the segment (x1, y1)–(x2, y2) cross the box? (Liang–Barsky clipping.) */
export function segmentHitsBox(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges: [number, number][] = [
    [-dx, x1 - b.x0],
    [dx, b.x1 - x1],
    [-dy, y1 - b.y0],
    [dy, b.y1 - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The unit vector along a drawn arrow, from its start to its end. */
function unit(d: Drawn): [number, number] {
  const dx = d.x2 - d.x1;
  const dy = d.y2 - d.y1;
  const len = Math.hypot(dx, dy) || 1;
  return [dx / len, dy / len];
}

function headPath(d: Drawn, size: number): string {
  const [ux, uy] = unit(d);
  const bx = d.x2 - ux * size;
  const by = d.y2 - uy * size;
  const w = size * 0.5;
  return `M${d.x2},${d.y2}L${bx - uy * w},${by + ux * w}L${bx + uy * w},${by - ux * w}Z`;
}

/** A round marker of radius 4.5 at the tip (a point, not a direction). */
function markerPath(d: Drawn): string {
  const r = 4.5;
  return `M${d.x2 - r},${d.y2}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
}

let clipSeq = 0;

export function createOverlayView(svgEl: SVGSVGElement) {
  const svg = select(svgEl);
  const clipId = `overlay-clip-${++clipSeq}`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const gEllipse = svg.append('g').attr('class', 'ov-ellipse').attr('clip-path', `url(#${clipId})`);
  const gArrows = svg.append('g').attr('class', 'ov-arrows').attr('clip-path', `url(#${clipId})`);
  const gLabels = svg.append('g').attr('class', 'ov-labels').attr('clip-path', `url(#${clipId})`);
  const gLegend = svg.append('g').attr('class', 'ov-legend');
  let legendKey = '';

  function clear(): void {
    gEllipse.selectAll('*').remove();
    gArrows.selectAll('*').remove();
    gLabels.selectAll('*').remove();
    gLegend.selectAll('*').remove();
    legendKey = '';
  }

  function update(input: OverlayInput): void {
    const { geo } = input;
    svg.attr('width', geo.width).attr('height', geo.height).attr('viewBox', `0 0 ${geo.width} ${geo.height}`);
    const { plot } = geo;
    clipRect.attr('x', plot.x).attr('y', plot.y).attr('width', plot.w).attr('height', plot.h);
    if (!input.ex) {
      clear();
      svgEl.dataset.step = '';
      return;
    }
    const { ex, labels } = input;
    svgEl.dataset.step = String(ex.t);
    // A first layout for the legend's content and place, then the labels avoiding the legend.
    const first = layoutArrows(geo, ex, labels);
    // Drawn bottom to top: components, the step taken (thick, solid), then the dashed arrows, so a
    // dashed arrow along the step still shows. The legend lists the step first.
    const rank = (id: Drawn['id']) => (id === 'components' ? 0 : id === 'step' || id === 'newton' ? 1 : 2);
    const legendRank = (id: Drawn['id']) => (id === 'step' || id === 'newton' ? 0 : id === 'components' ? 2 : 1);
    const ids = [...new Set(first.arrows.map((d) => d.id))].sort((a, b) => legendRank(a) - legendRank(b));
    const rows = ids.map((id) => ({ id, text: id === 'components' ? labels.components : labels.names[id] }));
    const notes = [
      ...(first.componentsText ? [first.componentsText] : []),
      ...(first.magnify > 1 ? [labels.scaled(String(first.magnify))] : []),
      ...(first.cut ? [labels.cut] : []),
    ];
    const lines = [labels.title, ...rows.map((r) => r.text), ...notes];
    const charW = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 6.8), 0);
    // Rounded up, so the box does not twitch as the numbers in it change from step to step.
    const width = Math.min(plot.w - 8, Math.ceil((Math.max(...lines.map(charW)) + 44) / 24) * 24);
    const height = 10 + 16 * lines.length;
    const ox = geo.sx(ex.from[0]);
    const oy = geo.sy(ex.from[1]);
    const left = ox > plot.x + plot.w / 2;
    const top = oy > plot.y + plot.h / 2;
    const lx = left ? plot.x + 4 : plot.x + plot.w - 4 - width;
    const ly = top ? plot.y + 4 : plot.y + plot.h - 4 - height;
    const { arrows, ellipse } = layoutArrows(geo, ex, labels, [{ x0: lx, x1: lx + width, y0: ly, y1: ly + height }]);
    // Shampoo's preconditioner: a haloed outline under the arrows.
    gEllipse
      .selectAll<SVGPathElement, string>('path')
      .data(ellipse ? [ellipse, ellipse] : [])
      .join('path')
      .attr('class', (_, i) => (i === 0 ? 'ov-halo' : 'ov-ellipse-line'))
      .attr('d', (d) => d)
      .attr('fill', 'none')
      .attr('stroke', (_, i) => (i === 0 ? null : '#56B4E9'))
      .attr('stroke-width', (_, i) => (i === 0 ? 5 : 2))
      .attr('stroke-dasharray', (_, i) => (i === 0 ? null : '5 3'));
    svgEl.dataset.ellipse = ellipse ? '1' : '';
    const sorted = [...arrows].sort((a, b) => rank(a.id) - rank(b.id));
    const g = gArrows
      .selectAll<SVGGElement, Drawn>('g.ov-arrow')
      .data(sorted)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'ov-arrow');
        e.append('line').attr('class', 'ov-halo');
        e.append('path').attr('class', 'ov-head-halo');
        e.append('line').attr('class', 'ov-line');
        e.append('path').attr('class', 'ov-head');
        return e;
      })
      .attr('data-arrow', (d) => d.id)
      .attr('data-cut', (d) => (d.cut ? '1' : null));
    g.selectAll<SVGLineElement, Drawn>('line')
      .data((d) => [d, d])
      .attr('x1', (d) => d.x1)
      .attr('y1', (d) => d.y1)
      .attr('x2', (d) => d.x2)
      .attr('y2', (d) => d.y2);
    g.select<SVGLineElement>('.ov-halo').attr('stroke-width', (d) => ARROW_STYLES[d.id].width + 3.5);
    g.select<SVGLineElement>('.ov-line')
      .attr('stroke', (d) => ARROW_STYLES[d.id].color)
      .attr('stroke-width', (d) => ARROW_STYLES[d.id].width)
      .attr('stroke-dasharray', (d) => ARROW_STYLES[d.id].dash || null);
    const size = (d: Drawn) => 6 + 2 * ARROW_STYLES[d.id].width;
    const tip = (d: Drawn) => (d.head ? headPath(d, size(d)) : d.marker ? markerPath(d) : d.cut ? breakPath(d, size(d)) : '');
    g.select<SVGPathElement>('.ov-head-halo').attr('d', tip);
    g.select<SVGPathElement>('.ov-head')
      .attr('d', tip)
      .attr('fill', (d) => ARROW_STYLES[d.id].color);

    gLabels
      .selectAll<SVGTextElement, Drawn>('text')
      .data(sorted.filter((d) => d.label))
      .join('text')
      .attr('class', 'ov-label')
      .attr('x', (d) => d.lx)
      .attr('y', (d) => d.ly)
      .attr('text-anchor', (d) => d.anchor)
      .attr('fill', (d) => (d.id === 'components' ? '#000000' : ARROW_STYLES[d.id].color))
      .text((d) => d.label);

    // Legend, in the plot corner farthest from the arrows; rebuilt only when its rows or place
    // change, else only its texts (the step, the step sizes) are updated.
    const key = `${rows.map((r) => `${r.id}:${r.text}`).join('|')}#${notes.length}#${lx},${ly},${width}`;
    if (key === legendKey) {
      gLegend.select('.ov-legend-title').text(labels.title);
      gLegend.selectAll<SVGTextElement, unknown>('.ov-legend-note').text((_, i) => notes[i]);
      return;
    }
    legendKey = key;
    gLegend.selectAll('*').remove();
    gLegend.attr('transform', `translate(${lx},${ly})`);
    gLegend.append('rect').attr('class', 'ov-legend-box').attr('width', width).attr('height', height).attr('rx', 6);
    gLegend.append('text').attr('class', 'ov-legend-title').attr('x', 8).attr('y', 17).text(labels.title);
    rows.forEach((r, i) => {
      const y = 17 + 16 * (i + 1);
      const st = ARROW_STYLES[r.id];
      gLegend.append('line').attr('class', 'ov-halo').attr('x1', 8).attr('x2', 32).attr('y1', y - 4).attr('y2', y - 4).attr('stroke-width', st.width + 3);
      gLegend
        .append('line')
        .attr('x1', 8)
        .attr('x2', 32)
        .attr('y1', y - 4)
        .attr('y2', y - 4)
        .attr('stroke', st.color)
        .attr('stroke-width', st.width)
        .attr('stroke-dasharray', st.dash || null);
      gLegend.append('text').attr('class', 'ov-legend-text').attr('x', 38).attr('y', y).text(r.text);
    });
    notes.forEach((n, i) => {
      gLegend
        .append('text')
        .attr('class', 'ov-legend-note')
        .attr('x', 8)
        .attr('y', 17 + 16 * (rows.length + 1 + i))
        .text(n);
    });
  }

  return {
    update,
    destroy(): void {
      svg.selectAll('*').remove();
    },
  };
}
