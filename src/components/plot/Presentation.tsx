/**
 * Presentation mode (a button, key P, a share link's present=1): the plot full screen with large
 * type, a caption bar — the preset's title and teaching point when the scene is a preset, else the
 * surface and its racers — and the surface's formula typeset, the legend beside the plot, and the
 * play controls, which show while the pointer moves or a control has focus. Esc leaves it. The
 * loss chart (the page's own component, in larger type) sits under the legend; key L or the
 * controls' button hides and shows it.
 */
import { useEffect, useRef, useState } from 'react';
import { optimizerLabel, pick, surfaceLabel, useLocale, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { optimizers } from '../../optim';
import type { Preset } from '../../share/presets';
import { appStore, setPresentLoss, useApp } from '../../state/store';
import { leavePresentation } from './presentMode';
import { surfaceFor } from '../../surfaces';
import { PlaybackBar } from '../controls/PlaybackBar';
import { SurfaceFormula } from './SurfaceFormula';
import { Icon } from '../ui/Icon';
import { ContourPlot } from './ContourPlot';
import { Legend } from './Legend';
import { LossChart } from './LossChart';

/** The preset whose scene is on the page, if any (the presets load with presentation mode). */
function usePreset(): Preset | null {
  const scene = useApp((s) => s.scene);
  const racers = useApp((s) => s.racers);
  const [preset, setPreset] = useState<Preset | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([import('../../share/presets'), import('../../state/share-sync'), import('../../share/codec')]).then(([p, sync, codec]) => {
      if (!live) return;
      const s = sync.shareStateOf(appStore.getState(), 0);
      const query = codec.encodeShare({ ...s, lang: null, theme: null, embed: false, hide: [], present: false });
      setPreset(p.presets.find((x) => x.query === query) ?? null);
    }, (e: unknown) => console.error('presets failed to load', e));
    return () => {
      live = false;
    };
  }, [scene, racers]);
  return preset;
}

export function Presentation() {
  const t = useT();
  const locale = useLocale();
  const surface = useApp((s) => s.scene.surface);
  const racers = useApp((s) => s.racers);
  const params = useApp((s) => s.scene.params);
  const def = surfaceFor(surface, params);
  const preset = usePreset();
  const showLoss = useApp((s) => s.ui.presentLoss);
  const lossHidden = useApp((s) => s.ui.hide.includes('loss'));
  const rootRef = useRef<HTMLDivElement>(null);

  // The controls show while the pointer moves (and while one has focus, in CSS).
  useEffect(() => {
    const el = rootRef.current!;
    let timer = 0;
    const wake = () => {
      el.dataset.idle = 'false';
      clearTimeout(timer);
      timer = window.setTimeout(() => (el.dataset.idle = 'true'), 2500);
    };
    wake();
    el.addEventListener('pointermove', wake);
    el.addEventListener('pointerdown', wake);
    return () => {
      clearTimeout(timer);
      el.removeEventListener('pointermove', wake);
      el.removeEventListener('pointerdown', wake);
    };
  }, []);

  const title = preset ? pick(preset.title, locale) : surfaceLabel(def);
  const point = preset
    ? pick(preset.point, locale)
    : racers.map((r) => optimizerLabel(optimizers[r.optimizer.name])).join(' · ');

  return (
    <div className="app app-present" ref={rootRef} data-idle="false" role="main" aria-label={t('present.label')}>
      <header className="present-caption">
        <div className="present-text">
          <h1 className="present-title">{title}</h1>
          {point ? <p className="present-point">{point}</p> : null}
        </div>
        <div className="present-formula" role="group" aria-label={`${t('plot.formula')}: ${surfaceLabel(def)}`}>
          <SurfaceFormula latex={def.latex} display />
        </div>
      </header>
      <div className="present-stage">
        <ContourPlot />
        <div className="present-side">
          <div className="present-legend">
            <Legend />
          </div>
          {showLoss && !lossHidden ? (
            <div className="present-loss">
              <LossChart />
            </div>
          ) : null}
        </div>
      </div>
      <div className="present-controls" role="group" aria-label={t('present.controls')}>
        <PlaybackBar />
        <button type="button" className="btn present-exit" onClick={leavePresentation} aria-keyshortcuts="Escape P">
          <Icon name="close" /> {t('present.exit')}
        </button>
        {lossHidden ? null : (
          <button type="button" className="btn present-loss-toggle" aria-pressed={showLoss} aria-keyshortcuts="L" onClick={() => setPresentLoss(!showLoss)}>
            <Icon name="chart" /> {showLoss ? t('present.loss.hide') : t('present.loss.show')}
          </button>
        )}
        <span className="present-hint">
          {t('present.hint')}
          {lossHidden ? '' : ` · ${t('present.hint.loss')}`}
        </span>
      </div>
    </div>
  );
}
