/** Entry: connect the store to the engine worker, start the animation clock, render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadRecipeBody } from './components/controls/RecipeControls';
import { startClock } from './state/clock';
import { installProbe } from './state/probe';
import { preloadSuggest, setTheme, startEngine, type Theme } from './state/store';
import { createWorkerClient } from './worker/client';
import { isLocale, loadLocale, localeReady, setLocale } from './i18n';

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
// The page's words come before its first render (awaited below): the browser's language (applied
// when i18n loads) or a link's `lang=zh` may need a dictionary fetched, in parallel with the rest.
if (/(?:^|[?#&])lang=zh(?:&|$)/.test(location.search + location.hash)) void loadLocale('zh').catch(() => undefined);
// Offline after the first visit: the built app registers its service worker (scripts/vite-service-worker.ts),
// relative to the page, so it works from any sub-path. Not from Vite's dev server (import.meta.hot),
// which serves sources; any build registers it, whatever its NODE_ENV (the e2e build's is "test").
// After the page's own loading.
if (!import.meta.hot && 'serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline support unavailable:', e));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/**
 * The scene, the engine and the first render. Not top-level awaits: the chunks awaited here (a
 * link's share code, the Chinese words) import the page's main chunk, which has to have finished
 * evaluating first (vite.config.ts puts everything the page imports statically in one chunk).
 */
async function boot(): Promise<void> {
  // A share link's scene is applied before the engine's first run; the URL then follows the edits.
  // The link code is loaded with the page only when there is a link; otherwise right after.
  // The Network view (?view=network) keeps its own scene, link and worker (src/components/network).
  const network = new URLSearchParams(location.search).get('view') === 'network';
  const hasLink = location.search.length > 1 || location.hash.includes('=');
  if (network) {
    const lang = new URLSearchParams(location.search).get('lang');
    if (isLocale(lang)) setLocale(lang);
  } else {
    if (hasLink) (await import('./state/share-sync')).initShareSync(window);
    startEngine(() => createWorkerClient());
    startClock();
    installProbe();
    if (!hasLink) void import('./state/share-sync').then((m) => m.initShareSync(window));
  }

  await localeReady();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // What the first render does not need but a click soon may: the learning-rate suggestion of
  // "Add racer" (it brings the runner and the steppers) and the body of a racer's recipe
  // section, fetched once the page is idle.
  if (!network) {
    const later = (f: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 3000 }) : setTimeout(f, 1500));
    later(() => {
      void preloadSuggest().catch(() => undefined);
      preloadRecipeBody();
    });
  }
}
void boot();
