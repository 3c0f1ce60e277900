/**
 * Entering and leaving presentation mode (the view itself, Presentation.tsx, loads when first
 * shown): the header's button, key P, Esc, and leaving full screen.
 */
import { useT } from '../../i18n';
import { appStore, setPresenting, setPresentLoss } from '../../state/store';
import { Icon } from '../ui/Icon';

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

/**
 * Key P toggles presentation mode, Esc leaves it, and in it L shows or hides the loss chart (not
 * while typing, not with modifiers).
 */
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
  } else if ((e.key === 'l' || e.key === 'L') && presenting && !typing && !e.repeat) {
    e.preventDefault();
    setPresentLoss(!appStore.getState().ui.presentLoss);
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

/** The header's button that enters presentation mode. */
export function PresentButton() {
  const t = useT();
  return (
    <button type="button" className="btn present-btn" onClick={enterPresentation} aria-keyshortcuts="P" aria-label={t('present.enter')} title={t('present.enter')}>
      <Icon name="present" /> <span className="btn-text">{t('present.enter')}</span>
    </button>
  );
}
