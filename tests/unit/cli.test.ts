import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function cli(args: string[], input?: string) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of standard error (a trailing newline ends the last one, it does not start another). */
function lines(stderr: string): string[] {
  return stderr.replace(/\n$/, '').split('\n');
}

// Each test spawns the CLI (about 1.5 s a run through tsx): allow for a loaded machine.
describe('the headless runner', { timeout: 60_000 }, () => {
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

  // Issue 11, item 1: `show()` survived JSON.stringify's overflow, then String(v) overflowed too (exit 1, a stack trace).
  it('refuses an lr of 5,000 nested lists with exit 2 and one line naming the field', () => {
    const lr = '['.repeat(5000) + '0.1' + ']'.repeat(5000);
    const r = cli(['run', '--config', '-'], `{"surface": {"name": "beale"}, "optimizers": [{"name": "adam", "lr": ${lr}}]}`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^descent: invalid config: optimizers\[0\]\.lr: is nested deeper than 32 levels/);
  });

  // Issue 11, item 2: the message quoted the raw input, newline and all.
  it('reports JSON that does not parse on exactly one line, without the raw input', () => {
    const r = cli(['run', '--config', '-'], '// c\n{}');
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/standard input is not valid JSON: Unexpected token '\/'.*no comments/);
    const r2 = cli(['run', '--config', '-'], '{"surface": {"name": "beale"},\n "optimizers": [{"name": "adam",}]}');
    expect(r2.status).toBe(2);
    expect(lines(r2.stderr)).toHaveLength(1);
    expect(r2.stderr).toMatch(/at line 2, column \d+/);
    const r3 = cli(['run', '--config', '-'], '{"surface": {"name": "beale", "a\\nb\\u2028c": 1}, "optimizers": [{"name": "adam"}]}');
    expect(r3.status).toBe(2);
    expect(lines(r3.stderr)).toHaveLength(1);
    expect(r3.stderr).toContain('surface.a\\nb\\u2028c: unknown field');
  });

  // Issue 11, item 3: the output was built as one string (RangeError: Invalid string length after 15 s and 3 GB).
  it('streams output larger than the heap it runs in: 16 racers × 250,000 steps in a 96 MB heap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-'));
    const out = join(dir, 'out.json');
    const fd = openSync(out, 'w');
    const config = { surface: { name: 'rosenbrock' }, optimizers: Array.from({ length: 16 }, () => ({ name: 'gd', lr: 1e-4 })), steps: 250_000 };
    const r = spawnSync(tsx, ['src/cli/main.ts', 'run', '--config', '-'], {
      input: JSON.stringify(config),
      stdio: ['pipe', fd, 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=96' },
      encoding: 'utf8',
    });
    closeSync(fd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // About 250 MB of JSON: more than the heap could hold as one string.
    expect(statSync(out).size).toBeGreaterThan(200e6);
    const tail = readFileSync(out).subarray(-200).toString('utf8');
    expect(tail).toMatch(/\],"status":"ok","divergedAt":null,"reason":null\}\]\}\n$/);
  }, 60_000);

  // Issue 11, item 3: `batches` listed every step's batch even with a stride (3 racers × 1,000,000 steps crashed).
  it('keeps the batch of each kept point only, so a stride shrinks batches as it shrinks the path', () => {
    const config = { surface: { name: 'linreg' }, optimizers: [{ name: 'gd', lr: 0.01 }, { name: 'adam', lr: 0.01 }, { name: 'momentum', lr: 0.01 }], steps: 1_000_000, stride: 1000 };
    const r = cli(['run', '--config', '-'], JSON.stringify(config));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const run of out.runs) {
      expect(run.path).toHaveLength(1001);
      expect(run.batches).toHaveLength(1000); // the last point, step 1,000,000, is left by no step
      expect(run.batches[0]).toEqual(Array.from({ length: 64 }, (_, i) => i));
    }
  }, 60_000);

  // Issue 11, item 8: an empty link ran the default scene with exit 0.
  it('says that a link without a query holds no scene, with exit 2', () => {
    for (const url of ['', 'http://localhost:5173/', 'http://localhost:5173/?', '?']) {
      const r = cli(['run', '--url', url]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^descent: invalid config: url: the link holds no scene/);
    }
  }, 60_000);
});
