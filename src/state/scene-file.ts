/**
 * Save/Open scene (issue 16): the whole scene as one JSON file — the run config (surface with
 * its parameters and a data set of one's own, l2, noise, every racer's hyperparameters, start,
 * steps, batch size, seed, stride), each racer's colour, marker and visibility, the step shown
 * and the speed. What a link cannot carry (a data set too large for it) a file does.
 *
 *   {"descent": "scene", "version": 1, "config": {...}, "racers": [{"color": "orange",
 *    "shape": "circle", "visible": true}, ...], "step": 0, "speed": 60}
 *
 * Reading checks everything, the config as the CLI does (normalizeConfig), and throws a
 * ConfigError naming the first bad field (`racers[1].color`, `config.surface.data.x[3]`).
 */
import { ConfigError, normalizeConfig } from '../engine/config';
import { show } from '../optim/errors';
import { PALETTE, SHAPES, type PaletteKey, type Shape } from '../plot/palette';
import { SPEED_MAX, SPEED_MIN, STEPS_MAX, runConfig, sceneFromConfig, type AppState, type Racer, type SceneSlice } from './app';

export const SCENE_FILE_VERSION = 1;
/** Longer files are refused before they are parsed (10,000 rows of data take about 0.6 MB). */
export const MAX_SCENE_FILE_CHARS = 8_000_000;

export interface SceneFile {
  scene: SceneSlice;
  racers: Racer[];
  step: number;
  speed: number;
}

/** JSON writes −0 as 0; it reads `-0` back as −0, so the file keeps it through this token. */
const NEG_ZERO = '\u0000-0\u0000';

/** The scene file of a state (compact JSON, one line and a newline). Every number reads back as the same double. */
export function sceneToFile(state: Pick<AppState, 'scene' | 'racers' | 'playback'>): string {
  const config = runConfig(state);
  const text = JSON.stringify(
    {
      descent: 'scene',
      version: SCENE_FILE_VERSION,
      config,
      racers: state.racers.map((r) => ({ color: r.color, shape: r.shape, visible: r.visible })),
      step: state.playback.step,
      speed: state.playback.speed,
    },
    (_key, v: unknown) => (Object.is(v, -0) ? NEG_ZERO : v),
  );
  // The token is JSON-escaped as "\u0000-0\u0000", which no string of a config can be (control characters are refused).
  return text.split(JSON.stringify(NEG_ZERO)).join('-0') + '\n';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function prefixed(e: unknown, prefix: string): never {
  if (e instanceof ConfigError) throw new ConfigError(e.field === 'config' ? prefix : `${prefix}.${e.field}`, e.problem);
  throw e;
}

/** Reads a scene file; throws a ConfigError naming the first bad field. */
export function sceneFromFile(text: string): SceneFile {
  if (typeof text !== 'string' || text.trim() === '') throw new ConfigError('file', 'is empty');
  if (text.length > MAX_SCENE_FILE_CHARS) throw new ConfigError('file', `is ${text.length.toLocaleString('en-US')} characters long; at most ${MAX_SCENE_FILE_CHARS.toLocaleString('en-US')}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('file', `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(raw) || raw.descent !== 'scene') throw new ConfigError('file', 'is not a Descent scene: it lacks "descent": "scene" (a scene is saved by Save scene)');
  for (const k of Object.keys(raw)) {
    if (!['descent', 'version', 'config', 'racers', 'step', 'speed'].includes(k)) throw new ConfigError(k, 'unknown field; expected descent, version, config, racers, step, speed');
  }
  if (raw.version !== SCENE_FILE_VERSION) throw new ConfigError('version', `this page reads scene files of version ${SCENE_FILE_VERSION} (got ${show(raw.version)})`);
  let config;
  try {
    config = normalizeConfig(raw.config);
  } catch (e) {
    prefixed(e, 'config');
  }
  if (config.steps > STEPS_MAX) throw new ConfigError('config.steps', `must be ≤ ${STEPS_MAX} in a scene file, the most steps the page draws (got ${config.steps})`);
  const looks = raw.racers === undefined ? [] : raw.racers;
  if (!Array.isArray(looks) || looks.length !== config.optimizers.length) {
    throw new ConfigError('racers', `must be a list of ${config.optimizers.length} entries, one per optimizer (got ${show(looks)})`);
  }
  const racers: Racer[] = config.optimizers.map((optimizer, i) => {
    const l: unknown = looks[i];
    const at = `racers[${i}]`;
    if (!isRecord(l)) throw new ConfigError(at, `must be an object like {"color": "orange", "shape": "circle", "visible": true} (got ${show(l)})`);
    for (const k of Object.keys(l)) if (!['color', 'shape', 'visible'].includes(k)) throw new ConfigError(`${at}.${k}`, 'unknown field; expected color, shape, visible');
    const color = PALETTE.find((p) => p.key === l.color)?.key;
    if (!color) throw new ConfigError(`${at}.color`, `must be one of ${PALETTE.map((p) => p.key).join(', ')} (got ${show(l.color)})`);
    const shape = SHAPES.find((s) => s === l.shape);
    if (!shape) throw new ConfigError(`${at}.shape`, `must be one of ${SHAPES.join(', ')} (got ${show(l.shape)})`);
    if (typeof l.visible !== 'boolean') throw new ConfigError(`${at}.visible`, `must be true or false (got ${show(l.visible)})`);
    return { id: i + 1, optimizer, color: color as PaletteKey, shape: shape as Shape, visible: l.visible };
  });
  const step = raw.step === undefined ? 0 : raw.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > config.steps) {
    throw new ConfigError('step', `must be a whole number from 0 to ${config.steps} (got ${show(step)})`);
  }
  const speed = raw.speed === undefined ? 60 : raw.speed;
  if (typeof speed !== 'number' || !(speed >= SPEED_MIN && speed <= SPEED_MAX)) {
    throw new ConfigError('speed', `must be from ${SPEED_MIN} to ${SPEED_MAX} steps per second (got ${show(speed)})`);
  }
  return { scene: sceneFromConfig(config), racers, step, speed };
}
