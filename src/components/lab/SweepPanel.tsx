/**
 * The Sweep panel: closed, it is one button; opened, it loads the sweep view (SweepBody.tsx, its
 * own chunk, so the page's first load does not carry it).
 */
import { lazy, Suspense, useId, useState } from 'react';
import { useT } from '../../i18n';

const SweepBody = lazy(() => import('./SweepBody'));

export function SweepPanel() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  // Once opened, the view stays mounted while closed, so a running sweep and its map survive.
  const [loaded, setLoaded] = useState(false);
  return (
    <section className="panel sweep-panel" aria-labelledby={`${id}-h`}>
      <div className="section-head">
        <h2 className="panel-title" id={`${id}-h`}>
          {t('sweep.title')}
        </h2>
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => {
            setLoaded(true);
            setOpen((o) => !o);
          }}
        >
          {open ? t('sweep.close') : t('sweep.open')}
        </button>
      </div>
      <div id={`${id}-body`} hidden={!open}>
        {loaded ? (
          <Suspense fallback={<p className="panel-caption">{t('app.loading')}</p>}>
            <SweepBody />
          </Suspense>
        ) : null}
      </div>
    </section>
  );
}
