// @vitest-environment jsdom
/**
 * A racer's recipe section (issue 17: its body is not in the page's first chunk): closed it holds
 * only its title; opening it shows the controls; a recipe arriving from elsewhere opens it.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setRacerRecipe } from '../../src/state/store';
import { renderApp, teardown } from './harness';

vi.setConfig({ testTimeout: 30_000 });
afterEach(teardown);

const card = (n: number) => screen.getByRole('region', { name: new RegExp(`Racer ${n}`) });
const section = (n: number) => within(card(n)).getByText(/^Recipe:/).closest('details') as HTMLDetailsElement;

describe('the recipe section of a racer card', () => {
  it('is closed with only its title, and opening it brings the controls', async () => {
    renderApp();
    expect(section(1).open).toBe(false);
    expect(section(1).querySelector('select')).toBeNull();
    fireEvent.click(within(section(1)).getByText(/^Recipe:/));
    const schedule = await within(card(1)).findByRole('combobox', { name: /Learning-rate schedule/ }, { timeout: 10_000 });
    expect(section(1).open).toBe(true);
    fireEvent.change(schedule, { target: { value: 'cosine' } });
    await waitFor(() => expect(within(card(1)).getByRole('img', { name: /Learning rate per step/ })).toBeInTheDocument());
    // The other cards stay closed.
    expect(section(2).open).toBe(false);
  });

  it('opens when the racer gets a recipe from elsewhere (a link, a preset)', async () => {
    renderApp();
    expect(section(2).open).toBe(false);
    act(() => setRacerRecipe(2, { clip: { norm: 1 } }));
    await waitFor(() => expect(section(2).open).toBe(true));
    expect(await within(card(2)).findByRole('combobox', { name: /Gradient clipping/ }, { timeout: 10_000 })).toHaveValue('norm');
  });
});
