/**
 * Preset thumbnails drawn from the real scene (issue 17): each preset's surface grid and race are
 * computed by an engine worker of their own (started when the gallery first opens, stopped when
 * every thumbnail is done or the gallery closes), so the main thread never runs the engine; it
 * only paints a small canvas per preset, one per animation frame (about a millisecond each).
 *
 * The picture is the page's, in small: the surface in viridis bands (the page's colour bands), at
 * equal scale (one data unit as long on both axes; the short side letterboxed), and every racer's
 * whole path in its colour over a light halo, with a dot where it ends.
 */
import { rgb } from 'd3';
import type { RunResult } from '../../engine/types';
import { bandColor } from '../../plot/bands';
import { decodeShare } from '../../share/codec';
import type { Preset } from '../../share/presets';
import { colorHex } from '../../plot/palette';
import { sceneFromShare } from '../../state/share-sync';
import { sceneToRunConfig } from '../../state/store';
import type { EngineClient, GridResult } from '../../worker/api';

export interface Thumb {
  grid: GridResult;
  runs: RunResult[];
  colors: string[];
}

/** Grid resolution of a thumbnail (the page's plot uses 160; 72 keeps the bands smooth at card size). */
const GRID = 72;

const cache = new Map<string, Thumb>();
const pending = new Map<string, Promise<Thumb | null>>();
let client: EngineClient | null = null;
let users = 0;
let seq = 0;

/** The thumbnail of a preset computed so far, if any. */
export function cachedThumb(id: string): Thumb | undefined {
  return cache.get(id);
}

async function engine(): Promise<EngineClient | null> {
  if (client) return client;
  if (typeof Worker === 'undefined') return null;
  const { createWorkerClient } = await import('../../worker/client');
  client ??= createWorkerClient();
  return client;
}

/** The gallery is open: keep the worker (call the returned function on close). */
export function holdThumbnailEngine(): () => void {
  users++;
  return () => {
    users--;
    if (users === 0 && client) {
      client.dispose();
      client = null;
      pending.clear();
    }
  };
}

/** Computes a preset's thumbnail in the worker (cached; null where there is no worker). */
export function loadThumb(p: Preset): Promise<Thumb | null> {
  const hit = cache.get(p.id);
  if (hit) return Promise.resolve(hit);
  let job = pending.get(p.id);
  if (job) return job;
  job = (async () => {
    const c = await engine();
    if (!c) return null;
    const { scene, racers } = sceneFromShare(decodeShare(p.query).state);
    const config = sceneToRunConfig({ scene, racers });
    const [grid, run] = await Promise.all([c.grid({ id: ++seq, surface: config.surface, nx: GRID, ny: GRID }), c.run({ id: ++seq, config })]);
    if (!run.ok) return null;
    const thumb: Thumb = { grid, runs: run.result.runs, colors: racers.map((r) => colorHex(r.color)) };
    cache.set(p.id, thumb);
    return thumb;
  })().catch(() => null);
  pending.set(p.id, job);
  void job.finally(() => pending.delete(p.id));
  return job;
}

/** Paints a thumbnail into a canvas of CSS size w × h (device pixels: × dpr). */
export function paintThumb(canvas: HTMLCanvasElement, thumb: Thumb, w: number, h: number, background: string): void {
  const dpr = Math.min(2, typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1);
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, w, h);

  const { grid } = thumb;
  const [x0, x1] = grid.domain.x;
  const [y0, y1] = grid.domain.y;
  // Equal scale: one unit the same length on both axes, centred.
  const k = Math.min(w / (x1 - x0), h / (y1 - y0));
  const pw = (x1 - x0) * k;
  const ph = (y1 - y0) * k;
  const ox = (w - pw) / 2;
  const oy = (h - ph) / 2;
  const sx = (x: number) => ox + (x - x0) * k;
  const sy = (y: number) => oy + (y1 - y) * k;

  // The surface: each grid value's colour band, as a small image scaled up smoothly.
  const th = grid.contours.thresholds;
  const colours = Array.from({ length: th.length + 1 }, (_, b) => rgb(bandColor(b, th.length)));
  const img = new ImageData(grid.nx, grid.ny);
  for (let i = 0; i < grid.values.length; i++) {
    const v = grid.values[i];
    let b = 0;
    while (b < th.length && v >= th[b]) b++;
    const c = colours[b];
    img.data[4 * i] = c.r;
    img.data[4 * i + 1] = c.g;
    img.data[4 * i + 2] = c.b;
    img.data[4 * i + 3] = 255;
  }
  const tmp = document.createElement('canvas');
  tmp.width = grid.nx;
  tmp.height = grid.ny;
  tmp.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tmp, ox, oy, pw, ph);

  // The paths: a light halo, then the racer's colour; a dot where it ends.
  ctx.save();
  ctx.beginPath();
  ctx.rect(ox, oy, pw, ph);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  thumb.runs.forEach((run, r) => {
    const n = run.path.length / 2;
    if (n < 1) return;
    const every = Math.max(1, Math.floor(n / 400));
    const trace = () => {
      ctx.beginPath();
      ctx.moveTo(sx(run.path[0]), sy(run.path[1]));
      for (let j = every; j < n; j += every) ctx.lineTo(sx(run.path[2 * j]), sy(run.path[2 * j + 1]));
      ctx.lineTo(sx(run.path[2 * n - 2]), sy(run.path[2 * n - 1]));
    };
    trace();
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.lineWidth = 3.2;
    ctx.stroke();
    trace();
    ctx.strokeStyle = thumb.colors[r];
    ctx.lineWidth = 1.6;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(sx(run.path[2 * n - 2]), sy(run.path[2 * n - 1]), 2.8, 0, 2 * Math.PI);
    ctx.fillStyle = thumb.colors[r];
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1;
    ctx.stroke();
  });
  ctx.restore();
}
