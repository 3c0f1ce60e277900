/**
 * The static layers of the contour plot (a `{ update, destroy }` factory, after xyflow): filled
 * contours and contour lines on a DPR-aware canvas, axes, critical points, the start point and the
 * colour bar in SVG. Redrawn when the grid, the size, the start or the theme changes — never per frame.
 */
import { axisBottom, axisLeft, select } from 'd3';
import type { CriticalPoint } from '../../surfaces/types';
import type { GridResult } from '../../worker/api';
import type { PlotGeometry } from '../../plot/geometry';
import { bandColor } from '../../plot/bands';
import { cssVar, fitCanvas, fmt, markerPath, prettyAxis } from '../../plot/marks';
import { tickCounts } from '../../plot/geometry';

export interface ContourInput {
  geo: PlotGeometry;
  /** The grid, or null while the current surface's grid is being computed. */
  grid: GridResult | null;
  axes: [string, string];
  critical: CriticalPoint[];
  /** Are the critical points those of f without l2 (l2 > 0)? */
  criticalApprox: boolean;
  start: [number, number];
  theme: string;
  labels: { colorbar: string; colorbarLog: string; min: string; localMin: string; saddle: string; start: string; noL2: string; loading: string; numerical?: string };
}

export function createContourView(canvas: HTMLCanvasElement, svgEl: SVGSVGElement) {
  const svg = select(svgEl);
  const gBand = svg.append('g').attr('class', 'colorbar');
  const gAxisX = svg.append('g').attr('class', 'axis axis-x');
  const gAxisY = svg.append('g').attr('class', 'axis axis-y');
  const labelX = svg.append('text').attr('class', 'axis-label');
  const labelY = svg.append('text').attr('class', 'axis-label');
  const frame = svg.append('rect').attr('class', 'plot-frame');
  const gCrit = svg.append('g').attr('class', 'critical');
  const gStart = svg.append('g').attr('class', 'start-marker');
  const loading = svg.append('text').attr('class', 'plot-loading').attr('text-anchor', 'middle');

  function drawContours(input: ContourInput): void {
    const { geo, grid } = input;
    const ctx = fitCanvas(canvas, geo.width, geo.height);
    if (!ctx) return;
    ctx.clearRect(0, 0, geo.width, geo.height);
    if (!grid) return;
    const { plot, sx, sy } = geo;
    const { thresholds, levelStart, ringStart, coords } = grid.contours;
    const n = thresholds.length;
    // The grid's own domain within the plot (a grid computed for another view covers less).
    const gx0 = Math.max(plot.x, sx(grid.domain.x[0]));
    const gx1 = Math.min(plot.x + plot.w, sx(grid.domain.x[1]));
    const gy0 = Math.max(plot.y, sy(grid.domain.y[1]));
    const gy1 = Math.min(plot.y + plot.h, sy(grid.domain.y[0]));
    if (!(gx1 > gx0 && gy1 > gy0)) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(gx0, gy0, gx1 - gx0, gy1 - gy0);
    ctx.clip();
    ctx.fillStyle = bandColor(0, n);
    ctx.fillRect(gx0, gy0, gx1 - gx0, gy1 - gy0);
    const ax = sx(1) - sx(0);
    const bx = sx(0);
    const ay = sy(1) - sy(0);
    const by = sy(0);
    const trace = (k: number) => {
      ctx.beginPath();
      for (let r = levelStart[k]; r < levelStart[k + 1]; r++) {
        const p0 = ringStart[r];
        const p1 = ringStart[r + 1];
        for (let p = p0; p < p1; p++) {
          const X = ax * coords[2 * p] + bx;
          const Y = ay * coords[2 * p + 1] + by;
          if (p === p0) ctx.moveTo(X, Y);
          else ctx.lineTo(X, Y);
        }
        ctx.closePath();
      }
    };
    for (let k = 0; k < n; k++) {
      trace(k);
      ctx.fillStyle = bandColor(k + 1, n);
      ctx.fill('evenodd');
    }
    ctx.lineWidth = 0.9;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = cssVar('--contour-line', 'rgba(0,0,0,0.35)');
    for (let k = 0; k < n; k++) {
      trace(k);
      ctx.stroke();
    }
    ctx.restore();
    // For the e2e tests and `npm run bench:ui`: when the contour of a surface first shows.
    performance.mark('descent:contour');
  }

  function drawAxes(input: ContourInput): void {
    const { geo, axes } = input;
    const { plot, sx, sy } = geo;
    const { nx, ny } = tickCounts(geo);
    const f = geo.font / 13;
    svg.style('--plot-font', `${geo.font}px`);
    gAxisX
      .attr('transform', `translate(0,${plot.y + plot.h})`)
      .call(axisBottom(sx).ticks(nx).tickSizeOuter(0).tickSize(6 * f).tickPadding(3 * f));
    gAxisY
      .attr('transform', `translate(${plot.x},0)`)
      .call(axisLeft(sy).ticks(ny).tickSizeOuter(0).tickSize(6 * f).tickPadding(3 * f));
    gAxisX.attr('font-size', null);
    gAxisY.attr('font-size', null);
    labelX
      .attr('x', plot.x + plot.w / 2)
      .attr('y', plot.y + plot.h + (geo.narrow ? 36 : 42) * f)
      .attr('text-anchor', 'middle')
      .text(prettyAxis(axes[0]));
    labelY
      .attr('transform', `translate(${plot.x - (geo.narrow ? 34 : 44) * f},${plot.y + plot.h / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(prettyAxis(axes[1]));
    frame.attr('x', plot.x).attr('y', plot.y).attr('width', plot.w).attr('height', plot.h);
  }

  function drawMarks(input: ContourInput): void {
    const { geo, critical, labels } = input;
    const { sx, sy, plot } = geo;
    const inside = (p: [number, number]) =>
      sx(p[0]) >= plot.x - 1 && sx(p[0]) <= plot.x + plot.w + 1 && sy(p[1]) >= plot.y - 1 && sy(p[1]) <= plot.y + plot.h + 1;
    const pts = input.grid ? critical.filter((c) => inside(c.point)) : [];
    const sel = gCrit
      .selectAll<SVGPathElement, CriticalPoint>('path')
      .data(pts)
      .join('path')
      .attr('class', (d) => `crit crit-${d.kind}${d.kind === 'min' && !d.global ? ' crit-local' : ''}${input.criticalApprox ? ' crit-approx' : ''}`)
      .attr('transform', (d) => `translate(${sx(d.point[0])},${sy(d.point[1])})`)
      .attr('d', (d) => markerPath(d.kind === 'min' ? 'star' : 'times', d.kind === 'min' ? (d.global ? 170 : 90) : 110));
    sel
      .selectAll('title')
      .data((d) => [d])
      .join('title')
      .text(
        (d) =>
          `${d.kind === 'min' ? (d.global ? labels.min : labels.localMin) : labels.saddle} (${fmt(d.point[0], 4)}, ${fmt(d.point[1], 4)}), f = ${fmt(d.value, 4)}${
            input.criticalApprox ? ' ' + labels.noL2 : ''
          }${d.numerical && labels.numerical ? ' ' + labels.numerical : ''}`,
      );
    const [x, y] = input.start;
    gStart
      .attr('transform', `translate(${sx(x)},${sy(y)})`)
      .selectAll('circle')
      .data([0, 1])
      .join('circle')
      .attr('r', (d) => (d ? 3 : 8))
      .attr('class', (d) => (d ? 'start-dot' : 'start-ring'));
    gStart.selectAll('title').data([0]).join('title').text(`${labels.start} (${fmt(x, 4)}, ${fmt(y, 4)})`);
    loading
      .attr('x', plot.x + plot.w / 2)
      .attr('y', plot.y + plot.h / 2)
      .text(input.grid ? '' : labels.loading);
  }

  function drawColorbar(input: ContourInput): void {
    const { geo, grid, labels } = input;
    const cb = geo.colorbar;
    gBand.selectAll('*').remove();
    if (!grid) return;
    const th = Array.from(grid.contours.thresholds);
    const n = th.length;
    const bands = n + 1;
    const vertical = cb.orient === 'v';
    const len = vertical ? cb.h : cb.w;
    const bandLen = len / bands;
    for (let b = 0; b < bands; b++) {
      const r = gBand.append('rect').attr('fill', bandColor(b, n));
      if (vertical) r.attr('x', cb.x).attr('y', cb.y + cb.h - (b + 1) * bandLen).attr('width', cb.w).attr('height', bandLen + 0.5);
      else r.attr('x', cb.x + b * bandLen).attr('y', cb.y).attr('width', bandLen + 0.5).attr('height', cb.h);
    }
    gBand.append('rect').attr('class', 'colorbar-frame').attr('x', cb.x).attr('y', cb.y).attr('width', cb.w).attr('height', cb.h);
    // Label boundaries between bands: at most ~8 (vertical) or ~5 (horizontal) of them.
    const f = geo.font / 13;
    const maxLabels = vertical ? Math.max(3, Math.floor(len / (42 * f))) : Math.max(3, Math.floor(len / (70 * f)));
    const every = Math.max(1, Math.ceil(n / maxLabels));
    for (let k = 0; k < n; k += every) {
      const pos = (k + 1) * bandLen;
      const text = fmt(th[k], 3);
      if (vertical) {
        const yy = cb.y + cb.h - pos;
        gBand.append('line').attr('class', 'colorbar-tick').attr('x1', cb.x + cb.w).attr('x2', cb.x + cb.w + 4 * f).attr('y1', yy).attr('y2', yy);
        gBand.append('text').attr('class', 'colorbar-label').attr('x', cb.x + cb.w + 7 * f).attr('y', yy).attr('dy', '0.35em').text(text);
      } else {
        const xx = cb.x + pos;
        gBand.append('line').attr('class', 'colorbar-tick').attr('x1', xx).attr('x2', xx).attr('y1', cb.y + cb.h).attr('y2', cb.y + cb.h + 4 * f);
        gBand.append('text').attr('class', 'colorbar-label').attr('x', xx).attr('y', cb.y + cb.h + 16 * f).attr('text-anchor', 'middle').text(text);
      }
    }
    const title = grid.logLevels ? labels.colorbarLog : labels.colorbar;
    if (vertical) {
      const t = gBand
        .append('text')
        .attr('class', 'colorbar-title')
        .attr('transform', `translate(${cb.x + cb.w + 56 * (geo.font / 13)},${cb.y + cb.h / 2}) rotate(90)`)
        .attr('text-anchor', 'middle')
        .text(title);
      // A short bar (a small embed): the short title, or none, rather than one running off the card.
      const node = t.node();
      const long = () => typeof node?.getComputedTextLength === 'function' && node.getComputedTextLength() > cb.h + 8 * f;
      if (long()) t.text(labels.colorbar);
      if (long()) t.remove();
    } else {
      gBand.append('text').attr('class', 'colorbar-title').attr('x', cb.x).attr('y', cb.y - 5 * (geo.font / 13)).text(title);
    }
  }

  return {
    update(input: ContourInput): void {
      svg.attr('width', input.geo.width).attr('height', input.geo.height).attr('viewBox', `0 0 ${input.geo.width} ${input.geo.height}`);
      drawContours(input);
      drawAxes(input);
      drawMarks(input);
      drawColorbar(input);
    },
    destroy(): void {
      svg.selectAll('*').remove();
    },
  };
}
