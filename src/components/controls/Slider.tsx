/**
 * A labelled slider with a number input beside it. The slider covers [min, max] on a linear scale,
 * on a log scale whose stops are the round values 1, 2, 5 of every decade (a learning rate moves
 * 0.001 → 0.002 → 0.005 → 0.01), or on a "1 − β" scale for averaging factors (momentum, β₁, β₂,
 * α, ρ): stops at β = 0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995 … with 0.9, 0.99 and 0.999 marked
 * under the track, since what matters is the averaging horizon 1/(1 − β), not β itself. The
 * number input accepts any value that `isValid` allows (also between stops or outside the
 * slider's range: typed values stay exact) and marks invalid text with aria-invalid instead of
 * committing it.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { t } from '../../i18n';
import '../../styles/controls.css';

export type SliderScale = 'linear' | 'log' | 'beta';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  scale?: SliderScale;
  /** Linear step of the slider (default: (max − min) / 200, or 1 for integers). */
  step?: number;
  integer?: boolean;
  /** Which typed numbers to accept; default: finite and within [min, max]. */
  isValid?: (v: number) => boolean;
  /** Text describing the valid range, for the invalid-input message. */
  rangeText?: string;
  onChange: (v: number) => void;
  /** Tick marks on the slider (e.g. "full batch" at n). */
  marks?: { value: number; label: string }[];
  /** Extra text after the value (e.g. "full batch"). */
  note?: string;
  disabled?: boolean;
  className?: string;
  /** One sentence on what it does (tooltip of the label). */
  help?: string;
}

/** The 1–2–5 values of every decade in [lo, hi] (and lo, hi themselves), ascending. */
export function roundStops(lo: number, hi: number): number[] {
  const out: number[] = [lo];
  const tol = 1e-9;
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of [1, 2, 5]) {
      const v = +(m * 10 ** e).toPrecision(1);
      if (v > lo * (1 + tol) && v < hi * (1 - tol)) out.push(v);
    }
  }
  if (hi > lo) out.push(hi);
  return out;
}

/** The slider's stops for a log or 1 − β scale (ascending values), or null for a linear one. */
export function sliderStops(min: number, max: number, scale: SliderScale, integer = false): number[] | null {
  if (scale === 'log' && min > 0 && max > min) {
    const stops = roundStops(min, max);
    return integer ? [...new Set(stops.map(Math.round))] : stops;
  }
  if (scale === 'beta' && max < 1 && max > min) {
    // 1 − β on 1–2–5 stops, from 1 − min down to 1 − max.
    return roundStops(+(1 - max).toPrecision(12), +(1 - min).toPrecision(12))
      .map((d) => +(1 - d).toPrecision(12))
      .reverse();
  }
  return null;
}

/** The stop nearest to v (on the scale's own axis: log v, or log(1 − v)). */
export function nearestStop(stops: readonly number[], v: number, scale: SliderScale): number {
  const key = scale === 'beta' ? (x: number) => -Math.log(Math.max(1e-300, 1 - x)) : (x: number) => Math.log(Math.max(1e-300, x));
  const k = key(v);
  let best = 0;
  for (let i = 1; i < stops.length; i++) if (Math.abs(key(stops[i]) - k) < Math.abs(key(stops[best]) - k)) best = i;
  return best;
}

/** Averaging factors marked under a 1 − β slider. */
const BETA_MARKS = [0.9, 0.99, 0.999];

function show(v: number): string {
  return Number.isFinite(v) ? String(+v.toPrecision(4)) : '';
}

export function Slider(props: SliderProps) {
  const { label, value, min, max, scale = 'linear', integer = false, onChange, marks, note, disabled } = props;
  const id = useId();
  const stops = useMemo(() => sliderStops(min, max, scale, integer), [min, max, scale, integer]);
  // The 1 − β marks, where the slider has them.
  const ticks = useMemo(
    () => (stops && scale === 'beta' ? BETA_MARKS.filter((b) => stops.includes(b)).map((b) => ({ value: b, label: String(b) })) : []),
    [stops, scale],
  );
  const allMarks = [...(marks ?? []), ...ticks];
  const listId = allMarks.length ? `${id}-marks` : undefined;
  const step = stops ? 1 : (props.step ?? (integer ? 1 : (max - min) / 200));
  const isValid = props.isValid ?? ((v: number) => Number.isFinite(v) && v >= min && v <= max);
  const [text, setText] = useState(show(value));
  const [invalid, setInvalid] = useState(false);
  const toPos = (v: number) => (stops ? nearestStop(stops, v, scale) : Math.min(max, Math.max(min, v)));
  const fromPos = (p: number) => (stops ? stops[Math.max(0, Math.min(stops.length - 1, Math.round(p)))] : integer ? Math.round(p) : p);
  const lastPos = stops ? stops.length - 1 : max;

  useEffect(() => {
    const parsed = Number(text);
    if (!(text.trim() !== '' && parsed === value)) {
      setText(show(value));
      setInvalid(false);
    }
    // Only follow outside changes of the value, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const commitText = (s: string) => {
    setText(s);
    const v = Number(s);
    const ok = s.trim() !== '' && Number.isFinite(v) && (!integer || Number.isInteger(v)) && isValid(v);
    setInvalid(!ok);
    if (ok && v !== value) onChange(v);
  };

  return (
    <div className={`slider ${props.className ?? ''}`}>
      <label htmlFor={id} className="slider-label" title={props.help}>
        {label}
        {note ? <span className="slider-note"> · {note}</span> : null}
      </label>
      <div className="slider-row">
        <div className="slider-track">
          <input
            id={id}
            type="range"
            min={stops ? 0 : min}
            max={lastPos}
            step={step}
            value={toPos(value)}
            list={listId}
            disabled={disabled}
            aria-valuetext={show(value)}
            onChange={(e) => {
              const v = fromPos(Number(e.currentTarget.value));
              if (v !== value) onChange(v);
            }}
          />
          {ticks.length ? (
            <div className="slider-ticks" aria-hidden="true">
              {ticks.map((m) => (
                <span key={m.value} style={{ left: `calc(8px + (100% - 16px) * ${toPos(m.value) / lastPos})` }}>
                  {m.label}
                </span>
              ))}
            </div>
          ) : null}
        </div>
        {listId ? (
          <datalist id={listId}>
            {allMarks.map((m) => (
              <option key={m.value} value={toPos(m.value)} label={m.label} />
            ))}
          </datalist>
        ) : null}
        <input
          type="number"
          inputMode="decimal"
          className="slider-number"
          aria-label={t('slider.value', { label })}
          aria-invalid={invalid || undefined}
          title={invalid && props.rangeText ? t('slider.invalid', { label, range: props.rangeText }) : undefined}
          value={text}
          step="any"
          disabled={disabled}
          onChange={(e) => commitText(e.currentTarget.value)}
          onBlur={() => {
            if (invalid) {
              setText(show(value));
              setInvalid(false);
            }
          }}
        />
      </div>
    </div>
  );
}
