// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ComparisonResult } from '../../src/engine/types';
import { appStore, currentRun, resetStore, sceneToRunConfig, setEngine, setRacerHyper, setStart } from '../../src/state/store';
import type { EngineClient, GridRequest, GridResult, RunReply, RunRequest } from '../../src/worker/api';
import { latestOnly } from '../../src/worker/latest';
import { computeGrid, computeRun } from '../../src/worker/compute';

afterEach(() => {
  setEngine(null);
  resetStore();
});

const tick = () => new Promise((r) => setTimeout(r, 0));

/** An engine whose replies the test releases by hand, in any order. */
function manualEngine() {
  const pending: { req: RunRequest; release: () => void }[] = [];
  const client: EngineClient = {
    grid: async (req: GridRequest): Promise<GridResult> => computeGrid(req),
    run: (req: RunRequest) =>
      new Promise<RunReply>((resolve) => {
        pending.push({ req, release: () => resolve(computeRun(req)) });
      }),
    dispose() {},
  };
  return { client, pending };
}

describe('latestOnly', () => {
  it('sends at most one request at a time, drops the waiting one when superseded, and nulls stale replies', async () => {
    const sent: number[] = [];
    const resolvers: (() => void)[] = [];
    const send = latestOnly((n: number) => {
      sent.push(n);
      return new Promise<number>((res) => resolvers.push(() => res(n * 10)));
    });
    const a = send(1);
    const b = send(2);
    const c = send(3);
    expect(sent).toEqual([1]);
    resolvers[0]();
    expect(await a).toBeNull();
    expect(await b).toBeNull();
    await tick();
    expect(sent).toEqual([1, 3]);
    resolvers[1]();
    expect(await c).toBe(30);
  });
});

describe('store ↔ engine', () => {
  it('sends the contract config, with increasing ids', async () => {
    const { client, pending } = manualEngine();
    setEngine(client);
    await tick();
    expect(pending).toHaveLength(1);
    expect(pending[0].req.config).toEqual(sceneToRunConfig(appStore.getState()));
    expect(pending[0].req.config).toMatchObject({ surface: { name: 'rosenbrock' }, start: [-1.5, 2], stride: 1 });
    pending[0].release();
    await tick();
    setStart(0, 0);
    await tick();
    expect(pending[1].req.id).toBeGreaterThan(pending[0].req.id);
  });

  it('never shows the result of a superseded request', async () => {
    const { client, pending } = manualEngine();
    setEngine(client);
    await tick();
    // A new config while the first is computing: the first reply must be dropped.
    setRacerHyper(1, 'lr', 0.002);
    await tick();
    expect(currentRun(appStore.getState())).toBeNull();
    pending[0].release();
    await tick();
    expect(appStore.getState().results.run).toBeNull();
    expect(currentRun(appStore.getState())).toBeNull();
    expect(pending).toHaveLength(2);
    pending[1].release();
    await tick();
    const run = currentRun(appStore.getState()) as ComparisonResult;
    expect(run.config.optimizers[0].lr).toBe(0.002);
    // And a result goes stale as soon as the config changes again.
    setStart(0.5, 0.5);
    expect(currentRun(appStore.getState())).toBe(run);
    await tick();
    expect(currentRun(appStore.getState())).toBeNull();
  });

  it('an invalid config comes back as an error naming the field', async () => {
    const { client, pending } = manualEngine();
    setEngine(client);
    await tick();
    pending[0].release();
    await tick();
    setRacerHyper(2, 'momentum', 1.5);
    await tick();
    pending[1].release();
    await tick();
    const s = appStore.getState();
    expect(s.results.error?.field).toBe('optimizers[1].momentum');
    expect(currentRun(s)).toBeNull();
  });
});
