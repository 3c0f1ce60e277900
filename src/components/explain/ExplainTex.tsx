/**
 * LaTeX for the explanation panel, typeset by KaTeX — which is loaded (script and stylesheet) only
 * when the first formula is shown, so it stays out of the initial bundle. Until it has loaded,
 * and if it fails to, a plain-Unicode rendering stands in.
 */
import { useEffect, useMemo, useState } from 'react';
import type katexType from 'katex';
import { texToPlain } from '../../explain/tex';

type Katex = typeof katexType;

let katex: Katex | null = null;
let loading: Promise<Katex> | null = null;
const waiting = new Set<(k: Katex) => void>();

/** Loads KaTeX and its stylesheet once; resolves to the module. */
export function loadKatex(): Promise<Katex> {
  if (!loading) {
    loading = Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => {
      katex = m.default;
      for (const w of waiting) w(katex);
      waiting.clear();
      return katex;
    });
    loading.catch((e: unknown) => {
      console.error('KaTeX failed to load', e);
      loading = null;
    });
  }
  return loading;
}

/** KaTeX once it has loaded (starting the load), else null. */
export function useKatex(): Katex | null {
  const [k, setK] = useState<Katex | null>(katex);
  useEffect(() => {
    if (k) return;
    if (katex) {
      setK(katex);
      return;
    }
    waiting.add(setK);
    loadKatex().catch(() => {});
    return () => {
      waiting.delete(setK);
    };
  }, [k]);
  return k;
}

const cache = new Map<string, string>();

function render(k: Katex, tex: string, display: boolean): string {
  const key = `${display ? 'd' : 'i'}${tex}`;
  let html = cache.get(key);
  if (html === undefined) {
    // Inline mode with \displaystyle: display-sized fractions, yet the line may wrap at = and ±.
    html = k.renderToString(display ? `\\displaystyle ${tex}` : tex, { throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
    cache.set(key, html);
  }
  return html;
}

export interface TexProps {
  tex: string;
  /** Display-sized (fractions at full size). */
  display?: boolean;
  className?: string;
}

/** One formula: KaTeX's HTML (with MathML for screen readers), or its plain rendering meanwhile. */
export function Tex({ tex, display = false, className }: TexProps) {
  const k = useKatex();
  const html = useMemo(() => (k ? render(k, tex, display) : null), [k, tex, display]);
  if (html === null) return <span className={`tex tex-plain ${className ?? ''}`}>{texToPlain(tex)}</span>;
  return <span className={`tex ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
