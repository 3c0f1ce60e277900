/**
 * A racer's training recipe (CONTRACT §4) inside its share-link entry, after its hyperparameters:
 *
 *   b=8            its own batch size
 *   cn=1 / cv=0.5  clipping by norm / by value
 *   ema=0.99       the EMA decay
 *   sch=…          the schedule, positional, trailing defaults left out:
 *                    step:stepSize[:gamma]          ms:50/120[:gamma]        exp:gamma
 *                    cos:tMax[:etaMin]              lin[:start[:end[:totalIters]]]
 *                    1cyc:maxLr:totalSteps[:pctStart:anneal:div:finalDiv:threePhase:cycleMomentum:base:max]
 *                    sequential: children and milestones alternate, joined by '~':
 *                    lin:0.01:1:20~20~cos:180  (linear until step 20, then cosine)
 *
 * None of these keys is a hyperparameter of any optimizer, and no value holds ',', ';', '&' or '='.
 */
import type { Recipe } from '../engine/recipe';
import type { InnerSchedule, OneCycleSchedule, ScheduleConfig } from '../engine/schedule';

export const RECIPE_LINK_KEYS = { batchSize: 'b', clipNorm: 'cn', clipValue: 'cv', ema: 'ema', schedule: 'sch' } as const;
const RECIPE_KEYS: readonly string[] = Object.values(RECIPE_LINK_KEYS);

export function isRecipeLinkKey(k: string): boolean {
  return RECIPE_KEYS.includes(k);
}

const SHORT: Record<ScheduleConfig['name'], string> = {
  step: 'step',
  multistep: 'ms',
  exponential: 'exp',
  cosine: 'cos',
  linear: 'lin',
  onecycle: '1cyc',
  sequential: 'seq',
};
const LONG = Object.fromEntries(Object.entries(SHORT).map(([k, v]) => [v, k])) as Record<string, ScheduleConfig['name']>;

function num(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x).replace('e+', 'e');
}

/** Positional fields with their torch defaults (undefined: required). */
const ONECYCLE_TAIL: { key: keyof OneCycleSchedule; def: number | string | boolean }[] = [
  { key: 'pctStart', def: 0.3 },
  { key: 'annealStrategy', def: 'cos' },
  { key: 'divFactor', def: 25 },
  { key: 'finalDivFactor', def: 1e4 },
  { key: 'threePhase', def: false },
  { key: 'cycleMomentum', def: true },
  { key: 'baseMomentum', def: 0.85 },
  { key: 'maxMomentum', def: 0.95 },
];

function value(v: number | string | boolean): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return v === 'linear' ? 'lin' : v;
  return num(v);
}

/** Drops trailing entries that equal their defaults. */
function trim(parts: string[], defaults: (string | undefined)[]): string[] {
  let end = parts.length;
  while (end > 0 && defaults[end - 1] !== undefined && parts[end - 1] === defaults[end - 1]) end--;
  return parts.slice(0, end);
}

function formatInner(s: InnerSchedule | OneCycleSchedule): string {
  let parts: string[];
  switch (s.name) {
    case 'step':
      parts = trim([num(s.stepSize), num(s.gamma)], [undefined, '0.1']);
      break;
    case 'multistep':
      parts = trim([s.milestones.map(num).join('/'), num(s.gamma)], [undefined, '0.1']);
      break;
    case 'exponential':
      parts = [num(s.gamma)];
      break;
    case 'cosine':
      parts = trim([num(s.tMax), num(s.etaMin)], [undefined, '0']);
      break;
    case 'linear':
      parts = trim([num(s.startFactor), num(s.endFactor), num(s.totalIters)], [num(1 / 3), '1', '5']);
      break;
    case 'onecycle':
      parts = trim(
        [num(s.maxLr), num(s.totalSteps), ...ONECYCLE_TAIL.map((f) => value(s[f.key]))],
        [undefined, undefined, ...ONECYCLE_TAIL.map((f) => value(f.def))],
      );
      break;
  }
  return [SHORT[s.name], ...parts].join(':');
}

export function formatSchedule(s: ScheduleConfig): string {
  if (s.name !== 'sequential') return formatInner(s);
  const out: string[] = [];
  s.schedulers.forEach((c, i) => {
    if (i > 0) out.push(num(s.milestones[i - 1]));
    out.push(formatInner(c));
  });
  // A single child: mark it as sequential all the same.
  return s.schedulers.length === 1 ? `seq~${out[0]}` : out.join('~');
}

/** The link parts of a recipe (after the hyperparameters). */
export function formatRecipe(r: Recipe | undefined): string[] {
  if (r === undefined) return [];
  const K = RECIPE_LINK_KEYS;
  const out: string[] = [];
  if (r.batchSize !== undefined) out.push(`${K.batchSize}=${num(r.batchSize)}`);
  if (r.schedule !== undefined) out.push(`${K.schedule}=${formatSchedule(r.schedule)}`);
  if (r.clip !== undefined) out.push('norm' in r.clip ? `${K.clipNorm}=${num(r.clip.norm)}` : `${K.clipValue}=${num(r.clip.value)}`);
  if (r.ema !== undefined) out.push(`${K.ema}=${num(r.ema)}`);
  return out;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A number, or the text (which validation then rejects, quoting it). */
function parseNum(s: string): number | string {
  return NUMBER_RE.test(s) ? Number(s) : s;
}

function parseInner(text: string): Record<string, unknown> {
  const [short, ...p] = text.split(':');
  const name = LONG[short] ?? short;
  const at = (i: number) => (p[i] === undefined || p[i] === '' ? undefined : parseNum(p[i]));
  switch (name) {
    case 'step':
      return { name, stepSize: at(0), gamma: at(1) };
    case 'multistep':
      return { name, milestones: p[0] === undefined ? undefined : p[0] === '' ? [] : p[0].split('/').map(parseNum), gamma: at(1) };
    case 'exponential':
      return { name, gamma: at(0) };
    case 'cosine':
      return { name, tMax: at(0), etaMin: at(1) };
    case 'linear':
      return { name, startFactor: at(0), endFactor: at(1), totalIters: at(2) };
    case 'onecycle': {
      const out: Record<string, unknown> = { name, maxLr: at(0), totalSteps: at(1) };
      ONECYCLE_TAIL.forEach((f, i) => {
        const s = p[i + 2];
        if (s === undefined || s === '') return;
        if (typeof f.def === 'boolean') out[f.key] = s === '1' ? true : s === '0' ? false : s;
        else if (typeof f.def === 'string') out[f.key] = s === 'lin' ? 'linear' : s;
        else out[f.key] = parseNum(s);
      });
      return out;
    }
    default:
      return { name };
  }
}

/** The raw schedule of a link's `sch` value (validated afterwards by normalizeRecipe). */
export function parseSchedule(text: string): Record<string, unknown> {
  const pieces = text.split('~');
  if (pieces[0] === 'seq') pieces.shift();
  else if (pieces.length === 1) return stripUndefined(parseInner(text));
  const schedulers: Record<string, unknown>[] = [];
  const milestones: (number | string)[] = [];
  pieces.forEach((piece, i) => (i % 2 === 0 ? schedulers.push(stripUndefined(parseInner(piece))) : milestones.push(parseNum(piece))));
  return { name: 'sequential', schedulers, milestones };
}

function stripUndefined(r: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
}

/** Puts one recipe part of a link entry into the raw racer entry. */
export function parseRecipePart(key: string, text: string, raw: Record<string, unknown>): void {
  const K = RECIPE_LINK_KEYS;
  if (key === K.batchSize) raw.batchSize = parseNum(text);
  else if (key === K.ema) raw.ema = parseNum(text);
  else if (key === K.clipNorm) raw.clip = { norm: parseNum(text) };
  else if (key === K.clipValue) raw.clip = { value: parseNum(text) };
  else if (key === K.schedule) raw.schedule = parseSchedule(text);
}
