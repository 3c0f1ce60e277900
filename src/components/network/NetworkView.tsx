/**
 * The Network view: a real network (the `mlp` surface of CONTRACT.md §6) trained by every racer.
 * Pickers for the dataset and the architecture, the decision boundary of the selected racer at the
 * current step (small multiples of every racer on wide screens), loss and accuracy curves, the
 * landscape on the shared plane with every projected path, its explained variance and the gap
 * between the real loss and the plane's. Training runs in a worker; the address bar holds the scene.
 */
import { interpolateViridis } from 'd3';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { optimizerNames, optimizers } from '../../optim';
import { optimizerLabel, useT, getLocale } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { PALETTE } from '../../plot/palette';
import { datasetNames } from '../../engine/mlp/datasets';
import { Network } from '../../engine/mlp/net';
import { networkConfigFromLink, networkLink, networkViewFromLink } from '../../engine/mlp/link';
import type { NetworkReply } from './session';
import { normalizeMlpConfig, type MlpRunConfig } from '../../engine/mlp/config';
import { boundaryImage, contourPaths, dataBox, keptAt } from './draw';
import type { NetworkRequest } from './network.worker';
import { NetworkExport } from './NetworkExport';
import { DataImportBox, type DataProblem } from '../controls/DataImport';
import { mlpDataFromColumns, mlpDataToColumns, type MlpData } from '../../engine/mlp/userdata';
import { ConfigError } from '../../optim/errors';
import type { UserData } from '../../engine/userdata';
import { dataFitsLink } from '../../share/data-field';
import { installNetworkKeys, type NetworkKeyActions } from './keys';
import './network.css';

type Reply = { id: number; ok: true; reply?: NetworkReply; text?: string } | { id: number; ok: false; field: string | null; message: string };

type Request = NetworkRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const FIRST_ORDER = optimizerNames.filter((n) => !optimizers[n].needsHessian);

function defaultConfig(): MlpRunConfig {
  return normalizeMlpConfig({
    surface: { name: 'mlp', params: { dataset: 'spiral', hidden: [8, 8], activation: 'tanh' } },
    optimizers: [
      { name: 'gd', lr: 0.3 },
      { name: 'momentum', lr: 0.05 },
      { name: 'adam', lr: 0.02 },
    ],
    steps: 300,
    batchSize: 32,
  });
}

function initialState(): { config: MlpRunConfig; step: number | null; selected: number; error: string | null } {
  const search = window.location.search;
  try {
    const config = normalizeMlpConfig(networkConfigFromLink(search));
    const v = networkViewFromLink(search);
    return { config, step: v.step, selected: Math.min(v.selected, config.optimizers.length - 1), error: null };
  } catch (e) {
    return { config: defaultConfig(), step: null, selected: 0, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A racer as the view names it: "2. Adam". */
export function racerLabel(config: MlpRunConfig, i: number): string {
  return `${i + 1}. ${optimizerLabel(optimizers[config.optimizers[i].name])}`;
}

/** The dataset and the network in words: "Moons, 2-8-6-1 tanh". */
export function describeNetwork(config: MlpRunConfig, t: ReturnType<typeof useT>): string {
  const p = config.surface.params;
  const data = (config.surface as { data?: unknown }).data !== undefined ? t('net.data.own') : t(`net.dataset.${p.dataset}`);
  return t('net.describe', { data, arch: [2, ...p.hidden, 1].join('-'), activation: p.activation });
}

/** The config with the network's own data, if any (surface.data, CONTRACT §6; the engine checks it). */
type SurfaceWithData = MlpRunConfig['surface'] & { data?: MlpData };
const ownData = (c: MlpRunConfig): MlpData | undefined => (c.surface as SurfaceWithData).data;

/**
 * The network's check of good CSV columns (a, b, t): mlpDataFromColumns's, its field turned back
 * into the row and the column (x[i][0] is a, x[i][1] is b, t[i] is t).
 */
export function checkNetworkColumns(d: UserData): DataProblem | null {
  if (!('a' in d)) return { column: null, row: null, problem: 'the network needs columns a, b and t' };
  try {
    mlpDataFromColumns(d.a, d.b, d.t);
    return null;
  } catch (e) {
    if (!(e instanceof ConfigError)) return { column: null, row: null, problem: e instanceof Error ? e.message : String(e) };
    const m = /^surface\.data\.(x|t)(?:\[(\d+)\](?:\[(\d)\])?)?$/.exec(e.field);
    if (!m) return { column: null, row: null, problem: e.problem };
    const column = m[1] === 't' ? 2 : m[3] !== undefined ? Number(m[3]) : null;
    return { column, row: m[2] !== undefined ? Number(m[2]) : null, problem: e.problem };
  }
}

function colour(i: number): string {
  return PALETTE[i % PALETTE.length].hex;
}

function useWorker() {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, (r: Reply) => void>());
  const nextId = useRef(1);
  useEffect(() => {
    const w = new Worker(new URL('./network.worker.ts', import.meta.url), { type: 'module', name: 'descent-network' });
    w.onmessage = (e: MessageEvent<Reply>) => {
      const f = pending.current.get(e.data.id);
      pending.current.delete(e.data.id);
      f?.(e.data);
    };
    worker.current = w;
    return () => w.terminate();
  }, []);
  return useCallback((req: Request) => {
    const id = nextId.current++;
    return new Promise<Reply>((resolve) => {
      pending.current.set(id, resolve);
      worker.current?.postMessage({ ...req, id });
    });
  }, []);
}

export function NetworkView() {
  const t = useT();
  const init = useMemo(initialState, []);
  const [config, setConfig] = useState<MlpRunConfig>(init.config);
  const [step, setStep] = useState<number | null>(init.step);
  const [selected, setSelected] = useState(init.selected);
  const [reply, setReply] = useState<NetworkReply | null>(null);
  const [error, setError] = useState<string | null>(init.error);
  const [busy, setBusy] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [copied, setCopied] = useState(false);
  const [exporting, setExporting] = useState(false);
  const post = useWorker();
  const latest = useRef(0);

  // Train whenever the scene changes.
  useEffect(() => {
    const ticket = ++latest.current;
    setBusy(true);
    const timer = setTimeout(() => {
      void post({ kind: 'run', raw: config }).then((r) => {
        if (ticket !== latest.current) return;
        setBusy(false);
        if (r.ok && r.reply) {
          setReply(r.reply);
          setError(null);
        } else if (!r.ok) setError(r.message);
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [config, post]);

  const steps = reply?.config.steps ?? config.steps;
  const current = Math.min(step ?? steps, steps);

  // The address bar holds the scene (and the step shown).
  useEffect(() => {
    const q = networkLink(config, { step, selected }, getLocale());
    window.history.replaceState(null, '', `${window.location.pathname}?${q}`);
  }, [config, step, selected]);

  // Playback.
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setStep((s) => {
        const next = Math.min((s ?? 0) + Math.max(1, Math.round(steps / 150)), steps);
        if (next >= steps) setPlaying(false);
        return next;
      });
    }, 40);
    return () => clearInterval(id);
  }, [playing, steps]);

  const togglePlay = () => {
    if (playing) setPlaying(false);
    else {
      setStep((s) => ((s ?? steps) >= steps ? 0 : s));
      setPlaying(true);
    }
  };
  // The view's own keys (installNetworkKeys), acting on the latest state.
  const keys = useRef<NetworkKeyActions | null>(null);
  keys.current = {
    toggle: togglePlay,
    step: (d) => {
      setPlaying(false);
      setStep((s) => Math.max(0, Math.min(steps, Math.min(s ?? steps, steps) + d)));
    },
    jump: (to) => {
      setPlaying(false);
      setStep(to === 'first' ? 0 : steps);
    },
  };
  useEffect(() => installNetworkKeys(window, () => keys.current!), []);

  const update = (f: (c: MlpRunConfig) => unknown) => {
    try {
      setConfig(normalizeMlpConfig(f(config)));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const withParams = (p: Partial<MlpRunConfig['surface']['params']>) =>
    update((c) => ({ ...c, plane: undefined, surface: { ...c.surface, params: { ...c.surface.params, ...p } } }));
  const raw = (c: MlpRunConfig, patch: Record<string, unknown>) => ({ ...c, plane: undefined, ...patch });

  const data = ownData(config);
  const useData = (d: UserData) => {
    if (!('a' in d)) return;
    const mine = mlpDataFromColumns(d.a, d.b, d.t);
    update((c) => raw(c, { surface: { ...c.surface, data: mine }, batchSize: Math.min(c.batchSize, mine.x.length) }));
  };
  const dropData = () =>
    update((c) => {
      const { data: _gone, ...surface } = c.surface as SurfaceWithData;
      return raw(c, { surface, batchSize: Math.min(c.batchSize, c.surface.params.samples) });
    });
  const hidden = config.surface.params.hidden;
  const net = useMemo(
    () => (reply ? new Network(reply.config.surface.params.hidden, reply.config.surface.params.activation, Float64Array.from(reply.x), reply.t) : null),
    [reply],
  );

  const exportText = async (format: 'json' | 'pytorch'): Promise<string> => {
    const r = await post({ kind: 'export', raw: reply?.config ?? config, format });
    if (r.ok && r.text !== undefined) return r.text;
    throw new Error(r.ok ? 'no text' : r.message);
  };
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
    } catch {
      /* the address bar holds the link anyway */
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <div className="net">
      <section className="net-controls" aria-label={t('net.title')}>
        <p className="net-intro">{t('net.intro')}</p>
        <label>
          {t('net.dataset')}
          <select
            value={data ? 'own' : config.surface.params.dataset}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'own') return;
              update((c) => {
                const { data: _gone, ...surface } = c.surface as SurfaceWithData;
                return raw(c, { surface: { ...surface, params: { ...surface.params, dataset: v } }, batchSize: Math.min(c.batchSize, c.surface.params.samples) });
              });
            }}
          >
            {data ? <option value="own">{t('net.data.own')}</option> : null}
            {datasetNames.map((d) => (
              <option key={d} value={d}>
                {t(`net.dataset.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <DataImportBox
          surface="logreg"
          current={data ? mlpDataToColumns(data) : undefined}
          onUse={useData}
          onClear={dropData}
          check={checkNetworkColumns}
          fileName="descent-network-data.csv"
          linkNote={(d) => (dataFitsLink(d) ? t('userdata.inLink') : t('net.data.notInLink'))}
        />
        <label>
          {t('net.layers')}
          <select
            value={hidden.length}
            onChange={(e) => {
              const k = Number(e.target.value);
              withParams({ hidden: Array.from({ length: k }, (_, i) => hidden[i] ?? hidden[hidden.length - 1]) });
            }}
          >
            {[1, 2, 3].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {hidden.map((w, i) => (
          <label key={i}>
            {t('net.units', { i: i + 1 })}
            <input
              type="number"
              min={1}
              max={16}
              value={w}
              onChange={(e) => withParams({ hidden: hidden.map((v, j) => (j === i ? Number(e.target.value) : v)) })}
            />
          </label>
        ))}
        <label>
          {t('net.activation')}
          <select value={config.surface.params.activation} onChange={(e) => withParams({ activation: e.target.value as never })}>
            <option value="tanh">tanh</option>
            <option value="relu">ReLU</option>
          </select>
        </label>
        <label>
          {t('net.noise')}
          <input type="number" min={0} max={2} step={0.05} disabled={data !== undefined} value={config.surface.params.dataNoise} onChange={(e) => withParams({ dataNoise: Number(e.target.value) })} />
        </label>
        <label>
          {t('net.batch')}
          <input type="number" min={1} max={data ? data.x.length : config.surface.params.samples} value={config.batchSize} onChange={(e) => update((c) => raw(c, { batchSize: Number(e.target.value) }))} />
        </label>
        <label>
          {t('net.steps')}
          <input type="number" min={1} max={5000} value={config.steps} onChange={(e) => update((c) => raw(c, { steps: Number(e.target.value) }))} />
        </label>
        <fieldset className="net-racers">
          <legend>{t('net.racers')}</legend>
          {config.optimizers.map((o, i) => (
            <div className="net-racer" key={i}>
              <span className="net-swatch" style={{ background: colour(i) }} aria-hidden="true" />
              <select
                aria-label={t('net.optimizer', { i: i + 1 })}
                value={o.name}
                onChange={(e) => update((c) => raw(c, { optimizers: c.optimizers.map((x, j) => (j === i ? { name: e.target.value, lr: x.lr } : x)) }))}
              >
                {FIRST_ORDER.map((n) => (
                  <option key={n} value={n}>
                    {optimizerLabel(optimizers[n])}
                  </option>
                ))}
              </select>
              <input
                type="number"
                aria-label={t('net.lr', { i: i + 1 })}
                min={0}
                step="any"
                value={Number(o.lr)}
                onChange={(e) => update((c) => raw(c, { optimizers: c.optimizers.map((x, j) => (j === i ? { ...x, lr: Number(e.target.value) } : x)) }))}
              />
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('net.remove', { i: i + 1 })}
                disabled={config.optimizers.length <= 1}
                onClick={() => {
                  update((c) => raw(c, { optimizers: c.optimizers.filter((_, j) => j !== i) }));
                  setSelected(0);
                }}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            disabled={config.optimizers.length >= 6}
            onClick={() => update((c) => raw(c, { optimizers: [...c.optimizers, { name: 'rmsprop', lr: 0.01 }] }))}
          >
            {t('net.add')}
          </button>
        </fieldset>
        <div className="net-actions">
          <button type="button" className="btn btn-small" onClick={() => void copyLink()}>
            {copied ? t('net.copied') : t('net.share')}
          </button>
          <button type="button" className="btn btn-small" aria-haspopup="dialog" disabled={!reply || !net} onClick={() => setExporting(true)}>
            {t('export.open')}
          </button>
        </div>
        {error ? (
          <p className="error-banner" role="alert">
            {t('app.error', { message: error })}
          </p>
        ) : null}
      </section>

      <section className="net-main">
        <div className="net-timeline">
          <button type="button" className="btn btn-small btn-primary net-play" aria-keyshortcuts="Space" onClick={togglePlay}>
            {playing ? t('net.pause') : t('net.play')}
          </button>
          <label>
            {t('net.step')}
            <input type="range" min={0} max={steps} value={current} onChange={(e) => setStep(Number(e.target.value))} />
          </label>
          <output data-testid="net-step">{current}</output>
          <span className="net-status" role="status" data-testid="net-status">
            {busy ? t('net.training') : reply ? t(reply.runs.length === 1 ? 'net.trained.one' : 'net.trained', { racers: reply.runs.length, steps: reply.config.steps, params: reply.theta0.length, ms: Math.round(reply.millis) }) : ''}
          </span>
        </div>
        {exporting && reply && net ? (
          <NetworkExport
            reply={reply}
            net={net}
            step={current}
            selected={Math.min(selected, reply.runs.length - 1)}
            labels={reply.config.optimizers.map((_, i) => racerLabel(reply.config, i))}
            colours={reply.config.optimizers.map((_, i) => colour(i))}
            what={describeNetwork(reply.config, t)}
            exportText={exportText}
            onClose={() => setExporting(false)}
          />
        ) : null}
        {reply && net ? (
          <Panels reply={reply} net={net} step={current} selected={Math.min(selected, reply.runs.length - 1)} onSelect={setSelected} />
        ) : null}
      </section>
    </div>
  );
}

function Boundary({ reply, net, run, step, size, label }: { reply: NetworkReply; net: Network; run: number; step: number; size: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useMemo(() => dataBox(reply.x), [reply]);
  const r = reply.runs[run];
  const k = keptAt(r.index, step);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const P = reply.theta0.length;
    const theta = r.theta.subarray(k * P, (k + 1) * P);
    const res = Math.max(24, Math.round(size / 5));
    const img = ctx.createImageData(res, res);
    boundaryImage(net, theta, box, img);
    const off = document.createElement('canvas');
    off.width = res;
    off.height = res;
    off.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.clearRect(0, 0, size, size);
    ctx.drawImage(off, 0, 0, size, size);
    const sx = (x: number) => ((x - box.x[0]) / (box.x[1] - box.x[0])) * size;
    const sy = (y: number) => ((box.y[1] - y) / (box.y[1] - box.y[0])) * size;
    for (let i = 0; i < reply.t.length; i++) {
      ctx.beginPath();
      ctx.arc(sx(reply.x[2 * i]), sy(reply.x[2 * i + 1]), size > 200 ? 3 : 2, 0, 2 * Math.PI);
      ctx.fillStyle = reply.t[i] === 1 ? '#E69F00' : '#0072B2';
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 0.8;
      ctx.fill();
      ctx.stroke();
    }
  }, [reply, net, r, k, box, size]);
  return <canvas ref={canvas} width={size} height={size} role="img" aria-label={label} className="net-boundary" data-testid="net-boundary" />;
}

function Curves({ reply, step }: { reply: NetworkReply; step: number }) {
  const t = useT();
  const W = 420;
  const H = 110;
  const steps = reply.config.steps || 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of reply.runs) for (const v of r.loss) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  const ly = (v: number) => H - 8 - ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo) || 1)) * (H - 26);
  const ay = (v: number) => H - 8 - v * (H - 26);
  const x = (s: number) => 30 + (s / steps) * (W - 40);
  const poly = (idx: Int32Array, vals: Float64Array, y: (v: number) => number) =>
    Array.from(idx, (s, i) => `${x(s).toFixed(1)},${y(vals[i]).toFixed(1)}`).join(' ');
  return (
    <figure className="net-curves" data-testid="net-curves">
      <figcaption>{t('net.curves')}</figcaption>
      {(['loss', 'accuracy'] as const).map((what) => (
        <svg key={what} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t(`net.${what}`)}>
          <text x={4} y={12} className="net-axis">
            {t(`net.${what}`)}
            {what === 'loss' ? ` (${lo.toPrecision(3)} – ${hi.toPrecision(3)}, log)` : ' (0 – 1)'}
          </text>
          {reply.runs.map((r, i) => (
            <polyline
              key={i}
              points={what === 'loss' ? poly(r.index, r.loss, ly) : poly(r.index, r.accuracy, ay)}
              fill="none"
              stroke={colour(i)}
              strokeWidth={1.6}
            />
          ))}
          <line x1={x(step)} x2={x(step)} y1={4} y2={H - 4} className="net-now" />
        </svg>
      ))}
    </figure>
  );
}

function Landscape({ reply, step }: { reply: NetworkReply; step: number }) {
  const t = useT();
  const S = 360;
  const g = reply.grid;
  const paths = useMemo(() => contourPaths(g.loss, g.n), [g]);
  const clip = `net-plane-${useId().replace(/:/g, '')}`;
  const cell = S / (g.n - 1);
  const px = (a: number) => ((a - g.a[0]) / (g.a[1] - g.a[0])) * S;
  const py = (b: number) => S - ((b - g.b[0]) / (g.b[1] - g.b[0])) * S;
  return (
    <figure className="net-landscape" data-testid="net-landscape">
      <figcaption>{t('net.landscape')}</figcaption>
      <svg viewBox={`-4 -4 ${S + 8} ${S + 8}`} role="img" aria-label={t('net.landscape')}>
        <defs>
          <clipPath id={clip}>
            <rect x={0} y={0} width={S} height={S} />
          </clipPath>
        </defs>
        <rect x={0} y={0} width={S} height={S} className="net-plane" fill={interpolateViridis(0.1)} />
        <g clipPath={`url(#${clip})`}>
          <g transform={`translate(0 ${S}) scale(${cell} ${-cell})`}>
            {paths.map((p, i) => (
              <path key={i} d={p.d} className="net-contour" fill={interpolateViridis(0.15 + 0.85 * p.level)} vectorEffect="non-scaling-stroke" />
            ))}
          </g>
        </g>
        {reply.runs.map((r, i) => {
          const k = keptAt(r.index, step);
          const pts = [];
          for (let j = 0; j <= k; j++) pts.push(`${px(r.path[2 * j]).toFixed(1)},${py(r.path[2 * j + 1]).toFixed(1)}`);
          return (
            <g key={i}>
              <polyline points={pts.join(' ')} fill="none" stroke={colour(i)} strokeWidth={2} />
              <circle cx={px(r.path[2 * k])} cy={py(r.path[2 * k + 1])} r={4.5} fill={colour(i)} stroke="#fff" />
            </g>
          );
        })}
        <circle cx={px(0)} cy={py(0)} r={3} className="net-origin" />
      </svg>
      <p data-testid="net-explained">
        {t('net.explained', { a: (100 * reply.explained[0]).toFixed(1), b: (100 * reply.explained[1]).toFixed(1) })}
      </p>
    </figure>
  );
}

function Panels({ reply, net, step, selected, onSelect }: { reply: NetworkReply; net: Network; step: number; selected: number; onSelect: (i: number) => void }) {
  const t = useT();
  const label = (i: number) => racerLabel(reply.config, i);
  const run = reply.runs[selected];
  const L = reply.sizes.length - 1;
  const s = Math.min(Math.max(step, 1), reply.config.steps) - 1; // the step taken to reach `step`
  const gradNorms = s >= 0 && s < run.gradNorm.length / L ? Array.from({ length: L }, (_, l) => run.gradNorm[s * L + l]) : [];
  const slots = run.stateNames.length;
  const stateNorms = s >= 0 && slots > 0 && s < run.stateNorm.length / slots ? run.stateNames.map((n, j) => [n, run.stateNorm[s * slots + j]] as const) : [];
  return (
    <div className="net-panels">
      <div className="net-left">
        <div className="net-pick" role="group" aria-label={t('net.racers')}>
          {reply.runs.map((r, i) => (
            <button key={i} type="button" className="btn btn-small" aria-pressed={i === selected} onClick={() => onSelect(i)} aria-label={t('net.select', { racer: label(i) })}>
              <span className="net-swatch" style={{ background: colour(i) }} aria-hidden="true" />
              {label(i)}
              {r.status === 'diverged' ? ' ⚠' : ''}
            </button>
          ))}
        </div>
        <figure>
          <figcaption>{t('net.boundary', { racer: label(selected), step })}</figcaption>
          <Boundary reply={reply} net={net} run={selected} step={step} size={300} label={t('net.boundary', { racer: label(selected), step })} />
        </figure>
        <figure className="net-multiples">
          <figcaption>{t('net.boundary.all', { step })}</figcaption>
          <div className="net-multiples-grid">
            {reply.runs.map((_, i) => (
              <Boundary key={i} reply={reply} net={net} run={i} step={step} size={150} label={t('net.boundary', { racer: label(i), step })} />
            ))}
          </div>
        </figure>
      </div>
      <div className="net-right">
        <Curves reply={reply} step={step} />
        <Landscape reply={reply} step={step} />
        <table className="net-gap" data-testid="net-gap">
          <caption>
            {t('net.gap.title')}
            <span className="net-help">{t('net.gap.help')}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('net.racers')}</th>
              <th scope="col">{t('net.gap.real')}</th>
              <th scope="col">{t('net.gap.plane')}</th>
              <th scope="col">{t('net.gap.gap')}</th>
              <th scope="col">{t('net.accuracy')}</th>
            </tr>
          </thead>
          <tbody>
            {reply.runs.map((r, i) => {
              const k = keptAt(r.index, step);
              return (
                <tr key={i}>
                  <th scope="row">
                    <span className="net-swatch" style={{ background: colour(i) }} aria-hidden="true" />
                    {label(i)}
                  </th>
                  <td>{r.loss[k].toPrecision(4)}</td>
                  <td>{r.planeLoss[k].toPrecision(4)}</td>
                  <td>{(r.loss[k] - r.planeLoss[k]).toPrecision(3)}</td>
                  <td>{(100 * r.accuracy[k]).toFixed(1)} %</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {reply.runs.map((r, i) =>
          r.status === 'diverged' ? (
            <p key={i} className="net-diverged">
              {t('net.diverged', { racer: label(i), step: r.divergedAt ?? 0, reason: r.reason ?? '' })}
            </p>
          ) : null,
        )}
        <section className="net-explain" aria-label={t('net.explain', { step, racer: label(selected) })}>
          <h3>{t('net.explain', { step, racer: label(selected) })}</h3>
          <dl>
            {gradNorms.map((v, l) => (
              <div key={`g${l}`}>
                <dt>{t('net.gradNorm', { l: l + 1 })}</dt>
                <dd>{v.toPrecision(4)}</dd>
              </div>
            ))}
            {stateNorms.map(([n, v]) => (
              <div key={`s${n}`}>
                <dt>{t('net.stateNorm', { slot: n })}</dt>
                <dd>{v.toPrecision(4)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}
