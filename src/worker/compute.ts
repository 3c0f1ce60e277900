/**
 * The worker's work, as plain functions (no DOM, no comlink): the comparison run (with one
 * racer's trace when asked) and the contour grid. `engine.worker.ts` exposes `engineApi`; tests call it in process.
 */
import { contours as d3contours } from 'd3';
import { ConfigError, normalizeConfig, runComparison, traceRacer } from '../engine';
import { optimizers } from '../optim';
import { makeObjective, surfaceGrid } from '../surfaces';
import { gridSizeFor, gridValue, resolveSurface } from '../engine/userdata';
import type { ComparisonResult, RunConfig } from '../engine/types';
import type { ContourSet, EngineApi, GridRequest, GridResult, RunReply, RunRequest, TraceData } from './api';
import type { Domain } from '../surfaces/types';
import { chooseLevels } from './levels';

export function computeGrid(req: GridRequest): GridResult {
  const def = resolveSurface(req.surface);
  const core = makeObjective(def, req.surface.params, req.surface.l2);
  const domain = req.domain ?? def.domain;
  // A data set of one's own may have 10,000 rows: its grid is kept within a budget (userdata.ts).
  const { nx, ny } = req.surface.data ? gridSizeFor(core.n, req.nx, req.ny) : req;
  const values = surfaceGrid(req.surface.data ? { ...core, value: gridValue(req.surface, core) } : core, domain, nx, ny);
  // Levels (and so colours) from the surface's own domain, however much more the view shows.
  const levels = chooseLevels(req.domain ? valuesWithin(values, domain, nx, ny, def.domain) : values);
  const contours = flattenContours(values, nx, ny, levels.thresholds, domain);
  const data = def.kind === 'data' ? def.create(req.surface.params) : null;
  return {
    id: req.id,
    surface: req.surface,
    domain,
    nx,
    ny,
    values,
    min: levels.min,
    max: levels.max,
    logLevels: levels.log,
    contours,
    n: data ? data.n : 0,
    data: data ? data.data : null,
  };
}

/** The grid values whose points lie in `inner` (the grid spans `domain`). */
function valuesWithin(values: Float64Array, domain: Domain, nx: number, ny: number, inner: Domain): Float64Array {
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const kx = nx > 1 ? (x1 - x0) / (nx - 1) : 0;
  const ky = ny > 1 ? (y1 - y0) / (ny - 1) : 0;
  const out: number[] = [];
  for (let j = 0; j < ny; j++) {
    const y = y1 - j * ky;
    if (y < inner.y[0] - 1e-12 || y > inner.y[1] + 1e-12) continue;
    for (let i = 0; i < nx; i++) {
      const x = x0 + i * kx;
      if (x >= inner.x[0] - 1e-12 && x <= inner.x[1] + 1e-12) out.push(values[j * nx + i]);
    }
  }
  return out.length ? Float64Array.from(out) : values;
}

/**
 * d3-contour's MultiPolygons, in domain coordinates. d3 puts value (i, j) at grid point
 * (i + ½, j + ½); our grid has x_i = x0 + i·(x1 − x0)/(nx − 1) and row 0 at y1.
 */
export function flattenContours(
  values: Float64Array,
  nx: number,
  ny: number,
  thresholds: number[],
  domain: { x: [number, number]; y: [number, number] },
): ContourSet {
  const gen = d3contours().size([nx, ny]).thresholds(thresholds);
  // d3's types want number[]; a copy costs ~0.1 ms per grid (once per surface change).
  const polys = gen(Array.from(values));
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const kx = (x1 - x0) / (nx - 1);
  const ky = (y1 - y0) / (ny - 1);
  let nRings = 0;
  let nPts = 0;
  for (const mp of polys)
    for (const poly of mp.coordinates)
      for (const ring of poly) {
        nRings++;
        nPts += ring.length;
      }
  const levelStart = new Int32Array(polys.length + 1);
  const ringStart = new Int32Array(nRings + 1);
  const coords = new Float32Array(nPts * 2);
  let r = 0;
  let p = 0;
  polys.forEach((mp, k) => {
    levelStart[k] = r;
    for (const poly of mp.coordinates)
      for (const ring of poly) {
        ringStart[r++] = p;
        for (const pt of ring) {
          coords[2 * p] = x0 + (pt[0] - 0.5) * kx;
          coords[2 * p + 1] = y1 - (pt[1] - 0.5) * ky;
          p++;
        }
      }
  });
  levelStart[polys.length] = r;
  ringStart[r] = p;
  return { thresholds: Float64Array.from(polys.map((mp) => mp.value)), levelStart, ringStart, coords };
}

export function computeRun(req: RunRequest): RunReply {
  const t0 = performance.now();
  let config: RunConfig;
  let result: ComparisonResult;
  try {
    config = normalizeConfig(req.config);
    result = runComparison(config);
  } catch (e) {
    if (e instanceof ConfigError) return { id: req.id, ok: false, field: e.field, message: e.message };
    // Not the settings' fault: a bug. Logged here with its stack (the worker's console is the page's).
    console.error('Descent: internal error in a run', e);
    return { id: req.id, ok: false, field: null, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e), internal: true };
  }
  let trace: TraceData | null = null;
  let traceError: string | null = null;
  const index = req.trace ?? null;
  if (index !== null) {
    try {
      trace = traceOf(config, index);
    } catch (e) {
      if (!(e instanceof ConfigError)) console.error('Descent: internal error in a trace', e);
      traceError = e instanceof Error ? e.message : String(e);
    }
  }
  return { id: req.id, ok: true, result, trace, traceError, ms: performance.now() - t0 };
}

/** One racer's step-by-step trace (and, for Newton, the Hessian at each step's start). */
export function traceOf(config: RunConfig, index: number): TraceData {
  const tr = traceRacer(config, index);
  const opt = config.optimizers[index];
  const steps = tr.steps;
  // traceRacer runs at stride 1, so its path holds every point θ₀ … θ_steps (and maybe more).
  const path = tr.run.path.slice(0, 2 * (steps + 1));
  let hessian: Float64Array | null = null;
  if (optimizers[opt.name].needsHessian) {
    const def = resolveSurface(config.surface);
    const obj = makeObjective(def, config.surface.params, config.surface.l2);
    hessian = new Float64Array(3 * steps);
    const h = new Float64Array(3);
    for (let k = 1; k <= steps; k++) {
      obj.hessian(path[2 * k - 2], path[2 * k - 1], h);
      hessian.set(h, 3 * (k - 1));
    }
  }
  const data: TraceData = {
    index,
    optimizer: opt,
    steps,
    stateLabels: tr.stateLabels,
    grad: tr.grad,
    state: tr.state,
    delta: tr.delta,
    path,
    hessian,
    status: tr.run.status,
    divergedAt: tr.run.divergedAt,
    fault: tr.run.fault,
    reason: tr.run.reason,
  };
  if (tr.run.lr) data.lr = tr.run.lr.slice(0, steps + 1);
  if (tr.momentum) data.momentum = tr.momentum;
  if (tr.recipe) data.recipe = tr.recipe;
  if (tr.rawGrad) data.rawGrad = tr.rawGrad;
  if (tr.clippedGrad) data.clippedGrad = tr.clippedGrad;
  if (tr.clipsOwn !== undefined) data.clipsOwn = tr.clipsOwn;
  if (tr.clipped) data.clipped = tr.clipped;
  if (tr.ema) data.ema = tr.ema;
  return data;
}

export const engineApi: EngineApi = { grid: computeGrid, run: computeRun };

/** The buffers of a reply, to hand over as transferables. */
export function transferablesOf(x: GridResult | RunReply): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView | null | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  if ('values' in x) {
    add(x.values);
    add(x.contours.thresholds);
    add(x.contours.levelStart);
    add(x.contours.ringStart);
    add(x.contours.coords);
    // The dataset is shared module state in the worker: copy, do not transfer.
  } else if (x.ok) {
    for (const run of x.result.runs) {
      add(run.path);
      add(run.loss);
      add(run.index);
    }
    const b = x.result.batches;
    if (b) {
      add(b.order);
      add(b.start);
      add(b.size);
    }
    if (x.trace) for (const a of [x.trace.grad, x.trace.state, x.trace.delta, x.trace.path, x.trace.hessian, x.trace.lr, x.trace.momentum, x.trace.rawGrad, x.trace.clippedGrad, x.trace.clipped, x.trace.ema]) add(a);
  }
  return out;
}
