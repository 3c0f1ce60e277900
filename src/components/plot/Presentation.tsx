/**
 * Presentation mode (a button, key P, a share link's present=1): the plot full screen with large
 * type, a caption bar — the preset's title and teaching point when the scene is a preset, else the
 * surface and its racers — and the surface's formula typeset, the legend beside the plot, and the
 * play controls, which show while the pointer moves or a control has focus. Esc leaves it.
 */
import { useEffect, useRef, useState } from 'react';
import { optimizerLabel, pick, surfaceLabel, useLocale, useT } from '../../i18n';
import { optimizers } from '../../optim';
import type { Preset } from '../../share/presets';
import { appStore, setPresenting, useApp } from '../../state/store';
import { surfaceFor } from '../../surfaces';
import { PlaybackBar } from '../controls/PlaybackBar';
import { SurfaceFormula } from './SurfaceFormula';
import { Icon } from '../ui/Icon';
import { ContourPlot } from './ContourPlot';
import { Legend } from './Legend';

/** Is the page full screen because presentation mode asked for it? */
let ownFullscreen = false;

/** Enters presentation mode, full screen when the browser allows it (it needs a user gesture). */
export function enterPresentation(): void {
  setPresenting(true);
  const el = typeof document !== 'undefined' ? document.documentElement : null;
  if (el?.requestFullscreen && !document.fullscreenElement) {
    el.requestFullscreen().then(
      () => (ownFullscreen = true),
      () => (ownFullscreen = false),
    );
  }
}

export function leavePresentation(): void {
  setPresenting(false);
  if (ownFullscreen && typeof document !== 'undefined' && document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
  ownFullscreen = false;
}

/** Key P toggles presentation mode, Esc leaves it (not while typing, not with modifiers). */
export function onPresentationKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const el = e.target as HTMLElement | null;
  const tag = el?.tagName;
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable;
  const presenting = appStore.getState().ui.presenting;
  if (e.key === 'Escape' && presenting) {
    if (document.querySelector('[role="dialog"]')) return;
    e.preventDefault();
    leavePresentation();
  } else if ((e.key === 'p' || e.key === 'P') && !typing && !e.repeat) {
    e.preventDefault();
    if (presenting) leavePresentation();
    else enterPresentation();
  }
}

/** Leaving full screen (Esc in the browser's own full-screen mode) leaves presentation mode too. */
export function onFullscreenChange(): void {
  if (!document.fullscreenElement && ownFullscreen) {
    ownFullscreen = false;
    setPresenting(false);
  }
}

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
        <div className="present-legend">
          <Legend />
        </div>
      </div>
      <div className="present-controls" role="group" aria-label={t('present.controls')}>
        <PlaybackBar />
        <button type="button" className="btn present-exit" onClick={leavePresentation} aria-keyshortcuts="Escape P">
          <Icon name="close" /> {t('present.exit')}
        </button>
        <span className="present-hint">{t('present.hint')}</span>
      </div>
    </div>
  );
}

/** The header's button that enters presentation mode. */
export function PresentButton() {
  const t = useT();
  return (
    <button type="button" className="btn present-btn" onClick={enterPresentation} aria-keyshortcuts="P">
      <Icon name="present" /> <span className="btn-text">{t('present.enter')}</span>
    </button>
  );
}
