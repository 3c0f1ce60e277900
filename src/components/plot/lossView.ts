/**
 * The loss-versus-step chart (SVG, a `{ update, setStep, hover, stepAt, destroy }` factory): one
 * line per racer, on a log scale when the losses are positive and span more than two decades (or
 * as the reader chose); a cursor at the animation's current step (moved per frame without React);
 * a cross where a racer diverged. While the race plays the lines are revealed up to the current
 * step (`reveal`), so the chart does not give away the finish; a hover guide marks the step under
 * the pointer.
 *
 * With `lr` on, the learning rate of each racer with a schedule (CONTRACT §4, `run.lr`) is drawn on
 * a second axis at the right: thin lines with a dash of their own in the racer's colour, on a log
 * axis when a linear one would squash them (they span more than two decades and a third of the
 * points lie under a tenth of the largest), else from 0.
 */
import type { RunFault } from '../../engine/faults';
import { axisBottom, axisLeft, axisRight, line, scaleLinear, scaleLog, select, type ScaleContinuousNumeric } from 'd3';
import type { RunResult } from '../../engine/types';
import { DASHES, SHAPES, colorHex } from '../../plot/palette';
import type { Racer } from '../../state/store';
import { markerPath } from '../../plot/marks';
import { pointsAt } from '../../plot/sample';

export interface LossInput {
  racers: Racer[];
  runs: RunResult[] | null;
  steps: number;
  width: number;
  height: number;
  labels: { step: string; loss: string; log: string; diverged: string; reason?: (fault: RunFault | null) => string; lr?: string };
  /** 'auto': log when the losses are positive and span more than two decades. */
  scale?: LossScale;
  /** Draw the lines only up to the current step (default: the whole race). */
  reveal?: boolean;
  /** The learning rate of racers with a schedule on a right axis (default off). */
  lr?: boolean;
}

/** The dash of every lr line: unlike any racer's own (see palette's DASHES). */
export const LR_DASH = '1 2 1 6';

/**
 * The lr axis' scale: log when the positive lrs span more than two decades and a linear axis
 * would squash a third of them under a tenth of the largest.
 */
export function lrAxisLog(values: Iterable<number>): boolean {
  let lo = Infinity;
  let hi = 0;
  let n = 0;
  const all: number[] = [];
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    all.push(v);
    n++;
  }
  if (n === 0 || !(hi / lo > 100)) return false;
  let low = 0;
  for (const v of all) if (v < hi / 10) low++;
  return low * 3 > n;
}

export type LossScale = 'auto' | 'log' | 'linear';

/** The automatic choice: a log axis when every loss is positive and they span more than two decades. */
export function autoLog(lo: number, hi: number): boolean {
  return Number.isFinite(lo) && lo > 0 && hi / lo > 100;
}

/** What `update` decided, for the chart's controls. */
export interface LossLayout {
  log: boolean;
  /** Can the axis be logarithmic at all (every loss positive)? */
  canLog: boolean;
  /** Does some visible racer have a schedule (an lr to show)? */
  hasLr?: boolean;
  /** Is the lr axis drawn, and is it logarithmic? */
  lr?: boolean;
  lrLog?: boolean;
}

let clipSeq = 0;

export function createLossView(svgEl: SVGSVGElement, cursorEl: SVGSVGElement) {
  const svg = select(svgEl);
  // The cursor and the dots move per frame: they live in their own SVG layered on top, so the
  // lines are not repainted every frame.
  const top_ = select(cursorEl);
  const clipId = `loss-clip-${++clipSeq}`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const gx = svg.append('g').attr('class', 'axis axis-x');
  const gy = svg.append('g').attr('class', 'axis axis-y');
  const xLabel = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle');
  const yLabel = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'start');
  const gy2 = svg.append('g').attr('class', 'axis axis-lr');
  const y2Label = svg.append('text').attr('class', 'axis-label axis-label-lr').attr('text-anchor', 'end');
  const gLr = svg.append('g').attr('class', 'loss-lr').attr('clip-path', `url(#${clipId})`);
  const gLines = svg.append('g').attr('clip-path', `url(#${clipId})`);
  const gDiv = svg.append('g').attr('class', 'loss-diverged');
  // The race not yet run: covered by a panel-coloured rectangle in the per-frame layer, so that
  // revealing the lines step by step repaints only that layer, never the lines.
  const cover = top_.append('rect').attr('class', 'loss-cover');
  // The x axis' line again, over the cover (lines that run along the bottom must be covered too).
  const coverAxis = top_.append('line').attr('class', 'loss-cover-axis');
  const hoverLine = top_.append('line').attr('class', 'loss-hover').style('display', 'none');
  const cursor = top_.append('line').attr('class', 'loss-cursor');
  const gDots = top_.append('g').attr('class', 'loss-dots');
  let input: LossInput | null = null;
  let x = scaleLinear();
  let y: ScaleContinuousNumeric<number, number> = scaleLinear();
  let y2: ScaleContinuousNumeric<number, number> | null = null;
  /** How far past the plot the reveal cover reaches (the lr axis' labels must stay visible). */
  let coverPast = 20;
  let top = 0;
  let bottom = 0;
  let plotTop = 0;
  let plotBottom = 0;
  let plotLeft = 0;
  let plotRight = 0;

  /** The chart's tick font size in px (13 when the page sets none, as in tests without CSS). */
  function plotFont(): number {
    // The axis title is styled 1.15 × --plot-font; its computed size is resolved px (a custom
    // property's own value may be a clamp() expression).
    const node = xLabel.node();
    if (!node || typeof getComputedStyle !== 'function') return 13;
    const v = parseFloat(getComputedStyle(node).fontSize) / 1.15;
    return Number.isFinite(v) && v > 0 ? v : 13;
  }

  function update(inp: LossInput): LossLayout {
    input = inp;
    const { width, height, runs, racers, labels } = inp;
    const visibleRuns = runs ? racers.map((r, i) => (r.visible ? runs[i] : undefined)) : [];
    const hasLr = visibleRuns.some((r) => r?.lr !== undefined);
    const showLr = inp.lr === true && hasLr;
    // The bottom margin holds the tick labels and the axis title at the chart's font size
    // (--plot-font: 13 px on a laptop, 14 px at 1080p, more in presentation mode).
    const fs = plotFont();
    const m = { top: 24, right: showLr ? 54 : 14, bottom: Math.max(34, Math.round(12 + 2 * fs)), left: 56 };
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    top_.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const pw = Math.max(10, width - m.left - m.right);
    const ph = Math.max(10, height - m.top - m.bottom);
    clipRect.attr('x', m.left).attr('y', m.top - 2).attr('width', pw).attr('height', ph + 4);
    cover.attr('y', m.top - 3).attr('height', ph + 4.5);
    coverAxis.attr('y1', m.top + ph + 0.5).attr('y2', m.top + ph + 0.5); // where d3's domain path runs
    plotTop = m.top;
    plotBottom = m.top + ph;
    plotLeft = m.left;
    plotRight = m.left + pw;
    x = scaleLinear().domain([0, Math.max(1, inp.steps)]).range([m.left, m.left + pw]);

    let lo = Infinity;
    let hi = -Infinity;
    let first = -Infinity;
    let minPos = Infinity;
    for (const run of visibleRuns) {
      if (!run) continue;
      if (Number.isFinite(run.loss[0])) first = Math.max(first, run.loss[0]);
      for (const v of run.loss) {
        if (!Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (v > 0 && v < minPos) minPos = v;
      }
    }
    const have = Number.isFinite(lo);
    const canLog = have && lo > 0;
    const mode = inp.scale ?? 'auto';
    const log = canLog && (mode === 'log' || (mode === 'auto' && autoLog(lo, hi)));
    if (!have) {
      lo = 0;
      hi = 1;
      first = 1;
    }
    if (log) {
      top = Math.min(hi, Math.max(first, minPos) * 1e3);
      bottom = Math.max(lo, top * 1e-14);
      // One loss so far (step 0 of a race revealed as it goes), or all equal: a decade either side,
      // so the axis has ticks and the point sits inside it (a log scale of one value has neither).
      if (!(top > bottom * (1 + 1e-9))) {
        bottom = top / 10;
        top *= 10;
      }
      y = scaleLog().domain([bottom, top]).range([m.top + ph, m.top]).nice();
    } else {
      top = Math.min(hi, first + 1.5 * Math.abs(first - lo) + 1e-12);
      if (!(top > lo)) top = lo + 1;
      bottom = lo;
      y = scaleLinear().domain([bottom, top]).range([m.top + ph, m.top]).nice();
    }
    [bottom, top] = y.domain() as [number, number];

    gx.attr('transform', `translate(0,${m.top + ph})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(pw / 70))).tickSizeOuter(0));
    const yAxis = axisLeft(y).ticks(Math.max(2, Math.floor(ph / 34)), log ? '~e' : '~g').tickSizeOuter(0);
    gy.attr('transform', `translate(${m.left},0)`).call(yAxis);
    if (log) {
      // Keep only labels at powers of ten, when there are many.
      // and only every k-th power when even those would crowd the axis (14 decades in 300 px).
      const decades = Math.round(Math.log10(top / bottom)) + 1;
      const every = Math.max(1, Math.ceil(decades / Math.max(2, Math.floor(ph / (fs * 1.9)))));
      gy.selectAll<SVGTextElement, number>('.tick text').text((d) => {
        const e = Math.log10(d);
        if (Math.abs(e - Math.round(e)) > 1e-9) return '';
        if (Math.round(e) % every !== 0) return '';
        return Math.abs(e) >= 4 ? `1e${Math.round(e)}` : String(+d.toPrecision(1));
      });
    }
    xLabel.attr('x', m.left + pw / 2).attr('y', height - 3).text(labels.step);
    yLabel.attr('x', 4).attr('y', 14).text(log ? `${labels.loss} (${labels.log})` : labels.loss);

    const clampY = (v: number) => y(Math.min(top, Math.max(bottom, v)));
    const items = runs ? racers.map((r, i) => ({ r, run: runs[i] })).filter((d) => d.run && d.r.visible) : [];
    gLines
      .selectAll<SVGPathElement, (typeof items)[number]>('path')
      .data(items, (d) => String(d.r.id))
      .join('path')
      .attr('class', 'loss-line')
      .attr('stroke', (d) => colorHex(d.r.color))
      .attr('stroke-dasharray', (d) => (DASHES[SHAPES.indexOf(d.r.shape)] ?? []).join(' ') || null)
      .attr('d', (d) => {
        const { loss, index } = d.run;
        const every = Math.max(1, Math.floor(loss.length / (2 * pw)));
        const pts: [number, number][] = [];
        for (let k = 0; k < loss.length; k += every) pts.push([index[k], loss[k]]);
        if ((loss.length - 1) % every !== 0) pts.push([index[loss.length - 1], loss[loss.length - 1]]);
        return (
          line<[number, number]>()
            .defined((p) => Number.isFinite(p[1]) && (!log || p[1] > 0))
            .x((p) => x(p[0]))
            .y((p) => clampY(p[1]))(pts) ?? ''
        );
      });

    // The learning rate on the right axis.
    const lrItems = showLr ? items.filter((d) => d.run.lr !== undefined) : [];
    let lrLog = false;
    if (showLr) {
      let lrHi = 0;
      let lrLo = Infinity;
      const all: number[] = [];
      for (const d of lrItems) {
        for (const v of d.run.lr!) {
          if (!Number.isFinite(v)) continue;
          all.push(v);
          if (v > lrHi) lrHi = v;
          if (v > 0 && v < lrLo) lrLo = v;
        }
      }
      lrLog = lrAxisLog(all);
      if (!(lrHi > 0)) lrHi = 1;
      y2 = lrLog
        ? scaleLog().domain([lrLo, lrHi]).range([m.top + ph, m.top]).nice()
        : scaleLinear().domain([0, lrHi]).range([m.top + ph, m.top]).nice();
      gy2
        .style('display', null)
        .attr('transform', `translate(${m.left + pw},0)`)
        .call(axisRight(y2).ticks(Math.max(2, Math.floor(ph / 34)), lrLog ? '~e' : '~g').tickSizeOuter(0));
      if (lrLog) {
        gy2.selectAll<SVGTextElement, number>('.tick text').text((d) => {
          const e = Math.log10(d);
          return Math.abs(e - Math.round(e)) > 1e-9 ? '' : `1e${Math.round(e)}`;
        });
      }
      const lrName = labels.lr ?? 'lr';
      y2Label
        .style('display', null)
        .attr('x', width - 4)
        .attr('y', 14)
        .text(lrLog ? `${lrName} (${labels.log})` : lrName);
    } else {
      y2 = null;
      gy2.style('display', 'none');
      y2Label.style('display', 'none');
    }
    coverPast = showLr ? 1 : 20;
    const sy2 = y2;
    const [lrBottom, lrTop] = sy2 ? (sy2.domain() as [number, number]) : [0, 1];
    gLr
      .selectAll<SVGPathElement, (typeof items)[number]>('path')
      .data(lrItems, (d) => String(d.r.id))
      .join('path')
      .attr('class', 'loss-lr-line')
      .attr('stroke', (d) => colorHex(d.r.color))
      .attr('stroke-dasharray', LR_DASH)
      .attr('data-racer', (d) => String(d.r.id))
      .attr('d', (d) => {
        if (!sy2) return '';
        const { index } = d.run;
        const lr = d.run.lr!;
        const every = Math.max(1, Math.floor(lr.length / (2 * pw)));
        const pts: [number, number][] = [];
        for (let k = 0; k < lr.length; k += every) pts.push([index[k], lr[k]]);
        if ((lr.length - 1) % every !== 0) pts.push([index[lr.length - 1], lr[lr.length - 1]]);
        return (
          line<[number, number]>()
            .defined((p) => Number.isFinite(p[1]) && (!lrLog || p[1] > 0))
            .x((p) => x(p[0]))
            .y((p) => sy2(Math.min(lrTop, Math.max(lrBottom, p[1]))))(pts) ?? ''
        );
      });

    const div = items.filter((d) => d.run.status === 'diverged' && d.run.divergedAt !== null);
    const gd = gDiv
      .selectAll<SVGGElement, (typeof div)[number]>('g')
      .data(div, (d) => String(d.r.id))
      .join((enter) => {
        const g = enter.append('g');
        g.append('path');
        g.append('text');
        g.append('title');
        return g;
      })
      .attr('transform', (d) => {
        const last = d.run.loss[d.run.loss.length - 1];
        return `translate(${x(d.run.divergedAt!)},${Number.isFinite(last) ? clampY(last) : y(top)})`;
      });
    gd.select('path').attr('d', markerPath('times', 140)).attr('fill', (d) => colorHex(d.r.color));
    gd.select('text')
      .attr('x', (d) => (x(d.run.divergedAt!) > m.left + pw - 80 ? -8 : 8))
      .attr('text-anchor', (d) => (x(d.run.divergedAt!) > m.left + pw - 80 ? 'end' : 'start'))
      .attr('dy', '0.35em')
      .text(labels.diverged);
    gd.select('title').text((d) => `${labels.diverged}: ${labels.reason ? labels.reason(d.run.fault) : (d.run.reason ?? '')}`);

    gDots
      .selectAll<SVGPathElement, (typeof items)[number]>('path')
      .data(items, (d) => String(d.r.id))
      .join('path')
      .attr('d', (d) => markerPath(d.r.shape, 60))
      .attr('fill', (d) => colorHex(d.r.color));
    cursor.attr('y1', m.top).attr('y2', m.top + ph);
    hoverLine.attr('y1', m.top).attr('y2', m.top + ph);
    setStep(lastStep);
    return { log, canLog, hasLr, lr: showLr, lrLog };
  }

  let lastStep = 0;
  function setStep(step: number): void {
    lastStep = step;
    if (!input) return;
    const cx = x(Math.min(step, input.steps));
    cursor.attr('x1', cx).attr('x2', cx);
    // Revealed up to the current step (a pixel past the cursor, so its own point shows).
    const from = Math.round(cx + 1);
    if (input.reveal && from < plotRight + coverPast) {
      cover.style('display', null).attr('x', from).attr('width', Math.max(0, plotRight + coverPast - from));
      coverAxis.style('display', null).attr('x1', from).attr('x2', plotRight);
    } else {
      cover.style('display', 'none');
      coverAxis.style('display', 'none');
    }
    gDots.selectAll<SVGPathElement, { run: RunResult }>('path').attr('transform', (d) => {
      const n = pointsAt(d.run.index, d.run.loss.length, step);
      const v = d.run.loss[n - 1];
      if (!Number.isFinite(v)) return 'translate(-100,-100)';
      return `translate(${x(d.run.index[n - 1])},${y(Math.min(top, Math.max(bottom, v)))})`;
    });
  }

  /** The step under a pointer at x = px (CSS pixels from the chart's left), or null off the axes. */
  function stepAt(px: number, py?: number): number | null {
    if (!input) return null;
    if (px < plotLeft - 8 || px > plotRight + 8) return null;
    if (py !== undefined && (py < plotTop - 8 || py > plotBottom + 8)) return null;
    return Math.max(0, Math.min(input.steps, Math.round(x.invert(px))));
  }

  /** Shows the hover guide at a step (null hides it). */
  function hover(step: number | null): void {
    if (step === null || !input) {
      hoverLine.style('display', 'none');
      return;
    }
    const hx = x(step);
    hoverLine.style('display', null).attr('x1', hx).attr('x2', hx);
  }

  return {
    update,
    setStep,
    stepAt,
    hover,
    /** The x of a step, CSS pixels from the chart's left. */
    xOf: (step: number) => x(step),
    /** The y of a learning rate on the lr axis (null when it is not drawn). */
    yOfLr: (lr: number) => (y2 ? y2(lr) : null),
    destroy(): void {
      svg.selectAll('*').remove();
      top_.selectAll('*').remove();
    },
  };
}
