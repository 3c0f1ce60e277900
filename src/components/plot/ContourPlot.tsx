/**
 * The contour plot: filled contours + lines (canvas), axes, critical points, start and colour bar
 * (SVG), and the racing paths (canvas overlay, redrawn per frame from `appStore.subscribe`).
 * Click or drag on the plot to move the common start point.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { surfaceLabel, t, useT } from '../../i18n';

import { plotMarkLabels } from '../../plot/marks';
import { appStore, currentRun, sceneSurfaceDef, setPlotSize, setStart, useApp, type AppState } from '../../state/store';
import { makeObjective } from '../../surfaces';
import { sameData } from '../../engine/userdata';
import { createContourView } from './contourView';
import { plotFont, plotGeometry } from '../../plot/geometry';
import { fmt, prettyAxis } from '../../plot/marks';
import { OverlayLayer } from './OverlayLayer';
import { createPathLayer } from './pathLayer';
import { EngineFaultNotice } from '../ui/EngineFaultNotice';
import { useSize } from '../ui/useSize';

/** The formula under the plot, typeset (loaded after the page: it brings the TeX helpers). */
const SurfaceFormula = lazy(() => import('./SurfaceFormula').then((m) => ({ default: m.SurfaceFormula })));

function gridFor(s: AppState) {
  const g = s.results.grid;
  if (!g || g.surface.name !== s.scene.surface) return null;
  // A grid of other data (own or shipped, or another own set) is stale too.
  if (!sameData(g.surface.data, s.scene.data)) return null;
  return g;
}

/** Width / height of the plot box in the one-column layout: the domain's, within [0.8, 1.6]. */
function phoneAspect(d: { x: [number, number]; y: [number, number] }): number {
  return Math.min(1.6, Math.max(0.8, (d.x[1] - d.x[0]) / (d.y[1] - d.y[0])));
}

/** Presentation mode's tick font: 24.5 px on a 1920×1080 screen, at most 40 px; a phone's usual. */
function presentationFont(width: number, height: number): number {
  const w = typeof window !== 'undefined' ? window.innerWidth : 1920;
  const h = typeof window !== 'undefined' ? window.innerHeight : 1080;
  return Math.max(plotFont(width, height), Math.round(Math.min(40, h / 44, w / 60) * 2) / 2);
}

/** Did clipping change some visible racer's gradient in the current result? (Cached per run.) */
const clippedRuns = new WeakMap<object, boolean>();
function anyClipped(s: AppState): boolean {
  const r = currentRun(s);
  if (!r) return false;
  return r.runs.some((run, i) => {
    if (!run.clipped || s.racers[i]?.visible === false) return false;
    let v = clippedRuns.get(run);
    if (v === undefined) clippedRuns.set(run, (v = run.clipped.includes(1)));
    return v;
  });
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

export function ContourPlot() {
  const tr = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const haloRef = useRef<HTMLCanvasElement>(null);
  const linesRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const { width, height } = useSize(boxRef);

  const surface = useApp((s) => s.scene.surface);
  const params = useApp((s) => s.scene.params);
  const l2 = useApp((s) => s.scene.l2);
  const start = useApp((s) => s.scene.start);
  const grid = useApp(gridFor);
  const theme = useApp((s) => s.ui.theme);
  const presenting = useApp((s) => s.ui.presenting);
  const data = useApp((s) => s.scene.data);
  const clipped = useApp(anyClipped);
  // custom: the def of its own f and domain; linreg/logreg: of the scene's own data when it has some
  const def = useMemo(() => sceneSurfaceDef({ surface, params, data }), [surface, params, data]);
  // Presentation mode: type large enough for the back of a classroom (24 px at 1080p).
  const font = presenting ? presentationFont(width, height) : plotFont(width, height);
  const geo = useMemo(() => plotGeometry(width, height, def.domain, font), [width, height, def, font]);
  const objective = useMemo(() => makeObjective(def, params, l2), [def, params, l2]);

  // The grid must cover the domain shown, which depends on the plot's aspect.
  useEffect(() => {
    setPlotSize(geo.plot.w, geo.plot.h);
  }, [geo]);
  const critical = useMemo(() => def.criticalPoints(params), [def, params]);

  const viewRef = useRef<ReturnType<typeof createContourView> | null>(null);
  const pathsRef = useRef<ReturnType<typeof createPathLayer> | null>(null);

  useEffect(() => {
    viewRef.current = createContourView(baseRef.current!, svgRef.current!);
    pathsRef.current = createPathLayer({ halo: haloRef.current!, lines: linesRef.current!, marks: overlayRef.current! });
    return () => {
      viewRef.current?.destroy();
      pathsRef.current?.destroy();
      viewRef.current = null;
      pathsRef.current = null;
    };
  }, []);

  useEffect(() => {
    viewRef.current?.update({
      geo,
      grid,
      axes: def.axes,
      critical,
      criticalApprox: l2 > 0,
      start,
      theme,
      labels: { ...plotMarkLabels(), loading: t('app.loading') },
    });
  }, [geo, grid, def, critical, l2, start, theme, tr]);

  // Paths: geometry changes redraw everything; results, racers and steps come through subscribe.
  useEffect(() => {
    const layer = pathsRef.current;
    if (!layer) return;
    const s = appStore.getState();
    const run = currentRun(s);
    layer.setGeometry(geo, s.racers, run ? run.runs : null, s.playback.step);
    return appStore.subscribe((st, prev) => {
      if (st.results !== prev.results || st.racers !== prev.racers) {
        const r = currentRun(st);
        // A stale result keeps the ghost paths until the new one arrives; a failed one clears them.
        const stale = st.results.runId !== st.results.runRequested;
        layer.setRuns(st.racers, r ? r.runs : null, st.playback.step, stale);
        // For `npm run bench:ui`: a new set of paths is on the canvas.
        if (r) performance.mark('descent:paths', { detail: st.results.runId });
      } else if (st.playback.step !== prev.playback.step) {
        layer.setStep(st.playback.step);
      }
    });
  }, [geo, theme]);

  // Pointer: click or drag moves the start point (at most once per frame).
  useEffect(() => {
    const el = overlayRef.current!;
    let pending: [number, number] | null = null;
    let raf = 0;
    let dragging = false;
    const toDomain = (e: PointerEvent): [number, number] | null => {
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const { plot, sx, sy } = geo;
      if (x < plot.x || x > plot.x + plot.w || y < plot.y || y > plot.y + plot.h) return null;
      return [round4(sx.invert(x)), round4(sy.invert(y))];
    };
    const flush = () => {
      raf = 0;
      if (pending) setStart(pending[0], pending[1]);
      pending = null;
    };
    const queue = (p: [number, number]) => {
      pending = p;
      if (!raf) raf = requestAnimationFrame(flush);
    };
    const down = (e: PointerEvent) => {
      const p = toDomain(e);
      if (!p) return;
      dragging = true;
      el.setPointerCapture?.(e.pointerId);
      queue(p);
    };
    const readout = readoutRef.current;
    const hover = (e: PointerEvent) => {
      if (!readout) return;
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const { plot, sx, sy } = geo;
      if (x < plot.x || x > plot.x + plot.w || y < plot.y || y > plot.y + plot.h) {
        readout.hidden = true;
        return;
      }
      const dx = sx.invert(x);
      const dy = sy.invert(y);
      const [ax, ay] = def.axes.map(prettyAxis);
      readout.textContent = `${ax} = ${fmt(dx, 4)}, ${ay} = ${fmt(dy, 4)}, f = ${fmt(objective.value(dx, dy), 4)}`;
      readout.hidden = false;
      // Beside the pointer, flipped near the right and bottom edges.
      const right = x > plot.x + plot.w * 0.6;
      const below = y < plot.y + 40;
      readout.style.left = right ? '' : `${x + 14}px`;
      readout.style.right = right ? `${geo.width - x + 14}px` : '';
      readout.style.top = `${below ? y + 18 : y - 34}px`;
    };
    const leave = () => {
      if (readout) readout.hidden = true;
    };
    const move = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') hover(e);
      if (!dragging) return;
      const p = toDomain(e);
      if (p) queue(p);
    };
    const up = (e: PointerEvent) => {
      dragging = false;
      el.releasePointerCapture?.(e.pointerId);
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      if (raf) cancelAnimationFrame(raf);
    };
  }, [geo, objective, def]);

  return (
    <figure className="plot" aria-label={tr('plot.label')}>
      <figcaption className="plot-caption">
        <span className="plot-caption-name">{surfaceLabel(def)}</span>
        <Suspense fallback={<span className="plot-formula" />}>
          <SurfaceFormula latex={def.latex} className="plot-formula" />
        </Suspense>
        <span className="plot-caption-note">
          <span className="ghost-key" aria-hidden="true" /> {tr('plot.ghosts')}
          {clipped ? (
            <span className="clip-note" data-testid="clip-note">
              <svg className="clip-key" width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">
                <line x1="0" y1="6" x2="22" y2="6" className="clip-key-path" />
                <line x1="11" y1="0.5" x2="11" y2="11.5" className="clip-key-halo" />
                <line x1="11" y1="0.5" x2="11" y2="11.5" className="clip-key-bar" />
              </svg>{' '}
              {tr('plot.clipped')}
            </span>
          ) : null}
        </span>
      </figcaption>
      <div
        className="plot-box"
        ref={boxRef}
        data-surface={surface}
        data-ready={grid ? 'true' : 'false'}
        data-view={[...geo.view.x, ...geo.view.y].map((v) => v.toPrecision(6)).join(',')}
        data-domain={[...def.domain.x, ...def.domain.y].map((v) => v.toPrecision(6)).join(',')}
        data-grid={grid ? [...grid.domain.x, ...grid.domain.y].map((v) => v.toPrecision(6)).join(',') : ''}
        style={{ '--plot-aspect': String(phoneAspect(def.domain)) } as CSSProperties}
      >
        <canvas ref={baseRef} className="plot-layer" aria-hidden="true" />
        <svg ref={svgRef} className="plot-layer plot-svg" aria-hidden="true" />
        <canvas ref={haloRef} className="plot-layer" aria-hidden="true" data-testid="ghost-paths" />
        <canvas ref={linesRef} className="plot-layer" aria-hidden="true" />
        <canvas ref={overlayRef} className="plot-layer plot-overlay" role="img" aria-label={tr('plot.hint')} />
        <OverlayLayer geo={geo} />
        <div ref={readoutRef} className="plot-readout" aria-hidden="true" hidden data-testid="plot-readout" />
        <EngineFaultNotice />
      </div>
    </figure>
  );
}
