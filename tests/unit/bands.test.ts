import { interpolateViridis } from 'd3';
import { describe, expect, it } from 'vitest';
import { bandColor, viridis } from '../../src/plot/bands';

describe('the contour bands', () => {
  it('colour as d3 interpolateViridis does, at every one of its 256 colours and the ends', () => {
    for (let i = -2; i <= 258; i++) expect(viridis(i / 256)).toBe(interpolateViridis(i / 256));
    for (const t of [0, 0.001, 0.25, 0.5, 0.999, 1, NaN, -Infinity, Infinity]) expect(viridis(t)).toBe(interpolateViridis(t));
  });

  it('spread the bands over the ramp, and a surface without levels gets the middle colour', () => {
    expect(bandColor(0, 10)).toBe('#440154');
    expect(bandColor(10, 10)).toBe('#fde725');
    expect(bandColor(3, 0)).toBe(interpolateViridis(0.5));
  });
});
