/**
 * The headless runner (CONTRACT.md §3):
 *
 *   npm run --silent cli -- run --config FILE     FILE is JSON, or - for standard input
 *   npm run --silent cli -- run --url URL         a share link of the app, or just its query string
 *
 * Prints one JSON object on standard output. A bad config or URL exits with status 2 and one
 * line on standard error naming the field.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, normalizeConfig, runComparison } from '../engine';
import { resultToJson } from '../export/result';
import { configFromUrl } from './url';

const USAGE = `usage: npm run --silent cli -- run --config FILE|-
       npm run --silent cli -- run --url URL`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { config?: string; url?: string } {
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h') {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  if (cmd !== 'run') throw new UsageError(cmd ? `unknown command ${JSON.stringify(cmd)}` : 'missing command "run"');
  const out: { config?: string; url?: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
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

function readConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new ConfigError('--config', `cannot read ${file === '-' ? 'standard input' : JSON.stringify(file)}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError('--config', `${file === '-' ? 'standard input' : file} is not valid JSON: ${(e as Error).message}`);
  }
}

function main(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    const config = args.url !== undefined ? configFromUrl(args.url) : normalizeConfig(readConfig(args.config!));
    const result = runComparison(config);
    process.stdout.write(resultToJson(result) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`descent: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`descent: invalid config: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
