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

  it('refreshes the link in the open dialog when a scene file is opened (it kept the old scene’s link)', async () => {
    window.history.replaceState(null, '', '/?v=1&s=rosenbrock&o=gd');
    renderApp();
    act(() => {
      initShareSync(window);
    });
    await waitFor(() => expect(state().results.run).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await screen.findByRole('dialog', { name: 'Share this race' }, { timeout: 10_000 });
    const field = screen.getByLabelText('Link') as HTMLInputElement;
    expect(field.value).toMatch(/s=rosenbrock/);
    const before = field.value;

    const config = normalizeConfig({ surface: { name: 'beale' }, optimizers: [{ name: 'adam', lr: 0.05 }, { name: 'momentum', lr: 0.001 }], steps: 250, seed: 3 });
    const text = sceneToFile({
      scene: sceneFromConfig(config),
      racers: config.optimizers.map((o, i) => ({ id: i + 1, optimizer: o, color: i ? 'orange' : 'blue', shape: 'circle', visible: true })),
      playback: { playing: false, speed: 60, step: 17 },
    });
    fireEvent.change(screen.getByLabelText('Open scene'), { target: { files: [new File([text], 'beale.json', { type: 'application/json' })] } });
    await waitFor(() => expect(screen.getByText('Opened beale.json.')).toBeInTheDocument());
    await waitFor(() => expect(field.value).toMatch(/s=beale/));
    expect(field.value).not.toBe(before);
    expect(field.value).toMatch(/adam/);
    expect(field.value).toMatch(/momentum/);
    // The link shown is the one Copy copies (the scene's own link).
    const { currentShareUrl } = await import('../../src/state/share-sync');
    expect(field.value).toBe(currentShareUrl({ embed: false, hide: [] }));
  }, 30_000);
});
