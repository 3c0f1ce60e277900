/**
 * The Share dialog: the page's link in a selectable field, "Copy link" (with a visible "Link
 * copied", or, without a clipboard, the link selected for Ctrl+C), and the classroom options —
 * embed mode and control groups to hide — which change the copied link, not this page.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { HIDE_GROUPS, type HideGroup } from '../../share/types';
import { copyText, currentShareUrl } from '../../state/share-sync';
import { appStore, useApp } from '../../state/store';
import { Icon } from '../ui/Icon';
import { Modal } from '../ui/ShareModal';
import { SceneFileSection } from './SceneFile';

type Status = 'idle' | 'copying' | 'copied' | 'failed';

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const ui = appStore.getState().ui;
  const [embed, setEmbed] = useState(ui.embed);
  const [hide, setHide] = useState<HideGroup[]>(ui.hide);
  // In embed mode every control is hidden anyway: the link says just embed=1.
  const options = () => ({ embed, hide: embed ? [] : hide });
  const [link, setLink] = useState(() => currentShareUrl(options()));
  // The scene can change while the dialog is open (Open scene, below): the link follows it.
  const scene = useApp((s) => s.scene);
  const racers = useApp((s) => s.racers);
  const restingStep = useApp((s) => (s.playback.playing ? -1 : s.playback.step));
  const [status, setStatus] = useState<Status>('idle');
  const fieldRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setLink(currentShareUrl(options()));
    setStatus('idle');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [embed, hide, scene, racers, restingStep]);

  const copy = async () => {
    const url = currentShareUrl(options());
    setLink(url);
    setStatus('copying');
    const ok = await copyText(url);
    setStatus(ok ? 'copied' : 'failed');
    if (!ok && fieldRef.current) {
      fieldRef.current.focus();
      fieldRef.current.select();
    }
  };

  const toggle = (g: HideGroup, on: boolean) => setHide((h) => HIDE_GROUPS.filter((x) => (x === g ? on : h.includes(x))));
  const iframe = `<iframe src="${link.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="800" height="560" title="Descent" style="border:0" loading="lazy"></iframe>`;

  return (
    <Modal title={t('share.title')} onClose={onClose} className="share-dialog" initialFocus={copyRef}>
      <p className="modal-intro">{t('share.intro')}</p>
      <label htmlFor={`${id}-link`} className="slider-label">
        {t('share.link')}
      </label>
      <div className="share-link-row">
        <input
          id={`${id}-link`}
          ref={fieldRef}
          className="share-link"
          type="text"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button ref={copyRef} type="button" className="btn btn-primary" onClick={copy}>
          <Icon name="copy" /> {t('share.copy')}
        </button>
      </div>
      <p className={`share-status${status === 'failed' ? ' is-error' : ''}`} role="status">
        {status === 'copying' ? t('share.copying') : status === 'copied' ? t('share.copied') : status === 'failed' ? t('share.copyFailed') : ''}
      </p>
      <fieldset className="share-options">
        <legend>{t('share.options')}</legend>
        <label className="check">
          <input type="checkbox" checked={embed} onChange={(e) => setEmbed(e.currentTarget.checked)} />
          {t('share.embed')}
        </label>
        <fieldset className="share-hide" disabled={embed}>
          <legend>{t('share.hide')}</legend>
          {HIDE_GROUPS.map((g) => (
            <label key={g} className="check">
              <input type="checkbox" checked={hide.includes(g)} onChange={(e) => toggle(g, e.currentTarget.checked)} />
              {t(`share.hide.${g}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {embed ? (
        <div className="field">
          <label htmlFor={`${id}-iframe`} className="slider-label">
            {t('share.iframe')}
          </label>
          <textarea id={`${id}-iframe`} className="share-iframe" readOnly rows={4} value={iframe} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        </div>
      ) : null}
      <SceneFileSection />
    </Modal>
  );
}
