/** Entry: connect the store to the engine worker, start the animation clock, render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startClock } from './state/clock';
import { installProbe } from './state/probe';
import { setTheme, startEngine, type Theme } from './state/store';
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
// A share link's scene is applied before the engine's first run; the URL then follows the edits.
// The link code is loaded with the page only when there is a link; otherwise right after.
const hasLink = location.search.length > 1 || location.hash.includes('=');
if (hasLink) (await import('./state/share-sync')).initShareSync(window);
startEngine(() => createWorkerClient());
startClock();
installProbe();
if (!hasLink) void import('./state/share-sync').then((m) => m.initShareSync(window));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
