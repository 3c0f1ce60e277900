/** A racer's colour and marker shape as a small inline SVG (legend, racer cards). */
import { colorHex, type PaletteKey, type Shape } from '../../plot/palette';
import { markerPath } from '../../plot/marks';

export function Swatch({ color, shape, size = 18 }: { color: PaletteKey; shape: Shape; size?: number }) {
  return (
    <svg className="swatch" width={size} height={size} viewBox="-10 -10 20 20" aria-hidden="true">
      <path d={markerPath(shape, 150)} fill={colorHex(color)} stroke="var(--swatch-stroke)" strokeWidth={1.2} />
    </svg>
  );
}
