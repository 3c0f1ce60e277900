/**
 * The Network view's keys (the 2-D view's shortcuts are not installed there: they would act on
 * the hidden 2-D scene): Space = play/pause, ← / → = one step back / forward (pausing),
 * Home / End = the first / last step. Fields keep their keys and a slider its arrows, as in
 * src/components/controls/keyboard.ts; Space's keyup is cancelled wherever its keydown played or
 * paused, so a focused button is not also clicked.
 */
import { isSpace, keyOwner } from '../controls/keyboard';

export interface NetworkKeyActions {
  toggle(): void;
  /** One step back (−1) or forward (+1), pausing. */
  step(delta: -1 | 1): void;
  /** The first or last step, pausing. */
  jump(to: 'first' | 'last'): void;
}

export function installNetworkKeys(win: Window, actions: () => NetworkKeyActions): () => void {
  const down = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const owner = keyOwner(e.target);
    if (owner === 'all') return;
    const free = owner !== 'arrows';
    const a = actions();
    if (isSpace(e)) {
      e.preventDefault();
      if (!e.repeat) a.toggle();
    } else if (e.key === 'ArrowRight' && free) {
      e.preventDefault();
      a.step(1);
    } else if (e.key === 'ArrowLeft' && free) {
      e.preventDefault();
      a.step(-1);
    } else if (e.key === 'Home' && free) {
      e.preventDefault();
      a.jump('first');
    } else if (e.key === 'End' && free) {
      e.preventDefault();
      a.jump('last');
    }
  };
  const up = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !isSpace(e)) return;
    if (keyOwner(e.target) !== 'all') e.preventDefault();
  };
  win.addEventListener('keydown', down);
  win.addEventListener('keyup', up);
  return () => {
    win.removeEventListener('keydown', down);
    win.removeEventListener('keyup', up);
  };
}
