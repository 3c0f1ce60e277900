/**
 * An explanation arrow longer than the plot (a gradient before clipping, say) is cut at the plot's
 * edge, keeps its direction and its true length in the label, ends in a break instead of a head,
 * and the legend says so; arrows that fit are drawn whole.
 */
import { describe, expect, it } from 'vitest';
import { exitFraction, layoutArrows } from '../../src/components/plot/OverlayView';
import type { ArrowId, StepExplanation } from '../../src/explain/quantities';
import { plotGeometry } from '../../src/plot/geometry';

const labels = { title: '', names: {} as Record<ArrowId, string>, components: '', scaled: () => '', cut: 'CUT', axes: ['x', 'y'] as [string, string] };
const geo = plotGeometry(900, 600, { x: [-2, 2], y: [-1, 3] });
const step = (arrows: { id: ArrowId; sym: string; v: [number, number] }[]) =>
  ({ t: 3, from: [0, 1], to: [0.01, 1], quantities: [], arrows, perCoord: null }) as unknown as StepExplanation;

describe('arrows cut at the plot’s edge', () => {
  it('the fraction of a segment inside a box: 1 when it ends inside or starts outside', () => {
    const b = { x0: 0, x1: 10, y0: 0, y1: 10 };
    expect(exitFraction(5, 5, 2, 2, b)).toBe(1);
    expect(exitFraction(5, 5, 10, 0, b)).toBe(0.5);
    expect(exitFraction(5, 5, -20, 5, b)).toBe(0.25);
    expect(exitFraction(5, 5, 0, 50, b)).toBe(0.1);
    expect(exitFraction(-1, 5, 100, 0, b)).toBe(1);
  });

  it('a huge gradient before clipping: cut inside the plot, same direction, true length in its label', () => {
    const out = layoutArrows(geo, step([
      { id: 'step', sym: 'Δθ', v: [0.01, 0] },
      { id: 'gradRaw', sym: '−γ∇f', v: [-300, 400] },
    ]), labels);
    expect(out.cut).toBe(true);
    const raw = out.arrows.find((a) => a.id === 'gradRaw')!;
    const { plot } = geo;
    expect(raw.cut).toBe(true);
    expect(raw.head).toBe(false);
    for (const [x, y] of [[raw.x2, raw.y2]]) {
      expect(x).toBeGreaterThanOrEqual(plot.x);
      expect(x).toBeLessThanOrEqual(plot.x + plot.w);
      expect(y).toBeGreaterThanOrEqual(plot.y);
      expect(y).toBeLessThanOrEqual(plot.y + plot.h);
    }
    // It ends 6 px inside the top edge (the direction is up and to the left).
    expect(raw.y2).toBeCloseTo(plot.y + 6, 9);
    const k = geo.sx(1) - geo.sx(0);
    const dir = Math.atan2(raw.y2 - raw.y1, raw.x2 - raw.x1);
    expect(dir).toBeCloseTo(Math.atan2(-400 * k, -300 * k), 12);
    expect(raw.label).toBe('−γ∇f 500');
    // The step fits: whole, with its head.
    const s = out.arrows.find((a) => a.id === 'step')!;
    expect(s.cut).toBe(false);
    expect(s.head).toBe(true);
  });

  it('nothing cut when everything fits', () => {
    const out = layoutArrows(geo, step([{ id: 'step', sym: 'Δθ', v: [0.5, 0.5] }]), labels);
    expect(out.cut).toBe(false);
    expect(out.arrows.every((a) => !a.cut && a.head)).toBe(true);
  });
});
