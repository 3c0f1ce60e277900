/**
 * EN / 中文: the interface language, two toggle buttons in the header. Each language is named in
 * itself (a reader who cannot read the current language still finds theirs); the choice goes
 * into the share link (src/state/share-sync.ts reads `getLocale()`).
 */
import { LOCALES, LOCALE_NAMES, setLocale, useLocale, useT } from '../../i18n';

export function LanguageSwitch() {
  const t = useT();
  const loc = useLocale();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className="btn btn-small lang-btn"
          lang={LOCALE_NAMES[l].tag}
          aria-pressed={loc === l}
          title={LOCALE_NAMES[l].long}
          onClick={() => setLocale(l)}
        >
          {LOCALE_NAMES[l].short}
        </button>
      ))}
    </div>
  );
}
