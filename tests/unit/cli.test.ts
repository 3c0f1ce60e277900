import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function cli(args: string[], input?: string) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the headless runner', () => {
  it('prints the trajectory of a config file as one JSON object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'adam', lr: 0.01 }], steps: 20 }));
    const r = cli(['run', '--config', file]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.surface).toEqual({ name: 'rosenbrock', params: {}, l2: 0, noise: 0 });
    expect(out.runs).toHaveLength(1);
    expect(out.runs[0].path).toHaveLength(21);
    expect(out.runs[0].loss).toHaveLength(21);
    expect(out.runs[0].path[0]).toEqual([-1.5, 2]);
    expect(out.runs[0].optimizer).toEqual({ name: 'adam', lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, amsgrad: false, weightDecay: 0 });
    expect(out.runs[0]).toMatchObject({ status: 'ok', divergedAt: null, reason: null });
  });

  it('reads standard input with --config -, and prints batches and data on a data surface', () => {
    const r = cli(['run', '--config', '-'], JSON.stringify({ surface: { name: 'logreg' }, optimizers: [{ name: 'gd', lr: 0.1 }], steps: 3, batchSize: 30, seed: 4 }));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs[0].batches.map((b: number[]) => b.length)).toEqual([30, 30, 30]);
    expect(Object.keys(out.data).sort()).toEqual(['a', 'b', 't']);
    expect(out.data.a).toHaveLength(100);
  });

  it('exits with status 2 and one line naming the field for a bad config', () => {
    const r = cli(['run', '--config', '-'], JSON.stringify({ surface: { name: 'beale' }, optimizers: [{ name: 'adam', betas: [0.9, 1.5] }] }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/optimizers\[0\]\.betas\[1\]/);
  });

  it('exits with status 2 for JSON that does not parse', () => {
    const r = cli(['run', '--config', '-'], '{"surface": ');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
  });
});
