/**
 * The headless runner as a function (CONTRACT.md §3), so that tests can drive it in one process:
 *
 *   run --config FILE     FILE is JSON, or - for standard input
 *   run --url URL         a share link of the app, or just its query string
 *
 * Exit status 0: one JSON object was written to `io.write`, in chunks. Status 2: bad input (a
 * config, a link, the arguments); exactly one line went to `io.error`, naming the field. Status 1
 * is a fault of Descent itself (also one line, worded as such); the fuzz test holds it never happens.
 */
import { ConfigError, normalizeConfig } from '../engine';
import { oneLine, parseConfigText } from './input';
import { writeRunJson } from '../export/result';
import { configFromUrl } from './url';
import { isMlpRaw, mlpResultToJson, normalizeMlpConfig, runMlp } from '../engine/mlp';
import { isNetworkLink, networkConfigFromLink } from '../share/network-link';

export const USAGE = `usage: npm run --silent cli -- run --config FILE|-
       npm run --silent cli -- run --url URL`;

export interface CliIo {
  /** The text of a file, or of standard input for '-'. Throws (any error) when it cannot be read. */
  read(file: string): string;
  /** A chunk of standard output. May throw OutputClosed when the reader went away. */
  write(chunk: string): void;
  /** One line of standard error, without its newline. */
  error(line: string): void;
}

/** Thrown by `CliIo.write` when standard output is closed (e.g. `| head`): the run stops quietly. */
export class OutputClosed extends Error {}

/** Exit status when the reader of standard output went away, as a shell reports a SIGPIPE. */
export const EXIT_OUTPUT_CLOSED = 141;

class UsageError extends Error {}

interface Args {
  help?: true;
  config?: string;
  url?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h') return { help: true };
  if (cmd !== 'run') throw new UsageError(cmd ? `unknown command ${JSON.stringify(cmd)}` : 'missing command "run"');
  const out: Args = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const [flag, inline] = eq >= 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (flag !== '--config' && flag !== '--url') throw new UsageError(`unknown option ${JSON.stringify(a)}`);
    const value = inline ?? rest[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    out[flag === '--config' ? 'config' : 'url'] = value;
  }
  if ((out.config === undefined) === (out.url === undefined)) {
    throw new UsageError('give exactly one of --config FILE and --url URL');
  }
  return out;
}

function readConfig(io: CliIo, file: string): unknown {
  const source = file === '-' ? 'standard input' : JSON.stringify(file);
  let text: string;
  try {
    text = io.read(file);
  } catch (e) {
    throw new ConfigError('--config', `cannot read ${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseConfigText(text, source);
}

/** Runs the CLI; returns its exit status. Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const fail = (line: string, status: number) => {
    io.error(oneLine(`descent: ${line}`));
    return status;
  };
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.write(USAGE + '\n');
      return 0;
    }
    const raw =
      args.url === undefined ? readConfig(io, args.config!) : isNetworkLink(args.url) ? networkConfigFromLink(args.url) : null;
    if (isMlpRaw(raw)) {
      // The network surface (CONTRACT §6) has its own config and output, written in chunks.
      const text = mlpResultToJson(runMlp(normalizeMlpConfig(raw)));
      for (let i = 0; i < text.length; i += 1 << 16) io.write(text.slice(i, i + (1 << 16)));
      io.write('\n');
      return 0;
    }
    const config = args.url !== undefined ? configFromUrl(args.url) : normalizeConfig(raw);
    writeRunJson(config, io.write);
    io.write('\n');
    return 0;
  } catch (e) {
    if (e instanceof OutputClosed) return EXIT_OUTPUT_CLOSED;
    if (e instanceof UsageError) return fail(`${e.message} (see npm run --silent cli -- --help)`, 2);
    if (e instanceof ConfigError) return fail(`invalid config: ${oneLine(e.field, 80)}: ${e.problem}`, 2);
    // Not the input's fault: a bug in Descent, or the machine ran out of something.
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const hint = e instanceof RangeError && /memory|allocation|length/i.test(e.message) ? ' (out of memory: fewer steps or a larger stride)' : '';
    return fail(`internal error, not a problem with the config: ${what}${hint}`, 1);
  }
}
