/**
 * A labelled slider with a number input beside it. The slider covers [min, max] on a linear or log
 * scale; the number input accepts any value that `isValid` allows (also outside the slider's range)
 * and marks invalid text with aria-invalid instead of committing it.
 */
import { useEffect, useId, useState } from 'react';
import { t } from '../../i18n';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  scale?: 'linear' | 'log';
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

const LOG_RES = 1000;

function toPos(v: number, min: number, max: number, log: boolean): number {
  if (!log) return v;
  if (!(v > 0)) return 0;
  const p = (LOG_RES * Math.log(v / min)) / Math.log(max / min);
  return Math.max(0, Math.min(LOG_RES, Math.round(p)));
}

function fromPos(p: number, min: number, max: number, log: boolean, integer: boolean): number {
  if (!log) return integer ? Math.round(p) : p;
  const v = min * Math.pow(max / min, p / LOG_RES);
  return integer ? Math.round(v) : +v.toPrecision(3);
}

function show(v: number): string {
  return Number.isFinite(v) ? String(+v.toPrecision(4)) : '';
}

export function Slider(props: SliderProps) {
  const { label, value, min, max, scale = 'linear', integer = false, onChange, marks, note, disabled } = props;
  const log = scale === 'log';
  const id = useId();
  const listId = marks?.length ? `${id}-marks` : undefined;
  const step = log ? 1 : (props.step ?? (integer ? 1 : (max - min) / 200));
  const isValid = props.isValid ?? ((v: number) => Number.isFinite(v) && v >= min && v <= max);
  const [text, setText] = useState(show(value));
  const [invalid, setInvalid] = useState(false);

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
        <input
          id={id}
          type="range"
          min={log ? 0 : min}
          max={log ? LOG_RES : max}
          step={step}
          value={toPos(Math.min(max, Math.max(min, value)), min, max, log)}
          list={listId}
          disabled={disabled}
          aria-valuetext={show(value)}
          onChange={(e) => onChange(fromPos(Number(e.currentTarget.value), min, max, log, integer))}
        />
        {listId ? (
          <datalist id={listId}>
            {marks!.map((m) => (
              <option key={m.value} value={toPos(m.value, min, max, log)} label={m.label} />
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
