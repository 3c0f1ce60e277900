/**
 * The Network view's Export dialog, like the 2-D one (src/components/share/ExportMenu.tsx): the
 * race as a PyTorch script (copied, or downloaded as .py; built in the worker), the view as a PNG
 * at 2× (title and step, ./picture.ts), the loss and accuracy curves of every racer as CSV (UTF-8
 * with a byte-order mark) and the CLI's JSON. Everything is of the race shown (the reply's config).
 */
import { useId, useState } from 'react';
import { useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { cssVar } from '../../plot/marks';
import type { Network } from '../../engine/mlp/net';
import { download } from '../ui/download';
import { ExportGroup, ExportStatus } from '../ui/ExportGroup';
import { Modal } from '../ui/ShareModal';
import { CSV_BOM, networkCsv, networkFileName } from './exports';
import { networkPng } from './picture';
import type { NetworkReply } from './session';

type Action = 'pytorch' | 'py' | 'png' | 'csv' | 'json';

export interface NetworkExportProps {
  reply: NetworkReply;
  net: Network;
  step: number;
  selected: number;
  labels: readonly string[];
  colours: readonly string[];
  /** The dataset and the network in words ("Moons, 2-8-6-1 tanh"). */
  what: string;
  /** The worker's exports of a config. */
  exportText: (format: 'json' | 'pytorch') => Promise<string>;
  onClose: () => void;
}

async function copy(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function NetworkExport({ reply, net, step, selected, labels, colours, what, exportText, onClose }: NetworkExportProps) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState<Action | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });
  const config = reply.config;

  const act = async (action: Action) => {
    if (busy) return;
    setBusy(action);
    setStatus({ text: action === 'pytorch' ? t('export.copying') : '' });
    try {
      if (action === 'pytorch') {
        const ok = await copy(await exportText('pytorch'));
        setStatus(ok ? { text: t('export.pytorch.copied') } : { text: t('export.copyFailed'), error: true });
        return;
      }
      let blob: Blob;
      const name = networkFileName(config, action);
      if (action === 'py') blob = new Blob([await exportText('pytorch')], { type: 'text/x-python;charset=utf-8' });
      else if (action === 'json') blob = new Blob([await exportText('json')], { type: 'application/json;charset=utf-8' });
      else if (action === 'csv') blob = new Blob([CSV_BOM + networkCsv(reply, labels)], { type: 'text/csv;charset=utf-8' });
      else {
        const font = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
        blob = await networkPng(
          {
            reply,
            net,
            step,
            selected,
            labels,
            colours,
            title: `${t('app.title')} · ${what} · ${labels.join(', ')}`,
            stepText: t('net.export.step', { step, steps: config.steps }),
            captions: {
              boundary: t('net.boundary', { racer: labels[selected], step }),
              landscape: t('net.landscape'),
              loss: t('net.loss'),
              accuracy: t('net.accuracy'),
            },
            theme: { background: cssVar('--panel', '#ffffff'), foreground: cssVar('--fg', '#1a1a1a'), muted: cssVar('--muted', '#666666'), font },
          },
          2,
        );
      }
      download(blob, name);
      setStatus({ text: t('export.saved', { name }) });
    } catch (e) {
      setStatus({ text: t('export.failed', { message: e instanceof Error ? e.message : String(e) }), error: true });
    } finally {
      setBusy(null);
    }
  };

  const button = (action: Action, label: string, primary = false) => (
    <button
      key={action}
      type="button"
      className={`btn${primary ? ' btn-primary' : ''}`}
      disabled={busy !== null && busy !== action}
      aria-busy={busy === action || undefined}
      onClick={() => void act(action)}
    >
      {label}
    </button>
  );

  return (
    <Modal title={t('export.title')} onClose={onClose} className="export-dialog">
      <p className="modal-intro">{t('net.export.intro', { what, racers: reply.runs.length, steps: config.steps, step })}</p>
      <ExportGroup
        id={`${id}-code`}
        title={t('export.code')}
        buttons={[button('pytorch', t('export.pytorch'), true), button('py', t('export.py'))]}
      />
      <ExportGroup id={`${id}-image`} title={t('export.image')} buttons={[button('png', t('net.export.png'))]} />
      <ExportGroup
        id={`${id}-data`}
        title={t('net.export.curves')}
        buttons={[button('csv', t('export.csv')), button('json', t('export.json'))]}
      />
      <ExportStatus status={status} />
    </Modal>
  );
}
