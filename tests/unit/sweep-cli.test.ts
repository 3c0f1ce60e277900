import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function cli(args: string[], input: unknown) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { input: JSON.stringify(input), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const config = {
  surface: { name: 'rosenbrock' },
  optimizer: { name: 'momentum' },
  start: [-1.5, 2],
  steps: 100,
  x: { key: 'lr', from: 1e-5, to: 0.05, n: 9, scale: 'log' },
  y: { key: 'momentum', from: 0, to: 0.99, n: 5, scale: 'linear' },
};

describe('the sweep command (CONTRACT §7)', () => {
  it('prints x, y, loss and divergedAt as rows over y, and the same grid on worker threads', () => {
    const main = cli(['sweep', '--config', '-', '--workers', '0'], config);
    expect(main.status).toBe(0);
    const a = JSON.parse(main.stdout);
    expect(a.x).toHaveLength(9);
    expect(a.y).toEqual([0, 0.2475, 0.495, 0.7424999999999999, 0.99]);
    expect(a.loss).toHaveLength(5);
    expect(a.loss.every((row: unknown[]) => row.length === 9)).toBe(true);
    expect(a.divergedAt.flat().some((d: number | null) => d !== null)).toBe(true);
    expect(typeof a.elapsedMs).toBe('number');

    const threads = cli(['sweep', '--config', '-', '--workers', '2'], config);
    expect(threads.status).toBe(0);
    const b = JSON.parse(threads.stdout);
    expect(b.loss).toEqual(a.loss);
    expect(b.divergedAt).toEqual(a.divergedAt);
  }, 60_000);

  it('each cell is what `run` prints for that setting', () => {
    const a = JSON.parse(cli(['sweep', '--config', '-'], config).stdout);
    const { x: _x, y: _y, optimizer, ...rest } = config;
    for (const [i, j] of [[2, 1], [7, 4], [8, 0]]) {
      const run = cli(['run', '--config', '-'], { ...rest, optimizers: [{ ...optimizer, lr: a.x[i], momentum: a.y[j] }] });
      const out = JSON.parse(run.stdout).runs[0];
      expect(a.divergedAt[j][i]).toBe(out.divergedAt);
      expect(a.loss[j][i]).toBe(out.status === 'ok' ? out.loss[out.loss.length - 1] : null);
    }
  }, 60_000);

  it('exits 2 with one line naming a bad field', () => {
    const r = cli(['sweep', '--config', '-'], { ...config, y: { ...config.y, to: 1.2 } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^descent: invalid config: y\.to: momentum = 1\.2: must be ≥ 0 and < 1/);
  });
});
