/** `--url`: a share link of the app (or just its query string) → a normalised config. */
import type { RunConfig } from '../engine/types';
import { decodeShareStrict } from '../share/codec';

/**
 * The config of a share link, read by the same decoder as the page. Where the page would show a
 * notice and fall back to a default, the CLI stops: a ConfigError names the first such field
 * (the CLI exits 2 with one line).
 */
export function configFromUrl(url: string): RunConfig {
  return decodeShareStrict(url).config;
}
