/**
 * English UI strings: flat dictionaries, the single source of every word the UI shows.
 * Placeholders are `{name}`; `t('legend.diverged', { step: 12, reason: '…' })`.
 * A translation is another object of the same type (`Dict`).
 *
 * This file holds the words the page can show before any lazy chunk has loaded (it is in the first
 * chunk, issue 17); ./en-more.ts holds those only lazily loaded parts show, and arrives with them.
 */
import { EXPR_MESSAGES } from '../math/expr/parse';
import type { enMore } from './en-more';

export const en = {
  // The formula parser's messages (src/math/expr/parse.ts holds the English, for the CLI too).
  ...EXPR_MESSAGES,
  'app.title': 'Descent',
  'app.tagline': 'Optimizers racing over loss surfaces, stepped as PyTorch steps them',
  'app.theme.light': 'Light theme',
  'app.theme.dark': 'Dark theme',
  'app.loading': 'Computing…',
  'app.error': 'Invalid setting: {message}',
  'fault.start': 'The computing engine could not start.',
  'fault.crash': 'The computing engine stopped unexpectedly.',
  'fault.timeout': 'The computing engine stopped answering.',
  'fault.unreadable': 'A reply from the computing engine could not be read.',
  'fault.internal': 'An internal error stopped this computation.',
  'fault.grid': 'The contour map could not be computed.',
  'fault.blame': 'This is a fault in Descent, not in your settings. Details are in the browser console.',
  'fault.retry': 'Retry',
  'app.skip': 'Skip to controls',

  'playback.label': 'Playback',
  'playback.play': 'Play',
  'playback.pause': 'Pause',
  'playback.step': 'Step one',
  'playback.reset': 'Reset',
  'playback.speed': 'Speed (steps/s)',
  'playback.step.counter': 'Step',
  'playback.timeline': 'Current step',

  'plot.label': 'Contour plot of the loss surface; click or drag to move the start point',
  'plot.colorbar': 'Loss',
  'plot.colorbar.log': 'Loss (log-spaced levels)',
  'plot.marker.min': 'global minimum',
  'plot.marker.localMin': 'local minimum',
  'plot.marker.saddle': 'saddle point',
  'plot.marker.start': 'start',
  'plot.marker.noL2': '(of f without l2)',
  'plot.marker.numerical': '(found numerically)',
  'plot.hint': 'Click or drag to move the start',
  'plot.ghosts': 'Faint lines: each racer’s whole path',
  'plot.clipped': 'Tick across a path: clipping changed the gradient of that step',
  'layout.panels.hide': 'Hide panels',
  'layout.panels.show': 'Show panels',
  'present.enter': 'Present',
  'layout.resize': 'Width of the side panels',
  'layout.resize.hint': 'Drag, or use the arrow keys',

  'legend.label': 'Legend',
  'legend.diverged': 'diverged at step {step}: {reason}',
  'legend.loss': 'loss',
  'legend.lossAtStep': 'loss now',
  'legend.saddleFree': 'saddle-free',
  'legend.schedule.step': 'step decay',
  'legend.schedule.multistep': 'milestones',
  'legend.schedule.exponential': 'exponential decay',
  'legend.schedule.cosine': 'cosine',
  'legend.schedule.linear': 'warm-up',
  'legend.schedule.onecycle': 'one cycle',
  'legend.schedule.sequential': 'sequential',
  'legend.clipNorm': 'clip ‖g‖ ≤ {c}',
  'legend.clipValue': 'clip |gᵢ| ≤ {c}',
  'legend.ema': 'average d = {d}',
  'legend.batch': 'batch {b}',
  'legend.on': 'on',
  'legend.off': 'off',
  'empty.title': 'No racers on the track',
  'empty.text': 'Add an optimizer to start the race; its learning rate is chosen to suit this surface.',
  'empty.add': 'Add a racer (Adam)',
  'legend.hidden': 'hidden',

  'loss.title': 'Loss vs step',

  'data.title': 'Data and model',

  'surface.section': 'Surface',
  'surface.picker': 'Loss surface',
  'surface.kind.analytic': 'analytic',
  'surface.kind.data': 'data',
  'surface.kind.custom': 'your own',
  'surfaceName.custom': 'Your function',
  'surface.l2': 'L2 regularisation λ',
  'surface.noise': 'Gradient noise σ (simulated)',
  'surface.batch': 'Batch size',
  'surface.batch.simulated': 'Batch size B (scales the simulated noise σ/√B)',
  'surface.batch.full': 'full batch',
  'surface.batch.of': 'of {n}',
  'surface.seed': 'Seed',
  'surface.steps': 'Steps',
  'surface.start.x': 'Start {axis}',

  'racers.section': 'Racers',
  'racers.add': 'Add racer',
  'racers.optimizer': 'Optimizer',
  'racers.color': 'Colour',
  'racers.visible': 'Show',
  'racers.duplicate': 'Duplicate',
  'racers.remove': 'Remove',
  'racers.more': 'More settings',
  'racers.name': 'Racer {n}: {label}',
  'recipe.section': 'Recipe: schedule, clipping, EMA, batch size',
  'recipe.loading': 'Loading the recipe controls…',

  'slider.value': '{label} (value)',
  'slider.invalid': '{label}: enter a number in {range}',

  'color.orange': 'orange',
  'color.skyblue': 'sky blue',
  'color.green': 'bluish green',
  'color.vermillion': 'vermillion',
  'color.blue': 'blue',
  'color.purple': 'reddish purple',
  'color.yellow': 'yellow',
  'color.black': 'black',

  'param.kappa': 'condition number κ',
  'param.angle': 'angle (°)',

  // Share links, presets, exports (issue 4 and 7) -------------------------------------------

  'share.open': 'Share',
  'share.notice.color': 'colour {color} is not in the palette — using the nearest, {name} ({hex})',
  'share.notice.failed': 'could not be applied ({reason}) — using the default scene',

  'notice.title': 'Some settings in this link could not be used',
  'notice.dismiss': 'Dismiss',

  'embed.open': 'Open in Descent',

  'presets.open': 'Presets',
  'presets.note.more': 'More',
  'presets.note.less': 'Less',
  'presets.next': 'Try this next:',
  'presets.note.close': 'Close the preset’s note',

  'export.open': 'Export',

  // Explanations, overlay, Learn, language, translated names (issue 6) -----------------------
  'app.learn': 'Learn',
  'app.language': 'Language',

  'legend.lr': 'lr',
  'legend.explain': 'Explain this racer',

  'surfaceName.quadratic': 'Quadratic bowl',
  'surfaceName.rosenbrock': 'Rosenbrock',
  'surfaceName.beale': 'Beale',
  'surfaceName.himmelblau': 'Himmelblau',
  'surfaceName.saddle': 'Saddle',
  'surfaceName.rastrigin': 'Rastrigin',
  'surfaceName.camel': 'Six-hump camel',
  'surfaceName.sharpflat': 'Sharp and flat minima',
  'surfaceName.linreg': 'Linear regression',
  'surfaceName.logreg': 'Logistic regression',
  'surfaceName.tinynet': 'Tiny network',
  'param.kappa.help': 'Ratio of the steepest to the shallowest curvature: the larger, the narrower the valley.',
  'param.angle.help': 'Rotates the bowl; at 0 the valley is aligned with the axes, which favours per-coordinate methods.',

  'reason.loss': 'the loss became non-finite ({value})',
  'reason.params': 'the parameters became non-finite ({point})',
  'reason.bounds': 'the parameters left the bounds |x|, |y| ≤ 1e6 at ({point})',
  'reason.singular': 'singular Newton system: det(H + δI) = {det} at ({point})',

  'explain.title': 'Why it moves',
  'explain.racer': 'Explain',
  'explain.choose': 'choose a racer',
  'explain.hint': 'Choose a racer here or click its name in the legend: this panel then shows its update rule and the numbers of the current step, and the plot shows its arrows.',
  'explain.overlay': 'Arrows on the plot',
  'explain.loading': 'Loading the formula…',
  'explain.close': 'Stop explaining',

  'overlay.title': 'Step {t} of {name}',
  'overlay.grad': 'gradient step',
  'overlay.velocity': 'momentum carried',
  'overlay.moment': 'first-moment step',
  'overlay.decay': 'weight decay',
  'overlay.gradPart': 'gradient part',
  'overlay.momentumPart': 'momentum part',
  'overlay.newton': 'Newton step (taken)',
  'overlay.step': 'step taken',
  'overlay.direction': 'search direction γ·d',
  'overlay.trial': 'points the closure evaluated',
  'overlay.perturb': 'perturbation e (uphill)',
  'overlay.perturbedGrad': 'gradient step at θ + e',
  'overlay.zPoint': 'z (base sequence)',
  'overlay.yPoint': 'y (gradient point)',
  'overlay.components': 'per coordinate',
  'overlay.scaled': 'arrows drawn ×{k}',
  'overlay.cut': 'two bars at an end: the arrow goes on past the plot',
  'overlay.gradRaw': 'gradient step before clipping',
  'overlay.gradClipped': 'gradient step after clipping',

  'learn.title': 'Learn: the ideas behind the race',

  'sweep.title': 'Sweep: map a racer’s settings',
  'sweep.open': 'Open the sweep',
  'sweep.close': 'Close the sweep',

  'net.open': 'Network',
  'net.back': 'Back to the surfaces',
  'net.title': 'A real network',
  'net.loading': 'Loading the Network view…',
} as const;

/** Every interface word's key: the first chunk's (en) and the lazy chunks' (en-more). */
export type MessageKey = keyof typeof en | keyof typeof enMore;
export type Dict = { readonly [K in MessageKey]: string };
