// @vitest-environment jsdom
/**
 * Share links in the page (issue 4): a link opened in the address bar sets the store (or explains
 * what it could not use), the URL follows the edits, Copy link, the preset gallery, embed mode and
 * classroom links that hide control groups.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLocale, setLocale, t } from '../../src/i18n';
import { decodeShare, encodeShare, getPreset } from '../../src/share';
import { initShareSync, nearestPaletteKey, shareStateOf, stopShareSync, URL_DELAY_MS } from '../../src/state/share-sync';
import { appStore, pause, play, sceneToRunConfig, setSeed } from '../../src/state/store';
import { renderApp, state, teardown, type Harness } from './harness';

/** Opens the app at `?query` (as main.tsx does: the link is read before the first run). */
function openLink(query: string): Harness {
  window.history.replaceState(null, '', query ? `/?${query}` : '/');
  const h = renderApp();
  act(() => {
    initShareSync(window);
  });
  return h;
}

async function ready(): Promise<void> {
  await waitFor(() => expect(state().results.run).not.toBeNull());
}

function mockClipboard(): ReturnType<typeof vi.fn> {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}

afterEach(() => {
  stopShareSync();
  teardown();
  vi.useRealTimers();
  vi.restoreAllMocks();
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  if (getLocale() !== 'en') setLocale('en');
  window.history.replaceState(null, '', '/');
});

describe('opening a link', () => {
  it('a bad link shows a notice naming each field and why, and the page still renders the default scene', async () => {
    const h = openLink('v=1&s=%3Cscript%3Ealert(1)%3C%2Fscript%3E&o=adam,lr=-3;warp&n=abc&zoom=3');
    const notice = screen.getByRole('status', { name: 'Some settings in this link could not be used' });
    const items = within(notice).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      expect.stringMatching(/^s: unknown surface "<script>alert\(1\)<\/script>".* — using rosenbrock$/),
      expect.stringMatching(/^o\[0\]\.lr: must be > 0 .*\(got -3\) — using the default 0\.001$/),
      expect.stringMatching(/^o\[1\]\.name: unknown optimizer "warp"/),
      expect.stringMatching(/^n: .*abc.* — using the default 200$/),
      expect.stringMatching(/^zoom: is not a key of a Descent link — ignored$/),
    ]);
    // The link's text stays text: no element was made from it.
    expect(notice.querySelector('script')).toBeNull();
    expect(notice.textContent).toContain('<script>alert(1)</script>');
    // The fallbacks: Rosenbrock, the valid racer kept with its default learning rate.
    expect(state().scene.surface).toBe('rosenbrock');
    expect(state().racers.map((r) => r.optimizer)).toEqual([expect.objectContaining({ name: 'adam', lr: 0.001 })]);
    expect(screen.getByLabelText('Loss surface')).toHaveValue('rosenbrock');
    await ready();
    expect(h.lastConfig()).toEqual(decodeShare(location.search).state.config);
    expect(document.querySelector('.plot-box')).toHaveAttribute('data-surface', 'rosenbrock');
    // Dismissed, it is gone.
    fireEvent.click(within(notice).getByRole('button', { name: /Dismiss/ }));
    expect(screen.queryByRole('status', { name: /could not be used/ })).toBeNull();
  });

  it('a link of an unknown version is explained and still read; garbage leaves the default scene', async () => {
    openLink('v=9&s=beale&o=adam,lr=0.05');
    expect(screen.getByRole('status', { name: /could not be used/ })).toHaveTextContent(/v: unknown link version "9"/);
    expect(state().scene.surface).toBe('beale');
    stopShareSync();
    teardown();
    openLink('%%%&&&=;;,,');
    expect(state().scene.surface).toBe('rosenbrock');
    expect(state().racers.map((r) => r.optimizer.name)).toEqual(['gd', 'momentum', 'adam']);
    expect(screen.getByRole('status', { name: /could not be used/ })).toBeInTheDocument();
    await ready();
  });

  it('a good link sets the store exactly: surface, racers, hyperparameters, colours, start, steps, seed, step, theme', async () => {
    const link =
      'v=1&s=quadratic&kappa=20&angle=30&l2=0.1&noise=0.5&o=adam,lr=0.05,betas=0.8/0.99,amsgrad=1,c=D55E00;momentum,lr=0.01,momentum=0.5;gd,lr=0.02,c=0072b2&st=1.5,-2&n=120&b=4&seed=7&t=40&theme=dark';
    const h = openLink(link);
    const s = state();
    expect(s.scene).toEqual({
      surface: 'quadratic',
      params: { kappa: 20, angle: 30 },
      l2: 0.1,
      noise: 0.5,
      batchSize: 4,
      seed: 7,
      steps: 120,
      start: [1.5, -2],
      stride: 1,
    });
    expect(s.racers.map((r) => ({ id: r.id, color: r.color, shape: r.shape, visible: r.visible }))).toEqual([
      { id: 1, color: 'vermillion', shape: 'circle', visible: true },
      // No colour in the link: the first palette colour the racers before it leave free.
      { id: 2, color: 'orange', shape: 'square', visible: true },
      { id: 3, color: 'blue', shape: 'triangle', visible: true },
    ]);
    expect(s.racers[0].optimizer).toEqual({ name: 'adam', lr: 0.05, betas: [0.8, 0.99], eps: 1e-8, amsgrad: true, weightDecay: 0 });
    expect(s.racers[1].optimizer).toEqual({ name: 'momentum', lr: 0.01, momentum: 0.5, dampening: 0, weightDecay: 0 });
    expect(s.racers[2].optimizer).toEqual({ name: 'gd', lr: 0.02, weightDecay: 0 });
    expect(s.playback).toMatchObject({ step: 40, playing: false });
    expect(s.ui.theme).toBe('dark');
    expect(screen.queryByRole('status', { name: /could not be used/ })).toBeNull();
    // The page runs exactly the link's config (what the CLI runs for the same link).
    const config = decodeShare(link).state.config;
    expect(sceneToRunConfig(s)).toEqual(config);
    await ready();
    expect(h.lastConfig()).toEqual(config);
    expect(state().results.run!.config).toEqual(config);
    expect(state().playback.step).toBe(40);
    // Nothing was edited: the address bar keeps the link as it was.
    expect(location.search).toBe(`?${link}`);
  });

  it('a colour outside the palette takes the nearest palette colour, with a notice saying so', () => {
    expect(nearestPaletteKey('#0070b0')).toBe('blue');
    expect(nearestPaletteKey('#ffffff')).toBe('yellow');
    openLink('v=1&s=beale&o=adam,c=0070b0;warp;gd,c=e69f00;gd,c=FF0000');
    expect(state().racers.map((r) => r.color)).toEqual(['blue', 'orange', 'vermillion']);
    const notice = screen.getByRole('status', { name: /could not be used/ });
    // Named by their place in the link (the dropped racer o[1] counts).
    expect(within(notice).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^o\[1\]\.name: unknown optimizer "warp"/),
      'o[0].c: colour #0070b0 is not in the palette — using the nearest, blue (#0072b2)',
      'o[3].c: colour #ff0000 is not in the palette — using the nearest, vermillion (#d55e00)',
    ]);
  });

  it('reads a link from the hash too; an anchor or tracking parameters alone are not a link', () => {
    openLink('');
    stopShareSync();
    window.history.replaceState(null, '', '/#v=1&s=camel&o=adam');
    act(() => {
      initShareSync(window);
    });
    expect(state().scene.surface).toBe('camel');
    stopShareSync();
    teardown();
    for (const url of ['/#controls', '/?fbclid=abc123&utm_source=news']) {
      window.history.replaceState(null, '', url);
      renderApp();
      act(() => {
        initShareSync(window);
      });
      expect(state().scene.surface).toBe('rosenbrock');
      expect(screen.queryByRole('status', { name: /could not be used/ })).toBeNull();
      stopShareSync();
      teardown();
    }
    // Tracking parameters beside a link are dropped without a notice.
    openLink('v=1&s=beale&o=adam&utm_campaign=spring&fbclid=x');
    expect(state().scene.surface).toBe('beale');
    expect(screen.queryByRole('status', { name: /could not be used/ })).toBeNull();
  });

  it('lang=zh switches the interface to Chinese', () => {
    openLink('v=1&s=beale&o=adam&lang=zh');
    expect(getLocale()).toBe('zh');
  });
});

describe('the URL follows the page', () => {
  it('editing a control updates the URL once the edits settle (debounced replaceState)', async () => {
    openLink('');
    await ready();
    vi.useFakeTimers();
    const replace = vi.spyOn(window.history, 'replaceState');
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '7' } });
    fireEvent.change(screen.getByLabelText('Steps (value)'), { target: { value: '120' } });
    fireEvent.change(screen.getByLabelText('Loss surface'), { target: { value: 'beale' } });
    act(() => vi.advanceTimersByTime(URL_DELAY_MS - 50));
    expect(replace).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(100));
    expect(replace).toHaveBeenCalledTimes(1);
    // (Changing the surface keeps the racers' learning rates.)
    expect(location.search).toBe('?v=1&s=beale&o=gd,lr=0.001;momentum,lr=0.001;adam,lr=0.05&n=120&seed=7');
    expect(decodeShare(location.href).state.config).toEqual(sceneToRunConfig(state()));
  });

  it('a playing race does not rewrite the URL every frame; the step is written when it stops', async () => {
    openLink('v=1&s=beale&o=adam,lr=0.05&n=100');
    await ready();
    vi.useFakeTimers();
    const replace = vi.spyOn(window.history, 'replaceState');
    act(() => play());
    for (let k = 1; k <= 60; k++) {
      act(() => {
        const s = appStore.getState();
        appStore.setState({ playback: { ...s.playback, step: k } });
      });
      act(() => vi.advanceTimersByTime(16));
    }
    act(() => vi.advanceTimersByTime(1000));
    expect(replace).not.toHaveBeenCalled();
    act(() => pause());
    act(() => vi.advanceTimersByTime(URL_DELAY_MS + 10));
    expect(replace).toHaveBeenCalledTimes(1);
    expect(location.search).toBe('?v=1&s=beale&o=adam,lr=0.05&n=100&t=60');
    // An edit while playing is written (with the step at which the race was last at rest).
    act(() => play());
    act(() => setSeed(3));
    act(() => vi.advanceTimersByTime(URL_DELAY_MS + 10));
    expect(location.search).toBe('?v=1&s=beale&o=adam,lr=0.05&n=100&seed=3&t=60');
  });
});

describe('Copy link', () => {
  it('writes the current URL to the clipboard and says "Link copied"; the options change only the copied link', async () => {
    const writeText = mockClipboard();
    openLink('v=1&s=beale&o=adam,lr=0.05');
    await ready();
    // An edit just made, not yet in the address bar: copying writes it first.
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '5' } });
    const opener = screen.getByRole('button', { name: 'Share' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Share this race' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    fireEvent.click(within(dialog).getByRole('button', { name: /Copy link/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText).toHaveBeenCalledWith(location.href);
    expect(location.search).toBe('?v=1&s=beale&o=adam,lr=0.05&seed=5');
    expect(await within(dialog).findByText('Link copied')).toBeVisible();

    fireEvent.click(within(dialog).getByRole('checkbox', { name: /hyperparameters/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /loss chart/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: /Copy link/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(writeText.mock.calls[1][0]).toBe(`${location.origin}/?v=1&s=beale&o=adam,lr=0.05&seed=5&hide=hyper,loss`);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Embed (plot and play controls only)' }));
    expect((within(dialog).getByLabelText('Embed code') as HTMLTextAreaElement).value).toBe(
      `<iframe src="${location.origin}/?v=1&amp;s=beale&amp;o=adam,lr=0.05&amp;seed=5&amp;embed=1" width="800" height="560" title="Descent" style="border:0" loading="lazy"></iframe>`,
    );
    fireEvent.click(within(dialog).getByRole('button', { name: /Copy link/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(3));
    expect(writeText.mock.calls[2][0]).toBe(`${location.origin}/?v=1&s=beale&o=adam,lr=0.05&seed=5&embed=1`);
    // Not this page.
    expect(location.search).toBe('?v=1&s=beale&o=adam,lr=0.05&seed=5');
    expect(state().ui).toMatchObject({ embed: false, hide: [] });

    // Escape closes the dialog and gives the focus back to its button.
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });

  it('without a clipboard, says so and selects the link in its text field', async () => {
    openLink('v=1&s=beale&o=adam');
    await ready();
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this race' });
    fireEvent.click(within(dialog).getByRole('button', { name: /Copy link/ }));
    expect(await within(dialog).findByText(/clipboard is not available/)).toBeVisible();
    const field = within(dialog).getByRole('textbox', { name: 'Link' });
    expect(field).toHaveValue(location.href);
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('readonly');
  });

  // Issue 11, item 6: a clipboard write that never settled left the dialog silent.
  it('a clipboard that never answers: "Copying…", then after 3 s the link selected for Ctrl+C', async () => {
    const writeText = vi.fn(() => new Promise<void>(() => {}));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    openLink('v=1&s=beale&o=adam');
    await ready();
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this race' });
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(within(dialog).getByRole('button', { name: /Copy link/ }));
      expect(await within(dialog).findByText('Copying…')).toBeVisible();
      await vi.advanceTimersByTimeAsync(3000);
      expect(await within(dialog).findByText(/clipboard is not available/)).toBeVisible();
      expect(within(dialog).getByRole('textbox', { name: 'Link' })).toHaveFocus();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the focus inside the dialog', async () => {
    openLink('');
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this race' });
    const copy = within(dialog).getByRole('button', { name: /Copy link/ });
    expect(copy).toHaveFocus();
    const close = within(dialog).getByRole('button', { name: 'Close' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(close);
    // Space inside the dialog does not start the race.
    fireEvent.keyDown(dialog, { key: ' ' });
    expect(state().playback.playing).toBe(false);
    fireEvent.click(close);
    expect(screen.queryByRole('dialog')).toBeNull();
    await ready();
  });
});

describe('the preset gallery', () => {
  it('lists every preset; choosing one sets the scene and the URL', async () => {
    const h = openLink('');
    await ready();
    const opener = screen.getByRole('button', { name: 'Presets' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Presets' });
    const cards = await within(dialog).findAllByRole('button', { name: /./, description: /./ });
    expect(cards.length).toBeGreaterThanOrEqual(12);
    const preset = getPreset('newton-quadratic')!;
    const card = within(dialog).getByRole('button', { name: preset.title.en });
    expect(card).toHaveAccessibleDescription(preset.point.en);
    fireEvent.click(card);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
    expect(state().scene).toMatchObject({ surface: 'quadratic', params: { kappa: 50, angle: 30 }, steps: 50 });
    expect(state().racers.map((r) => r.optimizer)).toEqual([
      expect.objectContaining({ name: 'newton', lr: 1 }),
      expect.objectContaining({ name: 'gd', lr: 0.038 }),
    ]);
    expect(location.search).toBe(`?${preset.query}`);
    await waitFor(() => expect(h.lastConfig()).toEqual(decodeShare(preset.query).state.config));
    // Opened again, the gallery marks the preset on the page.
    fireEvent.click(opener);
    const again = await screen.findByRole('dialog', { name: 'Presets' });
    const marked = within(again)
      .getAllByRole('button')
      .filter((b) => b.getAttribute('aria-current') === 'true');
    expect(marked.map((b) => b.getAttribute('data-preset'))).toEqual(['newton-quadratic']);
    expect(within(again).getAllByRole('button', { name: /./, description: /./ })[0]).toHaveFocus();
  });

  it('shows the titles and points in Chinese when the interface is in Chinese', async () => {
    openLink('');
    act(() => setLocale('zh'));
    fireEvent.click(screen.getByRole('button', { name: t('presets.open') }));
    const dialog = await screen.findByRole('dialog', { name: t('presets.title') });
    const preset = getPreset('ravine-momentum')!;
    const card = await within(dialog).findByRole('button', { name: preset.title.zh });
    expect(card).toHaveAccessibleDescription(preset.point.zh);
    await ready();
  });

  it('a preset keeps a classroom page classroom: its hidden groups stay hidden', async () => {
    openLink('v=1&s=beale&o=adam&hide=surface');
    fireEvent.click(screen.getByRole('button', { name: 'Presets' }));
    const dialog = await screen.findByRole('dialog', { name: 'Presets' });
    fireEvent.click(await within(dialog).findByRole('button', { name: getPreset('adam-beale')!.title.en }));
    expect(state().ui.hide).toEqual(['surface']);
    expect(screen.queryByLabelText('Loss surface')).toBeNull();
    expect(location.search).toBe(`?${getPreset('adam-beale')!.query}&hide=surface`);
    await ready();
  });
});

describe('embed mode and classroom links', () => {
  it('embed=1 shows only the plot and the play controls, and play still works', async () => {
    openLink('v=1&s=beale&o=adam,lr=0.05&embed=1');
    expect(screen.queryByRole('banner')).toBeNull();
    expect(screen.queryByLabelText('Loss surface')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Legend' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Loss vs step' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Add racer/ })).toBeNull();
    expect(screen.getByRole('figure', { name: /Contour plot/ })).toBeInTheDocument();
    await ready();
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(state().playback.playing).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    fireEvent.click(screen.getByRole('button', { name: /Step one/ }));
    expect(state().playback.step).toBeGreaterThan(0);
    // A way out to the full page, without embed.
    const open = screen.getByRole('link', { name: /Open in Descent/ });
    fireEvent.focus(open);
    await waitFor(() => expect(open.getAttribute('href')).not.toContain('embed'));
    expect(open.getAttribute('href')).toContain('s=beale&o=adam,lr=0.05');
    expect(open).toHaveAttribute('target', '_blank');
  });

  it('hide=hyper hides the hyperparameter controls and keeps the rest', async () => {
    openLink('v=1&s=beale&o=adam;momentum&hide=hyper');
    expect(screen.queryAllByLabelText('learning rate')).toHaveLength(0);
    expect(screen.queryAllByLabelText('momentum')).toHaveLength(0);
    expect(screen.queryByText('More settings')).toBeNull();
    expect(screen.getAllByRole('combobox', { name: /^Optimizer/ })).toHaveLength(2);
    expect(screen.getByRole('button', { name: /Add racer/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Loss surface')).toBeInTheDocument();
    await ready();
  });

  it('hide=racers,surface,loss,data,share hides those groups; the hyperparameters stay editable', async () => {
    openLink('v=1&s=linreg&o=momentum,lr=0.02&hide=racers,surface,loss,data,share');
    expect(screen.queryByRole('button', { name: /Add racer/ })).toBeNull();
    expect(screen.queryByRole('combobox', { name: /^Optimizer/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByLabelText('Loss surface')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Loss vs step' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Data and model' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    const lr = screen.getByLabelText('learning rate (value)');
    fireEvent.change(lr, { target: { value: '0.01' } });
    expect(state().racers[0].optimizer.lr).toBe(0.01);
    expect(screen.getByRole('region', { name: 'Legend' })).toBeInTheDocument();
    await ready();
  });
});

describe('links and the store agree', () => {
  it('the page reads a link and writes back exactly the same link, for every kind of field', () => {
    const link =
      'v=1&s=quadratic&kappa=20&o=adam,lr=0.05,c=cc79a7;gd;rprop,etas=0.4/1.3&st=1,2&n=300&seed=0&stride=3&t=12&lang=en&theme=light&hide=data';
    openLink(link);
    expect(state().scene.stride).toBe(3);
    expect(state().racers.map((r) => r.color)).toEqual(['purple', 'orange', 'skyblue']);
    expect(encodeShare(shareStateOf(state()))).toBe(link);
    // An edit undone within the debounce leaves the address bar as it was.
    vi.useFakeTimers();
    const replace = vi.spyOn(window.history, 'replaceState');
    act(() => setSeed(4));
    act(() => setSeed(0));
    act(() => vi.advanceTimersByTime(URL_DELAY_MS + 10));
    expect(replace).not.toHaveBeenCalled();
    expect(location.search).toBe(`?${link}`);
  });
});
