/**
 * The explanation panel: which racer is explained (a picker; the legend's names do the same), the
 * overlay switch, and — loaded with the first explained racer — its update rule, hyperparameters
 * and the numbers of the current step (ExplainBody.tsx).
 */
import { lazy, Suspense, useId } from 'react';
import { optimizerLabel, useT } from '../../i18n';
import { optimizers } from '../../optim';
import { explainRacer, setOverlay, useApp, type Racer } from '../../state/store';

const ExplainBody = lazy(() => import('./ExplainBody'));

export function ExplainPanel() {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const explained = useApp((s) => s.ui.explained);
  const overlay = useApp((s) => s.ui.overlay);
  const id = useId();
  const racer = racers.find((r) => r.id === explained) ?? null;
  const name = (r: Racer, i: number) => t('racers.name', { n: i + 1, label: optimizerLabel(optimizers[r.optimizer.name]) });

  return (
    <section className="panel explain-panel" aria-labelledby={`${id}-h`} data-explained={racer?.id ?? ''}>
      <div className="section-head">
        <h2 className="panel-title" id={`${id}-h`}>
          {t('explain.title')}
        </h2>
        {racer ? (
          <button type="button" className="btn btn-small" onClick={() => explainRacer(null)}>
            {t('explain.close')}
          </button>
        ) : null}
      </div>
      <div className="explain-controls">
        <label className="slider-label" htmlFor={`${id}-racer`}>
          {t('explain.racer')}
        </label>
        <select
          id={`${id}-racer`}
          value={racer ? String(racer.id) : ''}
          onChange={(e) => explainRacer(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
        >
          <option value="">{t('explain.choose')}</option>
          {racers.map((r, i) => (
            <option key={r.id} value={String(r.id)}>
              {name(r, i)}
            </option>
          ))}
        </select>
        {racer ? (
          <label className="check">
            <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.currentTarget.checked)} />
            {t('explain.overlay')}
          </label>
        ) : null}
      </div>
      {racer ? (
        <Suspense fallback={<p className="panel-caption">{t('explain.loading')}</p>}>
          <ExplainBody key={racer.id} racer={racer} />
        </Suspense>
      ) : (
        <p className="panel-caption">{t('explain.hint')}</p>
      )}
    </section>
  );
}

