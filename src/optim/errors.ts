/** A config field that is missing, malformed or out of range. `field` names it, e.g. `optimizers[1].lr`. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Short, exact rendering of a bad value for an error message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'nothing';
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 60) + '…' : s;
  } catch {
    // Too deeply nested (or cyclic) to print: String(v) would overflow the stack the same way.
    return Array.isArray(v) ? `a list of ${v.length}` : `a ${typeof v}`;
  }
}
