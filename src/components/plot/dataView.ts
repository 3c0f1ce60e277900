/**
 * The data panel of a data surface (SVG factory): the dataset, and for each racer the model of its
 * current θ — the regression line (linreg), the decision boundary w₁·a + w₂·b = 0 (logreg), or the
 * fitted curve y = w₂·tanh(w₁·x) (tinynet). Models move per frame without React.
 */
import { axisBottom, axisLeft, extent, scaleLinear, select } from 'd3';
import type { RunResult } from '../../engine/types';
import { DASHES, SHAPES, colorHex } from '../../plot/palette';
import type { Racer } from '../../state/store';
import type { Dataset, SurfaceName } from '../../surfaces/types';
import { ClippedPolyline, SvgPath } from '../../plot/clip';
import { markerPath } from '../../plot/marks';
import { pointsAt } from '../../plot/sample';

export interface DataInput {
  surface: SurfaceName;
  data: Dataset;
  racers: Racer[];
  runs: RunResult[] | null;
  width: number;
  height: number;
  axes: [string, string];
}

let clipSeq = 0;

function pad([a, b]: [number, number], f = 0.08): [number, number] {
  const d = (b - a) * f || 1;
  return [a - d, b + d];
}

export function createDataView(svgEl: SVGSVGElement) {
  const svg = select(svgEl);
  const clipId = `data-clip-${++clipSeq}`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const gx = svg.append('g').attr('class', 'axis axis-x');
  const gy = svg.append('g').attr('class', 'axis axis-y');
  const xLabel = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle');
  const yLabel = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle');
  const gPts = svg.append('g').attr('class', 'data-points');
  const gModels = svg.append('g').attr('clip-path', `url(#${clipId})`).attr('class', 'data-models');
  let input: DataInput | null = null;
  let sx = scaleLinear();
  let sy = scaleLinear();
  let lastStep = 0;

  function update(inp: DataInput): void {
    input = inp;
    const { width, height, data } = inp;
    const m = { top: 10, right: 12, bottom: 40, left: 48 };
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const pw = Math.max(10, width - m.left - m.right);
    const ph = Math.max(10, height - m.top - m.bottom);
    clipRect.attr('x', m.left).attr('y', m.top).attr('width', pw).attr('height', ph);
    const xs = data.kind === 'xy' ? data.x : data.a;
    const ys = data.kind === 'xy' ? data.y : data.b;
    sx = scaleLinear().domain(pad(extent(xs) as [number, number])).range([m.left, m.left + pw]).nice();
    sy = scaleLinear().domain(pad(extent(ys) as [number, number])).range([m.top + ph, m.top]).nice();
    gx.attr('transform', `translate(0,${m.top + ph})`).call(axisBottom(sx).ticks(Math.max(2, Math.floor(pw / 60))));
    gy.attr('transform', `translate(${m.left},0)`).call(axisLeft(sy).ticks(Math.max(2, Math.floor(ph / 40))));
    const [ax, ay] = data.kind === 'xy' ? ['x', 'y'] : ['a', 'b'];
    xLabel.attr('x', m.left + pw / 2).attr('y', height - 4).text(ax);
    yLabel.attr('transform', `translate(14,${m.top + ph / 2}) rotate(-90)`).text(ay);

    const idx = Array.from(xs, (_, i) => i);
    const cls = (i: number) => (data.kind === 'abt' ? (data.t[i] > 0.5 ? 1 : 0) : -1);
    const pts = gPts
      .selectAll<SVGPathElement, number>('path')
      .data(idx)
      .join('path')
      .attr('class', (i) => (cls(i) === 1 ? 'pt pt-1' : cls(i) === 0 ? 'pt pt-0' : 'pt'))
      .attr('d', (i) => markerPath(cls(i) === 1 ? 'triangle' : 'circle', 34));
    pts.attr('transform', (i) => `translate(${sx(xs[i])},${sy(ys[i])})`);

    const items = inp.runs ? inp.racers.map((r, i) => ({ r, run: inp.runs![i] })).filter((d) => d.run && d.r.visible) : [];
    gModels
      .selectAll<SVGPathElement, (typeof items)[number]>('path')
      .data(items, (d) => String(d.r.id))
      .join('path')
      .attr('class', 'model')
      .attr('stroke', (d) => colorHex(d.r.color))
      .attr('stroke-dasharray', (d) => (DASHES[SHAPES.indexOf(d.r.shape)] ?? []).join(' ') || null);
    setStep(lastStep);
  }

  /** The model of θ = (w1, w2) as SVG path data, clipped to the panel (dashes stay cheap). */
  function modelPath(surface: SurfaceName, w1: number, w2: number): string {
    if (!Number.isFinite(w1) || !Number.isFinite(w2)) return '';
    const [x0, x1] = sx.domain();
    const [y0, y1] = sy.domain();
    const [px0, px1] = sx.range();
    const [py1, py0] = sy.range();
    const out = new SvgPath();
    const line = new ClippedPolyline(out, { x0: px0 - 4, y0: py0 - 4, x1: px1 + 4, y1: py1 + 4 });
    if (surface === 'linreg') {
      // y = w·x + b with θ = (w, b)
      line.point(sx(x0), sy(w1 * x0 + w2));
      line.point(sx(x1), sy(w1 * x1 + w2));
    } else if (surface === 'logreg') {
      // w1·a + w2·b = 0
      if (Math.abs(w1) < 1e-12 && Math.abs(w2) < 1e-12) return '';
      if (Math.abs(w2) >= Math.abs(w1)) {
        line.point(sx(x0), sy((-w1 * x0) / w2));
        line.point(sx(x1), sy((-w1 * x1) / w2));
      } else {
        line.point(sx((-w2 * y0) / w1), sy(y0));
        line.point(sx((-w2 * y1) / w1), sy(y1));
      }
    } else {
      // tinynet: y = w2·tanh(w1·x)
      const n = 100;
      for (let k = 0; k <= n; k++) {
        const x = x0 + ((x1 - x0) * k) / n;
        line.point(sx(x), sy(w2 * Math.tanh(w1 * x)));
      }
    }
    return out.d;
  }

  function setStep(step: number): void {
    lastStep = step;
    if (!input) return;
    const surface = input.surface;
    gModels.selectAll<SVGPathElement, { run: RunResult }>('path').attr('d', (d) => {
      const n = pointsAt(d.run.index, d.run.path.length / 2, step);
      return modelPath(surface, d.run.path[2 * (n - 1)], d.run.path[2 * (n - 1) + 1]);
    });
  }

  return {
    update,
    setStep,
    destroy(): void {
      svg.selectAll('*').remove();
    },
  };
}
