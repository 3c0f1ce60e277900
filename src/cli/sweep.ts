/**
 * `sweep` (CONTRACT.md §7):
 *
 *   npm run --silent cli -- sweep --config FILE|-  [--workers N]
 *
 * Prints one JSON object, row by row: {"x": [...], "y": [...], "loss": [[...]], "divergedAt": [[...]], "elapsedMs"}.
 * The grid is split across worker threads (default: one per core, as os.availableParallelism(),
 * for grids of 20 M steps or more; smaller grids run on the main thread; `--workers N` chooses, 0
 * being the main thread). A bad config exits 2 with one line naming the field.
 */
import { availableParallelism } from 'node:os';
import { ConfigError } from '../engine';
import { cellCount, normalizeSweep, sweep, sweepToObject, type SweepConfig, type SweepResult } from '../engine/sweep';
import { EXIT_OUTPUT_CLOSED, OutputClosed, type CliIo } from './cli';
import { oneLine, parseConfigText } from './input';
import { nodeSweepPool } from './sweep-pool';

export const SWEEP_USAGE = 'usage: npm run --silent cli -- sweep --config FILE|- [--workers N]';

/**
 * Below this many optimizer steps a grid is computed on the main thread: starting a worker thread
 * under tsx takes 150–700 ms here, longer than such a grid takes on one core (22 M Adam steps/s).
 */
export const THREADS_FROM_STEPS = 20_000_000;

/**
 * Runs the grid on `workers` threads (0: this one). `elapsedMs` is the computing time: it starts
 * once the threads have loaded.
 */
export async function runSweep(config: SweepConfig, workers: number): Promise<SweepResult> {
  if (workers <= 0) return sweep(config);
  const pool = nodeSweepPool(workers);
  try {
    await pool.ready;
    return await pool.run(config).done;
  } finally {
    await pool.dispose();
  }
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): { file: string; workers: number | undefined } {
  let file: string | undefined;
  let workers: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const flag = eq < 0 ? a : a.slice(0, eq);
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (flag !== '--config' && flag !== '--workers') throw new UsageError(`unknown option ${JSON.stringify(a)}`);
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === '--config') file = value;
    else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 256) throw new UsageError(`--workers must be a whole number from 0 to 256 (got ${JSON.stringify(value)})`);
      workers = n;
    }
  }
  if (file === undefined) throw new UsageError('sweep needs --config FILE');
  return { file, workers };
}

/**
 * §7's output, written row by row (a 1024 × 1024 grid is tens of megabytes of JSON): the same
 * object as `sweepToObject`, with `loss` and `divergedAt` streamed.
 */
export function writeSweepJson(s: SweepConfig, r: SweepResult, write: (chunk: string) => void): void {
  const { loss, divergedAt, ...head } = sweepToObject(s, r) as { loss: unknown[][]; divergedAt: unknown[][] } & Record<string, unknown>;
  const rows = (name: string, list: unknown[][]) => {
    write(`,${JSON.stringify(name)}:[`);
    list.forEach((row, j) => write((j ? ',' : '') + JSON.stringify(row)));
    write(']');
  };
  const { elapsedMs, ...rest } = head;
  write(JSON.stringify(rest).slice(0, -1));
  rows('loss', loss);
  rows('divergedAt', divergedAt);
  write(`,"elapsedMs":${JSON.stringify(elapsedMs)}}`);
}

/** The sweep command; returns its exit status (2 naming the field for bad input). */
export async function sweepMain(args: readonly string[], io: CliIo): Promise<number> {
  const fail = (line: string, status: number) => {
    io.error(oneLine(`descent: ${line}`));
    return status;
  };
  try {
    const { file, workers } = parseArgs(args);
    const source = file === '-' ? 'standard input' : JSON.stringify(file);
    let text: string;
    try {
      text = io.read(file);
    } catch (e) {
      throw new ConfigError('--config', `cannot read ${source}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const config = normalizeSweep(parseConfigText(text, source));
    const steps = cellCount(config) * config.base.steps;
    const result = await runSweep(config, workers ?? (steps >= THREADS_FROM_STEPS ? availableParallelism() : 0));
    writeSweepJson(config, result, io.write);
    io.write('\n');
    return 0;
  } catch (e) {
    if (e instanceof OutputClosed) return EXIT_OUTPUT_CLOSED;
    if (e instanceof UsageError) return fail(`${e.message} (${SWEEP_USAGE})`, 2);
    if (e instanceof ConfigError) return fail(`invalid config: ${oneLine(e.field, 80)}: ${e.problem}`, 2);
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return fail(`internal error, not a problem with the config: ${what}`, 1);
  }
}
