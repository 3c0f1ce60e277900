/**
 * What a share link asked for that could not be used: each field and why, as plain text (React
 * escapes it; never innerHTML), until dismissed. The page behind it shows the fallbacks.
 */
import { Fragment, useId } from 'react';
import { useT } from '../../i18n';
import { setNotices, useApp } from '../../state/store';
import { Icon } from './Icon';

export function NoticeBanner() {
  const t = useT();
  const id = useId();
  const notices = useApp((s) => s.ui.notices);
  if (notices.length === 0) return null;
  return (
    <section className="notice" role="status" aria-labelledby={`${id}-h`}>
      <div className="notice-head">
        <h2 className="notice-title" id={`${id}-h`}>
          {t('notice.title')}
        </h2>
        <button type="button" className="btn btn-small" onClick={() => setNotices([])}>
          <Icon name="close" size={14} /> {t('notice.dismiss')}
        </button>
      </div>
      {'\n'}
      <ul className="notice-list">
        {notices.map((n, i) => (
          // Line breaks between the items keep them apart in the text (copy, screen readers' text).
          <Fragment key={i}>
            {'\n'}
            <li>
              <code className="notice-field">{n.field}</code>: {n.message}
            </li>
          </Fragment>
        ))}
      </ul>
    </section>
  );
}
