/**
 * The sweep view: pick a racer and one or two of its settings, run the grid on the page's worker
 * pool (every core; the main thread only paints each chunk as it arrives), watch the map fill, and
 * click a cell (or pick it with the arrow keys and press Enter) to set the racer to it and race it.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { cellCount, normalizeSweep, sweepKeys, type SweepConfig, type SweepResult } from '../../engine/sweep';
import { fmtNum } from '../../explain/format';
import { hyperLabel, optimizerLabel, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { optimizers } from '../../optim';
import type { OptimizerConfig } from '../../optim/types';
import { makeObjective, surfaceFor } from '../../surfaces';
import {
  appStore,
  play,
  resetPlayback,
  sampleCount,
  sceneToRunConfig,
  setBatchSize,
  setRacerHyper,
  useApp,
  type Racer,
} from '../../state/store';
import { PENDING, SweepCancelled, type SweepHandle } from '../../worker/pool';
import { pagePool } from '../../worker/sweepClient';
import { useSize } from '../ui/useSize';
import { defaultAxis, defaultYKey, stabilityMarks, type StabilityMarks } from './sweepGeometry';
import { createSweepView, type SweepView } from './sweepView';
import { RacerStudies } from './RacerStudies';
import './lab.css';

const RESOLUTIONS = [16, 32, 64, 128] as const;

interface AxisForm {
  key: string;
  from: string;
  to: string;
  scale: 'log' | 'linear';
}

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; total: number; steps: number; ms: number; workers: number }
  | { kind: 'cancelled'; done: number; total: number };

interface Shown {
  config: SweepConfig;
  result: SweepResult;
  racerId: number;
  marks: StabilityMarks | null;
  startLoss: number;
}

function formOf(key: string, opt: OptimizerConfig, nSamples: number): AxisForm {
  const a = defaultAxis(key, opt, nSamples);
  return { key, from: String(a.from), to: String(a.to), scale: a.scale };
}

/** A racer's current value of a sweep key (`betas.0` → betas[0]; batchSize is the scene's). */
export function currentValue(opt: OptimizerConfig, key: string, batchSize: number): number | null {
  if (key === 'batchSize') return batchSize;
  const dot = key.indexOf('.');
  const v = opt[dot < 0 ? key : key.slice(0, dot)];
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v[Number(key.slice(dot + 1))] ?? null;
  return null;
}

/** Sets a racer's value of a sweep key (the batch size is the scene's). */
function setValue(racerId: number, key: string, v: number): void {
  if (key === 'batchSize') return setBatchSize(v);
  const racer = appStore.getState().racers.find((r) => r.id === racerId);
  if (!racer) return;
  const dot = key.indexOf('.');
  if (dot < 0) return setRacerHyper(racerId, key, v);
  const name = key.slice(0, dot);
  const pair = (racer.optimizer[name] as [number, number]).slice() as [number, number];
  pair[Number(key.slice(dot + 1)) as 0 | 1] = v;
  setRacerHyper(racerId, name, pair);
}

export default function SweepBody() {
  const t = useT();
  const id = useId();
  const racers = useApp((s) => s.racers);
  const explained = useApp((s) => s.ui.explained);
  const surface = useApp((s) => s.scene.surface);
  const params = useApp((s) => s.scene.params);
  const batchSize = useApp((s) => s.scene.batchSize);
  const theme = useApp((s) => s.ui.theme);
  const [racerId, setRacerId] = useState<number | null>(explained ?? racers[0]?.id ?? null);
  const racer: Racer | null = racers.find((r) => r.id === racerId) ?? null;
  const nSamples = useMemo(() => sampleCount(surface, params), [surface, params]);
  const optName = racer?.optimizer.name ?? null;

  const [x, setX] = useState<AxisForm | null>(null);
  const [y, setY] = useState<AxisForm | null>(null);
  const [n, setN] = useState<number>(64);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<[number, number] | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const handleRef = useRef<SweepHandle | null>(null);

  // New axes when the racer's optimizer or the surface changes.
  useEffect(() => {
    const r = appStore.getState().racers.find((q) => q.id === racerId);
    if (!r) return;
    const data = surfaceFor(surface, params).kind === 'data';
    // lr where the racer has one of its own (SAM's lives on its base), else its first numeric setting.
    const ks = sweepKeys(r.optimizer.name);
    setX(formOf(ks.includes('lr') ? 'lr' : ks[0], r.optimizer, nSamples));
    const yk = defaultYKey(r.optimizer, data);
    setY(yk ? formOf(yk, r.optimizer, nSamples) : null);
  }, [racerId, optName, surface, nSamples]);

  useEffect(() => () => handleRef.current?.cancel(), []);

  const keys = optName ? sweepKeys(optName) : [];
  const labelOf = useCallback(
    (key: string): string => {
      if (key === 'batchSize') return t('surface.batch');
      if (!optName) return key;
      const dot = key.indexOf('.');
      const spec = optimizers[optName].hyper.find((s) => s.key === (dot < 0 ? key : key.slice(0, dot)));
      if (!spec) return key;
      if (spec.kind === 'pair') return spec.items[Number(key.slice(dot + 1))].label;
      return hyperLabel(spec);
    },
    [optName, t],
  );

  function start(): void {
    if (!racer || !x) return;
    const cfg = sceneToRunConfig(appStore.getState());
    const axis = (a: AxisForm) => ({ key: a.key, from: Number(a.from), to: Number(a.to), n, scale: a.scale });
    let config: SweepConfig;
    try {
      config = normalizeSweep({
        surface: cfg.surface,
        optimizer: racer.optimizer,
        start: cfg.start,
        steps: cfg.steps,
        batchSize: cfg.batchSize,
        seed: cfg.seed,
        x: axis(x),
        ...(y ? { y: axis(y) } : {}),
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setError(null);
    handleRef.current?.cancel();
    const total = cellCount(config);
    const pool = pagePool();
    const result: SweepResult = {
      xs: config.xs,
      ys: config.ys,
      loss: new Float64Array(total).fill(Number.NaN),
      divergedAt: new Int32Array(total).fill(PENDING),
      elapsedMs: 0,
    };
    const def = surfaceFor(config.base.surface.name, config.base.surface.params);
    const obj = makeObjective(def, config.base.surface.params, config.base.surface.l2);
    const startLoss = obj.value(config.base.start[0], config.base.start[1]);
    const next: Shown = { config, result, racerId: racer.id, marks: stabilityMarks(config), startLoss };
    setShown(next);
    setCursor(null);
    setStatus({ kind: 'running', done: 0, total });
    const handle = pool.run(config, (p) => {
      next.result = p.result;
      setStatus((s) => (s.kind === 'running' ? { kind: 'running', done: p.done, total } : s));
      requestDraw();
    });
    handleRef.current = handle;
    handle.done.then(
      (r) => {
        if (handleRef.current !== handle) return;
        next.result = r;
        let steps = 0;
        for (const d of r.divergedAt) steps += d >= 0 ? d : config.base.steps;
        setStatus({ kind: 'done', total, steps, ms: Math.round(r.elapsedMs), workers: pool.size });
        requestDraw();
      },
      (e: unknown) => {
        if (handleRef.current !== handle) return;
        if (e instanceof SweepCancelled) {
          let done = 0;
          for (const d of next.result.divergedAt) if (d !== PENDING) done++;
          setStatus({ kind: 'cancelled', done, total });
        } else setError(e instanceof Error ? e.message : String(e));
      },
    );
  }

  function cancel(): void {
    handleRef.current?.cancel();
  }

  // Drawing: through a ref, so that a chunk repaints without a React render of the whole view.
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<SweepView | null>(null);
  const { width } = useSize(boxRef, { width: 360, height: 300 });
  const height = Math.round(Math.min(420, Math.max(200, width * 0.8)));
  const drawRef = useRef<() => void>(() => {});
  const frame = useRef(0);
  const requestDraw = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      drawRef.current();
    });
  };
  const [scaleText, setScaleText] = useState<string | null>(null);

  useEffect(() => {
    viewRef.current = createSweepView(canvasRef.current!);
    return () => {
      cancelAnimationFrame(frame.current);
      viewRef.current?.destroy();
      viewRef.current = null;
    };
  }, []);

  const sweptRacer = shown ? racers.find((r) => r.id === shown.racerId) ?? null : null;
  drawRef.current = () => {
    const view = viewRef.current;
    if (!view || !shown) return;
    const { config, result, marks } = shown;
    const cx = sweptRacer ? currentValue(sweptRacer.optimizer, config.x.key, batchSize) : null;
    const cy = sweptRacer && config.y ? currentValue(sweptRacer.optimizer, config.y.key, batchSize) : 0;
    const scale = view.update({
      x: config.x,
      y: config.y,
      loss: result.loss,
      divergedAt: result.divergedAt,
      marks,
      startLoss: shown.startLoss,
      current: cx !== null && cy !== null ? [cx, cy] : null,
      cursor,
      width,
      height,
      dark: theme === 'dark',
      labels: { x: labelOf(config.x.key), y: config.y ? labelOf(config.y.key) : '' },
    });
    const text = scale ? `${fmtNum(scale.lo, 3)} … ${fmtNum(scale.hi, 3)}` : null;
    setScaleText((old) => (old === text ? old : text));
  };
  useEffect(() => drawRef.current());

  const pick = (c: [number, number] | null) => setCursor(c);
  function apply(c: [number, number]): void {
    if (!shown) return;
    const { config, racerId: rid } = shown;
    setValue(rid, config.x.key, config.xs[c[0]]);
    if (config.y) setValue(rid, config.y.key, config.ys[c[1]]);
    resetPlayback();
    play();
  }

  function onKey(e: KeyboardEvent<HTMLCanvasElement>): void {
    if (!shown) return;
    const nx = shown.config.xs.length;
    const ny = Math.max(1, shown.config.ys.length);
    const [i, j] = cursor ?? [0, 0];
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [i - 1, j],
      ArrowRight: [i + 1, j],
      ArrowUp: [i, j + 1],
      ArrowDown: [i, j - 1],
      Home: [0, j],
      End: [nx - 1, j],
    };
    if (e.key in moves) {
      e.preventDefault();
      const [a, b] = cursor ? moves[e.key] : [0, 0];
      pick([Math.max(0, Math.min(nx - 1, a)), Math.max(0, Math.min(ny - 1, b))]);
    } else if ((e.key === 'Enter' || e.key === ' ') && cursor) {
      e.preventDefault();
      apply(cursor);
    }
  }

  const cellAt = (e: MouseEvent<HTMLCanvasElement>): [number, number] | null => {
    const r = e.currentTarget.getBoundingClientRect();
    return viewRef.current?.cellAt(e.clientX - r.left, e.clientY - r.top) ?? null;
  };

  let cellText = '';
  if (shown && cursor) {
    const { config, result } = shown;
    const show = (key: string, v: number) => `${labelOf(key)} = ${key === 'batchSize' ? String(v) : fmtNum(v)}`;
    const setting = show(config.x.key, config.xs[cursor[0]]) + (config.y ? `, ${show(config.y.key, config.ys[cursor[1]])}` : '');
    const c = cursor[1] * config.xs.length + cursor[0];
    const d = result.divergedAt[c];
    cellText =
      d === PENDING
        ? t('sweep.cell.pending', { setting })
        : d >= 0
          ? t('sweep.cell.diverged', { setting, step: d })
          : t('sweep.cell', { setting, loss: fmtNum(result.loss[c]) });
  }

  const running = status.kind === 'running';
  const axisControls = (which: 'x' | 'y', a: AxisForm | null, set: (a: AxisForm | null) => void) => (
    <fieldset className="sweep-axis">
      <legend>{t(which === 'x' ? 'sweep.x' : 'sweep.y')}</legend>
      <select
        aria-label={t(which === 'x' ? 'sweep.x' : 'sweep.y')}
        value={a?.key ?? ''}
        onChange={(e) => {
          const k = e.currentTarget.value;
          set(k && racer ? formOf(k, racer.optimizer, nSamples) : null);
        }}
      >
        {which === 'y' ? <option value="">{t('sweep.none')}</option> : null}
        {keys
          .filter((k) => k !== (which === 'x' ? y?.key : x?.key))
          .map((k) => (
            <option key={k} value={k}>
              {labelOf(k)}
            </option>
          ))}
      </select>
      {a ? (
        <>
          <label>
            {t('sweep.from')}
            <input type="text" inputMode="decimal" value={a.from} onChange={(e) => set({ ...a, from: e.currentTarget.value })} />
          </label>
          <label>
            {t('sweep.to')}
            <input type="text" inputMode="decimal" value={a.to} onChange={(e) => set({ ...a, to: e.currentTarget.value })} />
          </label>
          <label>
            {t('sweep.scale')}
            <select value={a.scale} onChange={(e) => set({ ...a, scale: e.currentTarget.value as 'log' | 'linear' })}>
              <option value="log">{t('sweep.scale.log')}</option>
              <option value="linear">{t('sweep.scale.linear')}</option>
            </select>
          </label>
        </>
      ) : null}
    </fieldset>
  );

  return (
    <div className="sweep-body" data-sweep-status={status.kind}>
      <p className="panel-caption">{t('sweep.intro')}</p>
      <div className="sweep-controls">
        <label className="slider-label" htmlFor={`${id}-racer`}>
          {t('sweep.racer')}
        </label>
        <select id={`${id}-racer`} value={racerId === null ? '' : String(racerId)} onChange={(e) => setRacerId(Number(e.currentTarget.value))}>
          {racers.map((r, i) => (
            <option key={r.id} value={String(r.id)}>
              {t('racers.name', { n: i + 1, label: optimizerLabel(optimizers[r.optimizer.name]) })}
            </option>
          ))}
        </select>
        {!racer ? <p className="panel-caption">{t('sweep.racerGone')}</p> : null}
        {axisControls('x', x, setX)}
        {axisControls('y', y, setY)}
        <label className="slider-label" htmlFor={`${id}-n`}>
          {t('sweep.resolution')}
        </label>
        <select id={`${id}-n`} value={String(n)} onChange={(e) => setN(Number(e.currentTarget.value))}>
          {RESOLUTIONS.map((r) => (
            <option key={r} value={String(r)}>
              {r}
            </option>
          ))}
        </select>
        <div className="sweep-actions">
          <button type="button" className="btn" onClick={start} disabled={!racer || !x}>
            {t('sweep.run')}
          </button>
          <button type="button" className="btn" onClick={cancel} disabled={!running}>
            {t('sweep.cancel')}
          </button>
        </div>
      </div>
      {error ? (
        <p className="error-banner" role="alert">
          {t('sweep.error', { message: error })}
        </p>
      ) : null}
      <div className="sweep-progress">
        <progress
          aria-label={t('sweep.progress')}
          max={status.kind === 'idle' ? 1 : status.total}
          value={status.kind === 'running' || status.kind === 'cancelled' ? status.done : status.kind === 'done' ? status.total : 0}
        />
        <span role="status" className="panel-caption">
          {status.kind === 'running'
            ? t('sweep.status.running', { done: status.done, total: status.total })
            : status.kind === 'done'
              ? t('sweep.status.done', { total: status.total, steps: status.steps.toLocaleString(), ms: status.ms, workers: status.workers })
              : status.kind === 'cancelled'
                ? t('sweep.status.cancelled', { done: status.done, total: status.total })
                : ''}
        </span>
      </div>
      <div className="sweep-map" ref={boxRef} hidden={!shown}>
        <canvas
          ref={canvasRef}
          tabIndex={0}
          role="img"
          aria-label={t('sweep.map')}
          aria-describedby={`${id}-cell`}
          onKeyDown={onKey}
          onPointerMove={(e) => pick(cellAt(e))}
          onClick={(e) => {
            const c = cellAt(e);
            if (c) {
              pick(c);
              apply(c);
            }
          }}
        />
      </div>
      <p id={`${id}-cell`} className="sweep-cell" aria-live="polite">
        {cellText || (shown ? t('sweep.hint') : '')}
      </p>
      {shown ? (
        <ul className="sweep-legend">
          <li>
            <span className="sweep-ramp" aria-hidden="true" />
            {t(scaleFromShown(shown) ? 'sweep.legend.excess' : 'sweep.legend.loss')}
            {scaleText ? `: ${scaleText}` : ''}
          </li>
          <li>{t('sweep.legend.top')}</li>
          <li>
            <span className="sweep-swatch sweep-swatch-diverged" aria-hidden="true" />
            {t('sweep.legend.diverged')}
          </li>
          <li>{t('sweep.legend.current')}</li>
          {shown.marks ? <li>{t('sweep.legend.edge')}</li> : null}
          {shown.marks?.optimum ? <li>{t('sweep.legend.optimum')}</li> : null}
        </ul>
      ) : null}
      <RacerStudies />
    </div>
  );
}

/** Does the map show the excess over the best cell (some final loss ≤ 0)? */
function scaleFromShown(s: Shown): boolean {
  const { loss, divergedAt } = s.result;
  for (let c = 0; c < loss.length; c++) if (divergedAt[c] === -1 && loss[c] <= 0) return true;
  return false;
}

