/**
 * The handle between the plot and the side panels (≥ 1200 px, panels shown): a focusable
 * separator that is dragged with the pointer or moved with the arrow keys (Shift: in larger steps,
 * Home / End: narrowest / widest). The width lives in the app state (`ui.panelWidth`, never in a
 * share link) and reaches the page as the CSS variable --side-user on `.app-main`; the CSS clamps
 * it so that the plot keeps at least half of the page's width, and aria-valuenow reports the width
 * the side column really has.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../i18n';
import { setPanelWidth, useApp } from '../../state/store';

/** The narrowest side column, px. */
export const PANEL_MIN = 280;
const STEP = 16;

/** The side column (whose width the handle sets) and the widest it may be, px. */
function measure(main: HTMLElement): { side: HTMLElement | null; now: number; max: number } {
  const side = main.querySelector<HTMLElement>('.area-side');
  const panels = main.querySelector<HTMLElement>('.area-panels');
  const cs = getComputedStyle(main);
  const inner = main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const gap = parseFloat(cs.columnGap) || 0;
  // What the panels hold besides the side column (the controls column beside it, ≥ 1680 px).
  const rest = panels && side ? Math.max(0, panels.getBoundingClientRect().width - side.getBoundingClientRect().width) : 0;
  const max = Math.max(PANEL_MIN, Math.floor((inner - gap) / 2 - rest));
  return { side, now: side ? Math.round(side.getBoundingClientRect().width) : PANEL_MIN, max };
}

export function PanelResizer() {
  const t = useT();
  const width = useApp((s) => s.ui.panelWidth);
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; w: number } | null>(null);
  const [shown, setShown] = useState({ now: PANEL_MIN, max: PANEL_MIN });

  const main = () => ref.current?.closest<HTMLElement>('.app-main') ?? null;

  // The state's width onto the page; then read back what the layout made of it.
  useLayoutEffect(() => {
    const m = main();
    if (!m) return;
    if (width === null) m.style.removeProperty('--side-user');
    else m.style.setProperty('--side-user', `${width}px`);
    const { now, max } = measure(m);
    setShown((s) => (s.now === now && s.max === max ? s : { now, max }));
  }, [width]);

  // The window's width changes the limit (and what the CSS clamp leaves of the width).
  useEffect(() => {
    const m = main();
    if (!m || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const { now, max } = measure(m);
      setShown((s) => (s.now === now && s.max === max ? s : { now, max }));
    });
    ro.observe(m);
    return () => ro.disconnect();
  }, []);

  const set = (w: number) => {
    const m = main();
    const max = m ? measure(m).max : Infinity;
    setPanelWidth(Math.max(PANEL_MIN, Math.min(max, w)));
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    // The handle is on the panels' left edge: left widens them, right gives the plot more.
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') set(shown.now + step);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') set(shown.now - step);
    else if (e.key === 'Home') set(PANEL_MIN);
    else if (e.key === 'End') set(shown.max);
    else return;
    e.preventDefault();
    // Not the page's shortcuts (← / → step the race, Home / End jump).
    e.stopPropagation();
  };

  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    drag.current = { x: e.clientX, w: shown.now };
    e.currentTarget.setPointerCapture?.(e.pointerId);
    e.currentTarget.focus();
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    set(drag.current.w + (drag.current.x - e.clientX));
  };
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };

  return (
    <div
      ref={ref}
      className="panel-resizer"
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-controls="panels"
      aria-label={t('layout.resize')}
      aria-valuenow={shown.now}
      aria-valuemin={PANEL_MIN}
      aria-valuemax={shown.max}
      aria-valuetext={`${shown.now} px`}
      title={t('layout.resize.hint')}
      onKeyDown={onKey}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onDoubleClick={() => setPanelWidth(null)}
    />
  );
}
