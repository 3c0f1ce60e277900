/**
 * Shared set-up for component tests: a fresh store wired to an in-process engine that records
 * every request, and the rendered app.
 */
import { cleanup, render } from '@testing-library/react';
import { App } from '../../src/App';
import { appStore, resetStore, setEngine } from '../../src/state/store';
import type { GridRequest, RunRequest } from '../../src/worker/api';
import { createInProcessClient } from '../../src/worker/inProcess';
import type { RunConfig } from '../../src/engine/types';

export interface Harness {
  runs: RunRequest[];
  grids: GridRequest[];
  /** The config of the latest run request. */
  lastConfig(): RunConfig;
}

export function renderApp(): Harness {
  const runs: RunRequest[] = [];
  const grids: GridRequest[] = [];
  resetStore();
  setEngine(createInProcessClient({ onRun: (r) => runs.push(r), onGrid: (g) => grids.push(g) }));
  render(<App />);
  return {
    runs,
    grids,
    lastConfig: () => {
      if (!runs.length) throw new Error('no run request yet');
      return runs[runs.length - 1].config as RunConfig;
    },
  };
}

export function teardown(): void {
  cleanup();
  setEngine(null);
  resetStore();
}

export const state = () => appStore.getState();
