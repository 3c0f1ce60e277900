/**
 * The explanation overlay's layer over the contour plot: an SVG above the racers' markers, redrawn
 * through `appStore.subscribe` when the step, the trace or the explained racer changes (no React
 * render per frame). Off when no racer is explained, the overlay is switched off, the racer is
 * hidden, or the race is before its first step. Its drawing code (OverlayView.ts and the step
 * arithmetic) loads with the first explained racer.
 */
import { useEffect, useRef } from 'react';
import { optimizerLabel, t, useT } from '../../i18n';
import type { ArrowId } from '../../explain/quantities';
import { optimizers } from '../../optim';
import { appStore, currentTrace, type AppState } from '../../state/store';
import { getSurface } from '../../surfaces';
import type { TraceData } from '../../worker/api';
import type { PlotGeometry } from '../../plot/geometry';
import { prettyAxis } from '../../plot/marks';
import type { OverlayLabels } from './OverlayView';

const ARROWS: ArrowId[] = [
  'grad',
  'gradRaw',
  'gradClipped',
  'velocity',
  'moment',
  'decay',
  'gradPart',
  'momentumPart',
  'newton',
  'step',
  'direction',
  'trial',
  'perturb',
  'perturbedGrad',
  'zPoint',
  'yPoint',
];

type Modules = [typeof import('./OverlayView'), typeof import('../../explain/quantities')];
let modules: Modules | null = null;
let loading: Promise<Modules> | null = null;

function loadModules(): Promise<Modules> {
  loading ??= Promise.all([import('./OverlayView'), import('../../explain/quantities')]).then((m) => (modules = m));
  return loading;
}

function labelsFor(s: AppState, tr: TraceData, step: number): OverlayLabels {
  const racer = s.racers.find((r) => r.id === s.ui.explained);
  const i = racer ? s.racers.indexOf(racer) : 0;
  const name = t('racers.name', { n: i + 1, label: optimizerLabel(optimizers[tr.optimizer.name]) });
  const names = Object.fromEntries(ARROWS.map((id) => [id, t(`overlay.${id}`)])) as Record<ArrowId, string>;
  const axes = getSurface(s.scene.surface)?.axes ?? ['x', 'y'];
  return {
    title: t('overlay.title', { t: step, name }),
    names,
    components: t('overlay.components'),
    scaled: (k) => t('overlay.scaled', { k }),
    cut: t('overlay.cut'),
    axes: [prettyAxis(axes[0]), prettyAxis(axes[1])],
  };
}

export function OverlayLayer({ geo }: { geo: PlotGeometry }) {
  const tr = useT();
  const svgRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    let view: ReturnType<Modules[0]['createOverlayView']> | null = null;
    let init: { trace: TraceData; state: Float64Array } | null = null;
    let live = true;
    const paint = (s: AppState) => {
      const trace = currentTrace(s);
      const racer = s.racers.find((r) => r.id === s.ui.explained);
      const k = trace ? Math.min(s.playback.step, trace.steps) : 0;
      const show = trace && racer && racer.visible && s.ui.overlay && k >= 1;
      if (!modules) {
        if (show || s.ui.explained !== null)
          loadModules().then(() => {
            if (live) paint(appStore.getState());
          }, (e: unknown) => console.error('overlay failed to load', e));
        return;
      }
      const [{ createOverlayView }, { explainStep, initialState }] = modules;
      view ??= createOverlayView(svgRef.current!);
      if (!show) {
        view.update({ geo, ex: null });
        return;
      }
      if (!init || init.trace !== trace) init = { trace, state: initialState(trace.optimizer) };
      view.update({ geo, ex: explainStep(trace, k, init.state), labels: labelsFor(s, trace, k) });
    };
    paint(appStore.getState());
    const unsub = appStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step || s.results !== prev.results || s.ui !== prev.ui || s.racers !== prev.racers || s.scene !== prev.scene) paint(s);
    });
    return () => {
      live = false;
      unsub();
      view?.destroy();
    };
  }, [geo, tr]);

  return <svg ref={svgRef} className="plot-layer plot-explain" aria-hidden="true" data-testid="explain-overlay" />;
}
