/**
 * The sweep map on a canvas, as an `{ update, destroy }` factory: cells coloured by log final loss
 * (viridis: ordered, colour-blind safe, readable in grey), diverged cells in a grey that viridis
 * never takes with a dot, cells not yet computed left empty; the analytic edges and the optimum on
 * the quadratic, the racer's current setting as a ring, the picked cell as a square.
 *
 * The cells are painted into an nx × ny image and scaled up without smoothing, so a redraw of a
 * 128 × 128 map is one putImageData and one drawImage (≈ 1 ms), cheap enough for every chunk.
 */
import { interpolateViridis } from 'd3';
import type { SweepAxis } from '../../engine/sweep';
import { PENDING } from '../../worker/pool';
import { axisIndex, lossScale, type LossScale, type StabilityMarks } from './sweepGeometry';

export interface SweepViewData {
  x: SweepAxis;
  y: SweepAxis | null;
  loss: Float64Array;
  divergedAt: Int32Array;
  marks: StabilityMarks | null;
  /** The loss at the start: the top of the colour scale. */
  startLoss: number;
  /** The racer's current setting in value space (y ignored for a curve), or null. */
  current: [number, number] | null;
  /** The picked cell (keyboard or pointer), or null. */
  cursor: [number, number] | null;
  width: number;
  height: number;
  dark: boolean;
  labels: { x: string; y: string };
}

export const MARGIN = { left: 58, right: 10, top: 10, bottom: 40 } as const;

export interface SweepView {
  update(d: SweepViewData): LossScale | null;
  /** The cell under a point of the canvas (CSS pixels), or null. */
  cellAt(px: number, py: number): [number, number] | null;
  destroy(): void;
}

const DIVERGED = { light: [200, 200, 200], dark: [92, 92, 92] } as const;

function rgb(hex: string): [number, number, number] {
  // d3's interpolators return "rgb(r, g, b)" or "#rrggbb".
  if (hex.startsWith('#')) return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
  const m = hex.match(/\d+/g) ?? ['0', '0', '0'];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

/** 256 viridis colours, computed once. */
const RAMP: [number, number, number][] = Array.from({ length: 256 }, (_, i) => rgb(interpolateViridis(i / 255)));

function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-2) {
    const e = Math.round(Math.log10(a));
    if (Math.abs(a - 10 ** e) / a < 1e-9) return `1e${e}`;
    return v.toExponential(0);
  }
  return String(Number(v.toPrecision(3)));
}

function ticks(a: SweepAxis): number[] {
  const lo = Math.min(a.from, a.to);
  const hi = Math.max(a.from, a.to);
  if (a.scale === 'log') {
    const out: number[] = [];
    for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(10 ** e);
    if (out.length >= 2) return out;
    return [lo, hi];
  }
  const step = (hi - lo) / 4;
  return step > 0 ? [0, 1, 2, 3, 4].map((k) => lo + k * step) : [lo];
}

export function createSweepView(canvas: HTMLCanvasElement): SweepView {
  const cells = document.createElement('canvas');
  let geom = { nx: 1, ny: 1, w: 1, h: 1 };

  function toPx(ix: number, iy: number): [number, number] {
    const cw = geom.w / geom.nx;
    const ch = geom.h / geom.ny;
    return [MARGIN.left + (ix + 0.5) * cw, MARGIN.top + geom.h - (iy + 0.5) * ch];
  }

  return {
    update(d) {
      const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
      const nx = d.x.n;
      const ny = d.y ? d.y.n : 1;
      const w = Math.max(10, d.width - MARGIN.left - MARGIN.right);
      const h = Math.max(10, d.height - MARGIN.top - MARGIN.bottom);
      geom = { nx, ny, w, h };
      canvas.width = Math.round(d.width * dpr);
      canvas.height = Math.round(d.height * dpr);
      canvas.style.width = `${d.width}px`;
      canvas.style.height = `${d.height}px`;
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, d.width, d.height);

      // Cells: row j = y_j, drawn bottom-up.
      const scale = lossScale(d.loss, d.divergedAt, d.startLoss);
      cells.width = nx;
      cells.height = ny;
      const cctx = cells.getContext('2d');
      if (cctx) {
        const img = cctx.createImageData(nx, ny);
        const px = img.data;
        const div = d.dark ? DIVERGED.dark : DIVERGED.light;
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            const c = j * nx + i;
            const o = 4 * ((ny - 1 - j) * nx + i);
            const dv = d.divergedAt[c];
            if (dv === PENDING) continue;
            let col: readonly number[];
            if (dv >= 0 || !scale) col = div;
            else {
              const t = (scale.value(d.loss[c]) - scale.lo) / (scale.hi - scale.lo);
              col = RAMP[Math.max(0, Math.min(255, Math.round((Number.isFinite(t) ? t : 0) * 255)))];
            }
            px[o] = col[0];
            px[o + 1] = col[1];
            px[o + 2] = col[2];
            px[o + 3] = 255;
          }
        }
        cctx.putImageData(img, 0, 0);
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(cells, MARGIN.left, MARGIN.top, w, h);
      }

      // Diverged cells also carry a dot when they are large enough to see one (not only a colour).
      const cw = w / nx;
      const ch = h / ny;
      if (cw >= 6 && ch >= 6) {
        ctx.fillStyle = d.dark ? '#eeeeee' : '#333333';
        for (let c = 0; c < d.divergedAt.length; c++) {
          if (d.divergedAt[c] < 0) continue;
          const i = c % nx;
          const [x, y] = toPx(i, (c - i) / nx);
          ctx.beginPath();
          ctx.arc(x, y, Math.min(cw, ch) * 0.12, 0, 2 * Math.PI);
          ctx.fill();
        }
      }

      // Axes.
      const fg = d.dark ? '#eef0f4' : '#16181d';
      ctx.strokeStyle = fg;
      ctx.fillStyle = fg;
      ctx.lineWidth = 1;
      ctx.strokeRect(MARGIN.left - 0.5, MARGIN.top - 0.5, w + 1, h + 1);
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const v of ticks(d.x)) {
        const [x] = toPx(axisIndex(d.x, v), 0);
        ctx.beginPath();
        ctx.moveTo(x, MARGIN.top + h);
        ctx.lineTo(x, MARGIN.top + h + 4);
        ctx.stroke();
        ctx.fillText(fmtTick(v), x, MARGIN.top + h + 6);
      }
      ctx.fillText(d.labels.x, MARGIN.left + w / 2, MARGIN.top + h + 22);
      if (d.y) {
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        for (const v of ticks(d.y)) {
          const [, y] = toPx(0, axisIndex(d.y, v));
          ctx.beginPath();
          ctx.moveTo(MARGIN.left - 4, y);
          ctx.lineTo(MARGIN.left, y);
          ctx.stroke();
          ctx.fillText(fmtTick(v), MARGIN.left - 6, y);
        }
        ctx.save();
        ctx.translate(12, MARGIN.top + h / 2);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'center';
        ctx.fillText(d.labels.y, 0, 0);
        ctx.restore();
      }

      // Everything below is clipped to the plot.
      ctx.save();
      ctx.beginPath();
      ctx.rect(MARGIN.left, MARGIN.top, w, h);
      ctx.clip();
      // Value space → canvas; ±∞ on y is the top/bottom edge (a curve's edges span its strip).
      const place = (vx: number, vy: number): [number, number] => {
        const [x] = toPx(axisIndex(d.x, vx), 0);
        if (vy === Infinity) return [x, MARGIN.top];
        if (vy === -Infinity) return [x, MARGIN.top + h];
        if (!d.y) return [x, MARGIN.top + h / 2];
        return [x, toPx(0, axisIndex(d.y, vy))[1]];
      };
      if (d.marks) {
        ctx.setLineDash([6, 4]);
        for (const line of d.marks.lines) {
          for (const [stroke, width] of [
            ['#000000', 3],
            ['#ffffff', 1.5],
          ] as const) {
            ctx.strokeStyle = stroke;
            ctx.lineWidth = width;
            ctx.beginPath();
            line.points.forEach(([vx, vy], k) => {
              const [x, y] = place(vx, vy);
              if (k === 0) ctx.moveTo(x, y);
              else ctx.lineTo(x, y);
            });
            ctx.stroke();
          }
          const [lx, ly] = place(...line.points[line.points.length - 1]);
          if (lx < MARGIN.left + 20 || lx > MARGIN.left + w) continue;
          ctx.setLineDash([]);
          ctx.font = '11px system-ui, sans-serif';
          ctx.textAlign = 'right';
          ctx.textBaseline = 'top';
          const text = `λ=${fmtTick(line.lambda)}`;
          ctx.lineWidth = 3;
          ctx.strokeStyle = '#000000';
          ctx.strokeText(text, lx - 4, Math.max(MARGIN.top + 2, ly + 2));
          ctx.fillStyle = '#ffffff';
          ctx.fillText(text, lx - 4, Math.max(MARGIN.top + 2, ly + 2));
          ctx.setLineDash([6, 4]);
        }
        ctx.setLineDash([]);
        if (d.marks.optimum) {
          const [x, y] = place(...d.marks.optimum);
          star(ctx, x, y, 8);
        }
      }
      if (d.current) {
        const [x, cy] = place(d.current[0], d.current[1]);
        ctx.lineWidth = 3;
        ctx.strokeStyle = '#000000';
        ctx.beginPath();
        ctx.arc(x, cy, 7, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
      if (d.cursor) {
        const [x, y] = toPx(d.cursor[0], d.cursor[1]);
        const sw = Math.max(cw, 4);
        const sh = Math.max(ch, 4);
        ctx.lineWidth = 2;
        ctx.strokeStyle = d.dark ? '#ffffff' : '#000000';
        ctx.strokeRect(x - sw / 2, y - sh / 2, sw, sh);
      }
      ctx.restore();
      return scale;
    },
    cellAt(px, py) {
      const { nx, ny, w, h } = geom;
      const fx = (px - MARGIN.left) / w;
      const fy = (MARGIN.top + h - py) / h;
      if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return null;
      return [Math.min(nx - 1, Math.floor(fx * nx)), Math.min(ny - 1, Math.floor(fy * ny))];
    },
    destroy() {
      cells.width = 0;
      cells.height = 0;
    },
  };
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 === 0 ? r : r * 0.45;
    const px = x + rr * Math.cos(a);
    const py = y + rr * Math.sin(a);
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#000000';
  ctx.stroke();
}
