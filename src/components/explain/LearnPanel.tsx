/**
 * "Learn": a header button opening a dialog with the guided text (concepts with links to their
 * presets, and a FAQ) in the interface's language. The text is loaded when the dialog first opens.
 */
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../i18n';

const LearnContent = lazy(() => import('./LearnContent'));
/** The dialog frame too: nothing of it is needed before the button is pressed. */
const Modal = lazy(() => import('../ui/ShareModal').then((m) => ({ default: m.Modal })));

/** The header's "Learn" button and its dialog. */
export function LearnButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn learn-open" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <svg className="icon" width={16} height={16} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M3 4.2C5.3 3 7.7 3 10 4.4 12.3 3 14.7 3 17 4.2V16c-2.3-1.1-4.7-1.1-7 .3-2.3-1.4-4.7-1.4-7-.3zM5 5.6v7.8c1.4-.4 2.7-.3 4 .3V6.1C7.7 5.4 6.4 5.3 5 5.6zm10 0c-1.4-.3-2.7-.2-4 .5v7.6c1.3-.6 2.6-.7 4-.3z" fill="currentColor" fillRule="evenodd" />
        </svg>
        <span className="btn-text">{t('app.learn')}</span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <Modal title={t('learn.title')} onClose={() => setOpen(false)} className="learn-modal">
            <Suspense fallback={<p className="panel-caption">{t('app.loading')}</p>}>
              <LearnContent />
            </Suspense>
          </Modal>
        </Suspense>
      ) : null}
    </>
  );
}
