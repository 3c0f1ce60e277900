/**
 * The Network view's data exports, pure (unit-tested): the loss and accuracy curves of every racer
 * as CSV, and the download names. The PyTorch script and the JSON come from the worker
 * (session.ts's exportNetwork); the picture from ./picture.ts.
 */
import type { MlpRunConfig } from '../../engine/mlp/config';
import type { NetworkReply } from './session';

/** U+FEFF, written first in a downloaded CSV so spreadsheets read it as UTF-8 (as the 2-D export does). */
export const CSV_BOM = '\uFEFF';

export const NETWORK_CSV_HEADER = ['racer', 'optimizer', 'step', 'loss', 'accuracy', 'plane_loss', 'status', 'reason'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `racer,optimizer,step,loss,accuracy,plane_loss,status,reason`: one row per kept step of every
 * racer (the full-data loss with l2, the accuracy in [0, 1] and the plane's loss at the projected
 * point; status `ok`), and for a racer that diverged one more row at the step where it stopped
 * (values empty, status `diverged`, the reason). Full precision, CRLF line ends, no BOM (add
 * CSV_BOM for a download).
 */
export function networkCsv(reply: Pick<NetworkReply, 'runs'>, labels: readonly string[]): string {
  const rows: string[] = [NETWORK_CSV_HEADER.join(',')];
  reply.runs.forEach((run, r) => {
    const racer = field(labels[r] ?? `${r + 1}. ${run.optimizer.name}`);
    const name = field(run.optimizer.name);
    for (let k = 0; k < run.loss.length; k++) {
      rows.push([racer, name, run.index[k], field(run.loss[k]), field(run.accuracy[k]), field(run.planeLoss[k]), 'ok', ''].join(','));
    }
    if (run.status === 'diverged') rows.push([racer, name, run.divergedAt ?? '', '', '', '', 'diverged', field(run.reason ?? '')].join(','));
  });
  return rows.join('\r\n') + '\r\n';
}

/** A download name: descent-network-<dataset or "data">-<widths>.<ext>. */
export function networkFileName(config: MlpRunConfig & { surface: { data?: unknown } }, ext: string): string {
  const what = config.surface.data !== undefined ? 'data' : config.surface.params.dataset;
  return `descent-network-${what}-${config.surface.params.hidden.join('x')}.${ext.replace(/^\./, '')}`;
}
