/**
 * The legend: each racer's marker, name and main settings, its loss at the current step (updated
 * per frame without React) and, for a diverged racer, "diverged at step k: reason".
 */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { optimizers } from '../optim';
import { appStore, currentRun, useApp, type Racer } from '../state/store';
import { fmt } from './marks';
import { pointsAt } from './pathLayer';
import { Swatch } from './Swatch';

export function racerSummary(r: Racer): string {
  const def = optimizers[r.optimizer.name];
  const lr = r.optimizer.lr;
  return typeof lr === 'number' ? `${def.label} · lr ${fmt(lr, 3)}` : def.label;
}

export function Legend() {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const run = useApp(currentRun);
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
              <span className="legend-name">{racerSummary(r)}</span>
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
                <span className="legend-diverged" role="status" title={t('legend.diverged', { step: res.divergedAt ?? '?', reason: res.reason ?? '' })}>
                  {t('legend.diverged', { step: res.divergedAt ?? '?', reason: res.reason ?? '' })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
