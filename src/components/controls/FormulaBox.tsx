/**
 * The `custom` surface's formula box (issue 16): type f(x, y), see it validated as you type (the
 * error at its character), typeset beside the box, and raced once you pause (debounced).
 *
 * The text is only ever parsed by src/math/expr (a fixed grammar; nothing is evaluated); the
 * typeset formula is KaTeX of LaTeX printed from the parsed AST, never of the typed text.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { FUNCTIONS, checkExpr, parseExpr, toLatex, wordExprProblem, type ExprError } from '../../math/expr';
import { setCustomDomain, setCustomFunction, useApp } from '../../state/store';
import { getSurface } from '../../surfaces';
import { suggestDomain } from '../../surfaces/custom';
import type { DomainPair } from '../../surfaces/types';
import { Tex } from '../explain/ExplainTex';

/** Pause after the last keystroke before the race follows the formula. */
export const FORMULA_DEBOUNCE_MS = 300;

export const FORMULA_EXAMPLES: { label: string; f: string }[] = [
  { label: 'x⁴ − 3xy + y²', f: 'x^4 - 3*x*y + y^2' },
  { label: 'Rosenbrock', f: '(1 - x)^2 + 100*(y - x^2)^2' },
  { label: 'Himmelblau', f: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2' },
  { label: 'Booth', f: '(x + 2*y - 7)^2 + (2*x + y - 5)^2' },
  { label: 'sin · cos bowl', f: 'sin(x)*cos(y) + (x^2 + y^2)/10' },
  { label: 'log-sum-exp', f: 'log(exp(x + y) + exp(-x) + exp(y - 2)) + 0.05*(x^2 + y^2)' },
];

/** The text with the character at `position` (1-based) marked; at the end, a marked space. */
function Marked({ text, position }: { text: string; position: number }) {
  const i = Math.min(position - 1, text.length);
  const shown = text.length > 120 ? Math.max(0, i - 60) : 0;
  const before = text.slice(shown, i);
  const bad = i < text.length ? text[i] : ' ';
  const after = text.slice(i + 1, i + 60);
  return (
    <code className="formula-marked" aria-hidden="true">
      {shown > 0 ? '…' : ''}
      {before}
      <mark>{bad === ' ' || bad === '\n' || bad === '\t' ? '\u2423' : bad}</mark>
      {after}
      {i + 60 < text.length ? '…' : ''}
    </code>
  );
}

export function FormulaBox() {
  const t = useT();
  const id = useId();
  const f = useApp((s) => (typeof s.scene.params.f === 'string' ? s.scene.params.f : ''));
  const params = useApp((s) => s.scene.params);
  const [text, setText] = useState(f);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A new formula from elsewhere (a link, a preset, an example) replaces the text.
  useEffect(() => {
    setText((old) => (old === f ? old : f));
  }, [f]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const error: ExprError | null = useMemo(() => checkExpr(text), [text]);
  const latex = useMemo(() => (error ? null : toLatex(parseExpr(text))), [text, error]);
  const minima = useMemo(() => {
    try {
      return getSurface('custom', params)!.criticalPoints(params).length;
    } catch {
      return 0;
    }
  }, [params]);

  const apply = (value: string, now = false) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (checkExpr(value) !== null) return;
    if (now) setCustomFunction(value);
    else timer.current = setTimeout(() => setCustomFunction(value), FORMULA_DEBOUNCE_MS);
  };

  return (
    <div className="field formula">
      <label htmlFor={`${id}-f`} className="slider-label">
        {t('formula.label')}
      </label>
      <textarea
        id={`${id}-f`}
        className="formula-input"
        rows={2}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        maxLength={2000}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help ${id}-status`}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          apply(v);
        }}
      />
      <div id={`${id}-status`} className="formula-status" role="status" aria-live="polite">
        {error ? (
          <p className="formula-error">
            {t('formula.error', { position: error.position, problem: wordExprProblem(error.code, error.values, t) })}
            <Marked text={text} position={error.position} />
          </p>
        ) : latex ? (
          <p className="formula-tex">
            <Tex tex={latex} />
            <span className="formula-minima"> {minima > 0 ? t('formula.minima', { n: minima }) : t('formula.noMinimum')}</span>
          </p>
        ) : null}
      </div>
      <p id={`${id}-help`} className="formula-help">
        {t('formula.help', { functions: FUNCTIONS.join(' ') })}
      </p>
      <DomainFields />
      <div className="formula-examples" role="group" aria-label={t('formula.examples')}>
        <span className="formula-examples-label">{t('formula.examples')}:</span>
        {FORMULA_EXAMPLES.map((ex) => (
          <button
            key={ex.f}
            type="button"
            className="chip"
            title={ex.f}
            onClick={() => {
              setText(ex.f);
              apply(ex.f, true);
            }}
          >
            {ex.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** One end of the domain: typed freely, committed when it is a number that keeps low < high. */
function EndField({ label, value, valid, commit }: { label: string; value: number; valid: (v: number) => boolean; commit: (v: number) => void }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const v = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(v) && (v === value || valid(v));
  return (
    <div className="field">
      <label htmlFor={id} className="slider-label">
        {label}
      </label>
      <input
        id={id}
        type="number"
        step="any"
        value={text}
        aria-invalid={!ok || undefined}
        onChange={(e) => {
          const s = e.currentTarget.value;
          setText(s);
          const n = Number(s);
          if (s.trim() !== '' && Number.isFinite(n) && n !== value && valid(n)) commit(n);
        }}
        onBlur={() => setText(String(value))}
      />
    </div>
  );
}

/** x from / to, y from / to, and the suggested domain. */
function DomainFields() {
  const t = useT();
  const f = useApp((s) => s.scene.params.f);
  const domain = useApp((s) => s.scene.params.domain) as DomainPair | undefined;
  if (!Array.isArray(domain) || typeof f !== 'string') return null;
  const withEnd = (axis: 0 | 1, end: 0 | 1, v: number): DomainPair => {
    const next: DomainPair = [
      [domain[0][0], domain[0][1]],
      [domain[1][0], domain[1][1]],
    ];
    next[axis][end] = v;
    return next;
  };
  const set = (axis: 0 | 1, end: 0 | 1) => ({
    valid: (v: number) => {
      const next = withEnd(axis, end, v);
      return next[axis][0] < next[axis][1] && Math.abs(v) <= 1e6;
    },
    commit: (v: number) => setCustomDomain(withEnd(axis, end, v)),
  });
  return (
    <fieldset className="formula-domain">
      <legend className="slider-label">{t('formula.domain')}</legend>
      <div className="field-row field-row-4">
        <EndField label={t('formula.domain.from', { axis: 'x' })} value={domain[0][0]} {...set(0, 0)} />
        <EndField label={t('formula.domain.to', { axis: 'x' })} value={domain[0][1]} {...set(0, 1)} />
        <EndField label={t('formula.domain.from', { axis: 'y' })} value={domain[1][0]} {...set(1, 0)} />
        <EndField label={t('formula.domain.to', { axis: 'y' })} value={domain[1][1]} {...set(1, 1)} />
      </div>
      <button
        type="button"
        className="btn btn-small"
        title={t('formula.domain.suggest.help')}
        onClick={() => {
          const d = suggestDomain(f);
          setCustomDomain([
            [d.x[0], d.x[1]],
            [d.y[0], d.y[1]],
          ]);
        }}
      >
        {t('formula.domain.suggest')}
      </button>
    </fieldset>
  );
}
