// @vitest-environment jsdom
/**
 * The loss chart's learning-rate axis (CONTRACT §4): a labelled, keyboard-operable toggle, shown
 * when some racer has a schedule; with it on, each scheduled racer's lr is drawn on a right axis
 * (log when a linear one would squash it) and the hover readout gives it.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleLrs } from '../../src/engine/schedule';
import { lrAxisLog } from '../../src/components/plot/lossView';
import { setLocale } from '../../src/i18n';
import { fmt } from '../../src/plot/marks';
import { currentRun, removeRacer, setRacerRecipe, setSteps, setSurface } from '../../src/state/store';
import { renderApp, state, teardown } from './harness';

const LONG = { timeout: 8000 };
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  teardown();
  setLocale('en');
});

const box = () => document.querySelector<HTMLElement>('.loss-box')!;
const lrLines = () => [...document.querySelectorAll<SVGPathElement>('.loss-lr-line')];

describe('the lr axis on the loss chart', () => {
  it('the toggle appears with a schedule, works from the keyboard and draws each scheduled racer’s lr on a right axis', async () => {
    renderApp();
    act(() => {
      setSurface('rosenbrock');
      setSteps(200);
      removeRacer(3);
    });
    await waitFor(() => expect(currentRun(state())?.runs.length).toBe(2), LONG);
    expect(screen.queryByRole('button', { name: 'Learning rate' })).toBeNull();
    act(() => setRacerRecipe(1, { schedule: { name: 'cosine', tMax: 200, etaMin: 0 } }));
    await waitFor(() => expect(currentRun(state())?.runs[0].lr).toBeDefined(), LONG);
    const toggle = await screen.findByRole('button', { name: 'Learning rate' }, LONG);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(toggle.title).toMatch(/right axis/);
    expect(box().dataset.lr).toBe('off');
    expect(lrLines()).toHaveLength(0);

    const user = userEvent.setup();
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(box().dataset.lr).toBe('linear'));
    // Only the racer with a schedule has an lr line; the right axis carries ticks and its name.
    expect(lrLines().map((p) => p.dataset.racer)).toEqual(['1']);
    expect(lrLines()[0].getAttribute('d')).toMatch(/^M/);
    expect(document.querySelectorAll('.axis-lr .tick').length).toBeGreaterThan(1);
    expect(document.querySelector('.axis-label-lr')!.textContent).toBe('learning rate');
    expect(screen.getByRole('img', { name: /learning rate on the right axis, Linear/ })).toBeInTheDocument();

    // An exponential decay over four decades: a log axis.
    act(() => setRacerRecipe(1, { schedule: { name: 'exponential', gamma: 0.95 } }));
    await waitFor(() => expect(box().dataset.lr).toBe('log'), LONG);
    expect(document.querySelector('.axis-label-lr')!.textContent).toBe('learning rate (log scale)');

    // The readout under the pointer gives the lr of the step.
    const run = currentRun(state())!.runs[0];
    fireEvent.pointerMove(box(), { clientX: 200, clientY: 100 });
    await waitFor(() => expect(document.querySelector('.loss-readout')).not.toBeNull());
    const step = Number(document.querySelector('.loss-readout-step')!.textContent!.replace(/\D/g, ''));
    expect(document.querySelector('.loss-readout')!.textContent).toContain(`· lr ${fmt(run.lr![step], 4)}`);

    // Enter again turns it off (Space is the page's play/pause, whatever has the focus).
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(box().dataset.lr).toBe('off'));
    expect(lrLines()).toHaveLength(0);

    // In Chinese.
    act(() => setLocale('zh'));
    expect(screen.getByRole('button', { name: '学习率' })).toBeInTheDocument();

    // No schedule left: no toggle.
    act(() => setRacerRecipe(1, undefined));
    await waitFor(() => expect(screen.queryByRole('button', { name: '学习率' })).toBeNull(), LONG);
  });
});

describe('the lr axis’ scale', () => {
  it('is log when a linear axis would squash the lr, linear otherwise', () => {
    expect(lrAxisLog(scheduleLrs({ name: 'exponential', gamma: 0.95 }, 0.1, 200))).toBe(true);
    expect(lrAxisLog(scheduleLrs({ name: 'multistep', milestones: [50, 100, 150], gamma: 0.1 }, 0.1, 200))).toBe(true);
    // Cosine to 0 spans many decades only at its very end.
    expect(lrAxisLog(scheduleLrs({ name: 'cosine', tMax: 200, etaMin: 0 }, 0.1, 200))).toBe(false);
    expect(lrAxisLog(scheduleLrs({ name: 'linear', startFactor: 0.01, endFactor: 1, totalIters: 20 }, 0.1, 200))).toBe(false);
    expect(lrAxisLog([0.1, 0.1, 0.1])).toBe(false);
    expect(lrAxisLog([])).toBe(false);
  });
});
