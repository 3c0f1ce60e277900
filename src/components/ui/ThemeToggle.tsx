/**
 * Light/dark theme toggle (the default follows prefers-color-scheme). Its visible text names the
 * action ("Dark theme"), and is its accessible name too, as WCAG 2.5.3 asks.
 */
import { Icon } from './Icon';
import { useT } from '../../i18n';
import { setTheme, useApp } from '../../state/store';

export function ThemeToggle() {
  const t = useT();
  const theme = useApp((s) => s.ui.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="btn theme-toggle"
      onClick={() => {
        setTheme(next);
        try {
          localStorage.setItem('descent-theme', next);
        } catch {
          /* private mode */
        }
      }}
    >
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} /> {next === 'dark' ? t('app.theme.dark') : t('app.theme.light')}
    </button>
  );
}
