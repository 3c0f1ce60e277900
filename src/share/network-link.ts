/**
 * Share links of the Network view (src/engine/mlp/link.ts) with everything a scene may hold: each
 * racer's recipe in the 2-D links' format (./recipe-link.ts: `b=8`, `cn=1` / `cv=0.5`,
 * `ema=0.99`, `sch=lin:0.1:1:15~15~cos:85`) and one's own data in `d` as logreg's
 * (./data-field.ts: the a column (x₁), the b column (x₂), the labels as hex digits), or
 * `d=file:n` when it is too large for a link: reading that says the scene must be opened from its
 * saved file. The page and the CLI read and write Network links through these.
 */
import {
  networkConfigFromLink as readLink,
  networkLink as writeLink,
  type NetworkLinkCodec,
  type NetworkViewState,
} from '../engine/mlp/link';
import type { MlpRunConfig } from '../engine/mlp/config';
import { mlpDataFromColumns, mlpDataToColumns, type MlpData } from '../engine/mlp/userdata';
import { ConfigError } from '../optim/errors';
import { decodeData, encodeData } from './data-field';
import { formatRecipe, isRecipeLinkKey, parseRecipePart } from './recipe-link';

export { isNetworkLink, networkViewFromLink, type NetworkViewState } from '../engine/mlp/link';

export const networkLinkCodec: NetworkLinkCodec = {
  formatRecipe,
  isRecipeKey: isRecipeLinkKey,
  parseRecipePart,
  encodeData: (data) => encodeData(mlpDataToColumns(data)),
  decodeData: (text) => {
    const cols = decodeData(text, 'logreg'); // a, b, t: the same text as logreg's data
    if (!('a' in cols)) throw new ConfigError('d', 'must hold the columns a~b~t');
    return mlpDataFromColumns(cols.a, cols.b, cols.t);
  },
};

/** The raw config of a Network link, recipes and own data included (validate it with normalizeMlpConfig). */
export function networkConfigFromLink(link: string): Record<string, unknown> {
  return readLink(link, networkLinkCodec);
}

/** The query string of a normalised config and the view's state (without the leading `?`). */
export function networkLink(config: MlpRunConfig, view: NetworkViewState, lang?: string): string {
  return writeLink(config, view, lang, networkLinkCodec);
}

/** Does this data set fit in a Network link (else the link says `d=file:n`: save the scene as a file)? */
export function mlpDataFitsLink(data: MlpData): boolean {
  return !networkLinkCodec.encodeData(data).startsWith('file:');
}
