/**
 * Share links of the Network view: the whole `mlp` config in the query string, e.g.
 *
 *   ?view=network&ds=moons&h=8,8&act=tanh&ns=200&dn=0.1&ds_seed=1&init=1&l2=0&o=adam,lr=0.01;momentum,lr=0.05&b=32&n=300&seed=1
 *
 * plus the view's own state (`k`: the step shown, `sel`: the selected racer). DOM-free: the CLI
 * reads these links too (`cli -- run --url`). Values are validated by normalizeMlpConfig, which
 * names the field.
 *
 * A racer entry carries, after its hyperparameters, SAM's base as `base=momentum,base.lr=0.1`.
 * The recipe (CONTRACT §4: `b=8`, `cn=1`, `sch=…`) and one's own data (`d=…`) are written in the
 * 2-D links' formats, which live a layer up (src/share): a `NetworkLinkCodec` lends them, and
 * src/share/network-link.ts is these functions with it (use that one in the page and the CLI).
 */
import { ConfigError } from '../../optim/errors';
import type { HyperValue, OptimizerConfig } from '../../optim/types';
import { optimizers } from '../../optim';
import type { Recipe } from '../recipe';
import type { MlpRunConfig } from './config';
import type { MlpData } from './userdata';

/** What src/share lends the Network links: the recipe's link parts and the data's `d` text. */
export interface NetworkLinkCodec {
  /** A racer's recipe as link parts (`b=8`, `sch=cos:200`). */
  formatRecipe(r: Recipe | undefined): string[];
  isRecipeKey(key: string): boolean;
  /** Puts one recipe part into the raw racer entry (validated later by normalizeMlpConfig). */
  parseRecipePart(key: string, text: string, raw: Record<string, unknown>): void;
  /** The `d` text of a data set (`file:n` when it is too large for a link). */
  encodeData(data: MlpData): string;
  /** The data set of a `d` text; throws a ConfigError naming the part. */
  decodeData(text: string): MlpData;
}

export interface NetworkViewState {
  step: number | null;
  selected: number;
}

function queryOf(link: string): URLSearchParams {
  const q = link.includes('?') ? link.slice(link.indexOf('?') + 1) : link;
  return new URLSearchParams(q.split('#')[0]);
}

export function isNetworkLink(link: string): boolean {
  return queryOf(link).get('view') === 'network';
}

function num(v: string, field: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new ConfigError(field, `must be a number (got ${JSON.stringify(v)})`);
  return x;
}

/** The raw config of a Network link (validate it with normalizeMlpConfig). */
export function networkConfigFromLink(link: string, codec?: NetworkLinkCodec): Record<string, unknown> {
  const q = queryOf(link);
  const params: Record<string, unknown> = {};
  const ds = q.get('ds');
  if (ds !== null) params.dataset = ds;
  const h = q.get('h');
  if (h !== null) params.hidden = h === '' ? [] : h.split(',').map((w, i) => num(w, `surface.params.hidden[${i}]`));
  const act = q.get('act');
  if (act !== null) params.activation = act;
  const numeric: [string, string][] = [
    ['ns', 'samples'],
    ['dn', 'dataNoise'],
    ['dseed', 'dataSeed'],
    ['iseed', 'initSeed'],
  ];
  for (const [k, key] of numeric) {
    const v = q.get(k);
    if (v !== null) params[key] = num(v, `surface.params.${key}`);
  }
  const surface: Record<string, unknown> = { name: 'mlp', params };
  const l2 = q.get('l2');
  if (l2 !== null) surface.l2 = num(l2, 'surface.l2');
  const d = q.get('d');
  if (d !== null) {
    if (!codec) throw new ConfigError('d', 'own data in a link needs the share codec (src/share/network-link.ts)');
    surface.data = codec.decodeData(d);
  }
  const raw: Record<string, unknown> = { surface };
  const o = q.get('o');
  raw.optimizers = (o ?? 'adam').split(';').filter((s) => s !== '').map((entry, i) => {
    const [name, ...pairs] = entry.split(',');
    const out: Record<string, unknown> = { name };
    const value = (v: string, field: string): unknown => {
      if (v === 'true' || v === 'false') return v === 'true';
      if (v.includes(':')) return v.split(':').map((x) => num(x, field));
      return num(v, field);
    };
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      const key = eq >= 0 ? pair.slice(0, eq) : pair;
      const v = eq >= 0 ? pair.slice(eq + 1) : '';
      const field = `optimizers[${i}].${key}`;
      if (codec?.isRecipeKey(key)) {
        codec.parseRecipePart(key, v, out); // validated by normalizeMlpConfig
      } else if (key === BASE) {
        out.base = { ...(isEntry(out.base) ? out.base : {}), name: v };
      } else if (key.startsWith(`${BASE}.`)) {
        const sub = key.slice(BASE.length + 1);
        out.base = { ...(isEntry(out.base) ? out.base : {}), [sub]: value(v, `optimizers[${i}].${BASE}.${sub}`) };
      } else {
        out[key] = value(v, field);
      }
    }
    return out;
  });
  for (const [k, key] of [
    ['b', 'batchSize'],
    ['n', 'steps'],
    ['seed', 'seed'],
    ['stride', 'stride'],
  ] as const) {
    const v = q.get(k);
    if (v !== null) raw[key] = num(v, key);
  }
  return raw;
}

export function networkViewFromLink(link: string): NetworkViewState {
  const q = queryOf(link);
  const k = q.get('k');
  const sel = q.get('sel');
  return {
    step: k !== null && Number.isInteger(Number(k)) && Number(k) >= 0 ? Number(k) : null,
    selected: sel !== null && Number.isInteger(Number(sel)) && Number(sel) >= 0 ? Number(sel) : 0,
  };
}

function fmt(v: HyperValue | string | undefined): string {
  if (Array.isArray(v)) return `${v[0]}:${v[1]}`;
  return String(v);
}

/** SAM's base optimizer entry in a link: `base=momentum,base.lr=0.1`. */
const BASE = 'base';

function isEntry(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The `key=value` parts of an optimizer's hyperparameters that differ from its defaults (`prefix.` for a nested entry). */
function hyperParts(o: OptimizerConfig, prefix: string): string[] {
  const def = optimizers[o.name];
  const parts: string[] = [];
  for (const spec of def.hyper) {
    const v = o[spec.key];
    if (spec.kind === 'optimizer') {
      if (!isEntry(v)) continue;
      const entry = v as OptimizerConfig;
      parts.push(`${prefix}${spec.key}=${entry.name}`, ...hyperParts(entry, `${prefix}${spec.key}.`));
    } else if (fmt(v) !== fmt(spec.default)) {
      parts.push(`${prefix}${spec.key}=${fmt(v)}`);
    }
  }
  return parts;
}

/** An optimizer as `adam,lr=0.01`: only the hyperparameters that differ from the defaults, then its recipe. */
function racer(o: OptimizerConfig, recipe: Recipe | undefined, codec: NetworkLinkCodec | undefined): string {
  return [o.name, ...hyperParts(o, ''), ...(codec ? codec.formatRecipe(recipe) : [])].join(',');
}

/** The query string of a normalised config and the view's state (without the leading `?`). */
export function networkLink(config: MlpRunConfig, view: NetworkViewState, lang?: string, codec?: NetworkLinkCodec): string {
  const p = config.surface.params;
  const q = new URLSearchParams();
  q.set('view', 'network');
  q.set('ds', p.dataset);
  q.set('h', p.hidden.join(','));
  q.set('act', p.activation);
  q.set('ns', String(p.samples));
  q.set('dn', String(p.dataNoise));
  q.set('dseed', String(p.dataSeed));
  q.set('iseed', String(p.initSeed));
  if (config.surface.l2 !== 0) q.set('l2', String(config.surface.l2));
  if (config.surface.data && codec) q.set('d', codec.encodeData(config.surface.data));
  q.set('o', config.optimizers.map((o, i) => racer(o, config.recipes?.[i], codec)).join(';'));
  q.set('b', String(config.batchSize));
  q.set('n', String(config.steps));
  q.set('seed', String(config.seed));
  if (config.stride !== 1) q.set('stride', String(config.stride));
  if (view.step !== null) q.set('k', String(view.step));
  if (view.selected !== 0) q.set('sel', String(view.selected));
  if (lang) q.set('lang', lang);
  return q.toString().replace(/%2C/g, ',').replace(/%3B/g, ';').replace(/%3A/g, ':').replace(/%7E/g, '~').replace(/%3D/g, '=').replace(/%2F/g, '/');
}
