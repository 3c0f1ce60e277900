/**
 * Keyboard shortcuts: Space = play/pause, → = step one, R = reset — except where the key already
 * means something: in text and number fields and selects (all keys), on a slider (arrows), on a
 * button, checkbox or summary (Space).
 */
import { resetPlayback, stepOnce, togglePlay } from '../../state/store';

type Owner = 'all' | 'arrows' | 'space' | 'none';

function keyOwner(target: EventTarget | null): Owner {
  if (!(target instanceof HTMLElement)) return 'none';
  if (target.isContentEditable) return 'all';
  switch (target.tagName) {
    case 'TEXTAREA':
    case 'SELECT':
      return 'all';
    case 'BUTTON':
    case 'SUMMARY':
      return 'space';
    case 'INPUT': {
      const type = (target as HTMLInputElement).type;
      if (type === 'range') return 'arrows';
      if (type === 'checkbox' || type === 'radio' || type === 'button' || type === 'submit') return 'space';
      return 'all';
    }
    default:
      return 'none';
  }
}

export function onShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const owner = keyOwner(e.target);
  if (owner === 'all') return;
  if ((e.key === ' ' || e.code === 'Space') && owner !== 'space') {
    e.preventDefault();
    togglePlay();
  } else if (e.key === 'ArrowRight' && owner !== 'arrows') {
    e.preventDefault();
    stepOnce();
  } else if (e.key === 'r' || e.key === 'R') {
    e.preventDefault();
    resetPlayback();
  }
}
