/**
 * The opened preset's title, teaching point and "try this next" prompt, shown above the plot after
 * the gallery closes (in the current language), until dismissed or another preset opens. The point
 * starts clamped to two lines (the whole text stays in the page for screen readers and search);
 * "More" shows it all.
 */
import { useEffect, useId, useState } from 'react';
import { pick, useLocale, useT } from '../../i18n';
import { setOpenedPreset, useOpenedPreset } from '../../state/preset';
import { Icon } from '../ui/Icon';

export function PresetNote() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const preset = useOpenedPreset();
  // The point is shown in two lines at first, so the plot keeps its room; "More" shows it all.
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [preset]);
  if (!preset) return null;
  return (
    <section className={`preset-note${open ? ' is-open' : ''}`} aria-labelledby={`${id}-h`} data-preset={preset.id}>
      <div className="preset-note-head">
        <h2 className="preset-note-title" id={`${id}-h`}>
          {pick(preset.title, locale)}
        </h2>
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('presets.note.less') : t('presets.note.more')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpenedPreset(null)} aria-label={t('presets.note.close')}>
          <Icon name="close" size={14} />
        </button>
      </div>
      <p className="preset-note-point">{pick(preset.point, locale)}</p>
      <p className="preset-note-next">
        <strong>{t('presets.next')}</strong> {pick(preset.next, locale)}
      </p>
    </section>
  );
}
