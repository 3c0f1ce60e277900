/**
 * A data set of one's own in a share link (issue 16): the `d` field.
 *
 *   d=1.2,3,.5~2.1,-.25,4           linreg: the x column, then the y column
 *   d=.5,1,2~-1,0,3~5               logreg: a, b, then the labels t as hex digits, 4 rows each
 *   d=file:2500                     too large for a link: the scene must be saved as a file
 *
 * Numbers are the shortest text that reads back as the same double, with "0." shortened to "." —
 * so a link reproduces the race bit for bit. A set whose text would pass MAX_DATA_CHARS is not
 * put in the link; `file:n` says that the scene had n rows of its own, and reading it gives a
 * notice that names the Save scene file as the way to share it. A bad `d` is a notice too (the
 * shipped data set is used), never a crash.
 */
import { ConfigError } from '../engine/config';
import { normalizeUserData, userDataColumns, userDataRows, type UserData } from '../engine/userdata';
import { show } from '../optim/errors';

/** The most characters the data may take in a link (a link is read up to 4,000). */
export const MAX_DATA_CHARS = 2400;

const NUMBER_RE = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/;

function compact(v: number): string {
  if (Object.is(v, -0)) return '-0';
  const s = String(v).replace('e+', 'e');
  if (s.startsWith('0.')) return s.slice(1);
  if (s.startsWith('-0.')) return `-${s.slice(2)}`;
  return s;
}

function bitsToHex(t: readonly number[]): string {
  let out = '';
  for (let i = 0; i < t.length; i += 4) {
    let d = 0;
    for (let k = 0; k < 4 && i + k < t.length; k++) if (t[i + k] === 1) d |= 1 << k;
    out += d.toString(16);
  }
  return out;
}

/** The `d` text of a data set, or `file:n` when it is too large for a link. */
export function encodeData(data: UserData): string {
  const n = userDataRows(data);
  // Each row takes at least 2 characters per number column: no need to try a hopeless set.
  if (n * 4 > MAX_DATA_CHARS) return `file:${n}`;
  const text = 'x' in data ? `${data.x.map(compact).join(',')}~${data.y.map(compact).join(',')}` : `${data.a.map(compact).join(',')}~${data.b.map(compact).join(',')}~${bitsToHex(data.t)}`;
  return text.length <= MAX_DATA_CHARS ? text : `file:${n}`;
}

/** Does a data set fit in a link? */
export function dataFitsLink(data: UserData): boolean {
  return !encodeData(data).startsWith('file:');
}

function parseColumn(raw: string, field: string): number[] {
  return raw.split(',').map((s, i) => {
    if (!NUMBER_RE.test(s)) throw new ConfigError(`${field}[${i}]`, `must be a number (got ${show(s)})`);
    return Number(s);
  });
}

/**
 * The data set of a `d` text for surface `name` (checked as a config's); throws a ConfigError
 * naming the part (`d.x[3]`) or, for `file:n`, saying that the scene must be opened from its file.
 */
export function decodeData(raw: string, name: string): UserData {
  const columns = userDataColumns(name);
  if (!columns) throw new ConfigError('d', `${name} takes no data of its own`);
  const file = /^file:(\d{1,6})$/.exec(raw);
  if (file) {
    throw new ConfigError(
      'd',
      `this scene races its own data set of ${Number(file[1]).toLocaleString('en-US')} rows, too large for a link: open the scene file it was saved as (Save scene)`,
    );
  }
  const parts = raw.split('~');
  if (parts.length !== columns.length) {
    throw new ConfigError('d', `${name}'s data needs ${columns.length} columns separated by ~ (${columns.join('~')}), got ${parts.length}`);
  }
  const out: Record<string, number[]> = {};
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k];
    if (c === 't') {
      const n = out.a.length;
      const hex = parts[k];
      if (!/^[0-9a-f]*$/.test(hex) || hex.length !== Math.ceil(n / 4)) {
        throw new ConfigError('d.t', `the labels must be ${Math.ceil(n / 4)} hex digits for ${n} rows (got ${show(hex.slice(0, 20))})`);
      }
      const t = new Array<number>(n);
      for (let i = 0; i < n; i++) t[i] = (parseInt(hex[i >> 2], 16) >> (i & 3)) & 1;
      // Bits beyond the last row must be 0: otherwise the text was not written by encodeData.
      if (n % 4 !== 0 && parseInt(hex[hex.length - 1], 16) >> n % 4 !== 0) throw new ConfigError('d.t', 'has bits beyond the last row');
      out.t = t;
    } else {
      out[c] = parseColumn(parts[k], `d.${c}`);
    }
  }
  return normalizeUserData(name, out, 'd');
}
