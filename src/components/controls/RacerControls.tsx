/**
 * Per racer: optimizer, colour, visibility, duplicate/remove, and the hyperparameters of its
 * optimizer (from the registry's specs: learning rate on a log slider, β/momentum/betas as sliders,
 * each with a number input). Rarely changed settings sit under "More settings".
 */
import { memo } from 'react';
import { hyperHelp, hyperLabel, optimizerLabel, useT, type MessageKey } from '../../i18n';
import { defaultOptimizerConfig, optimizerNames, optimizers } from '../../optim';
import type { HyperSpec, HyperValue, NumberSpec, OptimizerConfig, OptimizerName } from '../../optim/types';
import { PALETTE, colorHex, type PaletteKey } from '../../plot/palette';
import {
  addRacer,
  duplicateRacer,
  removeRacer,
  setRacerColor,
  setRacerHyper,
  setRacerOptimizer,
  setRacerVisible,
  useApp,
  type Racer,
} from '../../state/store';
import { Icon } from '../ui/Icon';
import { Slider } from './Slider';
import { Swatch } from '../ui/Swatch';
import { RecipeControls } from './RecipeControls';

/**
 * Averaging factors (β of an exponential moving average): on a 1 − β slider, where 0.9, 0.99 and
 * 0.999 (horizons of 10, 100 and 1000 steps) are evenly spaced and marked.
 */
const AVERAGING = new Set(['momentum', 'alpha', 'rho', 'betas']);

type Range = Pick<NumberSpec, 'min' | 'max' | 'minExclusive' | 'maxExclusive' | 'integer'>;

function inRange(v: number, r: Range): boolean {
  if (!Number.isFinite(v)) return false;
  if (r.minExclusive ? v <= r.min : v < r.min) return false;
  if (r.maxExclusive ? v >= r.max : v > r.max) return false;
  return !r.integer || Number.isInteger(v);
}

function rangeText(r: Range): string {
  return `${r.minExclusive ? '(' : '['}${r.min}, ${r.max}${r.maxExclusive ? ')' : ']'}`;
}

export function RacerControls() {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const error = useApp((s) => s.results.error);
  // A classroom link may hide the racer list (hide=racers): no adding, removing or re-choosing.
  const manage = useApp((s) => !s.ui.hide.includes('racers'));
  const nextName = (): OptimizerName => optimizerNames.find((n) => !racers.some((r) => r.optimizer.name === n)) ?? 'adam';
  return (
    <section className="panel controls-section" aria-label={t('racers.section')}>
      <div className="section-head">
        <h2 className="panel-title">{t('racers.section')}</h2>
        {manage ? (
          <button type="button" className="btn btn-primary" onClick={() => void addRacer(nextName())}>
            <Icon name="plus" /> {t('racers.add')}
          </button>
        ) : null}
      </div>
      {racers.map((r, i) => (
        <RacerCard
          key={r.id}
          racer={r}
          index={i}
          error={error && error.field && error.field.startsWith(`optimizers[${i}]`) ? error.message : null}
        />
      ))}
    </section>
  );
}

function HyperControl({ racer, spec }: { racer: Racer; spec: HyperSpec }) {
  return (
    <HyperInput
      owner={racer.optimizer.name}
      spec={spec}
      value={racer.optimizer[spec.key] as HyperValue | undefined}
      set={(v) => setRacerHyper(racer.id, spec.key, v)}
    />
  );
}

function isAdvanced(spec: HyperSpec): boolean {
  return spec.advanced === true;
}

/** The control of one hyperparameter of the optimizer `owner` (a racer's, or SAM's base's). */
function HyperInput({ owner, spec, value, set }: { owner: OptimizerName; spec: HyperSpec; value: HyperValue | undefined; set: (v: HyperValue) => void }) {
  const t = useT();
  const label = hyperLabel(spec);
  const help = hyperHelp(owner, spec);
  if (spec.kind === 'choice') {
    return (
      <label className="choice" title={help}>
        {label}{' '}
        <select value={typeof value === 'string' ? value : spec.default} onChange={(e) => set(e.currentTarget.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (spec.kind === 'optimizer') {
    // SAM's base: an optimizer of its own, with its own controls.
    const entry = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : spec.default) as OptimizerConfig;
    const def = optimizers[entry.name];
    const allowed = optimizerNames.filter((n) => !spec.exclude.includes(n));
    const setNested = (key: string, v: HyperValue) => set({ ...entry, [key]: v });
    return (
      <fieldset className="nested-optimizer" title={help}>
        <legend>{label}</legend>
        <select aria-label={label} value={entry.name} onChange={(e) => set(defaultOptimizerConfig(e.currentTarget.value as OptimizerName))}>
          {allowed.map((n) => (
            <option key={n} value={n}>
              {optimizerLabel(optimizers[n])}
            </option>
          ))}
        </select>
        {def.hyper
          .filter((h) => !isAdvanced(h))
          .map((h) => (
            <HyperInput key={h.key} owner={entry.name} spec={h} value={entry[h.key] as HyperValue | undefined} set={(v) => setNested(h.key, v)} />
          ))}
        {def.hyper.some(isAdvanced) ? (
          <details className="more">
            <summary>{t('racers.more')}</summary>
            {def.hyper.filter(isAdvanced).map((h) => (
              <HyperInput key={h.key} owner={entry.name} spec={h} value={entry[h.key] as HyperValue | undefined} set={(v) => setNested(h.key, v)} />
            ))}
          </details>
        ) : null}
      </fieldset>
    );
  }
  if (spec.kind === 'boolean') {
    return (
      <label className="check" title={help}>
        <input type="checkbox" checked={value === true} onChange={(e) => set(e.currentTarget.checked)} />
        {label}
      </label>
    );
  }
  if (spec.kind === 'number') {
    return (
      <Slider
        label={label}
        value={typeof value === 'number' ? value : spec.default}
        min={spec.sliderMin}
        max={spec.sliderMax}
        scale={AVERAGING.has(spec.key) ? 'beta' : spec.scale}
        integer={spec.integer}
        isValid={(v) => inRange(v, spec)}
        rangeText={rangeText(spec)}
        help={help}
        onChange={set}
      />
    );
  }
  const pair = (Array.isArray(value) ? value : spec.default) as [number, number];
  return (
    <fieldset className="pair" title={help}>
      <legend>{label}</legend>
      {spec.items.map((item, j) => (
        <Slider
          key={j}
          label={item.label}
          value={pair[j]}
          min={item.sliderMin}
          max={item.sliderMax}
          scale={AVERAGING.has(spec.key) ? 'beta' : item.scale}
          isValid={(v) => inRange(v, item)}
          rangeText={rangeText(item)}
          onChange={(v) => set(j === 0 ? [v, pair[1]] : [pair[0], v])}
        />
      ))}
    </fieldset>
  );
}

/** One racer's card; memoised, so changing one racer does not re-render the others. */
const RacerCard = memo(function RacerCard({ racer, index, error }: { racer: Racer; index: number; error: string | null }) {
  const t = useT();
  const def = optimizers[racer.optimizer.name];
  const title = t('racers.name', { n: index + 1, label: optimizerLabel(def) });
  // Each optimizer says which of its settings are advanced (`spec.advanced`).
  const main = def.hyper.filter((h) => !isAdvanced(h));
  const more = def.hyper.filter(isAdvanced);
  // Groups a classroom link hides (hide=racers, hide=hyper).
  const manage = useApp((s) => !s.ui.hide.includes('racers'));
  const hyper = useApp((s) => !s.ui.hide.includes('hyper'));
  return (
    <section className="racer-card" aria-label={title} style={{ borderLeftColor: colorHex(racer.color) }} data-racer={racer.id}>
      <div className="racer-head">
        <Swatch color={racer.color} shape={racer.shape} size={22} />
        {manage ? (
          <select
            className="racer-optimizer"
            aria-label={`${t('racers.optimizer')} (${title})`}
            value={racer.optimizer.name}
            onChange={(e) => setRacerOptimizer(racer.id, e.currentTarget.value as OptimizerName)}
          >
            {optimizerNames.map((n) => (
              <option key={n} value={n}>
                {optimizerLabel(optimizers[n])}
              </option>
            ))}
          </select>
        ) : (
          <span className="racer-optimizer">{optimizerLabel(def)}</span>
        )}
      </div>
      <div className="racer-actions">
        <label className="check">
          <input type="checkbox" checked={racer.visible} onChange={(e) => setRacerVisible(racer.id, e.currentTarget.checked)} />
          {t('racers.visible')}
        </label>
        {manage ? (
          <>
            <select
              className="racer-color"
              aria-label={`${t('racers.color')} (${title})`}
              value={racer.color}
              onChange={(e) => setRacerColor(racer.id, e.currentTarget.value as PaletteKey)}
            >
              {PALETTE.map((p) => (
                <option key={p.key} value={p.key}>
                  {t(`color.${p.key}` as MessageKey)}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" onClick={() => duplicateRacer(racer.id)} aria-label={`${t('racers.duplicate')} (${title})`}>
              <Icon name="copy" size={14} /> {t('racers.duplicate')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => removeRacer(racer.id)} aria-label={`${t('racers.remove')} (${title})`}>
              <Icon name="close" size={14} /> {t('racers.remove')}
            </button>
          </>
        ) : null}
      </div>
      {hyper
        ? main.map((spec) => (
            <HyperControl key={spec.key} racer={racer} spec={spec} />
          ))
        : null}
      {hyper && more.length ? (
        <details className="more">
          <summary>{t('racers.more')}</summary>
          {more.map((spec) => (
            <HyperControl key={spec.key} racer={racer} spec={spec} />
          ))}
        </details>
      ) : null}
      {hyper ? <RecipeControls racer={racer} title={title} /> : null}
      {error ? (
        <p className="racer-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
});
