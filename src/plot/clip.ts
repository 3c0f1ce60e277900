/**
 * Geometric clipping of polylines to a rectangle (Liang–Barsky). Dashed strokes are generated over
 * the whole path before any clip region applies, so a diverging path whose far end lies 10⁸ px away
 * would cost millions of dashes per frame: we cut every segment to (a margin around) the visible
 * rectangle first.
 */
export interface ClipRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Scratch output of `clipSegment`: the visible part [out[0], out[1]] → [out[2], out[3]]. */
export const clipOut = new Float64Array(4);

/** Clips the segment (ax, ay)–(bx, by) to `r`; returns false when nothing is visible. */
export function clipSegment(ax: number, ay: number, bx: number, by: number, r: ClipRect): boolean {
  if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(bx) && Number.isFinite(by))) return false;
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - r.x0, r.x1 - ax, ay - r.y0, r.y1 - ay];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  clipOut[0] = ax + t0 * dx;
  clipOut[1] = ay + t0 * dy;
  clipOut[2] = ax + t1 * dx;
  clipOut[3] = ay + t1 * dy;
  return true;
}

/** Minimal path sink: a canvas context or an SVG path-data builder. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/** An SVG path-data builder with the `PathSink` interface. */
export class SvgPath implements PathSink {
  d = '';
  moveTo(x: number, y: number): void {
    this.d += `M${x.toFixed(1)},${y.toFixed(1)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${x.toFixed(1)},${y.toFixed(1)}`;
  }
}

/**
 * A polyline fed point by point, emitted clipped to `r`: segments outside are dropped, segments
 * crossing the border are cut, and the pen jumps (moveTo) where the line re-enters.
 */
export class ClippedPolyline {
  private px = NaN;
  private py = NaN;
  private penX = NaN;
  private penY = NaN;
  private first = true;
  constructor(
    private readonly sink: PathSink,
    private readonly r: ClipRect,
  ) {}

  /** The sink starts a new path: the next visible segment begins with a moveTo. */
  resume(): void {
    this.penX = NaN;
    this.penY = NaN;
  }

  point(x: number, y: number): void {
    if (this.first) {
      this.first = false;
      this.px = x;
      this.py = y;
      if (x >= this.r.x0 && x <= this.r.x1 && y >= this.r.y0 && y <= this.r.y1) {
        this.sink.moveTo(x, y);
        this.penX = x;
        this.penY = y;
      }
      return;
    }
    if (clipSegment(this.px, this.py, x, y, this.r)) {
      if (clipOut[0] !== this.penX || clipOut[1] !== this.penY) this.sink.moveTo(clipOut[0], clipOut[1]);
      this.sink.lineTo(clipOut[2], clipOut[3]);
      this.penX = clipOut[2];
      this.penY = clipOut[3];
    }
    this.px = x;
    this.py = y;
  }
}
