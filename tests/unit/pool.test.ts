import { describe, expect, it } from 'vitest';
import { normalizeSweep, sweep } from '../../src/engine/sweep';
import { chunkSize, createSweepPool, PENDING, SweepCancelled, type SweepProgress } from '../../src/worker/pool';
import { inProcessEndpoint } from '../../src/worker/sweepClient';

const config = normalizeSweep({
  surface: { name: 'rosenbrock' },
  optimizer: { name: 'momentum' },
  start: [-1.5, 2],
  steps: 200,
  x: { key: 'lr', from: 1e-5, to: 0.05, n: 24, scale: 'log' },
  y: { key: 'momentum', from: 0, to: 0.99, n: 20, scale: 'linear' },
});

describe('the sweep pool', () => {
  it('cuts the grid into chunks of about 150 000 steps, at least four per worker', () => {
    expect(chunkSize(128 * 128, 300, 2)).toBe(500);
    expect(chunkSize(100, 300, 2)).toBe(13);
    expect(chunkSize(10, 1_000_000, 4)).toBe(1);
  });

  it('fills the same grid as sweep() on one thread, chunk by chunk, with progress', async () => {
    const pool = createSweepPool([inProcessEndpoint(), inProcessEndpoint()]);
    await pool.ready;
    const seen: SweepProgress[] = [];
    const r = await pool.run(config, (p) => seen.push({ ...p })).done;
    const want = sweep(config);
    expect(Array.from(r.loss)).toEqual(Array.from(want.loss));
    expect(Array.from(r.divergedAt)).toEqual(Array.from(want.divergedAt));
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen[seen.length - 1].done).toBe(480);
    await pool.dispose();
  });

  it('cancel rejects with SweepCancelled and stops handing out cells', async () => {
    const pool = createSweepPool([inProcessEndpoint()]);
    let last = 0;
    const h = pool.run(config, (p) => {
      last = p.done;
      if (p.done > 0) h.cancel();
    });
    await expect(h.done).rejects.toBeInstanceOf(SweepCancelled);
    const at = last;
    await new Promise((r) => setTimeout(r, 50));
    expect(last).toBe(at);
    expect(at).toBeLessThan(480);
    await pool.dispose();
  });

  it('a new sweep supersedes the running one, whose late chunks are dropped', async () => {
    const pool = createSweepPool([inProcessEndpoint()]);
    const first = pool.run(config);
    const rejected = expect(first.done).rejects.toBeInstanceOf(SweepCancelled);
    const other = normalizeSweep({ surface: { name: 'beale' }, optimizer: { name: 'adam' }, steps: 50, x: { key: 'lr', from: 1e-3, to: 1, n: 7 } });
    const r = await pool.run(other).done;
    await rejected;
    expect(Array.from(r.loss)).toEqual(Array.from(sweep(other).loss));
    expect(r.divergedAt.includes(PENDING)).toBe(false);
    await pool.dispose();
  });
});
