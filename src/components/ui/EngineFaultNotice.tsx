/**
 * An engine fault (state `results.fault`), shown inside the plot where the race would be: what
 * failed, worded as Descent's fault rather than the user's, its message, and Retry (which starts
 * a new engine when the old one is dead). Plain text only.
 */
import { useT } from '../../i18n';
import { retryEngine, useApp } from '../../state/store';

export function EngineFaultNotice() {
  const t = useT();
  const fault = useApp((s) => s.results.fault);
  if (!fault) return null;
  return (
    <div className="plot-fault" role="alert">
      <p className="plot-fault-title">
        {fault.what === 'grid' ? `${t('fault.grid')} ` : ''}
        {t(`fault.${fault.kind}`)}
      </p>
      <p className="plot-fault-blame">{t('fault.blame')}</p>
      <p className="plot-fault-detail">{fault.message}</p>
      <button type="button" className="btn plot-fault-retry" onClick={retryEngine}>
        {t('fault.retry')}
      </button>
    </div>
  );
}
