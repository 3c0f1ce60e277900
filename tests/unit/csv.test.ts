/** CSV of one's own data (issue 16): every bad file is a CsvError naming row and column. */
import { describe, expect, it } from 'vitest';
import { CsvError, csvToData, dataToCsv, guessColumns, readCsv, tableToData } from '../../src/data/csv';
import fc from 'fast-check';

function fails(text: string, surface = 'linreg', pick?: number[]): CsvError {
  try {
    csvToData(text, surface, pick);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text.slice(0, 60))}`);
}

describe('reading CSV', () => {
  it('reads a header, the rows and their numbers; blank rows are skipped but counted', () => {
    const t = readCsv('x,y\n1,2\n\n3,4\n');
    expect(t.columns).toEqual(['x', 'y']);
    expect(t.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(t.rowNumbers).toEqual([2, 4]);
  });

  it('has no header when the first row is all numbers; columns are then "column 1", …', () => {
    const t = readCsv('1,2\n3,4');
    expect(t.hasHeader).toBe(false);
    expect(t.columns).toEqual(['column 1', 'column 2']);
    expect(csvToData('1,2\n3,4', 'linreg').data).toEqual({ x: [1, 3], y: [2, 4] });
  });

  it('guesses the delimiter (comma, semicolon, tab), reads quoted cells, a BOM and CRLF', () => {
    for (const text of ['\ufeffx,y\r\n1,2\r\n3,4\r\n', 'x;y\n1;2\n3;4', 'x\ty\n1\t2\n3\t4', 'x,y\n"1","2"\n3,"4"']) {
      expect(csvToData(text, 'linreg').data, JSON.stringify(text)).toEqual({ x: [1, 3], y: [2, 4] });
    }
  });

  it('picks the columns named as the surface wants them, whatever their order', () => {
    const t = readCsv('id,T,b,a\n1,0,2,3\n2,1,4,5');
    expect(guessColumns(t, 'logreg')).toEqual([3, 2, 1]);
    expect(tableToData(t, 'logreg', [3, 2, 1])).toEqual({ a: [3, 5], b: [2, 4], t: [0, 1] });
    expect(guessColumns(readCsv('p,q,r\n1,2,0\n1,3,1'), 'logreg')).toEqual([0, 1, 2]);
  });
});

describe('a bad file is a clear message naming the row and the column', () => {
  it('an empty file (or only blank lines)', () => {
    for (const text of ['', '   ', '\n\n\r\n']) expect(fails(text).message).toBe('the file is empty: it has no rows');
  });

  it('a header without data rows', () => {
    expect(fails('x,y\n').message).toBe('the file has a header but no data rows');
  });

  it('malformed rows: a quote not closed, a quote inside a bare cell', () => {
    const e = fails('x,y\n1,2\n3,"4\n5,6\n');
    expect(e.message).toMatch(/^row 3: malformed CSV: a quoted cell is not closed/);
    expect(e.row).toBe(3);
    // A quote inside a bare cell is kept as text (as RFC 4180 readers do), so it is named as no number.
    expect(fails('x,y\n1,2\n3,4"5"\n').message).toBe('row 3, column "y": "4\\"5\\"" is not a number');
  });

  it('a wrong number of cells in a row', () => {
    const e = fails('x,y\n1,2\n3,4,5\n6,7');
    expect(e.message).toBe('row 3 has 3 cells; the header has 2');
    expect(e.row).toBe(3);
    expect(fails('1,2\n3\n').message).toBe('row 2 has 1 cell; the first row has 2');
  });

  it('a cell that is not a number, or is empty, named by row and column', () => {
    const e = fails('x,y\n1,2\n3,abc\n');
    expect(e.message).toBe('row 3, column "y": "abc" is not a number');
    expect([e.row, e.column]).toEqual([3, 'y']);
    expect(fails('x,y\n1,2\n,4\n').message).toBe('row 3, column "x": the cell is empty; every cell of a picked column needs a number');
    for (const bad of ['1,5', '0x10', 'Infinity', 'NaN', '1e400', '--1']) {
      expect(fails(`x,y\n1,2\n3,"${bad}"\n`).message, bad).toMatch(/^row 3, column "y": /);
    }
  });

  it('a value beyond ±1,000,000 and a label that is not 0 or 1', () => {
    expect(fails('x,y\n1,2\n3,2e6\n').message).toBe('row 3, column "y": 2e6 is beyond ±1,000,000');
    expect(fails('a,b,t\n1,2,0\n3,4,2\n', 'logreg').message).toBe('row 3, column "t": a label must be 0 or 1 (got 2)');
  });

  it('10,001 data rows (10,000 are fine)', () => {
    const rows = (n: number) => ['x,y', ...Array.from({ length: n }, (_, i) => `${i},${2 * i}`)].join('\n');
    expect(Object.values(csvToData(rows(10_000), 'linreg').data)[0]).toHaveLength(10_000);
    expect(fails(rows(10_001)).message).toBe('the file has 10,001 data rows; at most 10,000 can be raced');
  });

  it('too few columns, one data row, a column picked twice, a degenerate x', () => {
    expect(fails('x\n1\n2\n').message).toBe('the file has 1 column; linreg needs 2 (x, y)');
    expect(fails('x,y,t\n1,2,0\n', 'logreg').message).toBe('the file has 1 data row; at least 2 are needed');
    expect(fails('x,y\n1,2\n3,4', 'linreg', [0, 0]).message).toBe('the column "x" is picked for both x and y');
    expect(fails('x,y\n3,2\n3,4').message).toMatch(/^column "x": every x is 3/);
    expect(fails('x,y,x\n1,2,3\n', 'linreg').message).toBe('row 1: the header names the column "x" twice');
  });

  it('never throws anything but a CsvError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('linreg', 'logreg'), (text, surface) => {
        try {
          const { data } = csvToData(text, surface);
          expect(Object.keys(data).length).toBeGreaterThan(1);
        } catch (e) {
          expect(e).toBeInstanceOf(CsvError);
          expect((e as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a data set written as CSV reads back the same (every double exactly)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1)), {
          minLength: 2,
          maxLength: 40,
        }),
        (rows) => {
          const data = { a: rows.map((r) => r[0]), b: rows.map((r) => r[1]), t: rows.map((r) => r[2]) };
          expect(csvToData(dataToCsv(data), 'logreg').data).toEqual(data);
        },
      ),
    );
  });
});
