/**
 * The trajectories as data files: CSV (one row per kept point, for spreadsheets and pandas) and
 * JSON (exactly the CLI's output, CONTRACT.md §3, so a downloaded race and `npm run cli` agree).
 */
import { resultToObject } from './result';
import type { ComparisonResult } from '../engine/types';
import { racerLabels } from './format';

export interface CsvOptions {
  /** One label per racer (e.g. the legend's); default: the optimizer's name, numbered if repeated. */
  labels?: readonly string[];
}

export const CSV_HEADER = ['racer', 'optimizer', 'step', 'x', 'y', 'loss', 'status', 'reason'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `racer,optimizer,step,x,y,loss,status,reason`: one row per kept point of every run (status
 * `ok`, reason empty), and for a run that diverged one more row at the step where it stopped,
 * with x, y and loss empty, status `diverged` and the reason. Numbers are written in full
 * precision (shortest round-trip form). Lines end with CRLF, as RFC 4180 asks.
 */
export function toCsv(result: ComparisonResult, options: CsvOptions = {}): string {
  const labels = racerLabels(result, options.labels);
  const rows: string[] = [CSV_HEADER.join(',')];
  result.runs.forEach((run, r) => {
    const racer = field(labels[r]);
    const name = field(run.optimizer.name);
    for (let k = 0; k < run.loss.length; k++) {
      rows.push([racer, name, run.index[k], field(run.path[2 * k]), field(run.path[2 * k + 1]), field(run.loss[k]), 'ok', ''].join(','));
    }
    if (run.status === 'diverged') {
      rows.push([racer, name, run.divergedAt ?? '', '', '', '', 'diverged', field(run.reason ?? '')].join(','));
    }
  });
  return rows.join('\r\n') + '\r\n';
}

/** The CLI's JSON for a comparison (`npm run cli -- run`), pretty-printed with `indent` spaces if given. */
export function toJson(result: ComparisonResult, indent?: number): string {
  return JSON.stringify(resultToObject(result), null, indent);
}
