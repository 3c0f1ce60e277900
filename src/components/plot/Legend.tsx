/**
 * The legend: each racer's marker, name and main settings, its loss at the current step (updated
 * per frame without React) and, for a diverged racer, "diverged at step k: reason". A racer's name
 * is a toggle button that makes it the explained racer (explanation panel and plot overlay).
 */
import { useEffect, useMemo, useRef } from 'react';
import { faultWords, hyperLabel, optimizerLabel, t as tr, useT } from '../../i18n';
import { optimizers } from '../../optim';
import { addRacer, appStore, currentRun, sampleCount, toggleExplained, useApp, type AppState, type Racer } from '../../state/store';
import { fmt } from '../../plot/marks';
import { pointsAt } from '../../plot/sample';
import { Swatch } from '../ui/Swatch';
import type { ScheduleConfig } from '../../engine/schedule';

/** One racer's label: the optimizer and its learning rate, and saddle-free when it is on. */
export function racerSummary(r: Racer): string {
  const def = optimizers[r.optimizer.name];
  // An optimizer over another (SAM over its base): the base's name, and its learning rate.
  const entrySpec = def.hyper.find((s) => s.kind === 'optimizer');
  const entry = entrySpec ? r.optimizer[entrySpec.key] : undefined;
  const base = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry : null;
  const lr = base ? base.lr : r.optimizer.lr;
  const label = base ? `${optimizerLabel(def)} (${optimizerLabel(optimizers[base.name])})` : optimizerLabel(def);
  const parts = [label];
  if (typeof lr === 'number') parts.push(`${tr('legend.lr')} ${fmt(lr, 3)}`);
  if (r.optimizer.saddleFree === true) parts.push(tr('legend.saddleFree'));
  parts.push(...recipeParts(r));
  return parts.join(' · ');
}

/** A schedule in a word or two: "cosine", "warm-up → cosine". */
function scheduleWord(s: ScheduleConfig): string {
  if (s.name === 'sequential') return s.schedulers.map((x) => tr(`legend.schedule.${x.name}`)).join(' → ');
  return tr(`legend.schedule.${s.name}`);
}

/** The recipe of a racer as label parts (its schedule, own batch size, clipping, EMA). */
function recipeParts(r: Racer): string[] {
  const rc = r.recipe;
  if (!rc) return [];
  const out: string[] = [];
  if (rc.schedule) out.push(scheduleWord(rc.schedule));
  if (rc.batchSize !== undefined) out.push(tr('legend.batch', { b: rc.batchSize }));
  if (rc.clip) out.push('norm' in rc.clip ? tr('legend.clipNorm', { c: fmt(rc.clip.norm, 3) }) : tr('legend.clipValue', { c: fmt(rc.clip.value, 3) }));
  if (rc.ema !== undefined) out.push(tr('legend.ema', { d: fmt(rc.ema, 4) }));
  return out;
}

function hyperText(v: unknown): string {
  if (typeof v === 'number') return fmt(v, 3);
  if (typeof v === 'boolean') return v ? tr('legend.on') : tr('legend.off');
  if (Array.isArray(v)) return `(${v.map((x) => (typeof x === 'number' ? fmt(x, 3) : String(x))).join(', ')})`;
  if (typeof v === 'object' && v !== null && 'name' in v) return String((v as { name: unknown }).name); // an optimizer entry (SAM's base)
  return String(v);
}

/**
 * The legend's labels, one per racer, never two alike: `racerSummary`, then — among racers whose
 * labels would collide — every setting in which they differ (momentum 0.9, betas (0.9, 0.99), a
 * schedule, a batch size …), and a number when two racers are set up identically. On a data
 * surface trained in mini-batches, every label says the batch size (the noise it causes is what
 * the race shows). Also the labels of the exports (CSV, PyTorch, PNG, SVG).
 */
export function racerLabels(racers: readonly Racer[], scene?: { batchSize: number; full?: number }): string[] {
  const out = racers.map(racerSummary);
  const groups = new Map<string, number[]>();
  out.forEach((label, i) => groups.set(label, [...(groups.get(label) ?? []), i]));
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    const keys = new Set<string>();
    for (const i of idx) for (const k of Object.keys(racers[i].optimizer)) if (k !== 'name' && k !== 'lr' && k !== 'saddleFree') keys.add(k);
    const differing = [...keys].filter((k) => new Set(idx.map((i) => JSON.stringify(racers[i].optimizer[k] ?? null))).size > 1);
    for (const i of idx) {
      const o = racers[i].optimizer;
      const def = optimizers[o.name];
      for (const k of differing) {
        const spec = def.hyper.find((h) => h.key === k);
        const v = o[k] ?? spec?.default;
        if (v !== undefined) out[i] += ` · ${spec ? hyperLabel(spec) : k} ${hyperText(v)}`;
      }
    }
  }
  // Still alike (the same settings): numbered in racer order.
  const seen = new Map<string, number>();
  const count = new Map<string, number>();
  for (const l of out) count.set(l, (count.get(l) ?? 0) + 1);
  out.forEach((l, i) => {
    if ((count.get(l) ?? 0) < 2) return;
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    out[i] = `${l} (${n})`;
  });
  if (scene && scene.full !== undefined && scene.full > 0 && scene.batchSize < scene.full) {
    const b = ` · ${tr('legend.batch', { b: scene.batchSize })}`;
    // A racer with its own batch size already says it.
    return out.map((l, i) => (racers[i].recipe?.batchSize !== undefined ? l : l + b));
  }
  return out;
}

/** The labels of the racers on the page (the legend's, the exports'). */
export function pageLabels(s: Pick<AppState, 'racers' | 'scene'>): string[] {
  return racerLabels(s.racers, { batchSize: s.scene.batchSize, full: sampleCount(s.scene.surface, s.scene.params) });
}

export function Legend() {
  const t = useT();
  const racers = useApp((s) => s.racers);
  const scene = useApp((s) => s.scene);
  const labels = useMemo(() => pageLabels({ racers, scene }), [racers, scene.surface, scene.params, scene.batchSize]);
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
      {racers.length === 0 ? <EmptyRace /> : null}
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
                {labels[i]}
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

/**
 * Every racer removed: what to do next, not a config error. The button adds a racer with a
 * learning rate chosen for the surface (see addRacer).
 */
function EmptyRace() {
  const t = useT();
  const manage = useApp((s) => !s.ui.hide.includes('racers'));
  return (
    <div className="empty-race" role="status">
      <p className="empty-race-title">{t('empty.title')}</p>
      <p className="empty-race-text">{t('empty.text')}</p>
      {manage ? (
        <button type="button" className="btn btn-primary" onClick={() => void addRacer('adam')}>
          {t('empty.add')}
        </button>
      ) : null}
    </div>
  );
}
