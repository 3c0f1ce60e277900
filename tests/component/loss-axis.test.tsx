// @vitest-environment jsdom
/**
 * The loss chart's y axis when every loss it shows is the same (a racer resting at a minimum, a
 * race of no steps): a decade either side on a log axis, with labelled ticks, and the points inside
 * the plot (a log scale of one value has no ticks and puts its point nowhere).
 */
import { describe, expect, it } from 'vitest';
import { createLossView } from '../../src/components/plot/lossView';
import type { Racer } from '../../src/state/app';
import type { RunResult } from '../../src/engine/types';

const racer: Racer = { id: 1, optimizer: { name: 'gd', lr: 0.1 }, color: 'orange', shape: 'circle', visible: true };
const run = (loss: number[]): RunResult =>
  ({ optimizer: racer.optimizer, path: new Float64Array(2 * loss.length), loss: Float64Array.from(loss), index: Int32Array.from(loss.map((_, i) => i)), status: 'ok', divergedAt: null, fault: null, reason: null }) as RunResult;

function axis(loss: number[], scale: 'log' | 'linear') {
  document.body.innerHTML = '<svg id="a"></svg><svg id="b"></svg>';
  const view = createLossView(document.getElementById('a') as unknown as SVGSVGElement, document.getElementById('b') as unknown as SVGSVGElement);
  view.update({ racers: [racer], runs: [run(loss)], steps: loss.length - 1, width: 400, height: 240, scale, labels: { step: 'step', loss: 'loss', log: 'log', diverged: 'diverged' } });
  const labels = [...document.querySelectorAll('.axis-y .tick text')].map((t) => t.textContent).filter(Boolean);
  const ys = [...document.querySelectorAll('.axis-y .tick')].map((t) => Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute('transform') ?? '')?.[1]));
  return { labels, ys };
}

describe('the loss chart’s y axis with one value', () => {
  it('log: a decade either side of 242, labelled 10 … 10000', () => {
    const { labels, ys } = axis([242.1, 242.1, 242.1], 'log');
    expect(labels).toEqual(['10', '100', '1000', '1e4']);
    expect(ys.every(Number.isFinite)).toBe(true);
  });

  it('linear: still an axis with several ticks', () => {
    const { labels } = axis([3, 3], 'linear');
    expect(labels.length).toBeGreaterThanOrEqual(2);
  });
});
