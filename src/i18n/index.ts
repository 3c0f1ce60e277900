/**
 * A minimal i18n layer: `t(key, vars)` reads the current dictionary (English or Simplified
 * Chinese); `useT()` gives components a `t` that re-renders them when the locale changes.
 * Keys built at run time (`hyper.${key}`) go through `tMaybe`, with a fallback for unknown keys.
 *
 * The locale defaults to the browser's language (zh* → zh, else en) unless something chose one
 * explicitly first (a share link's `lang`, the language switch): see `initLocale`. The share code
 * reads `getLocale()` when it encodes a link and calls `setLocale()` when it decodes one.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { RunFault } from '../engine/faults';
import { en, type Dict, type MessageKey } from './en';
import { optimizerWords } from './optimizers';

export type { MessageKey, Dict } from './en';

/** The languages of the interface. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's own name (shown as such in every locale, so a reader can find theirs). */
export const LOCALE_NAMES: Record<Locale, { short: string; long: string; tag: string }> = {
  en: { short: 'EN', long: 'English', tag: 'en' },
  zh: { short: '中文', long: '简体中文', tag: 'zh-CN' },
};

/** A language's words: the interface's (`Dict`) and the optimizers' (keys built at run time). */
type Words = Dict & Readonly<Record<string, string>>;
/**
 * The English words there are so far: the first chunk's (./en.ts) and the optimizers'; the words
 * only lazy chunks show (./en-more.ts) join them when that file arrives (`addEnglish`).
 */
const enAll: Record<string, string> = { ...optimizerWords(), ...en };
const dictionaries: Record<string, Readonly<Record<string, string>> | undefined> = { en: enAll };

/** Adds English words that arrive with a lazy chunk (src/i18n/en-more.ts calls it as it loads). */
export function addEnglish(words: Readonly<Record<string, string>>): void {
  Object.assign(enAll, words);
}

/**
 * Keys that were asked for before their words had arrived (a lazy module that shows a word of
 * en-more.ts without importing it): shown as the raw key, reported once on the console (which the
 * e2e tests fail on) and kept for the unit tests (tests/setup.ts fails a test that showed one).
 */
const missing = new Set<string>();
/** The keys shown raw since the last call (and forgets them). */
export function takeMissingWords(): string[] {
  const out = [...missing];
  missing.clear();
  return out;
}
function lookup(key: string): string | undefined {
  return dictionaries[locale]?.[key] ?? enAll[key];
}
/**
 * The other languages load on demand (Chinese is ~7 KB gzipped that an English reader never
 * needs): the page awaits `localeReady` / `loadLocale` before its first render when it starts in
 * that language (src/main.tsx); a later switch shows the words once they have arrived.
 */
const loaders: Partial<Record<Locale, () => Promise<Words>>> = {
  zh: () => import('./zh').then((m) => ({ ...m.zhOptimizers, ...m.zh })),
};
const loading: Partial<Record<Locale, Promise<void>>> = {};
/** The locale asked for while its words are still loading (a later choice cancels it). */
let pending: Locale | null = null;
let locale: Locale = 'en';
/** Did someone choose the locale (a link, the switch)? Then the browser's default no longer applies. */
let chosen = false;
const listeners = new Set<() => void>();

export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

export function registerLocale(name: string, dict: Words): void {
  dictionaries[name] = dict;
}

/** Loads a language's words (resolved at once when they are there already). */
export function loadLocale(name: Locale): Promise<void> {
  if (dictionaries[name]) return Promise.resolve();
  const load = loaders[name];
  if (!load) return Promise.resolve();
  return (loading[name] ??= load().then(
    (words) => {
      dictionaries[name] = words;
    },
    (e: unknown) => {
      delete loading[name]; // a later switch tries again
      throw e;
    },
  ));
}

/** Resolves once the locale asked for last has its words (and so is the current one). */
export function localeReady(): Promise<void> {
  return pending ? loadLocale(pending).catch(() => undefined) : Promise.resolve();
}

function apply(name: Locale): void {
  if (!dictionaries[name]) {
    pending = name;
    loadLocale(name).then(
      () => {
        if (pending === name) apply(name);
      },
      (e: unknown) => console.error(`Could not load the ${LOCALE_NAMES[name].long} words`, e),
    );
    return;
  }
  pending = null;
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALE_NAMES[name].tag;
  if (name === locale) return;
  locale = name;
  for (const l of listeners) l();
}

/** Switches the interface language ('en' or 'zh'; anything else is ignored). */
export function setLocale(name: string): void {
  if (!isLocale(name)) return;
  chosen = true;
  apply(name);
}

export function getLocale(): Locale {
  return locale;
}

/** The locale for a list of preferred languages (navigator.languages): the first zh* or en* one, else en. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const l of languages) {
    const base = l.toLowerCase().split(/[-_]/)[0];
    if (base === 'zh') return 'zh';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function browserLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages?.length) return [...navigator.languages];
  return navigator.language ? [navigator.language] : [];
}

/**
 * Applies the browser's language, unless a locale was chosen explicitly already (a link decoded
 * before this runs keeps its language). `force` re-applies it anyway (tests).
 */
export function initLocale(languages: readonly string[] = browserLanguages(), force = false): Locale {
  if (chosen && !force) return locale;
  if (force) chosen = false;
  apply(localeFromLanguages(languages));
  return locale;
}

/** Listens for locale changes; returns the unsubscribe function. */
export function subscribeLocale(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

function format(s: string, vars?: Record<string, string | number>): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const s = lookup(key);
  if (s !== undefined) return format(s, vars);
  if (!missing.has(key)) {
    missing.add(key);
    console.error(`No words for "${key}" yet: the module showing it must import src/i18n/en-more.ts`);
  }
  return key;
}

/** Looks up a key built at run time (`hyper.${key}`); returns `fallback` when it is unknown. */
export function tMaybe(key: string, fallback: string, vars?: Record<string, string | number>): string {
  const s = lookup(key);
  return s === undefined ? fallback : format(s, vars);
}

/** The current locale, re-rendering the component when it changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

/** `t` for components: a new function per locale, so effects that depend on it re-run. */
export function useT(): typeof t {
  const loc = useLocale();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (key: MessageKey, vars?: Record<string, string | number>) => t(key, vars), [loc]);
}

/** Picks the current language's text of a bilingual record ({ en, zh }, as presets and concepts are). */
export function pick<T>(text: { en: T; zh: T }, loc: Locale = locale): T {
  return text[loc];
}

// ---------------------------------------------------------------------------------------------
// Names that live beside the code (optimizer and surface labels, hyperparameter help), translated

/** An optimizer's display name ("Gradient descent" / "梯度下降"). */
export function optimizerLabel(def: { name: string; label: string }): string {
  return tMaybe(`optimizer.${def.name}`, def.label);
}

/** A surface's display name. */
export function surfaceLabel(def: { name: string; label: string }): string {
  return tMaybe(`surfaceName.${def.name}`, def.label);
}

/** A hyperparameter's short label. */
export function hyperLabel(spec: { key: string; label: string }): string {
  return tMaybe(`hyper.${spec.key}`, spec.label);
}

/**
 * A hyperparameter's one-sentence help. An optimizer may say something of its own about a shared
 * key (AdamW's weight decay is decoupled): `hyper.<optimizer>.<key>.help` comes first.
 */
export function hyperHelp(optimizer: string, spec: { key: string; help: string }): string {
  return tMaybe(`hyper.${optimizer}.${spec.key}.help`, tMaybe(`hyper.${spec.key}.help`, spec.help));
}

/** A surface parameter's label and help. */
export function paramLabel(p: { key: string; label: string }): string {
  return tMaybe(`param.${p.key}`, p.label);
}
export function paramHelp(p: { key: string; help: string }): string {
  return tMaybe(`param.${p.key}.help`, p.help);
}

/**
 * Why a run ended, in the current language: the engine reports a code with its values
 * (src/engine/faults.ts), worded here with the numbers formatted as the English reason has them.
 */
export function faultWords(fault: RunFault | null): string {
  if (!fault) return '';
  switch (fault.code) {
    case 'loss-non-finite':
      return t('reason.loss', { value: String(fault.value) });
    case 'params-non-finite':
      return t('reason.params', { point: `${fault.point[0]}, ${fault.point[1]}` });
    case 'out-of-bounds':
      return t('reason.bounds', { point: `${fault.point[0].toExponential(3)}, ${fault.point[1].toExponential(3)}` });
    case 'singular-system':
      return t('reason.singular', { det: fault.det.toPrecision(3), point: `${fault.point[0].toPrecision(4)}, ${fault.point[1].toPrecision(4)}` });
  }
}

if (typeof document !== 'undefined') initLocale();
