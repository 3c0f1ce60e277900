/**
 * Small formatting helpers shared by the exporters: exact number literals for Python and CSV,
 * racer labels, file names.
 */
import type { ComparisonResult } from '../engine/types';
import { optimizers } from '../optim';

/**
 * A Python float literal that parses back to exactly `x`.
 *
 * JavaScript's `String(x)` is the shortest decimal that round-trips to the same double, and
 * Python's `float()` parses it to that double too; only integers need a `.0` so that Python reads
 * a float (`torch.tensor([1, 2])` would be an integer tensor).
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "-float('inf')";
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A Python literal for a hyperparameter value: float, bool or a pair as a tuple. */
export function pyValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyFloat(v);
  if (Array.isArray(v)) return `(${v.map(pyValue).join(', ')})`;
  if (typeof v === 'string') return pyString(v);
  throw new Error(`cannot write ${String(v)} as a Python literal`);
}

/** A Python string literal (JSON's escapes are valid in Python strings). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** camelCase → snake_case: `weightDecay` → `weight_decay`, `stepSizes` → `step_sizes`. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Items written as a Python list, wrapped to lines of at most `width` characters, each line
 * indented by `indent`. Returns the inside of the brackets, starting and ending with a newline.
 */
export function wrapItems(items: string[], indent: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const piece = `${item},`;
    if (line && indent.length + line.length + 1 + piece.length > width) {
      lines.push(indent + line);
      line = piece;
    } else {
      line = line ? `${line} ${piece}` : piece;
    }
  }
  if (line) lines.push(indent + line);
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

/**
 * One display label per run: the caller's labels when given (e.g. the legend's), else the
 * optimizer's label, numbered when several racers share it ("Adam", "Adam (2)").
 */
export function racerLabels(result: ComparisonResult, labels?: readonly string[]): string[] {
  const base = result.runs.map((run, i) => labels?.[i] ?? optimizers[run.optimizer.name].label);
  const total = new Map<string, number>();
  for (const b of base) total.set(b, (total.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return base.map((b) => {
    const k = (seen.get(b) ?? 0) + 1;
    seen.set(b, k);
    return total.get(b)! > 1 && k > 1 ? `${b} (${k})` : b;
  });
}

/** A download name for an export of `result`: `descent-rosenbrock.py`, `descent-logreg.csv`. */
export function exportFileName(result: ComparisonResult, extension: string): string {
  return `descent-${result.config.surface.name}.${extension.replace(/^\./, '')}`;
}
