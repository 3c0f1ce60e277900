/**
 * The Network view as a picture (the PNG export): a title bar (the dataset, the network, the
 * racers, and the step), the selected racer's decision boundary over the data, the landscape on
 * the shared plane with every projected path up to the step, the loss and accuracy curves, and a
 * legend with each racer's loss and accuracy at the step — drawn with the canvas API from the
 * reply itself (not copied from the page), at `scale`× (2 for the export).
 */
import { interpolateViridis } from 'd3';
import type { Network } from '../../engine/mlp/net';
import { boundaryImage, CLASS_RGB, contourPaths, dataBox, keptAt } from './draw';
import type { NetworkReply } from './session';

export interface PictureTheme {
  background: string;
  foreground: string;
  muted: string;
  font: string;
}

export interface PictureInput {
  reply: NetworkReply;
  net: Network;
  step: number;
  selected: number;
  labels: readonly string[];
  colours: readonly string[];
  title: string;
  /** "Step 100 / 150" in the page's language. */
  stepText: string;
  captions: { boundary: string; landscape: string; loss: string; accuracy: string };
  theme: PictureTheme;
}

/** Size of the picture in CSS pixels (multiply by the scale for the canvas). */
export const PICTURE = { width: 1140, titleH: 36, panel: 320, gap: 24, captionH: 22, legendRowH: 22, margin: 14 } as const;

export function pictureHeight(racers: number): number {
  const { titleH, panel, captionH, legendRowH, margin } = PICTURE;
  return titleH + margin + captionH + panel + margin + Math.ceil(racers / 3) * legendRowH + margin;
}

function clip(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 4 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/** Draws the picture on `ctx` (already sized pictureHeight × PICTURE.width × scale). */
export function drawNetworkPicture(ctx: CanvasRenderingContext2D, input: PictureInput, scale: number): void {
  const { reply, net, step, selected, labels, colours, theme } = input;
  const { width, titleH, panel, gap, captionH, legendRowH, margin } = PICTURE;
  const height = pictureHeight(reply.runs.length);
  ctx.save();
  ctx.scale(scale, scale);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  // Title bar.
  ctx.fillStyle = theme.foreground;
  ctx.textBaseline = 'middle';
  ctx.font = `600 15px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.fillText(input.stepText, width - margin, titleH / 2);
  const stepW = ctx.measureText(input.stepText).width;
  ctx.textAlign = 'left';
  ctx.fillText(clip(ctx, input.title, width - stepW - 3 * margin), margin, titleH / 2);

  const top = titleH + margin;
  const y0 = top + captionH;
  const caption = (text: string, x: number, w: number) => {
    ctx.fillStyle = theme.foreground;
    ctx.font = `600 13px ${theme.font}`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(clip(ctx, text, w), x, top + 14);
  };

  // 1. The selected racer's decision boundary, computed at the picture's resolution.
  const bx = margin;
  caption(input.captions.boundary, bx, panel);
  const P = reply.theta0.length;
  const run = reply.runs[selected];
  const k = keptAt(run.index, step);
  const theta = run.theta.subarray(k * P, (k + 1) * P);
  const box = dataBox(reply.x);
  const res = Math.round(panel * scale);
  const img = new ImageData(res, res);
  boundaryImage(net, theta, box, img);
  const off = document.createElement('canvas');
  off.width = res;
  off.height = res;
  off.getContext('2d')?.putImageData(img, 0, 0);
  ctx.drawImage(off, bx, y0, panel, panel);
  const sx = (x: number) => bx + ((x - box.x[0]) / (box.x[1] - box.x[0])) * panel;
  const sy = (y: number) => y0 + ((box.y[1] - y) / (box.y[1] - box.y[0])) * panel;
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = '#fff';
  for (let i = 0; i < reply.t.length; i++) {
    const c = CLASS_RGB[reply.t[i] === 1 ? 1 : 0];
    ctx.beginPath();
    ctx.arc(sx(reply.x[2 * i]), sy(reply.x[2 * i + 1]), 3, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    ctx.fill();
    ctx.stroke();
  }
  ctx.strokeStyle = theme.muted;
  ctx.strokeRect(bx, y0, panel, panel);

  // 2. The landscape on the shared plane, and every path up to the step.
  const lx = bx + panel + gap;
  caption(input.captions.landscape, lx, panel);
  const g = reply.grid;
  ctx.fillStyle = interpolateViridis(0.1);
  ctx.fillRect(lx, y0, panel, panel);
  const cell = panel / (g.n - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(lx, y0, panel, panel);
  ctx.clip();
  ctx.translate(lx, y0 + panel);
  ctx.scale(cell, -cell);
  ctx.lineWidth = 0.6 / cell;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.5)';
  for (const p of contourPaths(g.loss, g.n)) {
    const path = new Path2D(p.d);
    ctx.globalAlpha = 0.75;
    ctx.fillStyle = interpolateViridis(0.15 + 0.85 * p.level);
    ctx.fill(path);
    ctx.globalAlpha = 1;
    ctx.stroke(path);
  }
  ctx.restore();
  const px = (a: number) => lx + ((a - g.a[0]) / (g.a[1] - g.a[0])) * panel;
  const py = (b: number) => y0 + panel - ((b - g.b[0]) / (g.b[1] - g.b[0])) * panel;
  reply.runs.forEach((r, i) => {
    const kk = keptAt(r.index, step);
    ctx.beginPath();
    for (let j = 0; j <= kk; j++) {
      const X = px(r.path[2 * j]);
      const Y = py(r.path[2 * j + 1]);
      if (j === 0) ctx.moveTo(X, Y);
      else ctx.lineTo(X, Y);
    }
    ctx.strokeStyle = colours[i];
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(px(r.path[2 * kk]), py(r.path[2 * kk + 1]), 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = colours[i];
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1;
    ctx.stroke();
  });

  // 3. Loss (log) and accuracy curves, with the step marked.
  const cx = lx + panel + gap;
  const cw = width - margin - cx;
  const ch = (panel - captionH) / 2;
  const steps = reply.config.steps || 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of reply.runs) for (const v of r.loss) if (Number.isFinite(v) && v > 0) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  const xs = (s: number) => cx + 8 + (s / steps) * (cw - 16);
  const chart = (label: string, yTop: number, y: (v: number) => number, values: (r: NetworkReply['runs'][number]) => Float64Array) => {
    caption(label, cx, cw);
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(cx, yTop, cw, ch);
    reply.runs.forEach((r, i) => {
      const vals = values(r);
      ctx.beginPath();
      let started = false;
      for (let j = 0; j < r.index.length; j++) {
        const v = vals[j];
        if (!Number.isFinite(v)) continue;
        const X = xs(r.index[j]);
        const Y = yTop + ch - 6 - y(v) * (ch - 12);
        if (!started) ctx.moveTo(X, Y);
        else ctx.lineTo(X, Y);
        started = true;
      }
      ctx.strokeStyle = colours[i];
      ctx.lineWidth = 1.6;
      ctx.stroke();
    });
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = theme.foreground;
    ctx.beginPath();
    ctx.moveTo(xs(step), yTop + 2);
    ctx.lineTo(xs(step), yTop + ch - 2);
    ctx.stroke();
    ctx.setLineDash([]);
  };
  const span = Math.log(hi) - Math.log(lo) || 1;
  chart(`${input.captions.loss} (${lo.toPrecision(3)} – ${hi.toPrecision(3)}, log)`, y0, (v) => (Math.log(v) - Math.log(lo)) / span, (r) => r.loss);
  // The second chart's caption sits where the first one ends.
  ctx.save();
  ctx.translate(0, ch + captionH);
  chart(`${input.captions.accuracy} (0 – 1)`, y0, (v) => v, (r) => r.accuracy);
  ctx.restore();

  // 4. Legend: each racer's colour, label, and its loss and accuracy at the step.
  const ly = y0 + panel + margin;
  const colW = (width - 2 * margin) / 3;
  ctx.font = `13px ${theme.font}`;
  ctx.textBaseline = 'middle';
  reply.runs.forEach((r, i) => {
    const x = margin + (i % 3) * colW;
    const y = ly + Math.floor(i / 3) * legendRowH + legendRowH / 2;
    ctx.fillStyle = colours[i];
    ctx.beginPath();
    ctx.arc(x + 6, y, 5, 0, 2 * Math.PI);
    ctx.fill();
    const kk = keptAt(r.index, step);
    ctx.fillStyle = theme.foreground;
    ctx.textAlign = 'left';
    const text = `${labels[i]} — ${input.captions.loss} ${r.loss[kk].toPrecision(4)}, ${input.captions.accuracy} ${(100 * r.accuracy[kk]).toFixed(1)} %${r.status === 'diverged' ? ' ⚠' : ''}`;
    ctx.fillText(clip(ctx, text, colW - 24), x + 16, y);
  });
  ctx.restore();
}

/** The picture as a PNG blob at `scale`× (2 for the export). */
export function networkPng(input: PictureInput, scale = 2): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(PICTURE.width * scale);
  canvas.height = Math.round(pictureHeight(input.reply.runs.length) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2-D canvas'));
  drawNetworkPicture(ctx, input, scale);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the image'))), 'image/png'));
}
