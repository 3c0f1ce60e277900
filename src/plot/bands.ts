/** Colour bands of the contour plot (viridis: perceptually uniform and colour-blind safe). */
import { interpolateViridis } from 'd3';

/** Colour of band b of n + 1 bands (b = 0: below the first level). */
export function bandColor(b: number, nLevels: number): string {
  return interpolateViridis(nLevels <= 0 ? 0.5 : b / nLevels);
}
