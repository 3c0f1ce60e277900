/**
 * The guided text of src/explain/concepts.ts — the ideas the app teaches, each with links to the
 * presets that show it, and a short FAQ — in the interface's language (the body of the Learn
 * dialog, loaded with it). Preset links are plain links (`?<preset query>&lang=<locale>`): the
 * page decodes its link on load, and the language the reader chose comes along.
 */
import { useId } from 'react';
import { CONCEPTS, FAQ } from '../../explain/concepts';
import { useLocale, useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { getPreset } from '../../share/presets';

/** The href of a preset's link in the given language. */
export function presetHref(query: string, lang: string): string {
  return `?${query}&lang=${lang}`;
}

export function LearnContent() {
  const t = useT();
  const loc = useLocale();
  const id = useId();
  return (
    <div className="learn" lang={loc === 'zh' ? 'zh-CN' : 'en'}>
      <p className="learn-intro">{t('learn.intro')}</p>
      <h3 className="learn-h" id={`${id}-c`}>
        {t('learn.concepts')}
      </h3>
      {CONCEPTS.map((c) => (
        <section key={c.id} className="learn-concept" aria-labelledby={`${id}-${c.id}`} data-concept={c.id}>
          <h4 id={`${id}-${c.id}`}>{c.title[loc]}</h4>
          {c.body.map((p, i) => (
            <p key={i}>{p[loc]}</p>
          ))}
          <div className="learn-see">
            <span>{t('learn.see')}</span>
            <ul>
              {c.presets.map((pid) => {
                const p = getPreset(pid);
                return p ? (
                  <li key={pid}>
                    <a href={presetHref(p.query, loc)} data-preset={pid}>
                      {p.title[loc]}
                    </a>
                  </li>
                ) : null;
              })}
            </ul>
          </div>
        </section>
      ))}
      <h3 className="learn-h">{t('learn.faq')}</h3>
      {FAQ.map((f) => (
        <section key={f.id} className="learn-faq" aria-labelledby={`${id}-${f.id}`} data-faq={f.id}>
          <h4 id={`${id}-${f.id}`}>{f.q[loc]}</h4>
          {f.a.map((p, i) => (
            <p key={i}>{p[loc]}</p>
          ))}
        </section>
      ))}
    </div>
  );
}

export default LearnContent;
