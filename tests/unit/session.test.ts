import { afterEach, describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import { appStore, currentRun, currentTrace, explainRacer, resetStore, setEngine, setStart } from '../../src/state/store';
import type { EngineClient, GridRequest, GridResult, RunReply, RunRequest } from '../../src/worker/api';
import { computeGrid, computeRun } from '../../src/worker/compute';
import { createInProcessClient } from '../../src/worker/inProcess';
import { openSession } from '../../src/worker/session';

const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  setEngine(null);
  resetStore();
});

describe('one reply carries a run and its trace', () => {
  const config = { surface: { name: 'beale' }, optimizers: [{ name: 'gd', lr: 0.001 }, { name: 'adam', lr: 0.05 }], steps: 40, stride: 4 };

  it('the trace of racer 1 comes with the run, and follows the same path at every step', () => {
    const reply = computeRun({ id: 7, config, trace: 1 });
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.id).toBe(7);
    expect(reply.traceError).toBeNull();
    const trace = reply.trace!;
    expect(trace.index).toBe(1);
    expect(trace.optimizer.name).toBe('adam');
    expect(trace.steps).toBe(40);
    // The run keeps every 4th point; the trace has every point: they agree where both have one.
    const run = reply.result.runs[1];
    const full = runComparison(normalizeConfig({ ...config, stride: 1 })).runs[1].path;
    expect(Array.from(trace.path)).toEqual(Array.from(full.slice(0, 82)));
    expect(run.path[2 * 3]).toBe(trace.path[2 * 12]);
  });

  it('no trace unless asked, and a bad racer index is an error of the trace only', () => {
    const plain = computeRun({ id: 1, config });
    expect(plain.ok && plain.trace).toBe(null);
    const bad = computeRun({ id: 2, config, trace: 5 });
    expect(bad.ok).toBe(true);
    if (bad.ok) {
      expect(bad.trace).toBeNull();
      expect(bad.traceError).toMatch(/./);
    }
  });
});

describe('the session: the one staleness guard', () => {
  function held() {
    const pending: { req: RunRequest; release: () => void; fail: () => void }[] = [];
    let disposed = 0;
    const client: EngineClient = {
      grid: async (req: GridRequest): Promise<GridResult> => computeGrid(req),
      run: (req: RunRequest) =>
        new Promise<RunReply>((resolve, reject) => {
          pending.push({ req, release: () => resolve(computeRun(req)), fail: () => reject(new Error('worker died')) });
        }),
      dispose: () => {
        disposed++;
      },
    };
    return { client, pending, disposed: () => disposed };
  }
  const cfg = { surface: { name: 'quadratic' }, optimizers: [{ name: 'gd', lr: 0.1 }], steps: 5 };

  it('a superseded run resolves to null; the newest one to its reply, with increasing ids', async () => {
    const { client, pending } = held();
    const s = openSession(client);
    const a = s.run(cfg, null);
    const b = s.run({ ...cfg, steps: 6 }, 0);
    pending[0].release();
    expect(await a).toBeNull();
    await tick();
    expect(pending).toHaveLength(2);
    expect(pending[1].req.id).toBeGreaterThan(pending[0].req.id);
    expect(pending[1].req.trace).toBe(0);
    pending[1].release();
    const r = await b;
    expect(r?.ok && r.result.config.steps).toBe(6);
  });

  it('closing disposes the client, and replies (or failures) still pending resolve to null', async () => {
    const { client, pending, disposed } = held();
    const s = openSession(client);
    const a = s.run(cfg, null);
    s.close();
    expect(disposed()).toBe(1);
    pending[0].release();
    expect(await a).toBeNull();

    const h2 = held();
    const s2 = openSession(h2.client);
    const b = s2.run(cfg, null);
    s2.close();
    h2.pending[0].fail();
    expect(await b).toBeNull();
  });

  it('a failure of the newest request reaches the caller', async () => {
    const { client, pending } = held();
    const s = openSession(client);
    const a = s.run(cfg, null);
    pending[0].fail();
    await expect(a).rejects.toThrow('worker died');
  });
});

describe('the store asks once per change', () => {
  it('explaining a racer asks for its trace without making the run on screen stale', async () => {
    const runs: RunRequest[] = [];
    setEngine(createInProcessClient({ onRun: (r) => runs.push(r) }));
    await tick();
    await tick();
    const run = currentRun(appStore.getState());
    expect(run).not.toBeNull();
    expect(runs).toHaveLength(1);
    expect(runs[0].trace ?? null).toBeNull();

    explainRacer(3);
    expect(currentRun(appStore.getState())).toBe(run);
    await tick();
    expect(currentRun(appStore.getState())).toBe(run); // same config, same object: no redraw
    expect(runs).toHaveLength(2);
    expect(runs[1].trace).toBe(2);
    await tick();
    expect(currentTrace(appStore.getState())?.optimizer.name).toBe('adam');
    expect(currentRun(appStore.getState())).toBe(run);

    // A new config while explaining: one request, whose reply brings the run and the trace.
    setStart(0.5, 0.5);
    await tick();
    expect(runs).toHaveLength(3);
    expect(runs[2].trace).toBe(2);
    await tick();
    const s = appStore.getState();
    expect(currentRun(s)?.config.start).toEqual([0.5, 0.5]);
    expect(currentTrace(s)?.path[0]).toBe(0.5);
    expect(currentTrace(s)?.path[1]).toBe(0.5);
  });
});
