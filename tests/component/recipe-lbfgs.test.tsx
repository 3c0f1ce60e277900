// @vitest-environment jsdom
/** CONTRACT §4: L-BFGS refuses `clip`, so its recipe offers none and says why (en and 中文). */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../src/i18n';
import { removeRacer, setRacerOptimizer } from '../../src/state/store';
import { renderApp, teardown } from './harness';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => {
  teardown();
  act(() => setLocale('en'));
});

describe('the recipe of an L-BFGS racer', () => {
  it('has its clipping disabled with the reason, while another racer keeps it', async () => {
    renderApp();
    act(() => {
      removeRacer(3);
      setRacerOptimizer(1, 'lbfgs');
      setRacerOptimizer(2, 'adam');
    });
    // Closed, a recipe section holds only its title: open both (the body loads on first opening).
    for (const summary of screen.getAllByText(/^Recipe:/)) fireEvent.click(summary);
    const selects = await waitFor(() => {
      const s = [...document.querySelectorAll<HTMLSelectElement>('select.recipe-clip')];
      expect(s.length).toBe(2);
      return s;
    }, { timeout: 10_000 });
    expect(selects[0].disabled).toBe(true);
    expect(selects[1].disabled).toBe(false);
    const hint = document.getElementById(selects[0].getAttribute('aria-describedby')!);
    expect(hint).toHaveTextContent('L-BFGS takes no clipping');
    act(() => setLocale('zh'));
    await waitFor(() => expect(screen.getByText(/L-BFGS 不做梯度裁剪/)).toBeInTheDocument(), { timeout: 10_000 });
  });
});
