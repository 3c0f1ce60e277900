/**
 * The header's Presets, Share and Export buttons, each opening its dialog. The dialogs (and the
 * link codec they use) load on the first click, so the page's first load stays small.
 */
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../i18n';
import { Icon } from '../ui/Icon';

const PresetGallery = lazy(() => import('./PresetGallery').then((m) => ({ default: m.PresetGallery })));
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));
const ExportMenu = lazy(() => import('./ExportMenu').then((m) => ({ default: m.ExportMenu })));

type Open = 'presets' | 'share' | 'export' | null;

export function ShareToolbar() {
  const t = useT();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <div className="share-toolbar">
      <button type="button" className="btn" aria-haspopup="dialog" aria-label={t('presets.open')} onClick={() => setOpen('presets')}>
        <Icon name="gallery" /> <span className="btn-text">{t('presets.open')}</span>
      </button>
      <button type="button" className="btn" aria-haspopup="dialog" aria-label={t('share.open')} onClick={() => setOpen('share')}>
        <Icon name="share" /> <span className="btn-text">{t('share.open')}</span>
      </button>
      <button type="button" className="btn" aria-haspopup="dialog" aria-label={t('export.open')} onClick={() => setOpen('export')}>
        <Icon name="download" /> <span className="btn-text">{t('export.open')}</span>
      </button>
      <Suspense fallback={null}>
        {open === 'presets' ? <PresetGallery onClose={close} /> : null}
        {open === 'share' ? <ShareDialog onClose={close} /> : null}
        {open === 'export' ? <ExportMenu onClose={close} /> : null}
      </Suspense>
    </div>
  );
}

/** In embed mode: a link to the same race in the full page (a new tab). */
export function EmbedOpenLink() {
  const t = useT();
  // The same race without embed=1 (share-sync is loaded by then: main.tsx reads every link with it).
  const refresh = (a: HTMLAnchorElement) => {
    void import('../../state/share-sync').then((m) => {
      a.href = m.currentShareUrl({ embed: false });
    });
  };
  return (
    <a
      className="embed-open"
      href={typeof location !== 'undefined' ? location.href : '#'}
      target="_blank"
      rel="noopener"
      onPointerEnter={(e) => refresh(e.currentTarget)}
      onPointerDown={(e) => refresh(e.currentTarget)}
      onFocus={(e) => refresh(e.currentTarget)}
    >
      {t('embed.open')} <span aria-hidden="true">↗</span>
    </a>
  );
}
