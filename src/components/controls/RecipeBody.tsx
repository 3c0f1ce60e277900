/**
 * The body of a racer's recipe section (./RecipeControls.tsx holds the section and loads this
 * when it is first opened): a learning-rate schedule with its
 * parameters and a sparkline of lr against step that marks the step shown; gradient clipping;
 * an EMA of the parameters; its own batch size. Every change goes through the engine's own
 * validation (normalizeRecipe), so the page refuses what the CLI refuses, with the same message.
 */
import { useId, useMemo, useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { normalizeRecipe, type ClipConfig, type Recipe } from '../../engine/recipe';
import { scheduleLrs, type ScheduleConfig } from '../../engine/schedule';
import { optimizers } from '../../optim';
import { setRacerRecipe, useApp, type Racer } from '../../state/store';
import { sampleCount } from '../../state/app';
import { LIMITS } from '../../engine/config';

/** The choices of the schedule picker: torch's schedulers, and warm-up + cosine (a SequentialLR). */
export const SCHEDULE_CHOICES = ['none', 'step', 'multistep', 'exponential', 'cosine', 'linear', 'onecycle', 'warmcos'] as const;
type Choice = (typeof SCHEDULE_CHOICES)[number];

function choiceOf(s: ScheduleConfig | undefined): Choice {
  if (!s) return 'none';
  if (s.name === 'sequential') return 'warmcos';
  return s.name;
}

/** A sensible schedule of each kind for a run of `steps` steps at learning rate `lr`. */
export function defaultSchedule(choice: Choice, steps: number, lr: number): ScheduleConfig | undefined {
  const q = (f: number) => Math.max(1, Math.round(steps * f));
  switch (choice) {
    case 'none':
      return undefined;
    case 'step':
      return { name: 'step', stepSize: q(0.25), gamma: 0.5 };
    case 'multistep':
      return { name: 'multistep', milestones: [q(0.5), Math.max(q(0.5) + 1, q(0.75))], gamma: 0.1 };
    case 'exponential':
      return { name: 'exponential', gamma: 0.99 };
    case 'cosine':
      return { name: 'cosine', tMax: Math.max(1, steps), etaMin: 0 };
    case 'linear':
      return { name: 'linear', startFactor: 0.1, endFactor: 1, totalIters: q(0.1) };
    case 'onecycle':
      return {
        name: 'onecycle', maxLr: lr, totalSteps: Math.max(1, steps), pctStart: 0.3, annealStrategy: 'cos', divFactor: 25,
        finalDivFactor: 1e4, threePhase: false, cycleMomentum: true, baseMomentum: 0.85, maxMomentum: 0.95,
      };
    case 'warmcos': {
      const w = q(0.1);
      return {
        name: 'sequential',
        schedulers: [
          { name: 'linear', startFactor: 0.01, endFactor: 1, totalIters: w },
          { name: 'cosine', tMax: Math.max(1, steps - w), etaMin: 0 },
        ],
        milestones: [w],
      };
    }
  }
}

/** The editable numbers of a schedule: [label key, value, setter]. */
function scheduleParams(s: ScheduleConfig): { key: string; value: number; set: (v: number) => ScheduleConfig }[] {
  switch (s.name) {
    case 'step':
      return [
        { key: 'stepSize', value: s.stepSize, set: (v) => ({ ...s, stepSize: v }) },
        { key: 'gamma', value: s.gamma, set: (v) => ({ ...s, gamma: v }) },
      ];
    case 'multistep':
      return [
        ...s.milestones.map((m, i) => ({ key: 'milestone', value: m, set: (v: number) => ({ ...s, milestones: s.milestones.map((x, j) => (j === i ? v : x)) }) })),
        { key: 'gamma', value: s.gamma, set: (v) => ({ ...s, gamma: v }) },
      ];
    case 'exponential':
      return [{ key: 'gamma', value: s.gamma, set: (v) => ({ ...s, gamma: v }) }];
    case 'cosine':
      return [
        { key: 'tMax', value: s.tMax, set: (v) => ({ ...s, tMax: v }) },
        { key: 'etaMin', value: s.etaMin, set: (v) => ({ ...s, etaMin: v }) },
      ];
    case 'linear':
      return [
        { key: 'startFactor', value: s.startFactor, set: (v) => ({ ...s, startFactor: v }) },
        { key: 'endFactor', value: s.endFactor, set: (v) => ({ ...s, endFactor: v }) },
        { key: 'totalIters', value: s.totalIters, set: (v) => ({ ...s, totalIters: v }) },
      ];
    case 'onecycle':
      return [
        { key: 'maxLr', value: s.maxLr, set: (v) => ({ ...s, maxLr: v }) },
        { key: 'totalSteps', value: s.totalSteps, set: (v) => ({ ...s, totalSteps: v }) },
        { key: 'pctStart', value: s.pctStart, set: (v) => ({ ...s, pctStart: v }) },
      ];
    case 'sequential': {
      const [warm, rest] = s.schedulers;
      if (s.schedulers.length !== 2 || warm.name !== 'linear' || rest.name !== 'cosine') return [];
      return [
        {
          key: 'warmup',
          value: s.milestones[0],
          set: (v) => ({ ...s, schedulers: [{ ...warm, totalIters: v }, { ...rest, tMax: Math.max(1, rest.tMax + s.milestones[0] - v) }], milestones: [v] }),
        },
        { key: 'startFactor', value: warm.startFactor, set: (v) => ({ ...s, schedulers: [{ ...warm, startFactor: v }, rest] }) },
        { key: 'etaMin', value: rest.etaMin, set: (v) => ({ ...s, schedulers: [warm, { ...rest, etaMin: v }] }) },
      ];
    }
  }
}

/** A small line of lr against step, with the shown step marked. */
export function LrSparkline({ lrs, step, label }: { lrs: Float64Array; step: number; label: string }) {
  const W = 180;
  const H = 36;
  let max = 0;
  for (const v of lrs) if (v > max) max = v;
  const n = lrs.length - 1;
  const x = (k: number) => (n > 0 ? (k / n) * (W - 4) + 2 : 2);
  const y = (v: number) => (max > 0 ? H - 2 - (v / max) * (H - 4) : H - 2);
  const every = Math.max(1, Math.ceil(lrs.length / 200));
  const pts: string[] = [];
  for (let k = 0; k <= n; k += every) pts.push(`${x(k).toFixed(1)},${y(lrs[k]).toFixed(1)}`);
  if (n % every !== 0) pts.push(`${x(n).toFixed(1)},${y(lrs[n]).toFixed(1)}`);
  const k = Math.min(Math.max(0, step), n);
  return (
    <svg className="lr-sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-step={k} data-lr={lrs[k]}>
      <polyline points={pts.join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} />
      <circle className="lr-sparkline-now" cx={x(k)} cy={y(lrs[k])} r={3} />
    </svg>
  );
}

function NumberField({ label, value, onCommit }: { label: string; value: number; onCommit: (v: number) => void }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  return (
    <div className="recipe-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text ?? String(value)}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={() => {
          if (text !== null && text.trim() !== '' && Number.isFinite(Number(text))) onCommit(Number(text));
          setText(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </div>
  );
}

export default function RecipeBody({ racer, title }: { racer: Racer; title: string }) {
  const t = useT();
  const steps = useApp((s) => s.scene.steps);
  const surface = useApp((s) => s.scene.surface);
  const params = useApp((s) => s.scene.params);
  const shown = useApp((s) => s.playback.step);
  const [problem, setProblem] = useState<string | null>(null);
  const recipe: Recipe = racer.recipe ?? {};
  const lr = typeof racer.optimizer.lr === 'number' ? racer.optimizer.lr : 1;
  const def = optimizers[racer.optimizer.name];
  const n = sampleCount(surface, params);

  const apply = (next: Recipe) => {
    try {
      const raw: Record<string, unknown> = {};
      if (next.batchSize !== undefined) raw.batchSize = next.batchSize;
      if (next.schedule !== undefined) raw.schedule = next.schedule;
      if (next.clip !== undefined) raw.clip = next.clip;
      if (next.ema !== undefined) raw.ema = next.ema;
      const ok = normalizeRecipe(raw, 'recipe', def, lr, { steps, n, maxAnalyticBatch: LIMITS.maxAnalyticBatch });
      setProblem(null);
      setRacerRecipe(racer.id, ok);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const without = (key: keyof Recipe): Recipe => {
    const r = { ...recipe };
    delete r[key];
    return r;
  };

  const lrs = useMemo(() => {
    if (!recipe.schedule) return null;
    try {
      return scheduleLrs(recipe.schedule, lr, steps);
    } catch {
      return null;
    }
  }, [recipe.schedule, lr, steps]);

  const choice = choiceOf(recipe.schedule);
  const clipKind = recipe.clip === undefined ? 'none' : 'norm' in recipe.clip ? 'norm' : 'value';
  const clipValue = recipe.clip === undefined ? 1 : 'norm' in recipe.clip ? recipe.clip.norm : recipe.clip.value;
  const clipOf = (kind: string, c: number): ClipConfig | undefined => (kind === 'norm' ? { norm: c } : kind === 'value' ? { value: c } : undefined);
  const pk = (key: string) => t(`recipe.param.${key}` as MessageKey);
  // CONTRACT §4: L-BFGS refuses `clip` (its closure re-evaluates the gradient inside the step).
  const noClip = racer.optimizer.name === 'lbfgs' && recipe.clip === undefined;

  return (
    <>
      <div className="recipe-field">
        <label>
          {t('recipe.schedule')}{' '}
          <select
            className="recipe-schedule"
            aria-label={`${t('recipe.schedule')} (${title})`}
            value={choice}
            onChange={(e) => {
              const s = defaultSchedule(e.currentTarget.value as Choice, steps, lr);
              apply(s ? { ...recipe, schedule: s } : without('schedule'));
            }}
          >
            {SCHEDULE_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`recipe.schedule.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {recipe.schedule
        ? scheduleParams(recipe.schedule).map((p, i) => (
            <NumberField key={`${p.key}${i}`} label={pk(p.key)} value={p.value} onCommit={(v) => recipe.schedule && apply({ ...recipe, schedule: p.set(v) })} />
          ))
        : null}
      {lrs ? (
        <LrSparkline lrs={lrs} step={shown} label={t('recipe.sparkline', { step: Math.min(shown, steps), lr: String(+lrs[Math.min(shown, steps)].toPrecision(4)) })} />
      ) : null}
      <div className="recipe-field">
        <label>
          {t('recipe.clip')}{' '}
          <select
            className="recipe-clip"
            aria-label={`${t('recipe.clip')} (${title})`}
            value={clipKind}
            disabled={noClip}
            aria-describedby={noClip ? `recipe-noclip-${racer.id}` : undefined}
            onChange={(e) => {
              const c = clipOf(e.currentTarget.value, clipValue);
              apply(c ? { ...recipe, clip: c } : without('clip'));
            }}
          >
            <option value="none">{t('recipe.clip.none')}</option>
            <option value="norm">{t('recipe.clip.norm')}</option>
            <option value="value">{t('recipe.clip.value')}</option>
          </select>
        </label>
        {noClip ? (
          <p className="hint" id={`recipe-noclip-${racer.id}`}>
            {t('recipe.clip.lbfgs')}
          </p>
        ) : null}
      </div>
      {recipe.clip ? <NumberField label={t('recipe.clip.threshold')} value={clipValue} onCommit={(v) => apply({ ...recipe, clip: clipOf(clipKind, v) })} /> : null}
      <label className="check">
        <input
          type="checkbox"
          checked={recipe.ema !== undefined}
          onChange={(e) => apply(e.currentTarget.checked ? { ...recipe, ema: 0.9 } : without('ema'))}
        />
        {t('recipe.ema')}
      </label>
      {recipe.ema !== undefined ? <NumberField label={t('recipe.ema.decay')} value={recipe.ema} onCommit={(v) => apply({ ...recipe, ema: v })} /> : null}
      <label className="check">
        <input
          type="checkbox"
          checked={recipe.batchSize !== undefined}
          onChange={(e) => apply(e.currentTarget.checked ? { ...recipe, batchSize: n > 0 ? Math.min(8, n) : 1 } : without('batchSize'))}
        />
        {t('recipe.batchSize')}
      </label>
      {recipe.batchSize !== undefined ? (
        <NumberField label={t('recipe.batchSize.value')} value={recipe.batchSize} onCommit={(v) => apply({ ...recipe, batchSize: v })} />
      ) : null}
      {problem ? (
        <p className="racer-error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
