/**
 * The racing paths, drawn incrementally on three stacked canvases: halos, coloured lines, markers.
 *
 * Paths only grow while the race plays, so a frame strokes just the segments added since the last
 * frame (continuing each racer's dash pattern via lineDashOffset) and redraws the few markers; a
 * full redraw happens only when the step goes back, the result or the racers change, or on resize.
 * Halos sit on their own canvas under all the coloured lines, so increments join seamlessly.
 * Segments are clipped to the plot geometrically first (see clip.ts), points closer than half a
 * pixel to the previous one are skipped, and a diverged racer's marker becomes a cross once reached.
 * Under the halos, on the halo canvas, the ghost paths: every racer's whole path, faint, drawn with
 * each full redraw — at step 0 they show where each racer will go, and follow a dragged slider live.
 * (Not a canvas of their own: every extra full-size layer costs each frame its compositing.)
 * Where gradient clipping changed a step's gradient (CONTRACT §4, `run.clipped`), a short bar
 * across the path marks the point the step left — a shape, not only a colour — drawn with the
 * line once the race has taken that step. The bars are placed once per result (at most one per
 * TICK_GAP pixels of path), so a frame only strokes the few new ones.
 */
import type { RunResult } from '../../engine/types';
import type { Racer } from '../../state/store';
import { DASHES, SHAPES, colorHex } from '../../plot/palette';
import { ClippedPolyline, type ClipRect, type PathSink } from '../../plot/clip';
import type { PlotGeometry } from '../../plot/geometry';
import { cssVar, fitCanvas, markerPath2D } from '../../plot/marks';
import { pointsAt } from '../../plot/sample';

interface Track {
  racer: Racer;
  run: RunResult;
  /** Pixel coordinates of the kept points. */
  px: Float32Array;
  count: number;
  color: string;
  dash: number[];
  /** Points consumed so far, the last point kept after decimation, and the dash position. */
  done: number;
  lx: number;
  ly: number;
  line: ClippedPolyline | null;
  dashPos: number;
  /** The racer's EMA (CONTRACT §4): its own thinner, dashed trail and a hollow marker. */
  ema?: boolean;
  /** Clipped steps: per bar its centre and the unit normal of the path there, [x, y, nx, ny, …]. */
  ticks: Float32Array | null;
  /** The step after which each bar shows (the clipped step's number, 1-based). */
  tickStep: Int32Array | null;
  /** Bars drawn so far. */
  tickDone: number;
}

/** Half the length of a clipped step's bar, and the least path distance between two bars (px). */
const TICK_HALF = 5.5;
const TICK_GAP = 4;

/**
 * The bars of a run's clipped steps in pixels: step k (leaving point k) is marked at θₖ, on the
 * kept segment that holds it (interpolated when the path is kept at a stride), across the path.
 */
export function clippedTicks(run: RunResult, px: Float32Array, count: number): { ticks: Float32Array; steps: Int32Array } | null {
  const clipped = run.clipped;
  if (!clipped || count < 2) return null;
  const index = run.index;
  let n = 0;
  for (let k = 0; k < clipped.length; k++) n += clipped[k];
  if (n === 0) return null;
  const ticks = new Float32Array(4 * n);
  const steps = new Int32Array(n);
  let m = 0;
  let j = 0;
  let lx = NaN;
  let ly = NaN;
  const last = index[count - 1];
  for (let k = 0; k < clipped.length && k < last; k++) {
    if (!clipped[k]) continue;
    while (j + 1 < count - 1 && index[j + 1] <= k) j++;
    const a = index[j];
    const b = index[j + 1];
    const f = b > a ? (k - a) / (b - a) : 0;
    const x0 = px[2 * j];
    const y0 = px[2 * j + 1];
    const dx = px[2 * j + 2] - x0;
    const dy = px[2 * j + 3] - y0;
    const x = x0 + f * dx;
    const y = y0 + f * dy;
    if ((x - lx) * (x - lx) + (y - ly) * (y - ly) < TICK_GAP * TICK_GAP) continue;
    const len = Math.hypot(dx, dy);
    ticks[4 * m] = x;
    ticks[4 * m + 1] = y;
    ticks[4 * m + 2] = len > 0 ? -dy / len : 0;
    ticks[4 * m + 3] = len > 0 ? dx / len : 1;
    steps[m] = k + 1;
    m++;
    lx = x;
    ly = y;
  }
  return { ticks: ticks.subarray(0, 4 * m), steps: steps.subarray(0, m) };
}

/** The dash of every EMA trail: short, so it reads as "averaged" next to any racer's own dash. */
const EMA_DASH = [2, 3];

/** Longest piece of path stroked at once (see `extend`). */
const PIECE = 128;

/** A Path2D sink that also measures the length it draws (for the dash offset). */
class MeasuredPath implements PathSink {
  path: Path2D = new Path2D();
  length = 0;
  segments = 0;
  private x = NaN;
  private y = NaN;
  moveTo(x: number, y: number): void {
    this.path.moveTo(x, y);
    this.x = x;
    this.y = y;
  }
  lineTo(x: number, y: number): void {
    this.path.lineTo(x, y);
    this.length += Math.hypot(x - this.x, y - this.y);
    this.segments++;
    this.x = x;
    this.y = y;
  }
}

/**
 * Skips segments that lie entirely on pixels this track has already painted. A path that zig-zags
 * for thousands of steps over the same few hundred pixels (GD near its stability limit) would
 * otherwise be stroked — and, dashed, cut into dashes — thousands of times over; the picture is the
 * same either way. Coverage is kept on a grid of CELL-px cells, sampled every pixel along a segment.
 */
const CELL = 2;

class CoverageSink implements PathSink {
  private readonly cols: number;
  private readonly rows: number;
  private readonly seen: Uint8Array;
  private x = NaN;
  private y = NaN;
  private penX = NaN;
  private penY = NaN;
  target: PathSink | null = null;

  constructor(width: number, height: number) {
    this.cols = Math.ceil(width / CELL) + 1;
    this.rows = Math.ceil(height / CELL) + 1;
    this.seen = new Uint8Array(this.cols * this.rows);
  }

  moveTo(x: number, y: number): void {
    this.x = x;
    this.y = y;
  }

  lineTo(x: number, y: number): void {
    const { x: x0, y: y0 } = this;
    this.x = x;
    this.y = y;
    if (!this.mark(x0, y0, x, y)) return;
    if (x0 !== this.penX || y0 !== this.penY) this.target?.moveTo(x0, y0);
    this.target?.lineTo(x, y);
    this.penX = x;
    this.penY = y;
  }

  /** The target starts a new path: the next segment begins with a moveTo. */
  resume(): void {
    this.penX = NaN;
    this.penY = NaN;
  }

  /** Marks the cells under the segment; returns whether any of them was new. */
  private mark(x0: number, y0: number, x1: number, y1: number): boolean {
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    let fresh = false;
    for (let i = 0; i <= n; i++) {
      const c = Math.floor((x0 + ((x1 - x0) * i) / n) / CELL);
      const r = Math.floor((y0 + ((y1 - y0) * i) / n) / CELL);
      if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) continue;
      const k = r * this.cols + c;
      if (!this.seen[k]) {
        this.seen[k] = 1;
        fresh = true;
      }
    }
    return fresh;
  }
}

export interface PathCanvases {
  halo: HTMLCanvasElement;
  lines: HTMLCanvasElement;
  marks: HTMLCanvasElement;
}

export function createPathLayer(canvases: PathCanvases) {
  let geo: PlotGeometry | null = null;
  let tracks: Track[] = [];
  let cHalo: CanvasRenderingContext2D | null = null;
  let cLine: CanvasRenderingContext2D | null = null;
  let cMark: CanvasRenderingContext2D | null = null;
  /** The tracks the ghosts show: the last result's, kept while a newer one computes. */
  let ghostTracks: Track[] = [];
  let drawnStep = -1;
  let halo = 'rgba(255,255,255,0.85)';
  let view: ClipRect = { x0: 0, y0: 0, x1: 0, y1: 0 };
  const proxies = new Map<Track, CoverageSink>();

  function project(racers: Racer[], runs: RunResult[] | null): void {
    tracks = [];
    proxies.clear();
    if (!geo || !runs) return;
    const { sx, sy } = geo;
    const ax = sx(1) - sx(0);
    const bx = sx(0);
    const ay = sy(1) - sy(0);
    const by = sy(0);
    racers.forEach((racer, i) => {
      const run = runs[i];
      if (!run) return;
      const count = run.path.length / 2;
      const px = new Float32Array(count * 2);
      for (let k = 0; k < count; k++) {
        px[2 * k] = ax * run.path[2 * k] + bx;
        px[2 * k + 1] = ay * run.path[2 * k + 1] + by;
      }
      const ticks = clippedTicks(run, px, count);
      tracks.push({
        racer,
        run,
        px,
        count,
        color: colorHex(racer.color),
        dash: DASHES[SHAPES.indexOf(racer.shape)] ?? [],
        done: 0,
        lx: NaN,
        ly: NaN,
        line: null,
        dashPos: 0,
        ticks: ticks ? ticks.ticks : null,
        tickStep: ticks ? ticks.steps : null,
        tickDone: 0,
      });
      const ema = run.ema;
      if (ema && ema.length === run.path.length) {
        const epx = new Float32Array(count * 2);
        for (let k = 0; k < count; k++) {
          epx[2 * k] = ax * ema[2 * k] + bx;
          epx[2 * k + 1] = ay * ema[2 * k + 1] + by;
        }
        tracks.push({
          racer, run, px: epx, count, color: colorHex(racer.color), dash: EMA_DASH, done: 0, lx: NaN, ly: NaN, line: null, dashPos: 0, ema: true,
          ticks: null, tickStep: null, tickDone: 0,
        });
      }
    });
  }

  function clearTrails(): void {
    if (!geo) return;
    cHalo?.clearRect(0, 0, geo.width, geo.height);
    cLine?.clearRect(0, 0, geo.width, geo.height);
    drawGhosts();
    for (const t of tracks) {
      t.done = 0;
      t.line = null;
      t.dashPos = 0;
      t.tickDone = 0;
    }
    proxies.clear();
    drawnStep = -1;
  }

  /** Strokes one piece of a track (halo, then the dashed colour line) and advances its dash. */
  function strokePiece(t: Track, seg: MeasuredPath): void {
    if (!cHalo || !cLine || seg.length === 0) return;
    cHalo.setLineDash([]);
    cHalo.strokeStyle = halo;
    cHalo.lineWidth = 5.5;
    cHalo.stroke(seg.path);
    cLine.setLineDash(t.dash);
    cLine.lineDashOffset = t.dashPos;
    cLine.strokeStyle = t.color;
    cLine.lineWidth = t.ema ? 1.75 : 2.75;
    cLine.stroke(seg.path);
    t.dashPos += seg.length;
  }

  /**
   * Strokes the segments of each visible track from its last drawn point up to `step`, in pieces of
   * at most PIECE segments: Skia's scan conversion of one long self-crossing stroke (a zig-zagging
   * 10 000-step path) grows much faster than linearly, pieces keep it linear.
   */
  function extend(step: number): void {
    if (!cHalo || !cLine) return;
    for (const t of tracks) {
      if (!t.racer.visible) continue;
      const n = pointsAt(t.run.index, t.count, step);
      if (n <= t.done) continue;
      let proxy = proxies.get(t);
      if (!proxy) {
        proxy = new CoverageSink(geo!.width, geo!.height);
        proxies.set(t, proxy);
      }
      let seg = new MeasuredPath();
      proxy.target = seg;
      const px = t.px;
      let k = t.done;
      if (!t.line) {
        t.line = new ClippedPolyline(proxy, view);
        t.lx = px[0];
        t.ly = px[1];
        t.line.point(t.lx, t.ly);
        k = 1;
      } else {
        // A new Path2D: start it again at the last point drawn.
        proxy.resume();
      }
      for (; k < n; k++) {
        const x = px[2 * k];
        const y = px[2 * k + 1];
        const dx = x - t.lx;
        const dy = y - t.ly;
        if (dx * dx + dy * dy >= 0.25 || k === n - 1) {
          t.line.point(x, y);
          t.lx = x;
          t.ly = y;
          if (seg.segments >= PIECE) {
            strokePiece(t, seg);
            seg = new MeasuredPath();
            proxy.target = seg;
            proxy.resume();
          }
        }
      }
      t.done = n;
      proxy.target = null;
      strokePiece(t, seg);
    }
    let marks = 0;
    for (const t of tracks) {
      if (t.ticks === null || !t.racer.visible) continue;
      drawTicks(t, step);
      marks += t.tickDone;
    }
    // How many clipped-step bars are on the canvas (for tests; written only when it changes).
    if (marks !== drawnTicks) {
      drawnTicks = marks;
      canvases.lines.dataset.clipMarks = String(marks);
    }
  }
  let drawnTicks = -1;

  /** The bars of the clipped steps taken by `step` and not drawn yet: a halo, then the racer's colour. */
  function drawTicks(t: Track, step: number): void {
    const ticks = t.ticks!;
    const at = t.tickStep!;
    let i = t.tickDone;
    if (!cLine || i >= at.length || at[i] > step) return;
    cLine.beginPath();
    for (; i < at.length && at[i] <= step; i++) {
      const x = ticks[4 * i];
      const y = ticks[4 * i + 1];
      if (!(x > view.x0 && x < view.x1 && y > view.y0 && y < view.y1)) continue;
      const nx = ticks[4 * i + 2] * TICK_HALF;
      const ny = ticks[4 * i + 3] * TICK_HALF;
      cLine.moveTo(x - nx, y - ny);
      cLine.lineTo(x + nx, y + ny);
    }
    t.tickDone = i;
    cLine.setLineDash([]);
    cLine.strokeStyle = halo;
    cLine.lineWidth = 5.5;
    cLine.stroke();
    cLine.strokeStyle = t.color;
    cLine.lineWidth = 2.5;
    cLine.stroke();
  }

  /**
   * The ghost paths: each visible racer's whole path, faint and thin, drawn once per result (the
   * race then draws the solid path over it). Decimated and coverage-skipped like the race's.
   */
  function drawGhosts(): void {
    const cGhost = cHalo;
    if (!geo || !cGhost) return;
    cGhost.save();
    cGhost.lineWidth = 2;
    cGhost.globalAlpha = 0.5;
    for (const t of ghostTracks) {
      if (!t.racer.visible || t.count < 2) continue;
      const cover = new CoverageSink(geo.width, geo.height);
      let seg = new MeasuredPath();
      cover.target = seg;
      const line = new ClippedPolyline(cover, view);
      const px = t.px;
      let lx = px[0];
      let ly = px[1];
      line.point(lx, ly);
      let dashPos = 0;
      const stroke = () => {
        if (seg.length === 0) return;
        cGhost.setLineDash(t.dash);
        cGhost.lineDashOffset = dashPos;
        cGhost.strokeStyle = t.color;
        cGhost.stroke(seg.path);
        dashPos += seg.length;
      };
      for (let k = 1; k < t.count; k++) {
        const x = px[2 * k];
        const y = px[2 * k + 1];
        const dx = x - lx;
        const dy = y - ly;
        if (dx * dx + dy * dy >= 0.25 || k === t.count - 1) {
          line.point(x, y);
          lx = x;
          ly = y;
          if (seg.segments >= PIECE) {
            stroke();
            seg = new MeasuredPath();
            cover.target = seg;
            cover.resume();
          }
        }
      }
      stroke();
    }
    cGhost.restore();
  }

  /**
   * Where markers were drawn last (x, y pairs): a frame clears just those spots, not the whole
   * canvas, so the browser re-rasterises a few small rectangles per frame instead of the plot.
   */
  let drawnMarks: number[] = [];
  let marksFull = true;
  const MARK_R = 18;

  function drawMarkers(step: number): void {
    if (!cMark || !geo) return;
    if (marksFull || drawnMarks.length > 64) cMark.clearRect(0, 0, geo.width, geo.height);
    else for (let i = 0; i < drawnMarks.length; i += 2) cMark.clearRect(drawnMarks[i] - MARK_R, drawnMarks[i + 1] - MARK_R, 2 * MARK_R, 2 * MARK_R);
    marksFull = false;
    drawnMarks = [];
    for (const t of tracks) {
      if (!t.racer.visible) continue;
      const n = pointsAt(t.run.index, t.count, step);
      const cx = t.px[2 * (n - 1)];
      const cy = t.px[2 * (n - 1) + 1];
      if (!(cx > view.x0 && cx < view.x1 && cy > view.y0 && cy < view.y1)) continue;
      const diverged = t.run.status === 'diverged' && t.run.divergedAt !== null && step >= t.run.divergedAt;
      const m = markerPath2D(diverged ? 'times' : t.racer.shape, diverged ? 260 : t.ema ? 90 : 150);
      if (!m) continue;
      drawnMarks.push(cx, cy);
      cMark.save();
      cMark.translate(cx, cy);
      cMark.lineWidth = 2.5;
      cMark.strokeStyle = halo;
      cMark.stroke(m);
      // The EMA's marker is hollow: the racer's colour as its outline, the halo inside.
      cMark.fillStyle = t.ema ? halo : t.color;
      cMark.fill(m);
      if (t.ema) {
        cMark.lineWidth = 1.75;
        cMark.strokeStyle = t.color;
        cMark.stroke(m);
      }
      cMark.lineWidth = 1;
      cMark.strokeStyle = 'rgba(0,0,0,0.75)';
      cMark.stroke(m);
      cMark.restore();
    }
  }

  function draw(step: number): void {
    if (!geo) return;
    if (step < drawnStep) clearTrails();
    extend(step);
    drawMarkers(step);
    drawnStep = step;
  }

  function setupContexts(g: PlotGeometry): void {
    cHalo = fitCanvas(canvases.halo, g.width, g.height);
    cLine = fitCanvas(canvases.lines, g.width, g.height);
    cMark = fitCanvas(canvases.marks, g.width, g.height);
    marksFull = true;
    for (const c of [cHalo, cLine]) {
      if (!c) continue;
      c.lineJoin = 'round';
      c.lineCap = 'round';
    }
  }

  return {
    /** New size/scales or theme (full redraw). */
    setGeometry(g: PlotGeometry, racers: Racer[], runs: RunResult[] | null, step: number): void {
      geo = g;
      const { plot } = g;
      view = { x0: plot.x - 1, y0: plot.y - 1, x1: plot.x + plot.w + 1, y1: plot.y + plot.h + 1 };
      setupContexts(g);
      halo = cssVar('--path-halo', 'rgba(255,255,255,0.85)');
      project(racers, runs);
      // New scales: ghosts projected on the old ones cannot stay.
      ghostTracks = runs ? tracks : [];
      clearTrails();
      draw(step);
    },
    /**
     * New result or racer looks (full redraw). `runs` null: a stale result — the ghosts stay until
     * the new one arrives (so they follow a dragged slider without flicker), the race is cleared;
     * `keepGhosts` false clears them too (a failed run).
     */
    setRuns(racers: Racer[], runs: RunResult[] | null, step: number, keepGhosts = runs === null): void {
      project(racers, runs);
      if (runs || !keepGhosts) ghostTracks = tracks;
      clearTrails();
      draw(step);
    },
    /** Per frame: extends the paths to `step` and moves the markers. */
    setStep(step: number): void {
      if (step !== drawnStep) draw(step);
    },
    destroy(): void {
      tracks = [];
      tracks = ghostTracks = [];
      cHalo = cLine = cMark = null;
    },
  };
}
