/**
 * Hyperparameter validation and normalisation, driven by each optimizer's specs — the same
 * specs that build the sliders and the share-link codec. Messages name the field, as torch's
 * constructors do ("Invalid learning rate: -1").
 */
import { ConfigError, show } from './errors';
import type { CheckFault, Hyper, HyperSpec, NumberRange, OptimizerConfig, OptimizerDef } from './types';
import type { OptimizerName } from './index';

type Range = Pick<NumberRange, 'min' | 'max' | 'minExclusive' | 'maxExclusive' | 'integer'>;

export function rangeText(r: Range): string {
  const lo = r.minExclusive ? `> ${r.min}` : `≥ ${r.min}`;
  const hi = r.maxExclusive ? `< ${r.max}` : `≤ ${r.max}`;
  return `${lo} and ${hi}`;
}

export function checkNumber(v: unknown, r: Range, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ConfigError(field, `must be a finite number (got ${show(v)})`);
  }
  const below = r.minExclusive ? v <= r.min : v < r.min;
  const above = r.maxExclusive ? v >= r.max : v > r.max;
  if (below || above) throw new ConfigError(field, `must be ${rangeText(r)} (got ${v})`);
  if (r.integer && !Number.isInteger(v)) throw new ConfigError(field, `must be a whole number (got ${v})`);
  return v;
}

/** A check's fault in English (the CLI's words), from the optimizer's own `words`. */
export function checkText(def: Pick<OptimizerDef, 'words'>, fault: CheckFault): string {
  const s = def.words?.[`check.${fault.code}`] ?? fault.code;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in fault.values ? String(fault.values[k]) : m));
}

type Registry = Record<OptimizerName, OptimizerDef<Hyper, OptimizerName>>;

export function checkHyper(
  spec: HyperSpec,
  v: unknown,
  field: string,
  def: Pick<OptimizerDef, 'words'> = {},
  registry?: Registry,
): Hyper[string] {
  switch (spec.kind) {
    case 'choice':
      if (typeof v !== 'string' || !spec.options.includes(v)) {
        throw new ConfigError(field, `must be one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')} (got ${show(v)})`);
      }
      return v;
    case 'optimizer': {
      if (!registry) throw new Error(`${field}: an optimizer entry needs the registry to be checked`);
      const name = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>).name : undefined;
      if (typeof name === 'string' && spec.exclude.includes(name)) {
        throw new ConfigError(`${field}.name`, `cannot be ${name}: it must be one of ${Object.keys(registry).filter((k) => !spec.exclude.includes(k)).join(', ')}`);
      }
      return normalizeOptimizer(v, field, registry);
    }
    case 'number':
      return checkNumber(v, spec, field);
    case 'boolean':
      if (typeof v !== 'boolean') throw new ConfigError(field, `must be true or false (got ${show(v)})`);
      return v;
    case 'pair': {
      if (!Array.isArray(v) || v.length !== 2) {
        throw new ConfigError(field, `must be a pair [${spec.items[0].label}, ${spec.items[1].label}] (got ${show(v)})`);
      }
      const pair: [number, number] = [
        checkNumber(v[0], spec.items[0], `${field}[0]`),
        checkNumber(v[1], spec.items[1], `${field}[1]`),
      ];
      const err = spec.check?.(pair);
      if (err) throw new ConfigError(field, checkText(def, err));
      return pair;
    }
  }
}

/**
 * Validates a raw optimizer config against the registry and fills in defaults.
 * Throws ConfigError naming the first bad field (prefixed with `path`, e.g. `optimizers[0]`).
 */
export function normalizeOptimizer(raw: unknown, path: string, registry: Registry): OptimizerConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(path, `must be an object like {"name": "adam", "lr": 0.01} (got ${show(raw)})`);
  }
  const r = raw as Record<string, unknown>;
  const name = r.name;
  if (typeof name !== 'string' || !Object.hasOwn(registry, name)) {
    throw new ConfigError(
      `${path}.name`,
      `unknown optimizer ${show(name)}; expected one of ${Object.keys(registry).join(', ')}`,
    );
  }
  const def = registry[name as OptimizerName];
  const out: OptimizerConfig = { name: def.name };
  const known = new Set(def.hyper.map((s) => s.key));
  const fwd = def.forward ? def.hyper.find((s) => s.key === def.forward) : undefined;
  if (fwd && fwd.kind === 'optimizer') {
    // Keys of its own go to the entry (SAM's lr, momentum, … to its base), as torch kwargs do.
    const extra = Object.keys(r).filter((k) => k !== 'name' && !known.has(k));
    if (extra.length) {
      const given = r[fwd.key];
      const entry = given === undefined ? structuredClone(fwd.default) : given;
      if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
        // A given entry's own values win; over the default entry the forwarded keys do.
        const forwarded = Object.fromEntries(extra.map((k) => [k, r[k]]));
        const moved: Record<string, unknown> =
          given === undefined ? { ...(entry as Record<string, unknown>), ...forwarded } : { ...forwarded, ...(entry as Record<string, unknown>) };
        return normalizeOptimizer({ ...Object.fromEntries(Object.entries(r).filter(([k]) => !extra.includes(k))), [fwd.key]: moved }, path, registry);
      }
    }
  }
  for (const key of Object.keys(r)) {
    if (key === 'name' || known.has(key)) continue;
    const foreign = def.foreignKeys?.[key];
    if (foreign) {
      const fault = foreign(r[key]);
      if (fault === null) continue; // torch accepts it (e.g. Nesterov's explicit zero dampening)
      throw new ConfigError(`${path}.${key}`, `${checkText(def, fault)} (got ${show(r[key])})`);
    }
    throw new ConfigError(
      `${path}.${key}`,
      `unknown hyperparameter for ${def.name}; expected one of ${[...known].join(', ')}`,
    );
  }
  for (const spec of def.hyper) {
    const v = r[spec.key];
    // An optimizer entry's default is filled in like any entry (SAM's base gets all its own defaults).
    const given = v === undefined && spec.kind === 'optimizer' ? cloneDefault(spec.default) : v;
    out[spec.key] = given === undefined ? cloneDefault(spec.default) : checkHyper(spec, given, `${path}.${spec.key}`, def, registry);
  }
  if (def.derivedDefaults) {
    const h: Hyper = {};
    for (const spec of def.hyper) h[spec.key] = out[spec.key] as Hyper[string];
    for (const [key, v] of Object.entries(def.derivedDefaults(h))) if (r[key] === undefined && v !== undefined) out[key] = v;
  }
  if (def.check) {
    const h: Hyper = {};
    for (const spec of def.hyper) h[spec.key] = out[spec.key] as Hyper[string];
    const err = def.check(h);
    if (err) throw new ConfigError(path, checkText(def, err));
  }
  return out;
}

function cloneDefault<T extends Hyper[string]>(v: T): T {
  if (Array.isArray(v)) return [v[0], v[1]] as T;
  if (typeof v === 'object' && v !== null) return structuredClone(v);
  return v;
}
