/**
 * The legend: each racer's marker, name and main settings, its loss at the current step (updated
 * per frame without React) and, for a diverged racer, "diverged at step k: reason". A racer's name
 * is a toggle button that makes it the explained racer (explanation panel and plot overlay).
 */
import { useEffect, useRef } from 'react';
import { faultWords, optimizerLabel, t as tr, useT } from '../../i18n';
import { optimizers } from '../../optim';
import { appStore, currentRun, toggleExplained, useApp, type Racer } from '../../state/store';
import { fmt } from '../../plot/marks';
import { pointsAt } from '../../plot/sample';
import { Swatch } from '../ui/Swatch';

export function racerSummary(r: Racer): string {
  const def = optimizers[r.optimizer.name];
  // An optimizer over another (SAM over its base): the base's name, and its learning rate.
  const entrySpec = def.hyper.find((s) => s.kind === 'optimizer');
  const entry = entrySpec ? r.optimizer[entrySpec.key] : undefined;
  const base = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry : null;
  const lr = base ? base.lr : r.optimizer.lr;
  const label = base ? `${optimizerLabel(def)} (${optimizerLabel(optimizers[base.name])})` : optimizerLabel(def);
  return typeof lr === 'number' ? `${label} · ${tr('legend.lr')} ${fmt(lr, 3)}` : label;
}

export function Legend() {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const run = useApp(currentRun);
  const explained = useApp((s) => s.ui.explained);
  const lossRefs = useRef(new Map<number, HTMLSpanElement>());

  useEffect(() => {
    const paint = (step: number) => {
      const s = appStore.getState();
      const r = currentRun(s);
      s.racers.forEach((racer, i) => {
        const el = lossRefs.current.get(racer.id);
        if (!el) return;
        const res = r?.runs[i];
        if (!res) {
          el.textContent = '';
          return;
        }
        const n = pointsAt(res.index, res.loss.length, step);
        el.textContent = fmt(res.loss[n - 1], 4);
      });
    };
    paint(appStore.getState().playback.step);
    return appStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step || s.results !== prev.results || s.racers !== prev.racers) paint(s.playback.step);
    });
  }, [racers, run]);

  return (
    <section className="panel legend" aria-label={t('legend.label')}>
      <div className="legend-head" aria-hidden="true">
        <span>{t('legend.label')}</span>
        <span>{t('legend.lossAtStep')}</span>
      </div>
      <ul className="legend-list">
        {racers.map((r, i) => {
          const res = run?.runs[i];
          const diverged = res && res.status === 'diverged';
          return (
            <li key={r.id} className={`legend-item${r.visible ? '' : ' is-hidden'}`} data-racer={r.id}>
              <Swatch color={r.color} shape={r.shape} />
              <button
                type="button"
                className="legend-name"
                aria-pressed={explained === r.id}
                title={t('legend.explain')}
                onClick={() => toggleExplained(r.id)}
              >
                {racerSummary(r)}
              </button>
              <span className="legend-loss" title={t('legend.loss')}>
                <span
                  className="legend-loss-value"
                  ref={(el) => {
                    if (el) lossRefs.current.set(r.id, el);
                    else lossRefs.current.delete(r.id);
                  }}
                />
              </span>
              {!r.visible ? <span className="legend-hidden">({t('legend.hidden')})</span> : null}
              {diverged ? (
                <span className="legend-diverged" role="status" title={t('legend.diverged', { step: res.divergedAt ?? '?', reason: faultWords(res.fault) })}>
                  {t('legend.diverged', { step: res.divergedAt ?? '?', reason: faultWords(res.fault) })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
