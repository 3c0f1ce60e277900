/** The loss-versus-step chart, linked to the animation's current step. */
import { useEffect, useRef } from 'react';
import { faultWords, useT } from '../../i18n';
import { appStore, currentRun, useApp } from '../../state/store';
import { createLossView } from './lossView';
import { useSize } from '../ui/useSize';

export function LossChart() {
  const t = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const cursorRef = useRef<SVGSVGElement>(null);
  const viewRef = useRef<ReturnType<typeof createLossView> | null>(null);
  const { width, height } = useSize(boxRef, { width: 400, height: 220 });
  const run = useApp(currentRun);
  const racers = useApp((s) => s.racers);
  const theme = useApp((s) => s.ui.theme);

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
    view.update({
      racers,
      runs: run ? run.runs : null,
      steps: run ? run.config.steps : appStore.getState().scene.steps,
      width,
      height,
      labels: { step: t('loss.step'), loss: t('legend.loss'), log: t('loss.log'), diverged: t('loss.diverged'), reason: faultWords },
    });
    view.setStep(appStore.getState().playback.step);
  }, [run, racers, width, height, theme, t]);

  return (
    <section className="panel loss-panel" aria-label={t('loss.title')}>
      <h2 className="panel-title">{t('loss.title')}</h2>
      <div className="chart-box" ref={boxRef}>
        <svg ref={svgRef} role="img" aria-label={t('loss.title')} />
        <svg ref={cursorRef} className="chart-cursor-layer" aria-hidden="true" />
      </div>
    </section>
  );
}
