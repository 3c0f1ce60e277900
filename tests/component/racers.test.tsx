// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, state, teardown } from './harness';

afterEach(teardown);

const cards = () => screen.getAllByRole('region', { name: /^Racer \d+: / });

describe('racers', () => {
  it('starts with GD, Momentum and Adam, each with its own colour and legend entry', async () => {
    renderApp();
    expect(state().racers.map((r) => r.optimizer.name)).toEqual(['gd', 'momentum', 'adam']);
    expect(new Set(state().racers.map((r) => r.color)).size).toBe(3);
    expect(new Set(state().racers.map((r) => r.shape)).size).toBe(3);
    const legend = screen.getByRole('region', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem')).toHaveLength(3);
    await waitFor(() => expect(state().results.run?.runs).toHaveLength(3));
  });

  it('adds a racer: a new card, legend entry and optimizer in the config', async () => {
    const h = renderApp();
    fireEvent.click(screen.getByRole('button', { name: /Add racer/ }));
    // The racer arrives once its learning rate is chosen (state/suggest.ts loads on demand).
    await waitFor(() => expect(cards()).toHaveLength(4));
    expect(new Set(state().racers.map((r) => r.color)).size).toBe(4);
    await waitFor(() => expect(h.lastConfig().optimizers).toHaveLength(4));
    await waitFor(() => expect(state().results.run?.runs).toHaveLength(4));
  });

  it('duplicates a racer right after itself, with the same settings and a new colour', async () => {
    const h = renderApp();
    const mom = screen.getByRole('region', { name: /^Racer 2: / });
    fireEvent.change(within(mom).getByLabelText('momentum (value)'), { target: { value: '0.75' } });
    fireEvent.click(within(mom).getByRole('button', { name: /Duplicate/ }));
    const rs = state().racers;
    expect(rs.map((r) => r.optimizer.name)).toEqual(['gd', 'momentum', 'momentum', 'adam']);
    expect(rs[2].optimizer).toEqual(rs[1].optimizer);
    expect(rs[2].optimizer).not.toBe(rs[1].optimizer);
    expect(rs[2].color).not.toBe(rs[1].color);
    expect(rs[2].id).not.toBe(rs[1].id);
    await waitFor(() => expect(h.lastConfig().optimizers[2]).toMatchObject({ name: 'momentum', momentum: 0.75 }));
  });

  it('removes a racer', async () => {
    const h = renderApp();
    const gd = screen.getByRole('region', { name: /^Racer 1: / });
    fireEvent.click(within(gd).getByRole('button', { name: /Remove/ }));
    expect(cards()).toHaveLength(2);
    expect(state().racers.map((r) => r.optimizer.name)).toEqual(['momentum', 'adam']);
    await waitFor(() => expect(h.lastConfig().optimizers.map((o) => o.name)).toEqual(['momentum', 'adam']));
  });

  it('recolours and hides a racer without recomputing', async () => {
    const h = renderApp();
    await waitFor(() => expect(state().results.run).not.toBeNull());
    const sent = h.runs.length;
    const adam = screen.getByRole('region', { name: /^Racer 3: / });
    fireEvent.change(within(adam).getByRole('combobox', { name: /^Colour/ }), { target: { value: 'purple' } });
    fireEvent.click(within(adam).getByRole('checkbox', { name: 'Show' }));
    expect(state().racers[2]).toMatchObject({ color: 'purple', visible: false });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.runs.length).toBe(sent);
    expect(screen.getByText('(hidden)')).toBeInTheDocument();
  });
});

describe('a diverged racer', () => {
  it('GD with lr 1 on Rosenbrock is labelled "diverged at step k: reason" in the legend', async () => {
    renderApp();
    const gd = screen.getByRole('region', { name: /^Racer 1: / });
    fireEvent.change(within(gd).getByLabelText('learning rate (value)'), { target: { value: '1' } });
    await waitFor(() => expect(state().results.run?.runs[0].status).toBe('diverged'));
    const run = state().results.run!.runs[0];
    const label = await screen.findByText(/^diverged at step \d+: /);
    expect(label.textContent).toBe(`diverged at step ${run.divergedAt}: ${run.reason}`);
    expect(label.closest('li')).toHaveTextContent('Gradient descent');
    // The loss chart marks where it diverged, with the reason in its tooltip.
    const marks = document.querySelectorAll('.loss-diverged g');
    expect(marks).toHaveLength(1);
    expect(marks[0].querySelector('title')?.textContent).toBe(`diverged: ${run.reason}`);
    // The others race on.
    expect(state().results.run!.runs.slice(1).map((r) => r.status)).toEqual(['ok', 'ok']);
  });
});
