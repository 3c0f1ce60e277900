/**
 * The rules of a racer's training recipe (CONTRACT §4), typeset for the explanation panel: the
 * learning rate of step t under its schedule, gradient clipping and the EMA of the parameters,
 * each as a formula with the racer's own constants written in. The numbers of each step come
 * from the trace (quantities.ts); these are the rules they follow. Pure: no DOM, no React.
 *
 * Step t (1-based) uses the lr after t − 1 scheduler steps (torch steps the scheduler after the
 * optimizer), so the schedules are written in t − 1.
 */
import type { ClipConfig, Recipe } from '../engine/recipe';
import type { InnerSchedule, OneCycleSchedule, ScheduleConfig } from '../engine/schedule';

/** One piece of the recipe: what it is (a message key, its variables) and its lines of LaTeX. */
export interface RecipeRule {
  id: 'schedule' | 'clip' | 'ema';
  /** The message naming it: `explain.recipe.<...>`. */
  title: 'explain.recipe.schedule' | 'explain.recipe.clip.norm' | 'explain.recipe.clip.value' | 'explain.recipe.ema';
  /** For `explain.recipe.schedule`: the schedule's own name, a message key. */
  scheduleName?: string;
  lines: string[];
}

/** A number in LaTeX: up to 6 significant digits, 1.5 \cdot 10^{-7} for the very small or large. */
export function texNum(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? String.raw`\infty` : Number.isNaN(v) ? String.raw`\mathrm{NaN}` : String.raw`-\infty`;
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) {
    const [m, e] = v.toExponential(3).split('e');
    const mant = String(+m);
    const exp = String(Number(e));
    return mant === '1' ? `10^{${exp}}` : mant === '-1' ? `-10^{${exp}}` : String.raw`${mant} \cdot 10^{${exp}}`;
  }
  return String(+v.toPrecision(6));
}

/** The schedule's message key (the picker's words; SequentialLR has its own). */
function scheduleKey(s: ScheduleConfig): string {
  if (s.name === 'sequential') return 'explain.recipe.sequential';
  return `recipe.schedule.${s.name}`;
}

/** SGD's momentum and the Adam family's β₁, with a subscript. */
const MU = (sub: string) => String.raw`\mu_${sub}`;
const BETA1 = (sub: string) => String.raw`\beta_{1,${sub}}`;

/** `x` in parentheses when it is more than a symbol. */
const paren = (x: string) => (/^[\w.]+$/.test(x) ? x : `(${x})`);

/** γ_t of an inner schedule in numbers, with `e` the scheduler's epoch (LaTeX) and η₀ the base lr. */
function innerNumeric(s: InnerSchedule, e: string, eta0: number): string {
  const n0 = texNum(eta0);
  switch (s.name) {
    case 'step':
      return String.raw`${n0} \cdot ${texNum(s.gamma)}^{\lfloor ${paren(e)}/${s.stepSize} \rfloor}`;
    case 'multistep':
      return String.raw`${n0} \cdot ${texNum(s.gamma)}^{\#\{m \in \{${s.milestones.join(', ')}\} \,:\, m \le ${e}\}}`;
    case 'exponential':
      return String.raw`${n0} \cdot ${texNum(s.gamma)}^{${e}}`;
    case 'cosine': {
      const m = texNum(s.etaMin);
      const wave = String.raw`\bigl(1 + \cos \tfrac{\pi ${paren(e)}}{${s.tMax}}\bigr)`;
      // η_min = 0 (torch's default): the rule without its zeros.
      return s.etaMin === 0 ? String.raw`\tfrac12 \cdot ${n0}\, ${wave}` : String.raw`${m} + \tfrac12 (${n0} - ${m}) ${wave}`;
    }
    case 'linear':
      return String.raw`${n0} \bigl(${texNum(s.startFactor)} + ${texNum(s.endFactor - s.startFactor)} \cdot \tfrac{\min(${e},\, ${s.totalIters})}{${s.totalIters}}\bigr)`;
  }
}

/** The same rule in symbols (torch's names: η₀ the base lr). */
function innerSymbolic(s: InnerSchedule): string {
  switch (s.name) {
    case 'step':
      return String.raw`\gamma_t = \eta_0\, q^{\lfloor (t-1)/s \rfloor}`;
    case 'multistep':
      return String.raw`\gamma_t = \eta_0\, q^{\#\{m \in M \,:\, m \le t-1\}}`;
    case 'exponential':
      return String.raw`\gamma_t = \eta_0\, q^{t-1}`;
    case 'cosine':
      return String.raw`\gamma_t = \eta_{\min} + \tfrac12 (\eta_0 - \eta_{\min}) \bigl(1 + \cos \tfrac{\pi (t-1)}{T}\bigr)`;
    case 'linear':
      return String.raw`\gamma_t = \eta_0 \bigl(f_s + (f_e - f_s) \tfrac{\min(t-1,\, T)}{T}\bigr)`;
  }
}

/**
 * OneCycle's rule; with cycleMomentum also its momentum (`mu`: μ for SGD, β₁ for the Adam family),
 * annealed the same way in the other direction: from maxMomentum down to baseMomentum while the
 * lr rises, and back up while it falls (torch's phases).
 */
function oneCycleLines(s: OneCycleSchedule, mu: (sub: string) => string): string[] {
  const T = s.totalSteps;
  const initial = s.maxLr / s.divFactor;
  const min = initial / s.finalDivFactor;
  const ends = s.threePhase ? [s.pctStart * T - 1, 2 * s.pctStart * T - 2, T - 1] : [s.pctStart * T - 1, T - 1];
  const lrs = s.threePhase ? [[initial, s.maxLr], [s.maxLr, initial], [initial, min]] : [[initial, s.maxLr], [s.maxLr, min]];
  const [hi, lo] = [s.maxMomentum, s.baseMomentum];
  const moms = s.threePhase ? [[hi, lo], [lo, hi], [hi, hi]] : [[hi, lo], [lo, hi]];
  const cos = s.annealStrategy === 'cos';
  const anneal = (y: string, a: string, b: string) =>
    cos ? String.raw`${y} = ${b} + \tfrac12 (${a} - ${b})(1 + \cos \pi p)` : String.raw`${y} = ${a} + (${b} - ${a})\, p`;
  const lines = [String.raw`${anneal(String.raw`\gamma_t`, String.raw`\eta_a`, String.raw`\eta_b`)},\quad p = \tfrac{t-1-s_0}{s_1-s_0}`];
  if (s.cycleMomentum) lines.push(anneal(mu('t'), mu('a'), mu('b')));
  let start = 0;
  ends.forEach((end, i) => {
    const cond = i === ends.length - 1 ? String.raw`t-1 > ${texNum(start)}` : String.raw`t-1 \le ${texNum(end)}`;
    const mom = s.cycleMomentum ? String.raw`,\ ${mu('a')} = ${texNum(moms[i][0])},\ ${mu('b')} = ${texNum(moms[i][1])}` : '';
    lines.push(String.raw`${cond}:\ \eta_a = ${texNum(lrs[i][0])},\ \eta_b = ${texNum(lrs[i][1])}${mom},\ s_0 = ${texNum(start)},\ s_1 = ${texNum(end)}`);
    start = end;
  });
  return lines;
}

/**
 * The lines of a schedule's rule: in symbols, then with the racer's numbers. `mu` writes the
 * momentum OneCycle cycles with a subscript (μ_t, or β_{1,t} for the Adam family).
 */
export function scheduleLines(s: ScheduleConfig, eta0: number, mu: (sub: string) => string = MU): string[] {
  switch (s.name) {
    case 'onecycle':
      return oneCycleLines(s, mu);
    case 'sequential': {
      // SequentialLR: the i-th scheduler from milestone m_i on, restarted there (epoch t − 1 − m_i).
      const out: string[] = [];
      s.schedulers.forEach((c, i) => {
        const from = i === 0 ? 0 : s.milestones[i - 1];
        const to = s.milestones[i];
        const e = from === 0 ? 't-1' : `t-1-${from}`;
        const cond = to === undefined ? String.raw`t-1 \ge ${from}` : from === 0 ? String.raw`t-1 < ${to}` : String.raw`${from} \le t-1 < ${to}`;
        out.push(String.raw`${cond}:\ \gamma_t = ${innerNumeric(c, e, eta0)}`);
      });
      return out;
    }
    default:
      return [innerSymbolic(s), String.raw`\gamma_t = ${innerNumeric(s, 't-1', eta0)}`];
  }
}

export function clipLines(c: ClipConfig): string[] {
  if ('norm' in c) return [String.raw`g \leftarrow g \cdot \min\Bigl(1, \frac{c}{\|g\| + 10^{-6}}\Bigr),\quad c = ${texNum(c.norm)}`];
  return [String.raw`g \leftarrow \operatorname{clamp}(g, -c, c),\quad c = ${texNum(c.value)}`];
}

export function emaLines(d: number): string[] {
  return [String.raw`\bar\theta_t = d\, \bar\theta_{t-1} + (1-d)\, \theta_t,\quad d = ${texNum(d)},\quad \bar\theta_1 = \theta_1`];
}

/**
 * The rules of a recipe, in the order a training step applies them: the schedule's lr of the
 * step, clipping before it, the EMA after it. `eta0` is the racer's own learning rate (the
 * schedule's base); `betas`: the racer's optimizer has β₁ (OneCycle then cycles β₁, not μ). None
 * for a recipe with only a batch size.
 */
export function recipeRules(recipe: Recipe | undefined, eta0: number, betas = false): RecipeRule[] {
  if (!recipe) return [];
  const out: RecipeRule[] = [];
  const mu = betas ? BETA1 : MU;
  if (recipe.schedule) out.push({ id: 'schedule', title: 'explain.recipe.schedule', scheduleName: scheduleKey(recipe.schedule), lines: scheduleLines(recipe.schedule, eta0, mu) });
  if (recipe.clip) out.push({ id: 'clip', title: 'norm' in recipe.clip ? 'explain.recipe.clip.norm' : 'explain.recipe.clip.value', lines: clipLines(recipe.clip) });
  if (recipe.ema !== undefined) out.push({ id: 'ema', title: 'explain.recipe.ema', lines: emaLines(recipe.ema) });
  return out;
}
