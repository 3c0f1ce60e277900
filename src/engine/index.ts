/** The engine: config normalisation and the deterministic runner, shared by the worker and the CLI. */
export { normalizeConfig, normalizeSurface, defaultConfig, ConfigError, LIMITS, DEFAULTS } from './config';
export { runComparison, runOne, makeBatches, makeNoise, type RunOptions } from './run';
export { Rng } from './rng';
export { faultText, type RunFault, type RunFaultCode } from './faults';
export type * from './types';
export { traceRacer, type Trace } from './trace';
