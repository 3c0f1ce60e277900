/**
 * A read-only window into the running app for the end-to-end tests and `npm run bench:ui`:
 * `window.__descent.snapshot()` returns plain data (the step, each racer's final point and loss,
 * statuses). It exposes no action: tests drive the page as a user does, through its controls.
 */
import { appStore, currentRun } from './store';

export interface Snapshot {
  step: number;
  playing: boolean;
  surface: string;
  runId: number;
  racers: { optimizer: string; final: [number, number] | null; loss: number | null; status: string | null }[];
}

export function snapshot(): Snapshot {
  const s = appStore.getState();
  const run = currentRun(s);
  return {
    step: s.playback.step,
    playing: s.playback.playing,
    surface: s.scene.surface,
    runId: s.results.runId,
    racers: s.racers.map((r, i) => {
      const res = run?.runs[i];
      const k = res ? res.loss.length - 1 : -1;
      return {
        optimizer: r.optimizer.name,
        final: res && k >= 0 ? [res.path[2 * k], res.path[2 * k + 1]] : null,
        loss: res && k >= 0 ? res.loss[k] : null,
        status: res ? res.status : null,
      };
    }),
  };
}

declare global {
  interface Window {
    __descent?: { snapshot: typeof snapshot };
  }
}

export function installProbe(): void {
  window.__descent = Object.freeze({ snapshot });
}
