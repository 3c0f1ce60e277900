/**
 * The body of the explanation panel (loaded with the first explained racer, so KaTeX glue, the
 * step arithmetic and the table stay out of the initial bundle): the update rule typeset in the
 * form the core runs (torch's), what each hyperparameter does, and the numbers of the current
 * step — gradient, velocity or moments, bias corrections, effective step sizes, Newton's
 * direction, the step taken — from the racer's trace (recorded by the runner that drew its path).
 *
 * The rows are laid out by React once per trace and language; the numbers follow the animation
 * and the timeline through `appStore.subscribe`, written straight into their cells (no React
 * render per frame). Each value cell carries its full-precision number in `data-value`.
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { faultWords, hyperHelp, hyperLabel, optimizerLabel, t as tr, tMaybe, useLocale, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { fmtNum } from '../../explain/format';
import { explainStep, initialState, type Quantity, type QValue } from '../../explain/quantities';
import { OPTIMIZER_LATEX } from '../../explain/rules';
import { localizeTex, splitLines } from '../../explain/tex';
import { recipeRules } from '../../explain/recipe';
import type { Recipe } from '../../engine/recipe';
import type { OptimizerConfig } from '../../optim/types';
import { optimizers } from '../../optim';
import type { HyperSpec, HyperValue } from '../../optim/types';
import { appStore, currentTrace, useApp, type Racer } from '../../state/store';
import { getSurface } from '../../surfaces';
import type { TraceData } from '../../worker/api';
import { prettyAxis } from '../../plot/marks';
import { Tex } from './ExplainTex';
import { SurfaceFormula } from '../plot/SurfaceFormula';
import { StabilityChart } from '../lab/StabilityChart';

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
/** 12 → "₁₂" */
export function subscriptDigits(n: number): string {
  return [...String(n)].map((c) => SUBSCRIPT[Number(c)] ?? c).join('');
}

/** The text of one value cell (j: coordinate), and its full-precision value. */
export function cellText(v: QValue | null, j: number): { text: string; value: string } {
  if (!v) return { text: '—', value: '' };
  switch (v.kind) {
    case 'vec':
      return { text: fmtNum(v.v[j]), value: String(v.v[j]) };
    case 'num':
      return { text: fmtNum(v.v), value: String(v.v) };
    case 'flag':
      return { text: v.v ? tr('explain.yes') : tr('explain.no'), value: v.v ? '1' : '0' };
    case 'sign':
      return { text: v.v[j] > 0 ? '+' : v.v[j] < 0 ? '−' : '0', value: String(v.v[j]) };
  }
}

function cellCount(q: Quantity): number {
  return q.kind === 'vec' || q.kind === 'sign' ? 2 : 1;
}

function hyperText(v: HyperValue | undefined): string {
  if (typeof v === 'boolean') return v ? tr('explain.yes') : tr('explain.no');
  if (Array.isArray(v)) return v.map((x) => String(+x.toPrecision(6))).join(', ');
  if (typeof v === 'string') return v; // a choice: torch's own spelling (strong_wolfe)
  if (typeof v === 'object') {
    // An optimizer entry (SAM's base): its name and its settings.
    const def = optimizers[v.name];
    const own = def.hyper.map((s) => `${hyperLabel(s)} ${hyperText(v[s.key] as HyperValue | undefined)}`);
    return `${optimizerLabel(def)} (${own.join(', ')})`;
  }
  return typeof v === 'number' ? String(+v.toPrecision(6)) : '';
}

export default function ExplainBody({ racer }: { racer: Racer }) {
  const t = useT();
  const def = optimizers[racer.optimizer.name];
  const fresh = useApp(currentTrace);
  // While a new trace computes (a slider is moving), the last one of the same optimizer stays,
  // dimmed, instead of the table collapsing and the column jumping.
  const last = useRef<TraceData | null>(null);
  if (fresh && fresh.optimizer.name === racer.optimizer.name) last.current = fresh;
  else if (last.current && last.current.optimizer.name !== racer.optimizer.name) last.current = null;
  const trace = fresh ?? last.current;
  const stale = trace !== null && trace !== fresh;
  const lines = useMemo(() => splitLines(localizeTex(OPTIMIZER_LATEX[def.name], t)), [def, t]);
  return (
    <div className="explain-body">
      <h3 className="explain-sub">{def.torch ? t('explain.rule', { torch: def.torch }) : t('explain.rule.own')}</h3>
      <div className="explain-rule" data-optimizer={def.name}>
        {lines.map((l, i) => (
          <div className="rule-line" key={i}>
            <SurfaceFormula latex={l} display />
          </div>
        ))}
      </div>
      <RecipeRules recipe={racer.recipe} optimizer={racer.optimizer} />
      {trace ? (
        <div className={stale ? 'is-stale' : undefined} aria-busy={stale || undefined}>
          <StepNumbers trace={trace} />
        </div>
      ) : (
        <p className="panel-caption" role="status">
          {t('explain.tracing')}
        </p>
      )}
      <StabilityChart racer={racer} />
      <details className="explain-hyper">
        <summary>{t('explain.hyper')}</summary>
        <dl>
          {def.hyper.map((spec: HyperSpec) => (
            <div key={spec.key} className="hyper-row" data-hyper={spec.key}>
              <dt>
                {hyperLabel(spec)} <span className="hyper-value">= {hyperText(racer.optimizer[spec.key] as HyperValue | undefined)}</span>
              </dt>
              <dd>{hyperHelp(def.name, spec)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

/** The schedule's base: the racer's learning rate (SAM: its base's). */
function baseLr(o: OptimizerConfig): number {
  if (typeof o.lr === 'number') return o.lr;
  const base = o.base;
  return typeof base === 'object' && base !== null && !Array.isArray(base) && typeof base.lr === 'number' ? base.lr : NaN;
}

/** The racer's recipe (CONTRACT §4) as rules: the schedule's lr of step t, clipping, the EMA. */
function RecipeRules({ recipe, optimizer }: { recipe: Recipe | undefined; optimizer: OptimizerConfig }) {
  const t = useT();
  const rules = useMemo(
    () => recipeRules(recipe, baseLr(optimizer), optimizers[optimizer.name].hyper.some((s) => s.key === 'betas')),
    [recipe, optimizer],
  );
  if (rules.length === 0) return null;
  return (
    <div className="explain-recipe">
      <h3 className="explain-sub">{t('explain.recipe')}</h3>
      {rules.map((r) => (
        <div key={r.id} className="explain-recipe-rule" data-rule={r.id}>
          <p className="explain-recipe-title">{r.id === 'schedule' ? t(r.title, { name: tMaybe(r.scheduleName ?? '', r.scheduleName ?? '') }) : t(r.title)}</p>
          {r.lines.map((l, i) => (
            <div className="rule-line" key={i}>
              <SurfaceFormula latex={l} display />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/** The table of this step's numbers, repainted per step without React. */
function StepNumbers({ trace }: { trace: TraceData }) {
  const t = useT();
  const loc = useLocale();
  const surface = useApp((s) => s.scene.surface);
  const axes = getSurface(surface)?.axes ?? ['x', 'y'];
  const init = useMemo(() => initialState(trace.optimizer), [trace]);
  /** The rows (the same at every step ≥ 1). */
  const layout = useMemo(() => (trace.steps >= 1 ? explainStep(trace, 1, init).quantities : []), [trace, init]);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const captionRef = useRef<HTMLParagraphElement>(null);
  const beforeRef = useRef<HTMLParagraphElement>(null);
  const stoppedRef = useRef<HTMLParagraphElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    const paint = (step: number) => {
      const k = Math.min(step, trace.steps);
      if (stoppedRef.current) {
        const stopped = step > trace.steps && trace.divergedAt !== null;
        stoppedRef.current.hidden = !stopped;
        const reason = stopped ? faultWords(trace.fault) : '';
        stoppedRef.current.textContent = !stopped ? '' : reason ? tr('explain.stopped', { n: trace.steps, reason }) : tr('explain.stopped.plain', { n: trace.steps });
      }
      if (beforeRef.current) beforeRef.current.hidden = k >= 1;
      if (tableRef.current) tableRef.current.hidden = k < 1;
      if (captionRef.current) {
        captionRef.current.hidden = k < 1;
        captionRef.current.textContent = k >= 1 ? tr('explain.step', { t: k, from: subscriptDigits(k - 1), to: subscriptDigits(k) }) : '';
      }
      if (k < 1) return;
      const ex = explainStep(trace, k, init);
      for (const q of ex.quantities) {
        for (let j = 0; j < 2; j++) {
          const el = cells.current.get(`${q.id}:${j}`);
          if (!el) continue;
          const c = cellText(q.value, j);
          el.textContent = c.text;
          el.dataset.value = c.value;
        }
      }
    };
    paint(appStore.getState().playback.step);
    return appStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step) paint(s.playback.step);
    });
  }, [trace, init, layout, loc]);

  const cellRef = (key: string) => (el: HTMLTableCellElement | null) => {
    if (el) cells.current.set(key, el);
    else cells.current.delete(key);
  };

  const rows: ReactNode[] = layout.map((q) => {
    const n = cellCount(q);
    return (
      <tr key={q.id} data-q={q.id}>
        <th scope="row">
          <span className="q-sym">
            <Tex tex={q.tex} />
          </span>
          <span className="q-name">{tMaybe(`q.${q.id}`, q.id)}</span>
        </th>
        {n === 2 ? (
          <>
            <td className="num" data-coord="0" ref={cellRef(`${q.id}:0`)} />
            <td className="num" data-coord="1" ref={cellRef(`${q.id}:1`)} />
          </>
        ) : (
          <td className="num" colSpan={2} data-coord="0" ref={cellRef(`${q.id}:0`)} />
        )}
      </tr>
    );
  });

  return (
    <div className="explain-numbers">
      <h3 className="explain-sub">{t('explain.numbers')}</h3>
      <p className="explain-step" ref={captionRef} />
      <p className="panel-caption" ref={beforeRef} hidden>
        {t('explain.before')}
      </p>
      <p className="explain-stopped" ref={stoppedRef} hidden />
      <table className="explain-table" ref={tableRef}>
        <thead>
          <tr>
            <th scope="col">{t('explain.quantity')}</th>
            <th scope="col" className="num">
              {prettyAxis(axes[0])}
            </th>
            <th scope="col" className="num">
              {prettyAxis(axes[1])}
            </th>
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}
