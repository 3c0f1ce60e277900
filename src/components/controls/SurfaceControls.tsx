/** Surface picker and its parameters, l2, simulated noise, batch size, seed, steps and start. */
import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import { paramHelp, paramLabel, surfaceLabel, useT } from '../../i18n';
import {
  sampleCount,
  sceneSurfaceDef,
  setBatchSize,
  setL2,
  setNoise,
  setSeed,
  setStart,
  setSteps,
  setSurface,
  setSurfaceParam,
  STEPS_MAX,
  useApp,
} from '../../state/store';
import { surfaceNames, surfaces } from '../../surfaces';
import type { SurfaceName } from '../../surfaces/types';
import { paramValue } from '../../surfaces/util';
import { prettyAxis } from '../../plot/marks';
import { userDataColumns } from '../../engine/userdata';
import { Slider } from './Slider';

/** The formula editor (parser, printers, KaTeX preview) loads once the custom surface is picked. */
const FormulaBox = lazy(() => import('./FormulaBox').then((m) => ({ default: m.FormulaBox })));
/** Your own data (the CSV reader, papaparse) loads once a surface that takes it is picked. */
const DataImport = lazy(() => import('./DataImport').then((m) => ({ default: m.DataImport })));

const nonNeg = (v: number) => Number.isFinite(v) && v >= 0;

export function SurfaceControls() {
  const t = useT();
  const scene = useApp((s) => s.scene);
  const def = sceneSurfaceDef(scene);
  const n = useMemo(() => sampleCount(scene.surface, scene.params, scene.data), [scene.surface, scene.params, scene.data]);
  const pickerId = useId();
  const seedId = useId();
  const startXId = useId();
  const startYId = useId();
  const analytic = surfaceNames.filter((s) => surfaces[s].kind === 'analytic');
  const data = surfaceNames.filter((s) => surfaces[s].kind === 'data');

  return (
    <section className="panel controls-section" aria-labelledby={`${pickerId}-h`}>
      <h2 className="panel-title" id={`${pickerId}-h`}>
        {t('surface.section')}
      </h2>
      <div className="field">
        <label htmlFor={pickerId} className="slider-label">
          {t('surface.picker')}
        </label>
        <select id={pickerId} value={scene.surface} onChange={(e) => setSurface(e.currentTarget.value as SurfaceName)}>
          <optgroup label={t('surface.kind.analytic')}>
            {analytic.map((s) => (
              <option key={s} value={s}>
                {surfaceLabel(surfaces[s])}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('surface.kind.data')}>
            {data.map((s) => (
              <option key={s} value={s}>
                {surfaceLabel(surfaces[s])}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('surface.kind.custom')}>
            <option value="custom">{t('surfaceName.custom')}</option>
          </optgroup>
        </select>
      </div>
      {scene.surface === 'custom' ? (
        <Suspense fallback={null}>
          <FormulaBox />
        </Suspense>
      ) : null}
      {userDataColumns(scene.surface) ? (
        <Suspense fallback={null}>
          <DataImport />
        </Suspense>
      ) : null}
      {def.params.map((p) => (
        <Slider
          key={`${def.name}-${p.key}`}
          label={paramLabel(p)}
          value={paramValue(scene.params, p)}
          min={p.min}
          max={p.max}
          scale={p.scale}
          step={p.step}
          help={paramHelp(p)}
          onChange={(v) => setSurfaceParam(p.key, v)}
        />
      ))}
      <Slider label={t('surface.l2')} value={scene.l2} min={0} max={2} step={0.01} isValid={nonNeg} onChange={setL2} />
      {def.kind === 'analytic' ? (
        <Slider label={t('surface.noise')} value={scene.noise} min={0} max={10} step={0.05} isValid={nonNeg} onChange={setNoise} />
      ) : null}
      {def.kind === 'analytic' && scene.noise > 0 ? (
        <Slider
          label={t('surface.batch.simulated')}
          value={scene.batchSize}
          min={1}
          max={256}
          scale="log"
          integer
          isValid={(v) => Number.isInteger(v) && v >= 1}
          onChange={setBatchSize}
        />
      ) : null}
      {def.kind === 'data' ? (
        <Slider
          label={t('surface.batch')}
          note={scene.batchSize >= n ? t('surface.batch.full') : t('surface.batch.of', { n })}
          value={Math.min(scene.batchSize, n)}
          min={1}
          max={n}
          integer
          marks={[{ value: n, label: t('surface.batch.full') }]}
          onChange={setBatchSize}
        />
      ) : null}
      <Slider label={t('surface.steps')} value={scene.steps} min={10} max={STEPS_MAX} scale="log" integer onChange={setSteps} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={seedId} className="slider-label">
            {t('surface.seed')}
          </label>
          <input
            id={seedId}
            type="number"
            step={1}
            min={0}
            value={scene.seed}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              if (e.currentTarget.value !== '' && Number.isInteger(v) && v >= 0) setSeed(v);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={startXId} className="slider-label">
            {t('surface.start.x', { axis: prettyAxis(def.axes[0]) })}
          </label>
          <NumberField id={startXId} value={scene.start[0]} onChange={(v) => setStart(v, scene.start[1])} />
        </div>
        <div className="field">
          <label htmlFor={startYId} className="slider-label">
            {t('surface.start.x', { axis: prettyAxis(def.axes[1]) })}
          </label>
          <NumberField id={startYId} value={scene.start[1]} onChange={(v) => setStart(scene.start[0], v)} />
        </div>
      </div>
    </section>
  );
}

function NumberField({ id, value, onChange }: { id: string; value: number; onChange: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    if (Number(text) !== value || text.trim() === '') setText(String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const ok = text.trim() !== '' && Number.isFinite(Number(text));
  return (
    <input
      id={id}
      type="number"
      step="any"
      value={text}
      aria-invalid={!ok || undefined}
      onChange={(e) => {
        const s = e.currentTarget.value;
        setText(s);
        const v = Number(s);
        if (s.trim() !== '' && Number.isFinite(v) && v !== value) onChange(v);
      }}
      onBlur={() => setText(String(value))}
    />
  );
}
