/**
 * Keyboard shortcuts: Space = play/pause, → / ← = one step forward / back, Home / End = first /
 * last step, R = reset — except where the key already means something:
 *
 * - in text and number fields, selects and editable text: every key is theirs;
 * - on a slider: the arrows, Home and End move the slider;
 * - Space plays and pauses whatever else has the focus — a button, a checkbox, a summary — and
 *   never also activates it: browsers click a focused button on Space's *keyup*, so the keyup is
 *   cancelled too (a focused Play button would otherwise toggle twice, and a focused Remove button
 *   would remove a racer).
 */
import { appStore, maxStep, resetPlayback, setStep, stepOnce, togglePlay } from '../../state/store';

/** Who owns a key pressed on `target`: the field (all keys), a slider (the arrows, Home, End), or the shortcuts. */
export type Owner = 'all' | 'arrows' | 'none';

export function keyOwner(target: EventTarget | null): Owner {
  if (!(target instanceof HTMLElement)) return 'none';
  if (target.isContentEditable) return 'all';
  switch (target.tagName) {
    case 'TEXTAREA':
    case 'SELECT':
      return 'all';
    case 'INPUT': {
      const type = (target as HTMLInputElement).type;
      if (type === 'range') return 'arrows';
      if (type === 'checkbox' || type === 'radio' || type === 'button' || type === 'submit' || type === 'reset') return 'none';
      return 'all';
    }
    default:
      return target.getAttribute('role') === 'slider' ? 'arrows' : 'none';
  }
}

export const isSpace = (e: KeyboardEvent) => e.key === ' ' || e.code === 'Space';

/** One step back (pauses). */
export function stepBack(): void {
  const s = appStore.getState();
  appStore.setState({ playback: { ...s.playback, playing: false, step: Math.max(0, s.playback.step - 1) } });
}

function jump(to: 'first' | 'last'): void {
  const s = appStore.getState();
  appStore.setState({ playback: { ...s.playback, playing: false } });
  setStep(to === 'first' ? 0 : maxStep());
}

export function onShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const owner = keyOwner(e.target);
  if (owner === 'all') return;
  const arrows = owner !== 'arrows';
  if (isSpace(e)) {
    e.preventDefault();
    if (!e.repeat) togglePlay();
  } else if (e.key === 'ArrowRight' && arrows) {
    e.preventDefault();
    stepOnce();
  } else if (e.key === 'ArrowLeft' && arrows) {
    e.preventDefault();
    stepBack();
  } else if (e.key === 'Home' && arrows) {
    e.preventDefault();
    jump('first');
  } else if (e.key === 'End' && arrows) {
    e.preventDefault();
    jump('last');
  } else if (e.key === 'r' || e.key === 'R') {
    e.preventDefault();
    resetPlayback();
  }
}

/** Space's keyup: cancelled wherever its keydown played or paused, so no focused button fires. */
export function onShortcutKeyUp(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !isSpace(e)) return;
  if (keyOwner(e.target) !== 'all') e.preventDefault();
}

/** Installs both handlers on a window; returns the uninstaller. */
export function installShortcuts(win: Window): () => void {
  win.addEventListener('keydown', onShortcut);
  win.addEventListener('keyup', onShortcutKeyUp);
  return () => {
    win.removeEventListener('keydown', onShortcut);
    win.removeEventListener('keyup', onShortcutKeyUp);
  };
}
