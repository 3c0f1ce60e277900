// @vitest-environment jsdom
/**
 * Edge states (issue 17): every racer removed shows a friendly empty state (no config error, no
 * request the engine would refuse); a link without racers opens the defaults with no notice; the
 * keyboard's Space plays from a focused button without also clicking it.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeShare } from '../../src/share/codec';
import { applyShare, pageNotices } from '../../src/state/share-sync';
import { defaultConfig } from '../../src/engine';
import { renderApp, state, teardown } from './harness';

afterEach(teardown);

describe('no racers', () => {
  it('removing every racer shows the empty state, not an error, and sends nothing to the engine', async () => {
    const h = renderApp();
    await waitFor(() => expect(state().results.run).not.toBeNull());
    const sent = h.runs.length;
    // Always the first card's Remove button: the cards renumber as racers go.
    while (state().racers.length > 0) fireEvent.click(screen.getByRole('button', { name: /^Remove \(Racer 1: / }));
    expect(state().racers).toHaveLength(0);
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(state().results.error).toBeNull();
    expect(h.runs.length).toBe(sent);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/Invalid settings/)).toBeNull();
    const empty = screen.getByText('No racers on the track').closest('[role="status"]') as HTMLElement;
    expect(empty).not.toBeNull();
    fireEvent.click(within(empty).getByRole('button', { name: 'Add a racer (Adam)' }));
    // The racer arrives once its learning rate is chosen (state/suggest.ts loads on demand).
    await waitFor(() => expect(state().racers.map((r) => r.optimizer.name)).toEqual(['adam']));
    await waitFor(() => expect(state().results.run?.runs).toHaveLength(1));
    expect(screen.queryByText('No racers on the track')).toBeNull();
  });

  it('a link with no racers, or an empty list, opens the default race with no notice', () => {
    renderApp();
    for (const link of ['v=1&s=beale', 'v=1&s=beale&o=', 'v=1&s=beale&o=;;']) {
      applyShare(decodeShare(link));
      expect(state().racers.map((r) => r.optimizer)).toEqual(defaultConfig().optimizers);
      expect(state().ui.notices).toEqual([]);
    }
  });

  it('a link whose racers were all refused still says so', () => {
    const notices = decodeShare('v=1&s=beale&o=foo;bar').notices;
    expect(pageNotices(notices).map((n) => n.field)).toEqual(['o[0].name', 'o[1].name', 'o']);
  });
});
