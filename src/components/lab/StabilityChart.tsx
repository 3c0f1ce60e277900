/**
 * The stability threshold of the explained racer, as a small chart for the explanation panel: the
 * sharpness (the largest eigenvalue of the Hessian) at each point of its path against the step,
 * and the level above which its step is unstable, 2/lr for GD (Cohen et al. 2021, "edge of
 * stability"), (2 + 2β)/lr for heavy-ball momentum; for adaptive optimizers GD's 2/lr as a
 * reference. The sharpness comes from the surface's exact Hessian, computed here from the drawn
 * path (one 2 × 2 eigenvalue per kept point).
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import { sharpnessAlong, stabilityThreshold } from '../../engine/stability';
import { fmtNum } from '../../explain/format';
import { useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { currentRun, useApp, type Racer } from '../../state/store';
import { makeObjective, surfaceFor } from '../../surfaces';
import { colorHex } from '../../plot/palette';
import './lab.css';

const W = 300;
const H = 150;
const M = { top: 10, right: 10, bottom: 28, left: 48 };

export function StabilityChart({ racer }: { racer: Racer }) {
  const t = useT();
  const id = useId();
  const run = useApp(currentRun);
  const theme = useApp((s) => s.ui.theme);
  const racers = useApp((s) => s.racers);
  const svgRef = useRef<SVGSVGElement>(null);
  const index = racers.findIndex((r) => r.id === racer.id);
  const res = run && index >= 0 ? run.runs[index] : null;

  const data = useMemo(() => {
    if (!run || !res) return null;
    const def = surfaceFor(run.config.surface.name, run.config.surface.params);
    const obj = makeObjective(def, run.config.surface.params, run.config.surface.l2);
    const sharp = sharpnessAlong((x, y, out) => obj.hessian(x, y, out), res.path);
    return { sharp, steps: res.index, threshold: stabilityThreshold(res.optimizer), total: run.config.steps };
  }, [run, res]);

  useEffect(() => {
    const svg = select(svgRef.current!);
    svg.selectAll('*').remove();
    if (!data || data.sharp.length === 0) return;
    const { sharp, steps, threshold } = data;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of sharp) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (threshold && Number.isFinite(threshold.value)) {
      // Keep the threshold in view unless it is far above the path's sharpness.
      if (threshold.value <= hi * 3) hi = Math.max(hi, threshold.value);
    }
    lo = Math.min(lo, 0);
    if (!(hi > lo)) hi = lo + 1;
    const x = scaleLinear().domain([0, Math.max(1, data.total)]).range([M.left, W - M.right]);
    const y = scaleLinear().domain([lo, hi * 1.05]).nice().range([H - M.bottom, M.top]);
    svg.attr('viewBox', `0 0 ${W} ${H}`).attr('width', W).attr('height', H);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(axisBottom(x).ticks(4));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4).tickFormat((v) => fmtNum(Number(v), 3)));
    svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('x', (M.left + W - M.right) / 2)
      .attr('y', H - 2)
      .attr('text-anchor', 'middle')
      .text(t('loss.step'));
    if (threshold && threshold.value <= y.domain()[1]) {
      svg
        .append('line')
        .attr('class', 'stability-threshold')
        .attr('x1', M.left)
        .attr('x2', W - M.right)
        .attr('y1', y(threshold.value))
        .attr('y2', y(threshold.value))
        .attr('stroke', 'currentColor')
        .attr('stroke-dasharray', '5 4');
    }
    const pts: [number, number][] = [];
    sharp.forEach((v, k) => {
      if (Number.isFinite(v)) pts.push([x(steps[k]), y(v)]);
    });
    svg
      .append('path')
      .attr('class', 'stability-sharpness')
      .attr('fill', 'none')
      .attr('stroke', colorHex(racer.color))
      .attr('stroke-width', 2)
      .attr('d', line()(pts) ?? '');
  }, [data, racer.color, theme, t]);

  if (!data) return null;
  const th = data.threshold;
  const last = data.sharp[data.sharp.length - 1];
  const summary = th
    ? t(th.exact ? 'stability.summary' : 'stability.summary.reference', {
        lambda: fmtNum(last),
        threshold: fmtNum(th.value),
        state: last < th.value ? t('stability.below') : t('stability.above'),
      })
    : '';
  return (
    <figure className="stability-chart" aria-labelledby={`${id}-cap`}>
      <h3 className="explain-sub">{t('stability.title')}</h3>
      <svg ref={svgRef} role="img" aria-label={t('stability.title')} />
      <figcaption id={`${id}-cap`} className="panel-caption">
        {t(th && th.exact ? (res?.optimizer.name === 'gd' ? 'stability.legend.gd' : 'stability.legend.momentum') : 'stability.legend.reference')} {summary}
      </figcaption>
    </figure>
  );
}
