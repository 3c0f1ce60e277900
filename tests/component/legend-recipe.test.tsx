// @vitest-environment jsdom
/** Two racers never share a legend label: the recipe (schedule, own batch size, clip, EMA) is in it. */
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n';
import { racerLabels } from '../../src/components/plot/Legend';
import type { Racer } from '../../src/state/store';

const racer = (id: number, recipe?: Racer['recipe']): Racer =>
  ({ id, optimizer: { name: 'adamw', lr: 0.2 }, ...(recipe ? { recipe } : {}) }) as unknown as Racer;

afterEach(() => act(() => setLocale('en')));

describe('legend labels with recipes', () => {
  it('says the schedule, so AdamW with cosine and constant AdamW differ by more than a number', () => {
    const labels = racerLabels([racer(1, { schedule: { name: 'cosine', tMax: 400, etaMin: 0 } }), racer(2)]);
    expect(labels[0]).toContain('cosine');
    expect(labels[1]).not.toContain('cosine');
    expect(labels[0]).not.toMatch(/\(\d\)$/);
    expect(new Set(labels).size).toBe(2);
  });
  it('names a warm-up then cosine, the clip, the EMA and an own batch size (instead of the scene’s)', () => {
    const labels = racerLabels(
      [
        racer(1, {
          schedule: { name: 'sequential', schedulers: [{ name: 'linear', startFactor: 0.1, endFactor: 1, totalIters: 10 }, { name: 'cosine', tMax: 90, etaMin: 0 }], milestones: [10] },
          clip: { norm: 1 },
          ema: 0.99,
          batchSize: 1,
        }),
        racer(2),
      ],
      { batchSize: 8, full: 64 },
    );
    expect(labels[0]).toBe('AdamW · lr 0.2 · warm-up → cosine · batch 1 · clip ‖g‖ ≤ 1 · average d = 0.99');
    expect(labels[1]).toBe('AdamW · lr 0.2 · batch 8');
  });
  it('in Chinese too', () => {
    act(() => setLocale('zh'));
    const labels = racerLabels([racer(1, { schedule: { name: 'cosine', tMax: 400, etaMin: 0 } }), racer(2)]);
    expect(labels[0]).toContain('余弦');
  });
});
