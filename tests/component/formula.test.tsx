// @vitest-environment jsdom
/**
 * The custom surface's formula box: picked from the surface list, validated as one types (the
 * error at its character, nothing sent), typeset when valid, raced after a pause, examples, and a
 * link's formula shown in the box.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FORMULA_DEBOUNCE_MS } from '../../src/components/controls/FormulaBox';
import { decodeShare } from '../../src/share/codec';
import { applyShare } from '../../src/state/share-sync';
import { setLocale } from '../../src/i18n';
import { renderApp, state, teardown, type Harness } from './harness';

afterEach(teardown);

async function ready(h: Harness): Promise<void> {
  await waitFor(() => expect(state().results.run).not.toBeNull());
  expect(h.runs.length).toBeGreaterThan(0);
}

async function pickCustom(h: Harness): Promise<HTMLTextAreaElement> {
  await ready(h);
  fireEvent.change(screen.getByLabelText('Loss surface'), { target: { value: 'custom' } });
  await waitFor(() => expect(h.lastConfig().surface.name).toBe('custom'));
  // The box loads lazily (its chunk is fetched once the custom surface is picked).
  return (await screen.findByLabelText('f(x, y) =', undefined, { timeout: 5000 })) as HTMLTextAreaElement;
}

const pause = () => new Promise((r) => setTimeout(r, FORMULA_DEBOUNCE_MS + 50));

describe('the formula box', () => {
  it('appears with the custom surface, holding the default function and its suggested domain', async () => {
    const h = renderApp();
    expect(screen.queryByLabelText('f(x, y) =')).toBeNull();
    const box = await pickCustom(h);
    expect(box.value).toBe('x^4 - 3*x*y + y^2');
    expect(h.lastConfig().surface.params).toEqual({ f: 'x^4 - 3*x*y + y^2', domain: [[-3, 3], [-3.5, 3.5]] });
    expect(screen.getByText('Minima found numerically: 2')).toBeInTheDocument();
  });

  it('shows an error at the character as one types, and sends nothing until the formula is valid', async () => {
    const h = renderApp();
    const box = await pickCustom(h);
    const sent = h.runs.length;
    fireEvent.change(box, { target: { value: 'x^2 + constructor' } });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    const status = () => document.getElementById(box.getAttribute('aria-describedby')!.split(' ')[1])!;
    expect(status()).toHaveAttribute('role', 'status');
    expect(status()).toHaveTextContent("Position 7: unknown name 'constructor'");
    expect(status().querySelector('mark')).toHaveTextContent('c');
    fireEvent.change(box, { target: { value: 'sin(x' } });
    expect(status()).toHaveTextContent("Position 4: unbalanced '('");
    expect(status().querySelector('mark')).toHaveTextContent('(');
    await act(pause);
    expect(h.runs.length).toBe(sent);
    expect(state().scene.params.f).toBe('x^4 - 3*x*y + y^2');
  });

  it('words the error in the interface language: Chinese in the Chinese UI, at the same character', async () => {
    const h = renderApp();
    const box = await pickCustom(h);
    const status = () => document.getElementById(box.getAttribute('aria-describedby')!.split(' ')[1])!;
    act(() => setLocale('zh'));
    try {
      fireEvent.change(box, { target: { value: 'x^2 + constructor' } });
      expect(status()).toHaveTextContent('第 7 个字符：未知的名称“constructor”');
      expect(status().textContent).not.toMatch(/unknown name/);
      fireEvent.change(box, { target: { value: 'sin(x' } });
      expect(status()).toHaveTextContent('第 4 个字符：括号不配对');
      expect(status().querySelector('mark')).toHaveTextContent('(');
      // Switching the language rewords the error shown.
      act(() => setLocale('en'));
      expect(status()).toHaveTextContent("Position 4: unbalanced '('");
    } finally {
      act(() => setLocale('en'));
    }
  });

  it('races a valid formula after a pause (debounced: one run for a burst of keystrokes)', async () => {
    const h = renderApp();
    const box = await pickCustom(h);
    const sent = h.runs.length;
    for (const v of ['x', 'x^', 'x^2', 'x^2 +', 'x^2 + 3', 'x^2 + 3*y^2']) fireEvent.change(box, { target: { value: v } });
    expect(box).not.toHaveAttribute('aria-invalid');
    await act(pause);
    await waitFor(() => expect(h.lastConfig().surface.params.f).toBe('x^2 + 3*y^2'));
    const fs = h.runs.slice(sent).map((r) => (r.config as { surface: { params: { f?: string } } }).surface.params.f);
    expect(fs).toEqual(['x^2 + 3*y^2']);
    // Typeset beside the box (KaTeX, or its plain fallback while it loads).
    await waitFor(() => expect(document.querySelector('.formula-tex .tex')).not.toBeNull());
  });

  it('an example replaces the formula at once', async () => {
    const h = renderApp();
    const box = await pickCustom(h);
    fireEvent.click(screen.getByRole('button', { name: 'Himmelblau' }));
    expect(box.value).toBe('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
    await waitFor(() => expect(h.lastConfig().surface.params.f).toBe('(x^2 + y - 11)^2 + (x + y^2 - 7)^2'));
    await waitFor(() => expect(screen.getByText('Minima found numerically: 4')).toBeInTheDocument());
  });

  it("shows a link's formula, and a bad one as a notice with the default function", async () => {
    const h = renderApp();
    await ready(h);
    act(() => applyShare(decodeShare('?v=1&s=custom&f=(1%20-%20x)^2%20+%20100*(y%20-%20x^2)^2&dom=-2,2,-1,3&o=adam,lr=0.05')));
    await waitFor(() => expect((screen.getByLabelText('f(x, y) =') as HTMLTextAreaElement).value).toBe('(1 - x)^2 + 100*(y - x^2)^2'));
    await waitFor(() => expect(h.lastConfig().surface.params.domain).toEqual([[-2, 2], [-1, 3]]));
    act(() => applyShare(decodeShare('?v=1&s=custom&f=__proto__&o=adam')));
    await waitFor(() => expect((screen.getByLabelText('f(x, y) =') as HTMLTextAreaElement).value).toBe('x^4 - 3*x*y + y^2'));
    expect(state().ui.notices.some((n) => n.field === 'f' && /unknown name '__proto__'/.test(n.message))).toBe(true);
  });
});

describe('the formula box: the domain', () => {
  it('takes a domain typed by the user, flags an empty interval, and suggests one again', async () => {
    const h = renderApp();
    await pickCustom(h);
    const xTo = screen.getByLabelText('x to');
    fireEvent.change(xTo, { target: { value: '5' } });
    await waitFor(() => expect(h.lastConfig().surface.params.domain).toEqual([[-3, 5], [-3.5, 3.5]]));
    const sent = h.runs.length;
    fireEvent.change(screen.getByLabelText('y from'), { target: { value: '4' } }); // above y to = 3.5
    expect(screen.getByLabelText('y from')).toHaveAttribute('aria-invalid', 'true');
    await new Promise((r) => setTimeout(r, 20));
    expect(h.runs.length).toBe(sent);
    fireEvent.click(screen.getByRole('button', { name: 'Suggest' }));
    await waitFor(() => expect(h.lastConfig().surface.params.domain).toEqual([[-3, 3], [-3.5, 3.5]]));
  });
});
