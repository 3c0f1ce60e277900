/**
 * A data set of one's own from CSV text (issue 16): read by papaparse (RFC 4180 quoting, the
 * delimiter guessed among , ; tab |), its columns picked from the header, and checked cell by
 * cell for the surface it is for. Every problem is a CsvError naming the row (the file's row,
 * 1-based, the header being row 1) and the column, in words a user can act on.
 */
import Papa from 'papaparse';
import { ConfigError } from '../optim/errors';
import { USER_DATA_LIMITS, normalizeUserData, userDataColumns, type UserData } from '../engine/userdata';

/** Text longer than this is refused before it is parsed (10,000 rows of three long numbers fit easily). */
export const MAX_CSV_CHARS = 4_000_000;

export class CsvError extends Error {
  constructor(
    message: string,
    /** The file's row (1-based, blank rows counted), or null for the file as a whole. */
    readonly row: number | null = null,
    /** The column's name (its header, or "column 2"), or null. */
    readonly column: string | null = null,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvTable {
  /** The column names: the header's, or "column 1", "column 2", … when the first row is data. */
  columns: string[];
  hasHeader: boolean;
  /** The data rows' cells (trimmed), blank rows left out. */
  rows: string[][];
  /** The file row (1-based) of each data row, for messages. */
  rowNumbers: number[];
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell as a number, or null when it is not a plain decimal number. */
export function cellNumber(cell: string): number | null {
  const s = cell.trim();
  return NUMBER_RE.test(s) ? Number(s) : null;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function quote(cell: string): string {
  const s = cell.length > 24 ? `${cell.slice(0, 23)}…` : cell;
  return JSON.stringify(s);
}

/**
 * Reads CSV text into a table: one header row (when the first row has a cell that is not a
 * number) and at most 10,000 data rows, every row with as many cells as the first.
 */
export function readCsv(text: string): CsvTable {
  if (typeof text !== 'string' || text.trim() === '') throw new CsvError('the file is empty: it has no rows');
  if (text.length > MAX_CSV_CHARS) {
    throw new CsvError(`the file has ${fmt(text.length)} characters; at most ${fmt(MAX_CSV_CHARS)} are read (10,000 rows fit well within that)`);
  }
  const parsed = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  // A file of one column has no delimiter to find: that is not an error of the file.
  const bad = parsed.errors.find((e) => e.code !== 'UndetectableDelimiter');
  if (bad) {
    const row = typeof bad.row === 'number' ? bad.row + 1 : null;
    const what =
      bad.code === 'MissingQuotes'
        ? 'a quoted cell is not closed (a " without its closing ")'
        : bad.code === 'InvalidQuotes'
          ? 'a quote " stands inside a cell that is not quoted'
          : bad.message;
    throw new CsvError(row === null ? `malformed CSV: ${what}` : `row ${row}: malformed CSV: ${what}`, row);
  }
  const records = parsed.data;
  const nonBlank: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!(r.length === 1 && r[0].trim() === '') && r.length > 0) nonBlank.push(i);
  }
  if (nonBlank.length === 0) throw new CsvError('the file is empty: it has no rows');
  const first = records[nonBlank[0]].map((c) => c.trim());
  const hasHeader = first.some((c) => cellNumber(c) === null);
  const width = first.length;
  const columns = hasHeader ? first.map((c, i) => c || `column ${i + 1}`) : first.map((_, i) => `column ${i + 1}`);
  if (hasHeader) {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) throw new CsvError(`row ${nonBlank[0] + 1}: the header names the column ${quote(c)} twice`, nonBlank[0] + 1, c);
      seen.add(c);
    }
  }
  const dataIdx = hasHeader ? nonBlank.slice(1) : nonBlank;
  if (dataIdx.length === 0) throw new CsvError('the file has a header but no data rows');
  if (dataIdx.length > USER_DATA_LIMITS.maxRows) {
    throw new CsvError(`the file has ${fmt(dataIdx.length)} data rows; at most ${fmt(USER_DATA_LIMITS.maxRows)} can be raced`);
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const i of dataIdx) {
    const r = records[i];
    if (r.length !== width) {
      const against = hasHeader ? `the header has ${width}` : `the first row has ${width}`;
      throw new CsvError(`row ${i + 1} has ${r.length} ${r.length === 1 ? 'cell' : 'cells'}; ${against}`, i + 1);
    }
    rows.push(r.map((c) => c.trim()));
    rowNumbers.push(i + 1);
  }
  return { columns, hasHeader, rows, rowNumbers };
}

/** The names each data column is looked for under in a header, in order of preference. */
const ALIASES: Record<string, readonly string[]> = {
  x: ['x', 'input', 'feature'],
  y: ['y', 'target', 'output'],
  a: ['a', 'x1', 'feature1', 'x'],
  b: ['b', 'x2', 'feature2', 'y'],
  t: ['t', 'label', 'class', 'target'],
};

/**
 * The table's column index for each of the surface's data columns: one named as it (or an alias)
 * when the header has one, else the first unused columns in order. Null when the table has too
 * few columns.
 */
export function guessColumns(table: CsvTable, surface: string): number[] | null {
  const wanted = userDataColumns(surface);
  if (!wanted || table.columns.length < wanted.length) return null;
  const lower = table.columns.map((c) => c.toLowerCase());
  const picked: number[] = [];
  for (const w of wanted) {
    let at = -1;
    if (table.hasHeader) {
      for (const alias of ALIASES[w] ?? [w]) {
        at = lower.findIndex((c, i) => c === alias && !picked.includes(i));
        if (at >= 0) break;
      }
    }
    picked.push(at);
  }
  for (let k = 0; k < picked.length; k++) {
    if (picked[k] < 0) picked[k] = table.columns.findIndex((_, i) => !picked.includes(i));
  }
  return picked;
}

/**
 * The surface's data from the picked columns (`pick[k]` is the table column of the surface's k-th
 * data column: x, y for linreg; a, b, t for logreg). Throws a CsvError naming row and column.
 */
export function tableToData(table: CsvTable, surface: string, pick: readonly number[]): UserData {
  const wanted = userDataColumns(surface);
  if (!wanted) throw new CsvError(`${surface} takes no data of its own`);
  if (pick.length !== wanted.length) throw new CsvError(`pick ${wanted.length} columns (${wanted.join(', ')})`);
  for (let k = 0; k < pick.length; k++) {
    const p = pick[k];
    if (!Number.isInteger(p) || p < 0 || p >= table.columns.length) throw new CsvError(`no column is picked for ${wanted[k]}`, null, wanted[k]);
    const twice = pick.indexOf(p);
    if (twice !== k) throw new CsvError(`the column ${quote(table.columns[p])} is picked for both ${wanted[twice]} and ${wanted[k]}`, null, table.columns[p]);
  }
  if (table.rows.length < USER_DATA_LIMITS.minRows) {
    throw new CsvError(`the file has ${table.rows.length} data row; at least ${USER_DATA_LIMITS.minRows} are needed`);
  }
  const max = USER_DATA_LIMITS.maxAbs;
  const out: Record<string, number[]> = {};
  for (let k = 0; k < wanted.length; k++) {
    const col = pick[k];
    const name = table.columns[col];
    const values = new Array<number>(table.rows.length);
    for (let i = 0; i < table.rows.length; i++) {
      const cell = table.rows[i][col];
      const row = table.rowNumbers[i];
      const where = `row ${row}, column ${quote(name)}`;
      if (cell === '') throw new CsvError(`${where}: the cell is empty; every cell of a picked column needs a number`, row, name);
      const v = cellNumber(cell);
      if (v === null) throw new CsvError(`${where}: ${quote(cell)} is not a number`, row, name);
      if (!(Math.abs(v) <= max)) throw new CsvError(`${where}: ${cell} is beyond ±${fmt(max)}`, row, name);
      if (wanted[k] === 't' && v !== 0 && v !== 1) throw new CsvError(`${where}: a label must be 0 or 1 (got ${cell})`, row, name);
      values[i] = v;
    }
    out[wanted[k]] = values;
  }
  try {
    return normalizeUserData(surface, out);
  } catch (e) {
    if (e instanceof ConfigError) {
      const c = e.field.split('.').pop() ?? '';
      const k = wanted.indexOf(c);
      const name = k >= 0 ? table.columns[pick[k]] : null;
      throw new CsvError(name ? `column ${quote(name)}: ${e.problem}` : e.problem, null, name);
    }
    throw e;
  }
}

/** Reads CSV text and picks its columns (guessed from the header unless `pick` is given). */
export function csvToData(text: string, surface: string, pick?: readonly number[]): { table: CsvTable; pick: number[]; data: UserData } {
  const table = readCsv(text);
  const wanted = userDataColumns(surface) ?? [];
  const p = pick ? [...pick] : guessColumns(table, surface);
  if (!p) {
    throw new CsvError(`the file has ${table.columns.length} ${table.columns.length === 1 ? 'column' : 'columns'}; ${surface} needs ${wanted.length} (${wanted.join(', ')})`);
  }
  return { table, pick: p, data: tableToData(table, surface, p) };
}

/** A data set as CSV text with a header (the inverse of csvToData with the guessed columns). */
export function dataToCsv(data: UserData): string {
  const cols: [string, number[]][] = 'x' in data ? [['x', data.x], ['y', data.y]] : [['a', data.a], ['b', data.b], ['t', data.t]];
  const lines = [cols.map((c) => c[0]).join(',')];
  const n = cols[0][1].length;
  for (let i = 0; i < n; i++) lines.push(cols.map((c) => (Object.is(c[1][i], -0) ? '-0' : String(c[1][i]))).join(','));
  return lines.join('\n') + '\n';
}
