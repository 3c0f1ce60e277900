/** The playground: contour plot with racing paths, legend, loss chart, data panel and controls. */
import { useEffect, useLayoutEffect } from 'react';
import { ContourPlot } from './components/ContourPlot';
import { DataPanel } from './components/DataPanel';
import { onShortcut } from './components/keyboard';
import { Legend } from './components/Legend';
import { LossChart } from './components/LossChart';
import { PlaybackBar } from './components/PlaybackBar';
import { RacerControls } from './components/RacerControls';
import { SurfaceControls } from './components/SurfaceControls';
import { ThemeToggle } from './components/ThemeToggle';
import { useT } from './i18n';
import { useApp } from './state/store';
import './styles/app.css';

export function App() {
  const t = useT();
  const theme = useApp((s) => s.ui.theme);
  const error = useApp((s) => s.results.error);
  const globalError = error && !(error.field ?? '').startsWith('optimizers[') ? error : null;

  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    window.addEventListener('keydown', onShortcut);
    return () => window.removeEventListener('keydown', onShortcut);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#controls">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <p className="app-tagline">{t('app.tagline')}</p>
        <ThemeToggle />
      </header>
      <main className="app-main">
        <div className="area-bar">
          <PlaybackBar />
        </div>
        <div className="area-plot">
          {globalError ? (
            <p className="error-banner" role="alert">
              {t('app.error', { message: globalError.message })}
            </p>
          ) : null}
          <ContourPlot />
        </div>
        <div className="area-side">
          <Legend />
          <LossChart />
          <DataPanel />
        </div>
        <aside className="area-controls" id="controls" tabIndex={-1}>
          <SurfaceControls />
          <RacerControls />
        </aside>
      </main>
    </div>
  );
}
