/**
 * Your own data for linreg and logreg (issue 16): paste CSV or open a file (up to 10,000 rows),
 * pick the columns from its header, race it. Every problem is named by row and column (see
 * src/data/csv.ts) in an alert beside the box; nothing is raced until the data is good.
 */
import { useId, useMemo, useState } from 'react';
import { useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { CsvError, dataToCsv, guessColumns, readCsv, tableToData, type CsvTable } from '../../data/csv';
import { userDataColumns, userDataRows, type UserData } from '../../engine/userdata';
import { dataFitsLink } from '../../share/data-field';
import { setUserData, useApp } from '../../state/store';

/** Files larger than this are not read (10,000 rows of CSV are far smaller). */
const MAX_FILE_BYTES = 8_000_000;

type Parsed = { table: CsvTable | null; data: UserData | null; error: string | null };

/** A problem that a caller's own check finds in good columns: at a data row (0-based) of a column (an index of the surface's columns), or of the whole set. */
export interface DataProblem {
  column: number | null;
  row: number | null;
  problem: string;
}

function parse(text: string, surface: string, pick: number[] | null, check?: (data: UserData) => DataProblem | null): Parsed & { pick: number[] | null } {
  if (text.trim() === '') return { table: null, data: null, error: null, pick: null };
  let table: CsvTable;
  try {
    table = readCsv(text);
  } catch (e) {
    return { table: null, data: null, error: e instanceof CsvError ? e.message : String(e), pick: null };
  }
  const wanted = userDataColumns(surface) ?? [];
  const p = pick && pick.length === wanted.length && pick.every((i) => i < table.columns.length) ? pick : guessColumns(table, surface);
  if (!p) {
    return { table, data: null, error: `the data has ${table.columns.length} column(s); ${surface} needs ${wanted.length} (${wanted.join(', ')})`, pick: null };
  }
  try {
    const data = tableToData(table, surface, p);
    const bad = check?.(data);
    if (bad) {
      const name = bad.column !== null ? JSON.stringify(table.columns[p[bad.column]]) : null;
      const where = [bad.row !== null ? `row ${table.rowNumbers[bad.row]}` : null, name ? `column ${name}` : null].filter(Boolean).join(', ');
      return { table, data: null, error: where ? `${where}: ${bad.problem}` : bad.problem, pick: p };
    }
    return { table, data, error: null, pick: p };
  } catch (e) {
    return { table, data: null, error: e instanceof CsvError ? e.message : String(e), pick: p };
  }
}

/** The data being raced as a CSV file (x,y or a,b,t with a header), which this box reads back. */
function downloadCsv(data: UserData, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([dataToCsv(data)], { type: 'text/csv;charset=utf-8' }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function DataImport() {
  const surface = useApp((s) => s.scene.surface);
  const current = useApp((s) => s.scene.data);
  return <DataImportBox surface={surface} current={current} onUse={setUserData} onClear={() => setUserData(null)} />;
}

export interface DataImportBoxProps {
  /** Whose columns are read: linreg's x, y or logreg's a, b, t. */
  surface: string;
  /** The data raced now, if one's own. */
  current: UserData | undefined;
  onUse: (data: UserData) => void;
  onClear: () => void;
  /** A further check of good columns (the network's: both classes present…), named by row and column. */
  check?: (data: UserData) => DataProblem | null;
  /** What to say of the share link and the data raced now (default: the 2-D page's link). */
  linkNote?: (data: UserData) => string | null;
  /** The name of the data's CSV download (default: descent-<surface>-data.csv). */
  fileName?: string;
}

/** The box itself, for any owner of the data (the 2-D page's store, the Network view). */
export function DataImportBox({ surface, current, onUse, onClear, check, linkNote, fileName }: DataImportBoxProps) {
  const t = useT();
  const id = useId();
  const wanted = userDataColumns(surface);
  const [text, setText] = useState('');
  const [pick, setPick] = useState<number[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const parsed = useMemo(() => (wanted ? parse(text, surface, pick, check) : null), [text, surface, pick, wanted, check]);
  if (!wanted || !parsed) return null;

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('userdata.fileTooLarge', { size: file.size.toLocaleString('en-US') }));
      return;
    }
    setPick(null);
    setText(await file.text());
  };

  const error = fileError ?? parsed.error;
  const rows = parsed.data ? userDataRows(parsed.data) : 0;
  const used = current ? userDataRows(current) : 0;

  return (
    <details className="data-import" open={current !== undefined || undefined}>
      <summary>{t('userdata.title')}</summary>
      <p className="hint">{t(surface === 'logreg' ? 'userdata.hint.logreg' : 'userdata.hint.linreg')}</p>
      <label htmlFor={`${id}-csv`} className="slider-label">
        {t('userdata.paste')}
      </label>
      <textarea
        id={`${id}-csv`}
        className="data-import-text"
        rows={5}
        spellCheck={false}
        placeholder={surface === 'logreg' ? 'a,b,t\n0.5,1.2,1\n-0.3,0.8,0' : 'x,y\n1.2,3.4\n2.0,5.1'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          setFileError(null);
          setText(e.currentTarget.value);
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-file`} className="slider-label">
          {t('userdata.file')}
        </label>
        <input id={`${id}-file`} type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={(e) => void openFile(e.currentTarget.files?.[0])} />
      </div>
      {parsed.table && parsed.pick ? (
        <div className="field-row data-import-columns">
          {wanted.map((w, k) => (
            <div className="field" key={w}>
              <label htmlFor={`${id}-col-${w}`} className="slider-label">
                {t('userdata.column', { name: w })}
              </label>
              <select
                id={`${id}-col-${w}`}
                value={parsed.pick?.[k] ?? 0}
                onChange={(e) => {
                  const next = [...(parsed.pick ?? [])];
                  next[k] = Number(e.currentTarget.value);
                  setPick(next);
                }}
              >
                {parsed.table?.columns.map((c, i) => (
                  <option key={i} value={i}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : parsed.data ? (
        <p className="hint" role="status">
          {t('userdata.ready', { n: rows.toLocaleString('en-US') })}
        </p>
      ) : null}
      <div className="data-import-actions">
        <button type="button" className="btn btn-primary" disabled={!parsed.data} onClick={() => parsed.data && onUse(parsed.data)}>
          {t('userdata.use')}
        </button>
        {current ? (
          <>
            <button type="button" className="btn" onClick={onClear}>
              {t('userdata.shipped')}
            </button>
            <button type="button" className="btn" onClick={() => downloadCsv(current, fileName ?? `descent-${surface}-data.csv`)}>
              {t('userdata.download')}
            </button>
          </>
        ) : null}
      </div>
      {current ? (
        <p className="hint data-import-current">
          {t('userdata.current', { n: used.toLocaleString('en-US') })}{' '}
          {linkNote ? linkNote(current) : dataFitsLink(current) ? t('userdata.inLink') : t('userdata.notInLink')}
        </p>
      ) : null}
    </details>
  );
}
