/**
 * Studies of every racer at once, on the page's sweep pool: sensitivity curves (final loss against
 * lr, the median and interquartile band over five seeds where the gradient is stochastic) and fair
 * tuning (each racer's lr for the lowest final loss on the same budget, shown, applied, undoable).
 */
import { useEffect, useRef, useState } from 'react';
import { area, axisBottom, axisLeft, line, scaleLinear, scaleLog, select, type ScaleContinuousNumeric } from 'd3';
import { lrRangeTest, type RangeTest } from '../../engine/rangeTest';
import { sweepKeys } from '../../engine/sweep';
import { isStochastic, sensitivity, tuneLr, type LrCurve, type RunSweep } from '../../engine/tune';
import { fmtNum } from '../../explain/format';
import { hyperLabel, optimizerLabel, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { optimizers } from '../../optim';
import { lrSpec } from '../../optim/specs';
import { DASHES, SHAPES, colorHex } from '../../plot/palette';
import { appStore, play, resetPlayback, sceneToRunConfig, setRacerHyper, useApp, type Racer } from '../../state/store';
import { surfaceFor } from '../../surfaces';
import { SweepCancelled, type SweepHandle } from '../../worker/pool';
import { pagePool } from '../../worker/sweepClient';
import './lab.css';

const SEEDS = 5;
/** Racers with a learning rate of their own (SAM's lives on its base optimizer): the ones these studies tune. */
const hasLr = (r: Racer) => sweepKeys(r.optimizer.name).includes('lr');
/** The learning rate's spec, for its label (one source of the words). */
const LR_SPEC = lrSpec(0.01);

interface CurveOf {
  racer: Racer;
  curve: LrCurve;
}

interface TuneRow {
  racerId: number;
  label: string;
  before: number;
  after: number | null;
  loss: number | null;
}

type Job = { kind: 'curves' | 'tune'; done: number; total: number } | null;

export function RacerStudies() {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const [job, setJob] = useState<Job>(null);
  const [curves, setCurves] = useState<{ items: CurveOf[]; seeds: number } | null>(null);
  const [tuned, setTuned] = useState<TuneRow[] | null>(null);
  const [message, setMessage] = useState<string>('');
  const [ranges, setRanges] = useState<{ racer: Racer; label: string; test: RangeTest }[] | null>(null);
  const surface = useApp((s) => s.scene.surface);
  const params = useApp((s) => s.scene.params);
  const dataSurface = surfaceFor(surface, params).kind === 'data';
  const handle = useRef<SweepHandle | null>(null);
  const stop = useRef(false);

  useEffect(
    () => () => {
      stop.current = true;
      handle.current?.cancel();
    },
    [],
  );

  const run: RunSweep = (s) => {
    if (stop.current) return Promise.reject(new SweepCancelled());
    const h = pagePool().run(s);
    handle.current = h;
    return h.done;
  };

  const name = (r: Racer, i: number) => t('racers.name', { n: i + 1, label: optimizerLabel(optimizers[r.optimizer.name]) });

  async function doCurves(): Promise<void> {
    stop.current = false;
    const state = appStore.getState();
    const base = sceneToRunConfig(state);
    const seeds = isStochastic(base) ? Array.from({ length: SEEDS }, (_, k) => base.seed + k) : [base.seed];
    const list = state.racers.filter((r) => r.visible && hasLr(r));
    const items: CurveOf[] = [];
    setMessage('');
    try {
      for (let k = 0; k < list.length; k++) {
        setJob({ kind: 'curves', done: k, total: list.length });
        items.push({ racer: list[k], curve: await sensitivity(run, base, list[k].optimizer, seeds) });
        setCurves({ items: [...items], seeds: seeds.length });
      }
      setMessage(t('studies.curves.done', { racers: list.length, seeds: seeds.length }));
    } catch (e) {
      setMessage(e instanceof SweepCancelled ? t('studies.cancelled') : String(e));
    } finally {
      setJob(null);
    }
  }

  async function doTune(): Promise<void> {
    stop.current = false;
    const state = appStore.getState();
    const base = sceneToRunConfig(state);
    const rows: TuneRow[] = [];
    setMessage('');
    try {
      for (let k = 0; k < state.racers.length; k++) {
        const r = state.racers[k];
        if (!hasLr(r)) continue;
        setJob({ kind: 'tune', done: k, total: state.racers.length });
        const res = await tuneLr(run, base, r.optimizer);
        rows.push({ racerId: r.id, label: name(r, k), before: r.optimizer.lr as number, after: res.lr, loss: res.loss });
        setTuned([...rows]);
      }
      // Applied all at once, so that the race starts once with every tuned rate.
      for (const row of rows) if (row.after !== null) setRacerHyper(row.racerId, 'lr', row.after);
      resetPlayback();
      play();
      setMessage(t('studies.tune.done', { steps: base.steps }));
    } catch (e) {
      setMessage(e instanceof SweepCancelled ? t('studies.cancelled') : String(e));
    } finally {
      setJob(null);
    }
  }

  /** One range-test run per racer: a few hundred steps each, so on this thread. */
  function doRange(): void {
    const state = appStore.getState();
    const base = sceneToRunConfig(state);
    setRanges(state.racers.filter((r) => r.visible && hasLr(r)).map((r, k) => ({ racer: r, label: name(r, k), test: lrRangeTest(base, r.optimizer) })));
    setMessage(t('studies.range.done'));
  }

  function undo(): void {
    if (!tuned) return;
    for (const row of tuned) setRacerHyper(row.racerId, 'lr', row.before);
    setTuned(null);
    setMessage(t('studies.tune.undone'));
  }

  function cancel(): void {
    stop.current = true;
    handle.current?.cancel();
  }

  return (
    <div className="racer-studies" data-studies-status={job ? job.kind : 'idle'}>
      <h3 className="explain-sub">{t('studies.title')}</h3>
      <p className="panel-caption">{t('studies.intro')}</p>
      <div className="sweep-actions">
        <button type="button" className="btn" onClick={() => void doCurves()} disabled={job !== null || racers.length === 0}>
          {t('studies.curves')}
        </button>
        <button type="button" className="btn" onClick={() => void doTune()} disabled={job !== null || racers.length === 0}>
          {t('studies.tune')}
        </button>
        <button type="button" className="btn" onClick={doRange} disabled={job !== null || racers.length === 0 || !dataSurface}>
          {t('studies.range')}
        </button>
        <button type="button" className="btn" onClick={cancel} disabled={job === null}>
          {t('studies.cancel')}
        </button>
      </div>
      <p className="panel-caption" role="status">
        {job ? t(job.kind === 'curves' ? 'studies.curves.running' : 'studies.tune.running', { done: job.done + 1, total: job.total }) : message}
      </p>
      {!dataSurface ? <p className="panel-caption">{t('studies.range.dataOnly')}</p> : null}
      {curves ? <SensitivityChart items={curves.items} seeds={curves.seeds} /> : null}
      {ranges && dataSurface ? <RangeChart items={ranges} /> : null}
      {tuned ? (
        <>
          <div className="studies-scroll">
            <table className="studies-table">
              <caption>{t('studies.tune.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sweep.racer')}</th>
                  <th scope="col" className="num">
                    {t('studies.tune.before')}
                  </th>
                  <th scope="col" className="num">
                    {t('studies.tune.after')}
                  </th>
                  <th scope="col" className="num">
                    {t('studies.tune.loss')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tuned.map((row) => (
                  <tr key={row.racerId} data-racer={row.racerId}>
                    <th scope="row">{row.label}</th>
                    <td className="num">{fmtNum(row.before)}</td>
                    <td className="num" data-lr={row.after ?? ''}>
                      {row.after === null ? t('studies.tune.none') : fmtNum(row.after)}
                    </td>
                    <td className="num" data-loss={row.loss ?? ''}>
                      {row.loss === null ? '—' : fmtNum(row.loss)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="btn btn-small" onClick={undo} disabled={job !== null}>
            {t('studies.tune.undo')}
          </button>
        </>
      ) : null}
    </div>
  );
}

const W = 300;
const H = 200;
const M = { top: 10, right: 10, bottom: 30, left: 50 };

/** Final loss against lr, one line per racer (its colour and dash), the band shaded, its lr dotted. */
function SensitivityChart({ items, seeds }: { items: CurveOf[]; seeds: number }) {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const ref = useRef<SVGSVGElement>(null);

  useEffect(() => {
    const svg = select(ref.current!);
    svg.selectAll('*').remove();
    svg.attr('viewBox', `0 0 ${W} ${H}`).attr('width', W).attr('height', H);
    let lo = Infinity;
    let hi = -Infinity;
    let xlo = Infinity;
    let xhi = -Infinity;
    for (const { curve } of items) {
      xlo = Math.min(xlo, curve.lrs[0]);
      xhi = Math.max(xhi, curve.lrs[curve.lrs.length - 1]);
      for (const arr of [curve.lo, curve.hi, curve.median]) {
        for (const v of arr) {
          if (!Number.isFinite(v)) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!Number.isFinite(lo)) return;
    const log = lo > 0;
    const x = scaleLog().domain([xlo, xhi]).range([M.left, W - M.right]);
    const y: ScaleContinuousNumeric<number, number> = (log ? scaleLog().domain([lo, hi === lo ? lo * 10 : hi]) : scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]))
      .range([H - M.bottom, M.top])
      .nice();
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(axisBottom(x).ticks(4, '~e'));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4, log ? '~e' : '~g'));
    svg.append('text').attr('class', 'axis-label').attr('x', (M.left + W - M.right) / 2).attr('y', H - 2).attr('text-anchor', 'middle').text(hyperLabel(LR_SPEC));
    const ok = (v: number) => Number.isFinite(v) && (!log || v > 0);
    for (const { racer, curve } of items) {
      const colour = colorHex(racer.color);
      const idx = curve.lrs.map((_, i) => i);
      if (seeds > 1) {
        svg
          .append('path')
          .attr('class', 'studies-band')
          .attr('fill', colour)
          .attr('fill-opacity', 0.18)
          .attr(
            'd',
            area<number>()
              .defined((i) => ok(curve.lo[i]) && ok(curve.hi[i]))
              .x((i) => x(curve.lrs[i]))
              .y0((i) => y(curve.lo[i]))
              .y1((i) => y(curve.hi[i]))(idx) ?? '',
          );
      }
      svg
        .append('path')
        .attr('class', 'studies-median')
        .attr('data-optimizer', racer.optimizer.name)
        .attr('fill', 'none')
        .attr('stroke', colour)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', (DASHES[SHAPES.indexOf(racer.shape)] ?? []).join(' ') || null)
        .attr(
          'd',
          line<number>()
            .defined((i) => ok(curve.median[i]))
            .x((i) => x(curve.lrs[i]))
            .y((i) => y(curve.median[i]))(idx) ?? '',
        );
      // The racer's current lr, on its curve where the curve is drawn.
      const now = racers.find((r) => r.id === racer.id)?.optimizer.lr;
      if (typeof now === 'number' && now >= xlo && now <= xhi) {
        let k = 0;
        while (k < curve.lrs.length - 1 && curve.lrs[k + 1] <= now) k++;
        const v = curve.median[k];
        if (ok(v)) svg.append('circle').attr('cx', x(now)).attr('cy', y(v)).attr('r', 4).attr('fill', colour).attr('stroke', 'currentColor');
      }
    }
  }, [items, seeds, racers, t]);

  return (
    <figure className="studies-chart">
      <svg ref={ref} role="img" aria-label={t('studies.curves.chart')} />
      <figcaption className="panel-caption">{t(seeds > 1 ? 'studies.curves.legend.seeds' : 'studies.curves.legend', { seeds })}</figcaption>
    </figure>
  );
}

/** The range test: smoothed loss against the growing lr, per racer, the suggested rate marked. */
function RangeChart({ items }: { items: { racer: Racer; label: string; test: RangeTest }[] }) {
  const t = useT();
  const ref = useRef<SVGSVGElement>(null);

  useEffect(() => {
    const svg = select(ref.current!);
    svg.selectAll('*').remove();
    svg.attr('viewBox', `0 0 ${W} ${H}`).attr('width', W).attr('height', H);
    let lo = Infinity;
    let hi = -Infinity;
    let xlo = Infinity;
    let xhi = -Infinity;
    for (const { test } of items) {
      xlo = Math.min(xlo, test.lrs[0]);
      xhi = Math.max(xhi, test.lrs[test.lrs.length - 1]);
      for (let k = 0; k < test.kept; k++) {
        const v = test.smoothed[k];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!Number.isFinite(lo)) return;
    const log = lo > 0 && hi / lo > 10;
    const x = scaleLog().domain([xlo, xhi]).range([M.left, W - M.right]);
    const y: ScaleContinuousNumeric<number, number> = (log ? scaleLog().domain([lo, hi]) : scaleLinear().domain([lo, hi > lo ? hi : lo + 1]))
      .range([H - M.bottom, M.top])
      .nice();
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(axisBottom(x).ticks(4, '~e'));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4, log ? '~e' : '~g'));
    svg.append('text').attr('class', 'axis-label').attr('x', (M.left + W - M.right) / 2).attr('y', H - 2).attr('text-anchor', 'middle').text(hyperLabel(LR_SPEC));
    for (const { racer, test } of items) {
      const colour = colorHex(racer.color);
      const idx = Array.from({ length: test.kept }, (_, k) => k);
      svg
        .append('path')
        .attr('class', 'range-curve')
        .attr('fill', 'none')
        .attr('stroke', colour)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', (DASHES[SHAPES.indexOf(racer.shape)] ?? []).join(' ') || null)
        .attr(
          'd',
          line<number>()
            .defined((k) => Number.isFinite(test.smoothed[k]) && (!log || test.smoothed[k] > 0))
            .x((k) => x(test.lrs[k]))
            .y((k) => y(test.smoothed[k]))(idx) ?? '',
        );
      if (test.suggestedLr !== null) {
        const k = test.steepest;
        svg
          .append('line')
          .attr('class', 'range-suggested')
          .attr('x1', x(test.lrs[k]))
          .attr('x2', x(test.lrs[k]))
          .attr('y1', M.top)
          .attr('y2', H - M.bottom)
          .attr('stroke', colour)
          .attr('stroke-dasharray', '3 3');
        svg.append('circle').attr('cx', x(test.lrs[k])).attr('cy', y(test.smoothed[k])).attr('r', 4).attr('fill', colour).attr('stroke', 'currentColor');
      }
    }
  }, [items]);

  return (
    <figure className="studies-chart">
      <svg ref={ref} role="img" aria-label={t('studies.range.chart')} />
      <figcaption className="panel-caption">
        {t('studies.range.legend')}
        <ul className="range-list">
          {items.map(({ racer, label, test }) => (
            <li key={racer.id} data-suggested={test.suggestedLr ?? ''}>
              {test.suggestedLr === null ? t('studies.range.none', { racer: label }) : t('studies.range.suggested', { racer: label, lr: fmtNum(test.suggestedLr) })}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
