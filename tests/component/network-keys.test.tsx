// @vitest-environment jsdom
/**
 * The Network view's keys (src/components/network/keys.ts): Space, ←/→, Home/End call the view's
 * actions, except where a field or a slider owns the key; Space's keyup is cancelled where its
 * keydown played; the 2-D view's R and P are not among them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installNetworkKeys } from '../../src/components/network/keys';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
  document.body.innerHTML = '';
});

function setup() {
  const actions = { toggle: vi.fn(), step: vi.fn(), jump: vi.fn() };
  uninstall = installNetworkKeys(window, () => actions);
  return actions;
}

const press = (target: EventTarget, key: string, type: 'keydown' | 'keyup' = 'keydown') => {
  const e = new KeyboardEvent(type, { key, code: key === ' ' ? 'Space' : key, bubbles: true, cancelable: true });
  target.dispatchEvent(e);
  return e;
};

describe('the Network view’s keys', () => {
  it('Space plays/pauses, ← / → step, Home / End jump; R and P do nothing', () => {
    const a = setup();
    expect(press(document.body, ' ').defaultPrevented).toBe(true);
    expect(a.toggle).toHaveBeenCalledTimes(1);
    press(document.body, 'ArrowRight');
    press(document.body, 'ArrowLeft');
    expect(a.step.mock.calls).toEqual([[1], [-1]]);
    press(document.body, 'Home');
    press(document.body, 'End');
    expect(a.jump.mock.calls).toEqual([['first'], ['last']]);
    expect(press(document.body, 'r').defaultPrevented).toBe(false);
    expect(press(document.body, 'p').defaultPrevented).toBe(false);
    expect(a.toggle).toHaveBeenCalledTimes(1);
  });

  it('leaves every key to text fields and selects, and the arrows, Home and End to a slider', () => {
    const a = setup();
    document.body.innerHTML = '<input id="n" type="number"><select id="s"><option>1</option></select><input id="r" type="range"><button id="b">x</button>';
    for (const id of ['n', 's']) {
      for (const key of [' ', 'ArrowRight', 'Home']) expect(press(document.getElementById(id)!, key).defaultPrevented).toBe(false);
    }
    const range = document.getElementById('r')!;
    press(range, 'ArrowRight');
    press(range, 'End');
    expect(a.step).not.toHaveBeenCalled();
    expect(a.jump).not.toHaveBeenCalled();
    press(range, ' ');
    expect(a.toggle).toHaveBeenCalledTimes(1);
    // On a button Space plays, and its keyup is cancelled so the button is not also clicked.
    const button = document.getElementById('b')!;
    press(button, ' ');
    expect(a.toggle).toHaveBeenCalledTimes(2);
    expect(press(button, ' ', 'keyup').defaultPrevented).toBe(true);
    expect(press(document.getElementById('n')!, ' ', 'keyup').defaultPrevented).toBe(false);
  });

  it('is removed by its uninstaller', () => {
    const a = setup();
    uninstall!();
    uninstall = null;
    press(document.body, ' ');
    expect(a.toggle).not.toHaveBeenCalled();
  });
});
