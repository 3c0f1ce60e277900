/**
 * The playground: contour plot with racing paths, legend, loss chart, data panel and controls.
 * The plot takes what the panels leave; the panels (explanations and data, then the controls) can
 * be hidden to give the plot the whole width. Presentation mode shows the plot alone, full screen.
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { ContourPlot } from './components/plot/ContourPlot';
import { ExplainPanel } from './components/explain/ExplainPanel';
import { installShortcuts } from './components/controls/keyboard';
import { LanguageSwitch } from './components/ui/LanguageSwitch';
import { LearnButton } from './components/explain/LearnPanel';
import { Legend } from './components/plot/Legend';
import { NoticeBanner } from './components/ui/NoticeBanner';
import { PlaybackBar } from './components/controls/PlaybackBar';
import { PresetNote } from './components/share/PresetNote';
import { RacerControls } from './components/controls/RacerControls';
import { EmbedOpenLink, ShareToolbar } from './components/share/ShareToolbar';
import { SurfaceControls } from './components/controls/SurfaceControls';
import { SweepPanel } from './components/lab/SweepPanel';
import { ThemeToggle } from './components/ui/ThemeToggle';
import { Icon } from './components/ui/Icon';
import { PanelResizer } from './components/ui/PanelResizer';
import { onFullscreenChange, onPresentationKey, PresentButton } from './components/plot/presentMode';

/** The data panel (its d3 view), loaded with the first data surface: the default scene has none. */
const DataPanel = lazy(() => import('./components/plot/DataPanel').then((m) => ({ default: m.DataPanel })));
/**
 * The loss chart (its d3 view) loads right after the first render; its panel, title and chart
 * height hold its place meanwhile.
 */
const LossChart = lazy(() => import('./components/plot/LossChart').then((m) => ({ default: m.LossChart })));
/** Presentation mode's view, loaded when first shown. */
const Presentation = lazy(() => import('./components/plot/Presentation').then((m) => ({ default: m.Presentation })));
/** The Network view (?view=network: its own scene, d3 pieces and worker), loaded only there. */
const NetworkView = lazy(() => import('./components/network/NetworkView').then((m) => ({ default: m.NetworkView })));
import { useT } from './i18n';
import type { HideGroup } from './share/types';
import { useApp } from './state/store';
import { surfaces } from './surfaces';
import './styles/app.css';

export function App() {
  const t = useT();
  const theme = useApp((s) => s.ui.theme);
  const error = useApp((s) => s.results.error);
  const globalError = error && !(error.field ?? '').startsWith('optimizers[') ? error : null;
  // A share link's embed=1 and hide=… (classroom links).
  const embed = useApp((s) => s.ui.embed);
  const hide = useApp((s) => s.ui.hide);
  const shown = (g: HideGroup) => !hide.includes(g);
  const anyControls = shown('surface') || shown('racers') || shown('hyper');

  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const presenting = useApp((s) => s.ui.presenting);
  const dataSurface = useApp((s) => s.scene.surface !== 'custom' && surfaces[s.scene.surface].kind === 'data');
  const [panels, setPanels] = useState(() => {
    try {
      return localStorage.getItem('descent-panels') !== 'hidden';
    } catch {
      return true;
    }
  });
  const togglePanels = () => {
    setPanels(!panels);
    try {
      localStorage.setItem('descent-panels', panels ? 'hidden' : 'shown');
    } catch {
      /* private mode */
    }
  };

  useEffect(() => {
    // The Network view has its own keys (NetworkView): the 2-D ones would act on the hidden scene.
    if (new URLSearchParams(window.location.search).get('view') === 'network') return;
    const uninstallShortcuts = installShortcuts(window);
    window.addEventListener('keydown', onPresentationKey);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      uninstallShortcuts();
      window.removeEventListener('keydown', onPresentationKey);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);

  const errorBanner = globalError ? (
    <p className="error-banner" role="alert">
      {t('app.error', { message: globalError.message })}
    </p>
  ) : null;

  if (presenting) {
    return (
      <Suspense fallback={<p className="plot-loading-page">{t('app.loading')}</p>}>
        <Presentation />
      </Suspense>
    );
  }

  if (embed) {
    // Only the plot and the play controls, filling the frame.
    return (
      <div className="app app-embed">
        <NoticeBanner />
        <div className="embed-bar">
          <PlaybackBar />
          <EmbedOpenLink />
        </div>
        {errorBanner}
        <ContourPlot />
      </div>
    );
  }

  if (new URLSearchParams(window.location.search).get('view') === 'network') {
    // The Network view (a real network, CONTRACT §6): its own controls, state and worker.
    return (
      <div className="app app-network">
        <header className="app-header">
          <h1 className="app-title">{t('app.title')}</h1>
          <p className="app-tagline">{t('net.title')}</p>
          <a className="net-switch" href={window.location.pathname}>
            {t('net.back')}
          </a>
          <LanguageSwitch />
          <ThemeToggle />
        </header>
        <main>
          <Suspense fallback={<p className="view-loading" role="status">{t('net.loading')}</p>}>
            <NetworkView />
          </Suspense>
        </main>
      </div>
    );
  }

  return (
    <div className="app">
      {anyControls ? (
        <a className="skip-link" href="#controls">
          {t('app.skip')}
        </a>
      ) : null}
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <p className="app-tagline">{t('app.tagline')}</p>
        {shown('share') ? <ShareToolbar /> : null}
        <PresentButton />
        <a className="net-switch" href="?view=network">
          {t('net.open')}
        </a>
        <LearnButton />
        <LanguageSwitch />
        <ThemeToggle />
      </header>
      <main className={`app-main${anyControls ? '' : ' no-controls'}${panels ? '' : ' panels-hidden'}`}>
        <div className="area-bar">
          <PlaybackBar />
          <button type="button" className="btn btn-small panels-toggle" aria-expanded={panels} aria-controls="panels" onClick={togglePanels}>
            <Icon name="panel" /> {panels ? t('layout.panels.hide') : t('layout.panels.show')}
          </button>
        </div>
        <div className="area-plot">
          {panels ? <PanelResizer /> : null}
          <NoticeBanner />
          <PresetNote />
          {errorBanner}
          <div className="plot-row">
            <ContourPlot />
            {panels ? null : <Legend />}
          </div>
        </div>
        <div className="area-panels" id="panels" hidden={!panels}>
          <div className="area-side">
            {panels ? <Legend /> : null}
            <ExplainPanel />
            {shown('loss') ? (
              <Suspense
                fallback={
                  <section className="panel loss-panel" aria-busy="true">
                    <div className="loss-head">
                      <h2 className="panel-title">{t('loss.title')}</h2>
                    </div>
                    <div className="chart-box" />
                  </section>
                }
              >
                <LossChart />
              </Suspense>
            ) : null}
            {shown('data') && dataSurface ? (
              <Suspense
                fallback={
                  <section className="panel data-panel" aria-busy="true">
                    <h2 className="panel-title">{t('data.title')}</h2>
                  </section>
                }
              >
                <DataPanel />
              </Suspense>
            ) : null}
            <SweepPanel />
          </div>
          {anyControls ? (
            <aside className="area-controls" id="controls" tabIndex={-1}>
              {shown('surface') ? <SurfaceControls /> : null}
              {shown('racers') || shown('hyper') ? <RacerControls /> : null}
            </aside>
          ) : null}
        </div>
      </main>
    </div>
  );
}
