/**
 * npm run bench:mlp [-- --json] [--steps N]
 *
 * The network surface (CONTRACT.md §6), side by side in one run: 6 racers × 2000 steps of a
 * 2-16-16-1 tanh network, batch 32, 200 points (spiral), in the project's engine (runMlp: every
 * step's mini-batch gradient and optimizer step, the full-data loss and accuracy at every kept
 * point, the plane) and in real torch on the CPU with one thread (the same work: the same
 * optimizers, a batch step and a no-grad full-data loss and accuracy per point), then the
 * 41 × 41 loss grid over the plane. Each engine figure is the best of 3 after a warm-up; torch's
 * the best of 2. Python is $DESCENT_PYTHON or /usr/bin/python3.
 */
import { spawnSync } from 'node:child_process';
import { normalizeMlpConfig, planeGrid, prepareMlp, runMlp } from '../src/engine/mlp';
import { optimizerExpression } from '../src/export/pytorch';

const args = process.argv.slice(2);
const json = args.includes('--json');
const stepsArg = args.indexOf('--steps');
const STEPS = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 2000;

function configFor(stride: number) {
  return normalizeMlpConfig({
    surface: { name: 'mlp', params: { dataset: 'spiral', hidden: [16, 16], activation: 'tanh', samples: 200 } },
    optimizers: [
      { name: 'gd', lr: 0.1 },
      { name: 'momentum', lr: 0.05 },
      { name: 'nesterov', lr: 0.05 },
      { name: 'rmsprop', lr: 0.005 },
      { name: 'adam', lr: 0.01 },
      { name: 'adamw', lr: 0.01 },
    ],
    steps: STEPS,
    batchSize: 32,
    seed: 1,
    stride,
  });
}

/** Best wall-clock and CPU seconds of `reps` runs of f. */
function best(reps: number, f: () => void): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  return { wall, cpu };
}

interface TorchTiming {
  seconds: number;
  cpu: number;
  finals: number[];
  torch: string;
  threads: number;
}

const DRIVER = String.raw`
import json, sys, time
import torch
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
req = json.load(sys.stdin)
X = torch.tensor(req["x"], dtype=torch.float64)
T = torch.tensor(req["t"], dtype=torch.float64)
order = torch.tensor(req["order"], dtype=torch.long)
start, size = req["start"], req["size"]
init = torch.tensor(req["init"], dtype=torch.float64)
bce = torch.nn.functional.binary_cross_entropy_with_logits
def race():
    finals = []
    for ctor in req["ctors"]:
        model = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
        torch.nn.utils.vector_to_parameters(init.clone(), model.parameters())  # (the parameters become views of its argument)
        params = list(model.parameters())
        opt = eval(ctor, {"torch": torch, "params": params})
        for k in range(req["steps"] + 1):
            if k % req["stride"] == 0 or k == req["steps"]:
              with torch.no_grad():
                z = model(X).squeeze(1)
                loss = bce(z, T).item()
                acc = ((z > 0).double() == T).double().mean().item()
            if k == req["steps"]:
                break
            idx = order[start[k]:start[k] + size[k]]
            opt.zero_grad()
            bce(model(X[idx]).squeeze(1), T[idx]).backward()
            opt.step()
        finals.append(loss)
    return finals
best, cpu, finals = float("inf"), float("inf"), None
for _ in range(2):
    t0, c0 = time.perf_counter(), time.process_time()
    finals = race()
    best = min(best, time.perf_counter() - t0)
    cpu = min(cpu, time.process_time() - c0)
print(json.dumps({"seconds": best, "cpu": cpu, "finals": finals, "torch": torch.__version__, "threads": torch.get_num_threads()}))
`;

const python = process.env.DESCENT_PYTHON ?? '/usr/bin/python3';

function torchRace(config: ReturnType<typeof configFor>): TorchTiming | null {
  const shared = prepareMlp(config);
  const b = shared.batches!;
  const request = {
    x: Array.from({ length: shared.data.n }, (_, i) => [shared.data.x[2 * i], shared.data.x[2 * i + 1]]),
    t: Array.from(shared.data.t),
    order: Array.from(b.order),
    start: Array.from(b.start),
    size: Array.from(b.size),
    init: Array.from(shared.theta0),
    steps: config.steps,
    stride: config.stride,
    ctors: config.optimizers.map((o) => optimizerExpression(o, 'params')),
  };
  const py = spawnSync(python, ['-c', DRIVER], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (py.status === 0) return JSON.parse(py.stdout) as TorchTiming;
  console.error(`torch did not run (${python}): ${py.stderr.trim().split('\n').pop()}`);
  return null;
}

const variants = [
  { name: 'training, loss and accuracy at the start and the end (stride 2000)', stride: STEPS },
  { name: 'training, loss and accuracy on all 200 points at every step (stride 1)', stride: 1 },
];
const rows = variants.map((v) => {
  const config = configFor(v.stride);
  runMlp({ ...config, steps: 200, stride: Math.min(config.stride, 200) }); // warm-up
  let result = runMlp(config);
  const engine = best(3, () => void (result = runMlp(config)));
  const torch = torchRace(config);
  const finals = result.runs.map((r) => r.loss[r.loss.length - 1]);
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify([finals, torch?.finals]));
  const agree = torch ? Math.max(...finals.map((f, i) => Math.abs(f - torch.finals[i]))) : null;
  return {
    variant: v.name,
    engineSeconds: engine.wall,
    engineCpuSeconds: engine.cpu,
    torchSeconds: torch?.seconds ?? null,
    torchCpuSeconds: torch?.cpu ?? null,
    speedup: torch ? torch.seconds / engine.wall : null,
    cpuSpeedup: torch ? torch.cpu / engine.cpu : null,
    finalLossDifference: agree,
    torch: torch ? `torch ${torch.torch}, ${torch.threads} thread, CPU` : null,
    result,
    config,
  };
});

// The 41 × 41 plane grid of the stride-1 race (its plane spans every step of every racer).
const last = rows[rows.length - 1];
const shared = prepareMlp(last.config);
planeGrid(shared, last.result.plane, last.result.runs, 11); // warm-up
const grid = best(3, () => void planeGrid(shared, last.result.plane, last.result.runs, 41));

const out = {
  task: `6 racers × ${STEPS} steps, 2-16-16-1 tanh (${shared.net.size} parameters), batch 32, 200 points (spiral)`,
  rows: rows.map(({ result: _r, config: _c, ...row }) => row),
  gridSeconds41: grid.wall,
  gridCpuSeconds41: grid.cpu,
};
if (json) {
  console.log(JSON.stringify(out));
} else {
  console.log(out.task);
  for (const r of out.rows) {
    console.log(`  ${r.variant}`);
    console.log(`    engine  ${r.engineSeconds.toFixed(3)} s (CPU ${r.engineCpuSeconds.toFixed(3)} s)`);
    if (r.torchSeconds !== null) {
      console.log(`    torch   ${r.torchSeconds.toFixed(3)} s (CPU ${r.torchCpuSeconds!.toFixed(3)} s; ${r.torch})`);
      console.log(`    engine faster by ${r.speedup!.toFixed(1)}× (CPU time: ${r.cpuSpeedup!.toFixed(1)}×); final losses agree to ${r.finalLossDifference!.toExponential(1)}`);
    }
  }
  console.log(`41 × 41 plane grid (1681 full-data losses): ${grid.wall.toFixed(3)} s (CPU ${grid.cpu.toFixed(3)} s)`);
}
