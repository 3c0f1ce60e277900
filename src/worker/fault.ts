/**
 * Faults of the engine itself — never of the user's settings (those are ConfigErrors, answered by
 * a reply with `ok: false` and a field). Tiny and engine-free: the main thread imports it.
 *
 * - `start`: the worker never came up (its script failed to load, or threw while loading);
 * - `crash`: it stopped after it had answered (an uncaught error, or it was killed);
 * - `timeout`: it did not answer in time (stuck, or dead without a word): it is then stopped;
 * - `unreadable`: a message from it could not be deserialised;
 * - `internal`: a computation threw inside it (a bug); the worker itself still works.
 *
 * `fatal` faults leave the worker unusable: the page starts a new one.
 */
export type FaultKind = 'start' | 'crash' | 'timeout' | 'unreadable' | 'internal';

export class EngineFault extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
    /** Where it came from, for the console: an ErrorEvent, an Error with its stack, … */
    readonly detail: unknown = null,
  ) {
    super(message);
    this.name = 'EngineFault';
  }

  get fatal(): boolean {
    return this.kind !== 'internal';
  }
}

/** Any rejection of an engine call, as a fault (an unknown one is an internal fault). */
export function asFault(e: unknown): EngineFault {
  if (e instanceof EngineFault) return e;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new EngineFault('internal', message, e);
}
