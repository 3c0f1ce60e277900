/**
 * What a share link carries: everything that changes what is drawn (issue 4). The config is the
 * engine's RunConfig (normalised); the rest is how the page shows it.
 */
import type { RunConfig } from '../engine/types';

/** Control groups that a classroom link can hide (`hide=surface,hyper`), as TF Playground's `_hide` keys. */
export const HIDE_GROUPS = ['surface', 'racers', 'hyper', 'data', 'loss', 'share'] as const;
export type HideGroup = (typeof HIDE_GROUPS)[number];

/**
 * The most steps a link may ask for: the page's limit (the store's STEPS_MAX), so that a link gives
 * the same trajectories in the page and in the CLI (`--url`), although the engine allows 1,000,000.
 */
export const MAX_LINK_STEPS = 10_000;

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export const THEMES = ['light', 'dark'] as const;
export type ThemeName = (typeof THEMES)[number];

export interface ShareState {
  /** The run: surface, l2, noise, racers with every hyperparameter, start, steps, batch size, seed, stride. */
  config: RunConfig;
  /** One per optimizer: '#rrggbb' (hex digits in either case, kept as given), or null for the default palette. */
  colors: (string | null)[];
  /** The animation step shown (0 … config.steps), or null for "not set" (the page's default). */
  step: number | null;
  lang: Lang | null;
  theme: ThemeName | null;
  /** embed=1: only the plot and the play controls (slides, iframes). */
  embed: boolean;
  /** Control groups to hide, in the order given; each one of HIDE_GROUPS, no repeats. */
  hide: HideGroup[];
  /** present=1: open in presentation mode (the plot full screen, large type, a caption). */
  present?: boolean;
}

/**
 * A field of a link that was ignored, and why. Plain text: render it as text, never as HTML.
 * `field` names the link's key (`o[1].lr`, `st`, `n`, `kappa`, ...); `message` says what was wrong
 * and what was used instead. Both are bounded in length and free of control characters.
 */
export interface Notice {
  field: string;
  message: string;
}

export interface DecodedShare {
  state: ShareState;
  notices: Notice[];
}
