/**
 * The animation clock: while `playback.playing`, a requestAnimationFrame loop advances
 * `playback.step` at `playback.speed` steps per second and stops at the last step. Views follow the
 * step through `appStore.subscribe` and draw on canvas; React does not re-render per frame.
 */
import { appStore, maxStep } from './store';

let raf = 0;
let last = 0;
let carry = 0;
let lastUpdate = 0;

/**
 * With `prefers-reduced-motion: reduce` the race still advances at the chosen steps per second,
 * but in discrete jumps four times a second instead of a smooth 60 frames a second.
 */
export const REDUCED_MOTION_INTERVAL_MS = 250;
const reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

function tick(ts: number): void {
  const s = appStore.getState();
  if (!s.playback.playing) {
    raf = 0;
    return;
  }
  const dt = last ? Math.min(0.1, (ts - last) / 1000) : 0;
  last = ts;
  carry += dt * s.playback.speed;
  const n = Math.floor(carry);
  const held = reducedMotion?.matches === true && ts - lastUpdate < REDUCED_MOTION_INTERVAL_MS;
  if (n > 0 && !held) {
    lastUpdate = ts;
    carry -= n;
    const end = maxStep(s);
    const step = Math.min(end, s.playback.step + n);
    appStore.setState({ playback: { ...s.playback, step, playing: step < end } });
  }
  raf = requestAnimationFrame(tick);
}

/** Starts following the store; returns a function that stops it. */
export function startClock(): () => void {
  const unsub = appStore.subscribe((s, prev) => {
    if (s.playback.playing && !prev.playback.playing && !raf) {
      last = 0;
      carry = 0;
      raf = requestAnimationFrame(tick);
    }
  });
  if (appStore.getState().playback.playing && !raf) raf = requestAnimationFrame(tick);
  return () => {
    unsub();
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
  };
}
