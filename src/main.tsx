/** Entry: connect the store to the engine worker, start the animation clock, render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startClock } from './state/clock';
import { installProbe } from './state/probe';
import { setEngine, setTheme, type Theme } from './state/store';
import { createWorkerClient } from './worker/client';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem('descent-theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* private mode */
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

setTheme(initialTheme());
setEngine(createWorkerClient());
startClock();
installProbe();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
