/** Share links (issue 4): the codec, the presets and the URL updater. */
export * from './types';
export {
  SHARE_VERSION,
  SHARE_KEYS,
  COLOR_KEY,
  MAX_INPUT_LENGTH,
  MAX_NOTICES,
  migrations,
  encodeShare,
  encodeConfig,
  decodeShare,
  decodeConfig,
  decodeShareStrict,
  defaultShareState,
  formatNumber,
  isShareColor,
  shareUrl,
} from './codec';
export { presets, getPreset, type Preset } from './presets';
export { createUrlUpdater, type UrlUpdater } from './url';
