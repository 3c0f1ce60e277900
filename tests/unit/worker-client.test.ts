/**
 * The guarded worker client (issue 11, item 4), against fake workers: one whose script fails to
 * load, one that throws inside a computation, one that never answers, one that dies mid-session,
 * one whose reply cannot be read. Before the guard every one of these left the call pending forever.
 */
import { expose } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineApi, GridRequest, RunRequest } from '../../src/worker/api';
import { createWorkerClient } from '../../src/worker/client';
import { computeGrid, computeRun } from '../../src/worker/compute';
import { EngineFault } from '../../src/worker/fault';
import { defaultConfig } from '../../src/engine';

/**
 * A Worker look-alike: the page side of a MessageChannel, with the events a real Worker fires on
 * itself (`error`, `messageerror`). `api` (if any) is exposed on the other side with comlink.
 */
class FakeWorker extends EventTarget {
  readonly port;
  readonly other;
  terminated = false;

  constructor(api: Partial<EngineApi> | null) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.other = port2;
    port1.on('message', (data: unknown) => this.dispatchEvent(new MessageEvent('message', { data })));
    if (api) expose(api, port2 as unknown as Parameters<typeof expose>[1]);
  }

  postMessage(msg: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.port.postMessage(msg, transfer as never);
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
    this.other.close();
  }

  /** What a real Worker fires when its script 404s, throws at load, or throws uncaught later. */
  fail(message?: string): void {
    const ev = new Event('error', { cancelable: true }) as Event & { message?: string };
    if (message) ev.message = message;
    this.dispatchEvent(ev);
  }
}

const engine: EngineApi = { grid: computeGrid, run: computeRun };
const runReq = (id = 1): RunRequest => ({ id, config: defaultConfig() });
const gridReq: GridRequest = { id: 1, surface: defaultConfig().surface, nx: 20, ny: 20 };

let workers: FakeWorker[] = [];
function client(api: Partial<EngineApi> | null, timeoutMs = 5_000) {
  const w = new FakeWorker(api);
  workers.push(w);
  return { w, c: createWorkerClient({ createWorker: () => w as unknown as Worker, timeoutMs }) };
}

afterEach(() => {
  for (const w of workers) w.terminate();
  workers = [];
});

async function fault(p: Promise<unknown>): Promise<EngineFault> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineFault);
    return e as EngineFault;
  }
  throw new Error('the call resolved; a fault was expected');
}

describe('the engine worker client', () => {
  it('answers through the worker as before', async () => {
    const { c } = client(engine);
    const reply = await c.run(runReq());
    expect(reply.ok).toBe(true);
    expect((await c.grid(gridReq)).values).toHaveLength(400);
    expect(c.isDead!()).toBe(false);
  });

  it('rejects pending and later calls with a fatal "start" fault when the script does not load', async () => {
    const { w, c } = client(null);
    const pending = c.run(runReq());
    w.fail();
    const f = await fault(pending);
    expect(f.kind).toBe('start');
    expect(f.fatal).toBe(true);
    expect(f.message).toMatch(/could not start: its script did not load/);
    expect(c.isDead!()).toBe(true);
    expect(w.terminated).toBe(true);
    expect((await fault(c.grid(gridReq))).kind).toBe('start');
  });

  it('names the error a worker threw while loading', async () => {
    const { w, c } = client(null);
    const pending = c.grid(gridReq);
    w.fail('Uncaught SyntaxError: Unexpected token');
    expect((await fault(pending)).message).toBe('the engine worker could not start: Uncaught SyntaxError: Unexpected token');
  });

  it('turns a throw inside a computation into an internal fault; the worker still answers', async () => {
    let calls = 0;
    const { c } = client({
      ...engine,
      grid: (req: GridRequest) => {
        if (calls++ === 0) throw new TypeError('values is undefined');
        return computeGrid(req);
      },
    });
    const f = await fault(c.grid(gridReq));
    expect(f.kind).toBe('internal');
    expect(f.fatal).toBe(false);
    expect(f.message).toBe('TypeError: values is undefined');
    expect(c.isDead!()).toBe(false);
    expect((await c.grid(gridReq)).values).toHaveLength(400);
  });

  it('gives up on a worker that never answers, and stops it', async () => {
    const { w, c } = client({ ...engine, run: () => new Promise(() => {}) }, 50);
    const f = await fault(c.run(runReq()));
    expect(f.kind).toBe('timeout');
    expect(f.fatal).toBe(true);
    expect(w.terminated).toBe(true);
  });

  it('reports a worker that dies mid-session as a crash', async () => {
    const { w, c } = client({ ...engine, run: () => new Promise(() => {}) });
    expect((await c.grid(gridReq)).values).toHaveLength(400);
    const pending = c.run(runReq());
    w.fail();
    const f = await fault(pending);
    expect(f.kind).toBe('crash');
    expect(f.message).toBe('the engine worker stopped: it stopped');
  });

  it('reports a reply that cannot be read', async () => {
    const { w, c } = client({ ...engine, run: () => new Promise(() => {}) });
    const pending = c.run(runReq());
    w.dispatchEvent(new Event('messageerror'));
    expect((await fault(pending)).kind).toBe('unreadable');
  });
});

describe('computeRun', () => {
  it('tells a bad setting (a field) from an internal fault', () => {
    const bad = computeRun({ id: 1, config: { ...defaultConfig(), steps: -1 } });
    expect(bad).toMatchObject({ ok: false, field: 'steps' });
    expect('internal' in bad && bad.internal).toBeFalsy();
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      // A config whose getter throws reaches the engine's code as no ConfigError would.
      const hostile = { ...defaultConfig() };
      Object.defineProperty(hostile, 'steps', { get: () => { throw new RangeError('boom'); }, enumerable: true });
      const internal = computeRun({ id: 2, config: hostile });
      expect(internal).toMatchObject({ ok: false, field: null, internal: true, message: 'RangeError: boom' });
    } finally {
      console.error = orig;
    }
    expect(errors).toHaveLength(1);
  });
});
