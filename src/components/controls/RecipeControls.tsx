/**
 * A racer's training recipe (CONTRACT §4), in its card: a section, closed unless the racer has a
 * recipe, whose body (./RecipeBody.tsx: schedule, clipping, EMA, batch size) loads the first time
 * it opens. A closed section shows only its title, so the page's first chunk does not carry the
 * body; the section itself is here from the start, so a click on it is never lost.
 */
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../i18n';
import type { Racer } from '../../state/store';

const loadBody = () => import('./RecipeBody');
const RecipeBody = lazy(loadBody);

/** Fetches the body before it is needed (the page calls it when idle). */
export function preloadRecipeBody(): void {
  void loadBody().catch(() => undefined);
}

export function RecipeControls({ racer, title }: { racer: Racer; title: string }) {
  const t = useT();
  const has = racer.recipe !== undefined;
  const [open, setOpen] = useState(has);
  // A recipe arriving (a link, a preset, the other racer's copy) opens the section.
  const [had, setHad] = useState(has);
  if (has !== had) {
    setHad(has);
    if (has) setOpen(true);
  }
  return (
    <details className="more recipe" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('recipe.section')}</summary>
      {open ? (
        <Suspense fallback={<p className="hint">{t('recipe.loading')}</p>}>
          <RecipeBody racer={racer} title={title} />
        </Suspense>
      ) : null}
    </details>
  );
}
