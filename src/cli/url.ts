/** `--url`: a share link of the app (or just its query string) → a normalised config. */
import { ConfigError } from '../engine';
import type { RunConfig } from '../engine/types';

export function configFromUrl(url: string): RunConfig {
  throw new ConfigError('--url', `share links are not supported yet (got ${url.slice(0, 60)})`);
}
