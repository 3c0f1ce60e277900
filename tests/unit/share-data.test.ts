/** A data set of one's own in a share link (issue 16): carried when small, named as a file when not, garbage a notice. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/engine';
import { ConfigError } from '../../src/engine/config';
import type { RunConfig } from '../../src/engine/types';
import { decodeShare, decodeShareStrict, encodeConfig } from '../../src/share';
import { MAX_DATA_CHARS, decodeData, encodeData } from '../../src/share/data-field';

const racers = [{ name: 'adam', lr: 0.05 }, { name: 'gd', lr: 0.01 }];

function config(surface: Record<string, unknown>, extra: Record<string, unknown> = {}): RunConfig {
  return normalizeConfig({ surface, optimizers: racers, ...extra });
}

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

describe('the d field of a link', () => {
  it('carries a small data set bit for bit (linreg and logreg), with its batch size and start', () => {
    const lin = config({ name: 'linreg', data: { x: [0.5, 1.25, -3, 1e-7, 2], y: [-0.5, 0, 3.75, 12, -0] } }, { batchSize: 2, start: [0.3, -1] });
    const q = encodeConfig(lin);
    expect(q).toContain('d=.5,1.25,-3,1e-7,2~-.5,0,3.75,12,-0');
    expect(decodeShare(q)).toEqual({ state: expect.objectContaining({ config: lin }), notices: [] });
    const log = config({ name: 'logreg', data: { a: [1, 2, 3, 4, 5], b: [0, -1, 2, 1, 0], t: [1, 0, 1, 1, 0] } });
    const q2 = encodeConfig(log);
    expect(q2).toContain('d=1,2,3,4,5~0,-1,2,1,0~d0');
    expect(decodeShare(q2).state.config).toEqual(log);
  });

  it('round-trips any small data set exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(finite, finite, fc.constantFrom(0, 1)), { minLength: 2, maxLength: 30 }), fc.boolean(), (rows, logistic) => {
        const x = rows.map((r) => r[0]);
        if (!logistic && x.every((v) => v === x[0])) return; // refused: no unique line
        const data = logistic ? { a: x, b: rows.map((r) => r[1]), t: rows.map((r) => r[2]) } : { x, y: rows.map((r) => r[1]) };
        const c = config({ name: logistic ? 'logreg' : 'linreg', data });
        const q = encodeConfig(c);
        if (!q.includes('d=file:')) expect(decodeShare(q)).toEqual({ state: expect.objectContaining({ config: c }), notices: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('says plainly that a large set must be saved as a file, and falls back to the shipped data set', () => {
    const n = 2000;
    const data = { x: Array.from({ length: n }, (_, i) => i / 7), y: Array.from({ length: n }, (_, i) => Math.sin(i)) };
    const c = config({ name: 'linreg', data }, { batchSize: 16 });
    expect(encodeData(data)).toBe('file:2000');
    const q = encodeConfig(c);
    expect(q.length).toBeLessThan(200);
    const { state, notices } = decodeShare(q);
    expect(notices).toEqual([
      {
        field: 'd',
        message: 'this scene races its own data set of 2,000 rows, too large for a link: open the scene file it was saved as (Save scene) — using the shipped data set',
      },
    ]);
    expect(state.config.surface.data).toBeUndefined();
    expect(state.config.batchSize).toBe(16);
    // The full-batch default of the shipped set follows when the link left the batch size out.
    expect(decodeShare(encodeConfig(config({ name: 'linreg', data })))).toMatchObject({ state: { config: { batchSize: 64 } } });
  });

  it('puts a set in the link up to MAX_DATA_CHARS characters of data', () => {
    const rows = (n: number) => ({ x: Array.from({ length: n }, (_, i) => i % 10), y: Array.from({ length: n }, (_, i) => (i * 7) % 10) });
    // One digit and a comma per number: 4 characters a row.
    expect(encodeData(rows(MAX_DATA_CHARS / 4)).length).toBe(MAX_DATA_CHARS - 1);
    expect(encodeData(rows(MAX_DATA_CHARS / 4 + 1))).toBe(`file:${MAX_DATA_CHARS / 4 + 1}`);
  });

  it('a bad d is a notice naming it, never a crash; the scene still opens', () => {
    const bad: [string, string, RegExp][] = [
      ['s=linreg&o=gd&d=1,2~3', 'd', /needs at least 2 rows \(got 1\)/],
      ['s=linreg&o=gd&d=1,2~3,4,5', 'd', /has 3 values but x has 2/],
      ['s=linreg&o=gd&d=1,2', 'd', /needs 2 columns separated by ~/],
      ['s=linreg&o=gd&d=1,abc~3,4', 'd', /must be a number \(got "abc"\)/],
      ['s=linreg&o=gd&d=1,1e9~3,4', 'd', /1000000/],
      ['s=logreg&o=gd&d=1,2~3,4~z', 'd.t', /hex digits/],
      ['s=logreg&o=gd&d=1,2~3,4~f', 'd.t', /bits beyond the last row/],
      ['s=rosenbrock&o=gd&d=1,2~3,4', 'd', /rosenbrock takes no data of its own/],
      ['s=linreg&o=gd&d=file:99999999', 'd', /needs 2 columns/],
      ['s=linreg&o=gd&d=', 'd', /needs 2 columns/],
    ];
    for (const [q, field, message] of bad) {
      const { state, notices } = decodeShare(q);
      expect(notices.map((n) => n.field), q).toEqual([field.split('.')[0] === 'd' ? 'd' : field]);
      expect(notices[0].message, q).toMatch(message);
      expect(state.config.surface.data, q).toBeUndefined();
      expect(() => decodeShareStrict(q)).toThrow(ConfigError);
    }
  });

  it('garbage in d never throws and always gives a config the engine accepts (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('linreg', 'logreg', 'beale'), fc.string({ maxLength: 120, unit: fc.constantFrom(...'0123456789.,~-e+abcdef:file '.split('')) }), (s, d) => {
        const { state } = decodeShare(`v=1&s=${s}&o=adam&b=3&d=${encodeURIComponent(d)}`);
        expect(() => normalizeConfig(state.config)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('decodeData and encodeData are inverse on what encodeData writes', () => {
    const data = { a: [1, -2.5, 3], b: [0.125, 2, -7], t: [0, 1, 1] };
    expect(decodeData(encodeData(data), 'logreg')).toEqual(data);
  });
});
