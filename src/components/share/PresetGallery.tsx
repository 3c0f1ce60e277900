/**
 * The preset gallery: every classroom scene of src/share/presets.ts with its title and two-sentence
 * point in the current language. Choosing one applies its link through the same code path as a
 * link opened in the address bar, and the address bar follows. The presets (long bilingual
 * texts) are loaded when the gallery first opens, not with the page.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { pick, useLocale, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { encodeShare } from '../../share/codec';
import type { Preset } from '../../share/presets';
import { applyPresetLink, shareStateOf } from '../../state/share-sync';
import { setOpenedPreset } from '../../state/preset';
import { appStore } from '../../state/store';
import { Modal } from '../ui/ShareModal';
import { cachedThumb, holdThumbnailEngine, loadThumb, paintThumb } from './thumbnails';

let loaded: readonly Preset[] | null = null;

export function PresetGallery({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [list, setList] = useState<readonly Preset[] | null>(loaded);
  const firstRef = useRef<HTMLButtonElement>(null);
  // The scene on the page, in a preset's terms: that preset is marked as the current one.
  const current = useMemo(() => {
    const s = shareStateOf(appStore.getState(), 0);
    return encodeShare({ ...s, lang: null, theme: null, embed: false, hide: [] });
  }, []);

  useEffect(() => {
    if (list) return;
    let live = true;
    import('../../share/presets').then((m) => {
      loaded = m.presets;
      if (live) setList(m.presets);
    });
    return () => {
      live = false;
    };
  }, [list]);

  // Thumbnails: computed by a worker of their own while the gallery is open.
  useEffect(() => holdThumbnailEngine(), []);

  // Loaded after the dialog opened (focus on the dialog itself): on to the first preset.
  useEffect(() => {
    if (list && document.activeElement?.getAttribute('role') === 'dialog') firstRef.current?.focus();
  }, [list]);

  return (
    <Modal title={t('presets.title')} onClose={onClose} className="preset-dialog">
      <p className="modal-intro">{t('presets.intro')}</p>
      {list ? (
        <ul className="preset-list">
          {list.map((p, i) => (
            <li key={p.id}>
              <button
                ref={i === 0 ? firstRef : undefined}
                type="button"
                className="preset-card"
                aria-current={p.query === current || undefined}
                data-preset={p.id}
                aria-labelledby={`${id}-${p.id}-t`}
                aria-describedby={`${id}-${p.id}-p`}
                onClick={() => {
                  applyPresetLink(p.query);
                  setOpenedPreset(p);
                  onClose();
                }}
              >
                <PresetThumb preset={p} />
                <span className="preset-title" id={`${id}-${p.id}-t`}>
                  {pick(p.title, locale)}
                </span>
                <span className="preset-point" id={`${id}-${p.id}-p`}>
                  {pick(p.point, locale)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="modal-intro" role="status">
          {t('app.loading')}
        </p>
      )}
    </Modal>
  );
}

const THUMB_H = 104;

/** A preset's picture: its surface and race, from the real engine (see thumbnails.ts). */
function PresetThumb({ preset }: { preset: Preset }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let live = true;
    let frame = 0;
    const paint = () => {
      const c = ref.current;
      const thumb = cachedThumb(preset.id);
      if (!live || !c || !thumb) return;
      frame = requestAnimationFrame(() => {
        if (!live) return;
        const bg = getComputedStyle(c).getPropertyValue('--panel').trim() || '#fff';
        const t0 = performance.now();
        paintThumb(c, thumb, c.clientWidth || 240, THUMB_H, bg);
        // Its main-thread cost, for the e2e test (the engine ran in a worker).
        performance.measure?.('descent:thumb', { start: t0, detail: preset.id });
        c.dataset.ready = 'true'; // no React render per thumbnail
      });
    };
    if (cachedThumb(preset.id)) paint();
    else void loadThumb(preset).then((t) => t && paint());
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [preset]);
  return <canvas ref={ref} className="preset-thumb" aria-hidden="true" data-ready="false" style={{ height: THUMB_H }} />;
}
