// @vitest-environment jsdom
/**
 * After a preset opens, its teaching point and "try this next" prompt stay on screen (issue 17),
 * in the interface's language, until dismissed.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n';
import { getPreset } from '../../src/share/presets';
import { setOpenedPreset } from '../../src/state/preset';
import { renderApp, teardown } from './harness';

afterEach(() => {
  teardown();
  act(() => {
    setOpenedPreset(null);
    setLocale('en');
  });
});

describe('the opened preset’s note', () => {
  it('keeps the title, point and "try this next" on the page after the gallery closes', async () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Presets' }));
    const dialog = await screen.findByRole('dialog', { name: 'Presets' }, { timeout: 10_000 });
    const preset = getPreset('ravine-momentum')!;
    fireEvent.click(await within(dialog).findByRole('button', { name: preset.title.en }, { timeout: 10_000 }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const note = screen.getByRole('region', { name: preset.title.en });
    expect(note).toHaveTextContent(preset.point.en);
    expect(note).toHaveTextContent(`Try this next: ${preset.next.en}`);
    // The point starts clamped to two lines; "More" opens it.
    expect(note).not.toHaveClass('is-open');
    const more = within(note).getByRole('button', { name: 'More' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(more);
    expect(note).toHaveClass('is-open');
    expect(within(note).getByRole('button', { name: 'Less' })).toHaveAttribute('aria-expanded', 'true');
    act(() => setLocale('zh'));
    const zh = screen.getByRole('region', { name: preset.title.zh });
    expect(zh).toHaveTextContent(preset.point.zh);
    expect(zh).toHaveTextContent(preset.next.zh);
    act(() => setLocale('en'));
    fireEvent.click(within(screen.getByRole('region', { name: preset.title.en })).getByRole('button', { name: 'Close the preset’s note' }));
    expect(screen.queryByRole('region', { name: preset.title.en })).toBeNull();
  }, 30_000);
});
