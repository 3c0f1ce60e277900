/** The playground: contour plot with racing paths, legend, loss chart, data panel and controls. */
import { useEffect, useLayoutEffect } from 'react';
import { ContourPlot } from './components/plot/ContourPlot';
import { DataPanel } from './components/plot/DataPanel';
import { ExplainPanel } from './components/explain/ExplainPanel';
import { installShortcuts } from './components/controls/keyboard';
import { LanguageSwitch } from './components/ui/LanguageSwitch';
import { LearnButton } from './components/explain/LearnPanel';
import { Legend } from './components/plot/Legend';
import { LossChart } from './components/plot/LossChart';
import { NoticeBanner } from './components/ui/NoticeBanner';
import { PlaybackBar } from './components/controls/PlaybackBar';
import { PresetNote } from './components/share/PresetNote';
import { RacerControls } from './components/controls/RacerControls';
import { EmbedOpenLink, ShareToolbar } from './components/share/ShareToolbar';
import { SurfaceControls } from './components/controls/SurfaceControls';
import { ThemeToggle } from './components/ui/ThemeToggle';
import { useT } from './i18n';
import type { HideGroup } from './share/types';
import { useApp } from './state/store';
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

  useEffect(() => installShortcuts(window), []);

  const errorBanner = globalError ? (
    <p className="error-banner" role="alert">
      {t('app.error', { message: globalError.message })}
    </p>
  ) : null;

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
        <LearnButton />
        <LanguageSwitch />
        <ThemeToggle />
      </header>
      <main className={`app-main${anyControls ? '' : ' no-controls'}`}>
        <div className="area-bar">
          <PlaybackBar />
        </div>
        <div className="area-plot">
          <NoticeBanner />
          <PresetNote />
          {errorBanner}
          <ContourPlot />
        </div>
        <div className="area-side">
          <Legend />
          <ExplainPanel />
          {shown('loss') ? <LossChart /> : null}
          {shown('data') ? <DataPanel /> : null}
        </div>
        {anyControls ? (
          <aside className="area-controls" id="controls" tabIndex={-1}>
            {shown('surface') ? <SurfaceControls /> : null}
            {shown('racers') || shown('hyper') ? <RacerControls /> : null}
          </aside>
        ) : null}
      </main>
    </div>
  );
}
