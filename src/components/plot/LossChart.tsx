/**
 * The loss-versus-step chart, linked to the animation's current step: a log/linear toggle (the
 * automatic choice first: log when the losses are positive and span more than two decades), a
 * hover readout of every racer's loss at the step under the pointer, click or drag to scrub (sets
 * the current step, pauses), and the lines revealed as the race advances ("Whole race" shows them
 * all at once). For racers with a schedule, a toggle shows the learning rate on a second axis at
 * the right (and in the readout).
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { faultWords, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { appStore, currentRun, pause, setStep, useApp } from '../../state/store';
import { colorHex } from '../../plot/palette';
import { fmt } from '../../plot/marks';
import { pointsAt } from '../../plot/sample';
import { createLossView, type LossLayout, type LossScale } from './lossView';
import { pageLabels } from './Legend';
import { useSize } from '../ui/useSize';

interface Hover {
  step: number;
  /** Pointer position in the chart box, CSS pixels. */
  x: number;
  y: number;
}

export function LossChart() {
  const t = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const cursorRef = useRef<SVGSVGElement>(null);
  const viewRef = useRef<ReturnType<typeof createLossView> | null>(null);
  const { width, height } = useSize(boxRef, { width: 400, height: 240 });
  const run = useApp(currentRun);
  const racers = useApp((s) => s.racers);
  const scene = useApp((s) => s.scene);
  const theme = useApp((s) => s.ui.theme);
  const [scale, setScale] = useState<LossScale>('auto');
  const [whole, setWhole] = useState(false);
  const [lrOn, setLrOn] = useState(false);
  const [layout, setLayout] = useState<LossLayout>({ log: false, canLog: false });
  const [hover, setHover] = useState<Hover | null>(null);
  const scrubbing = useRef(false);
  const labels = useMemo(() => pageLabels({ racers, scene }), [racers, scene]);
  // From the racers, not the result: the toggle stays (and keeps the focus) while a run computes.
  const hasLr = racers.some((r) => r.visible && r.recipe?.schedule !== undefined);

  useEffect(() => {
    viewRef.current = createLossView(svgRef.current!, cursorRef.current!);
    const unsub = appStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step) viewRef.current?.setStep(s.playback.step);
    });
    return () => {
      unsub();
      viewRef.current?.destroy();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const next = view.update({
      racers,
      runs: run ? run.runs : null,
      steps: run ? run.config.steps : appStore.getState().scene.steps,
      width,
      height,
      scale,
      reveal: !whole,
      lr: lrOn,
      labels: { step: t('loss.step'), loss: t('legend.loss'), log: t('loss.log'), diverged: t('loss.diverged'), reason: faultWords, lr: t('loss.lr.axis') },
    });
    setLayout((l) => (l.log === next.log && l.canLog === next.canLog && l.hasLr === next.hasLr && l.lr === next.lr && l.lrLog === next.lrLog ? l : next));
    view.setStep(appStore.getState().playback.step);
  }, [run, racers, width, height, theme, t, scale, whole, lrOn]);

  useEffect(() => viewRef.current?.hover(hover ? hover.step : null), [hover]);

  const pointer = (e: ReactPointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    return { x, y, step: viewRef.current?.stepAt(x, scrubbing.current ? undefined : y) ?? null };
  };

  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const p = pointer(e);
    if (p.step === null) return;
    scrubbing.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    pause();
    setStep(p.step);
    setHover({ step: p.step, x: p.x, y: p.y });
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const p = pointer(e);
    if (p.step === null) {
      setHover(null);
      return;
    }
    if (scrubbing.current) setStep(p.step);
    setHover((h) => (h && h.step === p.step && Math.abs(h.x - p.x) < 1 && Math.abs(h.y - p.y) < 1 ? h : { step: p.step!, x: p.x, y: p.y }));
  };
  const onUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    scrubbing.current = false;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };

  const rows =
    hover && run
      ? racers.flatMap((r, i) => {
          const res = run.runs[i];
          if (!res || !r.visible) return [];
          const n = pointsAt(res.index, res.loss.length, hover.step);
          const gone = res.status === 'diverged' && res.divergedAt !== null && hover.step >= res.divergedAt;
          const value = gone ? t('loss.diverged') : fmt(res.loss[n - 1], 4);
          const lr = layout.lr && res.lr ? ` · ${t('loss.lr.readout', { lr: fmt(res.lr[n - 1], 4) })}` : '';
          return [{ id: r.id, label: labels[i], color: colorHex(r.color), value: value + lr }];
        })
      : [];
  // The readout sits beside the pointer, on the side with more room.
  const readoutStyle = hover
    ? hover.x > width / 2
      ? { right: width - hover.x + 12, maxWidth: Math.max(140, hover.x - 16) }
      : { left: hover.x + 12, maxWidth: Math.max(140, width - hover.x - 16) }
    : undefined;

  return (
    <section className="panel loss-panel" aria-label={t('loss.title')}>
      <div className="loss-head">
        <h2 className="panel-title">{t('loss.title')}</h2>
        <div className="loss-tools">
          <div className="seg" role="group" aria-label={t('loss.scale')}>
            <button
              type="button"
              className="seg-btn"
              aria-pressed={layout.log}
              disabled={!layout.canLog}
              title={layout.canLog ? undefined : t('loss.log.unavailable')}
              onClick={() => setScale('log')}
            >
              {t('loss.scale.log')}
            </button>
            <button type="button" className="seg-btn" aria-pressed={!layout.log} onClick={() => setScale('linear')}>
              {t('loss.scale.linear')}
            </button>
          </div>
          {hasLr ? (
            <button type="button" className="seg-btn loss-lr-toggle" aria-pressed={lrOn} title={t('loss.lr.title')} onClick={() => setLrOn((v) => !v)}>
              {t('loss.lr.toggle')}
            </button>
          ) : null}
          <label className="check loss-whole">
            <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.currentTarget.checked)} />
            {t('loss.whole')}
          </label>
        </div>
      </div>
      <div
        className="chart-box loss-box"
        ref={boxRef}
        data-scale={layout.log ? 'log' : 'linear'}
        data-reveal={whole ? 'all' : 'race'}
        data-lr={layout.lr ? (layout.lrLog ? 'log' : 'linear') : 'off'}
        title={t('loss.scrub')}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
        onPointerLeave={() => {
          if (!scrubbing.current) setHover(null);
        }}
      >
        <svg
          ref={svgRef}
          role="img"
          aria-label={`${t('loss.title')} (${layout.log ? t('loss.log') : t('loss.scale.linear')})${layout.lr ? `; ${t('loss.lr.described', { scale: layout.lrLog ? t('loss.log') : t('loss.scale.linear') })}` : ''}`}
        />
        <svg ref={cursorRef} className="chart-cursor-layer" aria-hidden="true" />
        {hover && rows.length ? (
          <div className="loss-readout" aria-hidden="true" style={{ ...readoutStyle, top: Math.max(4, Math.min(hover.y - 10, height - 24 - 20 * rows.length)) }}>
            <div className="loss-readout-step">
              {t('loss.step')} {hover.step}
            </div>
            {rows.map((row) => (
              <div key={row.id} className="loss-readout-row">
                <span className="loss-readout-dot" style={{ background: row.color }} />
                <span className="loss-readout-label">{row.label}</span>
                <span className="loss-readout-value">{row.value}</span>
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}
