/**
 * The CLI's input, read defensively: a config file is untrusted text. Whatever it holds, the
 * result is a value or a ConfigError whose message fits on one line (`oneLine`): JSON that does
 * not parse, that is nested deeper than any config (`MAX_DEPTH`), or that is far larger than one.
 */
import { ConfigError } from '../engine';

/** The deepest nesting of objects and lists a config needs is 7 levels; anything past this is refused. */
export const MAX_DEPTH = 32;
/** A config is a few hundred bytes; longer input is refused before it is parsed. */
export const MAX_INPUT_CHARS = 1_000_000;
/** The longest line the CLI writes to standard error. */
export const MAX_LINE = 400;

// Control characters (newlines included), bidirectional overrides, line/paragraph separators, BOM.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** `s` as one printable line: control characters escaped as \n, \u001b, …; at most `max` characters. */
export function oneLine(s: string, max = MAX_LINE): string {
  const flat = s.replace(CONTROL_RE, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (flat.length <= max) return flat;
  // Do not cut a surrogate pair in two.
  let cut = max - 1;
  const code = flat.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return flat.slice(0, cut) + '…';
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: pos - start + 1 };
}

/**
 * JSON.parse's complaint, without the input it quotes (V8 writes `Unexpected token '/', "// c\n{}"
 * is not valid JSON`: raw text, newlines and all) and with a line and column where it gives a position.
 */
export function describeJsonError(text: string, e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  msg = msg.replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON\s*$/, '');
  const at = /\bat position (\d+)/.exec(msg);
  if (at) {
    const { line, column } = lineColumn(text, Number(at[1]));
    msg = msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\bat position \d+/, `at line ${line}, column ${column}`);
  }
  if (/^\s*(\/\/|\/\*)/.test(text)) msg += ' (JSON has no comments)';
  return msg;
}

/** Where a path of keys points, in the CLI's field syntax: `optimizers[0].lr`. */
function fieldOf(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + (/^[A-Za-z_$][\w$]*$/.test(p) ? p : JSON.stringify(p.length > 40 ? p.slice(0, 40) + '…' : p));
  }
  return out || 'config';
}

/**
 * Throws a ConfigError naming the first place where `value` nests objects and lists deeper than
 * `max` levels. Iterative (a stack of its own), so no depth can overflow the call stack.
 */
export function checkDepth(value: unknown, max = MAX_DEPTH): void {
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [{ v: value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) {
      // Name the field that holds the nest (`optimizers[0].lr`), not the 32 indices into it.
      let end = path.length;
      while (end > 0 && typeof path[end - 1] === 'number') end--;
      const field = fieldOf(path.slice(0, Math.min(end, 8))) + (end > 8 ? '…' : '');
      throw new ConfigError(field, `is nested deeper than ${max} levels of lists and objects; no config field is`);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], depth: depth + 1, path: [...path, i] });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const c = (v as Record<string, unknown>)[keys[i]];
        if (typeof c === 'object' && c !== null) stack.push({ v: c, depth: depth + 1, path: [...path, keys[i]] });
      }
    }
  }
}

/** Parses config text: a value no deeper than MAX_DEPTH, or a ConfigError on `--config`. */
export function parseConfigText(text: string, source: string): unknown {
  if (text.length > MAX_INPUT_CHARS) {
    throw new ConfigError('--config', `${source} holds ${text.length} characters; a config is at most ${MAX_INPUT_CHARS}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('--config', `${source} is not valid JSON: ${describeJsonError(text, e)}`);
  }
  checkDepth(value);
  return value;
}
