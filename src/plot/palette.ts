/**
 * Racer identity: the Okabe–Ito colour-blind-safe palette, plus a marker shape and a dash pattern
 * per racer so colour is never the only cue.
 */
export const PALETTE = [
  { key: 'orange', hex: '#E69F00' },
  { key: 'skyblue', hex: '#56B4E9' },
  { key: 'green', hex: '#009E73' },
  { key: 'vermillion', hex: '#D55E00' },
  { key: 'blue', hex: '#0072B2' },
  { key: 'purple', hex: '#CC79A7' },
  { key: 'yellow', hex: '#F0E442' },
  { key: 'black', hex: '#000000' },
] as const;

export type PaletteKey = (typeof PALETTE)[number]['key'];

export const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star', 'wye', 'times'] as const;
export type Shape = (typeof SHAPES)[number];

/** Canvas/SVG dash arrays (in px), one per shape slot. */
export const DASHES: readonly number[][] = [[], [9, 4], [2, 3], [10, 3, 2, 3], [5, 5], [], [9, 4], [2, 3]];

export function colorHex(key: string): string {
  return PALETTE.find((p) => p.key === key)?.hex ?? key;
}

/** The first palette entry not in `used` (cycling when all are taken). */
export function nextFree<T>(all: readonly T[], used: readonly T[]): T {
  for (const c of all) if (!used.includes(c)) return c;
  const counts = all.map((c) => used.filter((u) => u === c).length);
  return all[counts.indexOf(Math.min(...counts))];
}
