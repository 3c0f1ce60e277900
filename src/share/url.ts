/**
 * Keeping the page's URL current: a debounced `history.replaceState` of the share link, as the
 * user edits. The window is passed in (tests give a fake one).
 */
import { shareUrl } from './codec';
import type { ShareState } from './types';

interface UrlWindow {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface UrlUpdater {
  /** Schedules the URL to show `state` after `delayMs` of quiet (a newer call replaces it). */
  update(state: ShareState): void;
  /** Writes a pending update now (e.g. before copying the link). */
  flush(): void;
  /** Drops a pending update. */
  cancel(): void;
}

export function createUrlUpdater(win: UrlWindow, delayMs = 300): UrlUpdater {
  let pending: ShareState | null = null;
  let timer: unknown = null;
  const write = () => {
    timer = null;
    if (pending === null) return;
    const url = shareUrl(pending, win.location.href);
    pending = null;
    if (url !== win.location.href) win.history.replaceState(win.history.state, '', url);
  };
  return {
    update(state) {
      pending = state;
      if (timer !== null) win.clearTimeout(timer);
      timer = win.setTimeout(write, delayMs);
    },
    flush() {
      if (timer !== null) win.clearTimeout(timer);
      write();
    },
    cancel() {
      if (timer !== null) win.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
