/**
 * Save scene / Open scene (issue 16): the whole scene as a JSON file (src/state/scene-file.ts),
 * which carries what a link cannot (a data set too large for it). In the Share dialog, with a
 * plain word when this scene's data does not fit in its link.
 */
import { useId, useRef, useState } from 'react';
import { useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { dataFitsLink } from '../../share/data-field';
import { MAX_SCENE_FILE_CHARS, sceneFromFile, sceneToFile } from '../../state/scene-file';
import { appStore, openScene, useApp } from '../../state/store';
import { userDataRows } from '../../engine/userdata';
import { ConfigError } from '../../engine/config';

function save(): void {
  const s = appStore.getState();
  const blob = new Blob([sceneToFile(s)], { type: 'application/json;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `descent-scene-${s.scene.surface}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function SceneFileSection() {
  const t = useT();
  const id = useId();
  const data = useApp((s) => s.scene.data);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: '', error: false });
  const fileRef = useRef<HTMLInputElement>(null);
  const tooLarge = data !== undefined && !dataFitsLink(data);

  const open = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_SCENE_FILE_CHARS * 2) {
      setStatus({ text: t('scene.openFailed', { message: `file: ${file.size.toLocaleString('en-US')} bytes is too large` }), error: true });
      return;
    }
    try {
      const parsed = sceneFromFile(await file.text());
      openScene(parsed);
      setStatus({ text: t('scene.opened', { name: file.name }), error: false });
    } catch (e) {
      const message = e instanceof ConfigError ? `${e.field}: ${e.problem}` : String(e);
      setStatus({ text: t('scene.openFailed', { message }), error: true });
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <section className="scene-file" aria-labelledby={`${id}-h`}>
      <h3 className="scene-file-title" id={`${id}-h`}>
        {t('scene.title')}
      </h3>
      {tooLarge ? (
        <p className="scene-file-warning" role="note">
          {t('scene.tooLarge', { n: userDataRows(data).toLocaleString('en-US') })}
        </p>
      ) : (
        <p className="modal-intro">{t('scene.intro')}</p>
      )}
      <div className="scene-file-row">
        <button type="button" className={`btn${tooLarge ? ' btn-primary' : ''}`} onClick={save}>
          {t('scene.save')}
        </button>
        <label htmlFor={`${id}-open`} className="slider-label">
          {t('scene.open')}
        </label>
        <input id={`${id}-open`} ref={fileRef} type="file" accept=".json,application/json" onChange={(e) => void open(e.currentTarget.files?.[0])} />
      </div>
      <p className={`share-status${status.error ? ' is-error' : ''}`} role={status.error ? 'alert' : 'status'}>
        {status.text}
      </p>
    </section>
  );
}
