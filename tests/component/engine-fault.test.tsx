// @vitest-environment jsdom
/**
 * Engine faults in the page (issue 11, item 4): a dead engine is restarted once on its own; a
 * fault that persists is shown in the plot, worded as Descent's, with a Retry that works; an
 * internal fault in a run is not called an invalid setting; a failing contour grid says so.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { resetStore, setEngine, startEngine } from '../../src/state/store';
import type { EngineClient, RunReply } from '../../src/worker/api';
import { computeRun } from '../../src/worker/compute';
import { EngineFault } from '../../src/worker/fault';
import { createInProcessClient } from '../../src/worker/inProcess';
import { state } from './harness';

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    errors.push(a);
  });
});
afterEach(() => {
  cleanup();
  setEngine(null);
  resetStore();
  vi.restoreAllMocks();
});

/** An engine whose worker never came up: every call fails, as the guarded worker client fails it. */
function deadEngine(): EngineClient {
  const f = new EngineFault('start', 'the engine worker could not start: its script did not load');
  return {
    grid: () => Promise.reject(f),
    run: () => Promise.reject(f),
    isDead: () => true,
    dispose() {},
  };
}

const plot = () => screen.getByRole('figure', { name: /contour plot/i });

describe('engine faults', () => {
  it('restarts a dead engine once, then shows the fault in the plot with a Retry that starts a new engine', async () => {
    const made: string[] = [];
    let healthy = false;
    startEngine(() => {
      made.push(healthy ? 'good' : 'dead');
      return healthy ? createInProcessClient() : deadEngine();
    });
    render(<App />);
    const alert = await within(plot()).findByRole('alert');
    expect(made).toEqual(['dead', 'dead']); // the first, and one automatic restart
    expect(alert).toHaveTextContent('The computing engine could not start.');
    expect(alert).toHaveTextContent('This is a fault in Descent, not in your settings.');
    expect(alert).toHaveTextContent('its script did not load');
    expect(screen.queryByText(/Invalid setting/)).toBeNull();
    // Logged with detail for whoever debugs it.
    expect(errors.some((a) => String(a[0]).includes('internal engine fault') && String(a[0]).includes('start'))).toBe(true);

    healthy = true;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(state().results.run).not.toBeNull());
    await waitFor(() => expect(state().results.grid).not.toBeNull());
    expect(made).toEqual(['dead', 'dead', 'good']);
    expect(within(plot()).queryByRole('alert')).toBeNull();
  });

  it('recovers on its own when the restarted engine works', async () => {
    const made: number[] = [];
    startEngine(() => {
      made.push(made.length);
      return made.length === 1 ? deadEngine() : createInProcessClient();
    });
    render(<App />);
    await waitFor(() => expect(state().results.run).not.toBeNull());
    expect(made).toEqual([0, 1]);
    expect(within(plot()).queryByRole('alert')).toBeNull();
  });

  it('shows an internal fault in a run as internal, in the plot, not as "Invalid setting"', async () => {
    const inner = createInProcessClient();
    setEngine({
      ...inner,
      run: async (req): Promise<RunReply> => ({ id: req.id, ok: false, field: null, message: 'TypeError: p is undefined', internal: true }),
    });
    render(<App />);
    const alert = await within(plot()).findByRole('alert');
    expect(alert).toHaveTextContent('An internal error stopped this computation.');
    expect(alert).toHaveTextContent('TypeError: p is undefined');
    expect(screen.queryByText(/Invalid setting/)).toBeNull();
  });

  it('still shows a bad setting as one, outside the plot', async () => {
    const inner = createInProcessClient();
    setEngine({ ...inner, run: async (req) => computeRun({ ...req, config: { ...(req.config as object), steps: -1 } }) });
    render(<App />);
    expect(await screen.findByText(/^Invalid setting: steps:/)).toBeInTheDocument();
    expect(within(plot()).queryByRole('alert')).toBeNull();
  });

  it('says so when the contour grid fails, and Retry asks for it again', async () => {
    const inner = createInProcessClient();
    let fail = true;
    setEngine({
      ...inner,
      grid: (req) => (fail ? Promise.reject(new EngineFault('internal', 'RangeError: invalid array length')) : inner.grid(req)),
    });
    render(<App />);
    const alert = await within(plot()).findByRole('alert');
    expect(alert).toHaveTextContent('The contour map could not be computed. An internal error stopped this computation.');
    expect(alert).toHaveTextContent('RangeError: invalid array length');
    expect(state().results.run).not.toBeNull(); // the race itself ran
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(state().results.grid).not.toBeNull());
    expect(within(plot()).queryByRole('alert')).toBeNull();
  });
});
