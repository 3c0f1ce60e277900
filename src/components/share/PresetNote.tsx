/**
 * The opened preset's title, teaching point and "try this next" prompt, shown above the plot after
 * the gallery closes (in the current language), until dismissed or another preset opens.
 */
import { useId } from 'react';
import { pick, useLocale, useT } from '../../i18n';
import { setOpenedPreset, useOpenedPreset } from '../../state/preset';
import { Icon } from '../ui/Icon';

export function PresetNote() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const preset = useOpenedPreset();
  if (!preset) return null;
  return (
    <section className="preset-note" aria-labelledby={`${id}-h`} data-preset={preset.id}>
      <div className="preset-note-head">
        <h2 className="preset-note-title" id={`${id}-h`}>
          {pick(preset.title, locale)}
        </h2>
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
