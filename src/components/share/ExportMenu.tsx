/**
 * The Export dialog: the race as PyTorch code (copied, or downloaded as .py), the plot as PNG or
 * SVG, the race as an animated GIF (with progress and Cancel), the trajectories as CSV or JSON.
 * Everything it runs is loaded on the first click (./ExportActions and src/export), so none of it
 * weighs on the page's first load.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { surfaceLabel, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { copyText } from '../../state/share-sync';
import { appStore, currentRun, useApp } from '../../state/store';
import { surfaceFor } from '../../surfaces';
import type { GifProgress } from './ExportActions';
import { Icon } from '../ui/Icon';
import { ExportGroup, ExportStatus } from '../ui/ExportGroup';
import { Modal } from '../ui/ShareModal';

type Action = 'pytorch' | 'py' | 'png' | 'svg' | 'gif' | 'csv' | 'json';

interface Status {
  text: string;
  error?: boolean;
}

const load = () => import('./ExportActions');

export function ExportMenu({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const run = useApp(currentRun);
  const surface = useApp((s) => s.scene.surface);
  const racers = useApp((s) => s.racers.length);
  const [busy, setBusy] = useState<Action | null>(null);
  // Copying runs beside the other exports: a slow clipboard holds only its own button.
  const [copying, setCopying] = useState(false);
  const [status, setStatus] = useState<Status>({ text: '' });
  const [progress, setProgress] = useState<GifProgress | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  // Closing the dialog cancels a GIF in the making.
  useEffect(() => () => abortRef.current?.abort(), []);

  const copy = async () => {
    const s = appStore.getState();
    const result = currentRun(s);
    if (!result || copying) return;
    setCopying(true);
    setStatus({ text: t('export.copying') });
    try {
      const m = await load();
      const ok = await copyText(m.pythonScript(s, result));
      setStatus(ok ? { text: t('export.pytorch.copied') } : { text: t('export.copyFailed'), error: true });
    } catch (e) {
      setStatus({ text: t('export.failed', { message: e instanceof Error ? e.message : String(e) }), error: true });
    } finally {
      setCopying(false);
    }
  };

  const act = async (action: Exclude<Action, 'pytorch'>) => {
    const s = appStore.getState();
    const result = currentRun(s);
    if (!result || busy) return;
    setBusy(action);
    setStatus({ text: '' });
    try {
      const m = await load();
      let file: { blob: Blob; name: string };
      if (action === 'py' || action === 'csv' || action === 'json') file = m.textFile(action, s, result);
      else if (action === 'svg') file = m.svgFile(s, result, document.querySelector('.plot-box'));
      else if (action === 'png') {
        const box = document.querySelector<HTMLElement>('.plot-box');
        if (!box) throw new Error(t('export.noCanvas'));
        file = await m.pngFile(s, result, box);
      } else {
        const ctrl = new AbortController();
        abortRef.current = ctrl;
        setProgress({ phase: 'frames', done: 0, total: 1 });
        file = await m.gifFile(s, result, { signal: ctrl.signal, onProgress: setProgress });
      }
      m.download(file.blob, file.name);
      setStatus({ text: t('export.saved', { name: file.name }) });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setStatus({ text: t('export.cancelled') });
      else setStatus({ text: t('export.failed', { message: e instanceof Error ? e.message : String(e) }), error: true });
    } finally {
      abortRef.current = null;
      setProgress(null);
      setBusy(null);
    }
  };

  const button = (action: Action, label: string, primary = false) => {
    const mine = action === 'pytorch' ? copying : busy === action;
    const held = action === 'pytorch' ? copying : busy !== null && busy !== action;
    return (
      <button
        key={action}
        type="button"
        className={`btn${primary ? ' btn-primary' : ''}`}
        disabled={!run || held}
        aria-busy={mine || undefined}
        onClick={() => (action === 'pytorch' ? copy() : act(action))}
      >
        {label}
      </button>
    );
  };

  const fraction = progress ? (progress.phase === 'frames' ? (0.6 * progress.done) / progress.total : 0.6 + 0.4 * progress.fraction) : 0;
  const def = surfaceFor(surface);

  return (
    <Modal title={t('export.title')} onClose={onClose} className="export-dialog">
      <p className="modal-intro">
        {run ? t('export.intro', { surface: surfaceLabel(def), racers, steps: run.config.steps }) : t('export.waiting')}
      </p>
      <ExportGroup
        id={`${id}-code`}
        title={t('export.code')}
        buttons={[button('pytorch', t('export.pytorch'), true), button('py', t('export.py'))]}
      />
      <ExportGroup
        id={`${id}-image`}
        title={t('export.image')}
        buttons={[button('png', t('export.png')), button('svg', t('export.svg')), button('gif', t('export.gif'))]}
      >
        {progress ? (
          <div className="export-progress">
            <progress max={1} value={fraction} aria-label={t('export.gif.progress')} />
            <span>
              {progress.phase === 'frames'
                ? t('export.gif.frames', { done: progress.done, total: progress.total })
                : t('export.gif.encoding', { percent: Math.round(progress.fraction * 100) })}
            </span>
            <button type="button" className="btn btn-small" onClick={() => abortRef.current?.abort()}>
              <Icon name="close" size={14} /> {t('export.cancel')}
            </button>
          </div>
        ) : null}
      </ExportGroup>
      <ExportGroup
        id={`${id}-data`}
        title={t('export.data')}
        buttons={[button('csv', t('export.csv')), button('json', t('export.json'))]}
      />
      <ExportStatus status={status} />
    </Modal>
  );
}
