/** For a data surface: the dataset and each racer's model at the current step. */
import { useEffect, useMemo, useRef } from 'react';
import { useT, type MessageKey } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { appStore, currentRun, sceneSurfaceDef, useApp } from '../../state/store';
import { surfaceFor } from '../../surfaces';
import { createDataView } from './dataView';
import { useSize } from '../ui/useSize';

export function DataPanel() {
  const t = useT();
  const surface = useApp((s) => s.scene.surface);
  const def = surfaceFor(surface);
  if (def.kind !== 'data') return null;
  return <DataPanelInner key={surface} caption={t(`data.${surface}` as MessageKey)} />;
}

function DataPanelInner({ caption }: { caption: string }) {
  const t = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewRef = useRef<ReturnType<typeof createDataView> | null>(null);
  const { width, height } = useSize(boxRef, { width: 360, height: 240 });
  const surface = useApp((s) => s.scene.surface);
  const params = useApp((s) => s.scene.params);
  const run = useApp(currentRun);
  const racers = useApp((s) => s.racers);
  const theme = useApp((s) => s.ui.theme);
  const own = useApp((s) => s.scene.data);
  const def = useMemo(() => sceneSurfaceDef({ surface, data: own }), [surface, own]);
  const data = useMemo(() => def.create(params).data, [def, params]);

  useEffect(() => {
    viewRef.current = createDataView(svgRef.current!);
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
    if (!data || !viewRef.current) return;
    viewRef.current.update({ surface, data, racers, runs: run ? run.runs : null, width, height, axes: def.axes });
    viewRef.current.setStep(appStore.getState().playback.step);
  }, [surface, data, racers, run, width, height, def, theme]);

  return (
    <section className="panel data-panel" aria-label={t('data.title')}>
      <h2 className="panel-title">{t('data.title')}</h2>
      <p className="panel-caption">{caption}</p>
      <div className="chart-box" ref={boxRef}>
        <svg ref={svgRef} role="img" aria-label={caption} />
      </div>
    </section>
  );
}
