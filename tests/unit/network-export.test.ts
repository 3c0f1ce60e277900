/**
 * The Network view's CSV export: the loss and accuracy curves of every racer, one row per kept
 * step, full precision, RFC 4180 quoting, a row for a diverged run; and its download names.
 */
import { describe, expect, it } from 'vitest';
import { computeNetwork } from '../../src/components/network/session';
import { CSV_BOM, NETWORK_CSV_HEADER, networkCsv, networkFileName } from '../../src/components/network/exports';

const raw = {
  surface: { name: 'mlp', params: { dataset: 'moons', hidden: [4], samples: 40 } },
  optimizers: [
    { name: 'adam', lr: 0.02 },
    { name: 'gd', lr: 1e6 }, // diverges
  ],
  steps: 30,
  batchSize: 8,
  stride: 2,
};

describe('the Network view’s CSV of the curves', () => {
  const reply = computeNetwork(raw, 5);
  const labels = ['1. Adam', '2. "GD", fast'];
  const csv = networkCsv(reply, labels);
  const lines = csv.split('\r\n');

  it('has the header, one row per kept step of every racer, and ends with CRLF', () => {
    expect(lines[0]).toBe(NETWORK_CSV_HEADER.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.startsWith(CSV_BOM)).toBe(false);
    const adam = lines.filter((l) => l.startsWith('1. Adam,'));
    expect(adam.length).toBe(reply.runs[0].loss.length);
    expect(adam.map((l) => Number(l.split(',')[2]))).toEqual(Array.from(reply.runs[0].index));
    expect(reply.runs[0].index[1]).toBe(2); // stride 2 is kept as run
  });

  it('writes the numbers in full precision (they read back to the same doubles)', () => {
    const rows = lines.filter((l) => l.startsWith('1. Adam,'));
    rows.forEach((l, k) => {
      const [, name, step, loss, accuracy, plane, status, reason] = l.split(',');
      expect(name).toBe('adam');
      expect(Number(step)).toBe(reply.runs[0].index[k]);
      expect(Number(loss)).toBe(reply.runs[0].loss[k]);
      expect(Number(accuracy)).toBe(reply.runs[0].accuracy[k]);
      expect(Number(plane)).toBe(reply.runs[0].planeLoss[k]);
      expect(status).toBe('ok');
      expect(reason).toBe('');
    });
    expect(reply.runs[0].accuracy[reply.runs[0].accuracy.length - 1]).toBeGreaterThan(0.5);
  });

  it('quotes a label with a comma or quotes, and adds a row where a racer diverged', () => {
    expect(reply.runs[1].status).toBe('diverged');
    const gd = lines.filter((l) => l.startsWith('"2. ""GD"", fast",'));
    expect(gd.length).toBe(reply.runs[1].loss.length + 1);
    const last = gd[gd.length - 1];
    expect(last).toMatch(new RegExp(`^"2\\. ""GD"", fast",gd,${reply.runs[1].divergedAt},,,,diverged,`));
    expect(last.length).toBeGreaterThan(40); // the reason is there
  });

  it('names the downloads by dataset and architecture', () => {
    expect(networkFileName(reply.config, 'csv')).toBe('descent-network-moons-4.csv');
    expect(networkFileName({ ...reply.config, surface: { ...reply.config.surface, params: { ...reply.config.surface.params, hidden: [8, 6] } } }, '.png')).toBe(
      'descent-network-moons-8x6.png',
    );
  });
});
