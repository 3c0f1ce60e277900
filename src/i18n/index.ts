/**
 * A minimal i18n layer: `t(key, vars)` reads the current dictionary (English for now);
 * `useT()` gives components a `t` that re-renders them when the locale changes.
 * Keys that are not in the dictionary (e.g. a hyperparameter added later) fall back to `fallback`.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { en, type Dict, type MessageKey } from './en';

export type { MessageKey, Dict } from './en';

const dictionaries: Record<string, Dict> = { en };
let locale = 'en';
const listeners = new Set<() => void>();

export function registerLocale(name: string, dict: Dict): void {
  dictionaries[name] = dict;
}

export function setLocale(name: string): void {
  if (!dictionaries[name] || name === locale) return;
  locale = name;
  document.documentElement.lang = name;
  for (const l of listeners) l();
}

export function getLocale(): string {
  return locale;
}

function format(s: string, vars?: Record<string, string | number>): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return format(dictionaries[locale][key] ?? en[key], vars);
}

/** Looks up a key built at run time (`hyper.${key}`); returns `fallback` when it is unknown. */
export function tMaybe(key: string, fallback: string, vars?: Record<string, string | number>): string {
  const d = dictionaries[locale] as Record<string, string>;
  const s = d[key] ?? (en as Record<string, string>)[key];
  return s === undefined ? fallback : format(s, vars);
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** `t` for components: a new function per locale, so effects that depend on it re-run. */
export function useT(): typeof t {
  const loc = useSyncExternalStore(subscribe, getLocale, getLocale);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (key: MessageKey, vars?: Record<string, string | number>) => t(key, vars), [loc]);
}
