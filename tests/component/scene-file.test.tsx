// @vitest-environment jsdom
/** Save/Open scene in the Share dialog (issue 16): the warning for a data set too large for a link, opening a file, a bad file named. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/engine';
import { sceneToFile } from '../../src/state/scene-file';
import { sceneFromConfig } from '../../src/state/app';
import { setSurface, setUserData } from '../../src/state/store';
import { initShareSync, stopShareSync } from '../../src/state/share-sync';
import { renderApp, state, teardown } from './harness';

afterEach(() => {
  stopShareSync();
  teardown();
});

function bigData(n: number) {
  return { x: Array.from({ length: n }, (_, i) => i / 3), y: Array.from({ length: n }, (_, i) => Math.sin(i)) };
}

describe('the scene file section of the Share dialog', () => {
  it('says plainly that a large data set needs a file, and opens a saved scene with everything in it', async () => {
    window.history.replaceState(null, '', '/?v=1&s=linreg&o=gd');
    renderApp();
    act(() => {
      initShareSync(window);
    });
    await waitFor(() => expect(state().results.run).not.toBeNull());
    act(() => setSurface('linreg'));
    act(() => setUserData(normalizeConfig({ surface: { name: 'linreg', data: bigData(3000) }, optimizers: [{ name: 'gd' }] }).surface.data ?? null));
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await screen.findByRole('dialog', { name: 'Share this race' }, { timeout: 10_000 });
    expect(await screen.findByText(/This scene races your own data \(3,000 rows\), too large for a link/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save scene' })).toBeInTheDocument();

    const config = normalizeConfig({ surface: { name: 'logreg', data: { a: [1, 2, -1, 0.5], b: [0, 1, 2, -3], t: [1, 0, 1, 0] }, l2: 0.1 }, optimizers: [{ name: 'adam', lr: 0.2 }], steps: 300, seed: 9 });
    const text = sceneToFile({
      scene: sceneFromConfig(config),
      racers: [{ id: 1, optimizer: config.optimizers[0], color: 'purple', shape: 'star', visible: true }],
      playback: { playing: false, speed: 120, step: 42 },
    });
    const input = screen.getByLabelText('Open scene');
    fireEvent.change(input, { target: { files: [new File([text], 'mine.json', { type: 'application/json' })] } });
    await waitFor(() => expect(screen.getByText('Opened mine.json.')).toBeInTheDocument());
    expect(state().scene).toEqual(sceneFromConfig(config));
    expect(state().racers).toEqual([{ id: 1, optimizer: config.optimizers[0], color: 'purple', shape: 'star', visible: true }]);
    expect(state().playback.step).toBe(42);
    expect(state().playback.speed).toBe(120);

    fireEvent.change(input, { target: { files: [new File(['{"descent": "scene", "version": 1, "config": {"surface": {"name": "nope"}}}'], 'bad.json')] } });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/Could not open the scene: config\.surface\.name: unknown surface "nope"/));
    expect(state().scene.surface).toBe('logreg');
  }, 30_000);
});
